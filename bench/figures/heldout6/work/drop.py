"""Remove from a batch file the paragraph whose text starts with the given prefix (dropped for overlap)."""
import sys
path, prefix = sys.argv[1], sys.argv[2]
blocks = open(path, encoding="utf-8").read().split("\n@ ")
keep = [b for i, b in enumerate(blocks) if not (b.split("\n", 1)[1].startswith(prefix) if "\n" in b else False)]
print(len(blocks) - len(keep), "dropped")
open(path, "w", encoding="utf-8").write("\n@ ".join(keep))
