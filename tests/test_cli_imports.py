"""The read commands start quickly: they never import the ingest machinery, the web stack or sqlite-utils.

Each command runs in a fresh interpreter (click's main, in-process, standalone_mode=False) that then lists
what it imported. Nothing is timed: bench/bench_cli.py measures the time, this holds the property.
"""

import json
import subprocess
import sys

import pytest

# Loaded only to capture a source (extraction, charset and language detection, front matter), to serve the
# web front end, or to migrate the catalog's schema.
NOT_FOR_READS = ("trafilatura", "pdfplumber", "pdfminer", "lxml", "charset_normalizer", "py3langid", "yaml",
                 "ingest.pipeline", "ingest.workers", "flask", "waitress", "sqlite_utils", "PIL", "pypdfium2",
                 "ingest.tesseract")
MARK = "IMPORTED-MODULES:"
READ_COMMANDS = [["search", "drone"], ["search", "$1.23 million", "--json"], ["show", "1"], ["show", "1", "--json"],
                 ["claim", "show", "1"], ["claim", "show", "1", "--json"], ["claim", "list"]]


def _modules_after(code: str) -> set[str]:
    """Run Python code in a fresh interpreter; return the names of the modules it had imported at its end."""
    listing = f"import json, sys\nprint({MARK!r} + json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", f"{code}\n{listing}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith(MARK))
    return set(json.loads(line[len(MARK):]))


@pytest.fixture(scope="module")
def cited_home(tmp_path_factory):
    """An archive home with one capture and one claim citing it, made (and migrated) by another process."""
    home = tmp_path_factory.mktemp("reads") / "home"
    source = home.parent / "report.txt"
    source.write_text("Customs report\n\nKazakhstan exported $1.23 million of drones to Russia in 2022.\n")
    evidence = [sys.executable, "-c", "from app import cli; cli(prog_name='evidence')", "--home", str(home)]
    for args in (["ingest", str(source)], ["claim", "add", "Kazakhstan exported $1.23 million of drones"],
                 ["claim", "cite", "1", "1", "Kazakhstan exported $1.23 million of drones"]):
        done = subprocess.run([*evidence, *args], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    return home


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_commands_import_no_ingest_machinery(cited_home, args):
    call = json.dumps(["--home", str(cited_home), *args])
    imported = _modules_after(f"from app import cli\ncli({call}, prog_name='evidence', standalone_mode=False)")
    assert "archive.archive" in imported  # the command did open the archive
    assert not imported & set(NOT_FOR_READS), sorted(imported & set(NOT_FOR_READS))


def test_the_names_checked_are_what_capturing_and_serving_import(tmp_path):
    # Without this, a misspelt or renamed module would make the test above pass without checking anything.
    config = {"SECRET_KEY": "test", "EVIDENCE_HOME": str(tmp_path / "home")}
    imported = _modules_after(f"import ingest.workers, app\napp.create_app({config!r})\n"
                              "from archive.catalog import schema_migrations\nschema_migrations()")
    assert set(NOT_FOR_READS) - {"waitress"} <= imported
    assert "waitress" in _modules_after("import waitress.server")
