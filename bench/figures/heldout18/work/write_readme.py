"""Write heldout18/README.md from work/readme_head.md and the tables of work/tables.py (nothing typed by hand)."""

import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent
REPO = WORK.parents[3]


def sources_list() -> str:
    import tables  # noqa: E402  (work/ is on the path when run as a script)
    lines = []
    by_lang: dict[str, list[str]] = {}
    for line in tables.sources_table().splitlines()[2:]:
        _, lang, source, paragraphs, figures, _ = (cell.strip() for cell in line.split("|"))
        by_lang.setdefault(lang, []).append(f"{source} ({paragraphs} ¶, {figures} figures)")
    for lang in sorted(by_lang):
        lines.append(f"- **{lang}**: " + "; ".join(by_lang[lang]))
    return "\n".join(lines)


def main() -> None:
    sys.path.insert(0, str(WORK))
    import tables
    check = subprocess.run([sys.executable, "bench/figures/check_heldout.py", "heldout18"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip().splitlines()
    summary_line = next(line for line in check if line.startswith(tuple("0123456789")))
    text = (WORK / "readme_head.md").read_text(encoding="utf-8")
    text = (text.replace("SUMMARY", tables.summary()).replace("TABLE", tables.language_table())
            .replace("UNITS", tables.units_line()).replace("SOURCES", sources_list())
            .replace("CHECKLINE", f'"{summary_line}".'))
    (WORK.parent / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
