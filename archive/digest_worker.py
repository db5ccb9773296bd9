"""A hashing helper process (see file_digests.py): reads batches of file paths, one a line, each batch ended by
an empty line; answers each path with its SHA-256 in hex, or "-" when it cannot be read, and flushes after a
batch. Standard library only: run as `python -I -S digest_worker.py`."""

import hashlib
import sys


def main() -> None:
    answers = sys.stdout.buffer
    for line in sys.stdin.buffer:
        path = line.rstrip(b"\n")
        if not path:
            answers.flush()
            continue
        try:
            with open(path, "rb") as blob:
                answers.write(hashlib.file_digest(blob, "sha256").hexdigest().encode("ascii") + b"\n")
        except (OSError, ValueError):
            answers.write(b"-\n")


if __name__ == "__main__":
    main()
