"""The read commands start quickly: they never import the ingest machinery, the web stack or sqlite-utils,
nor what only some commands and queries need (zip files, text diffs, Whoosh's date parser, the figure patterns
that only a figure in the text makes the archive compile, the Latin readings of other scripts), nor what Whoosh's
own imports pull in and it never calls here.

Each command runs in a fresh interpreter (click's main, in-process, standalone_mode=False) that then lists
what it imported. Nothing is timed: bench/bench_cli.py measures the time, this holds the property.
"""

import json
import subprocess
import sys

import pytest

from tests.fresh_interpreter import modules_after, value_after

# Loaded only to capture a source (extraction, charset and language detection, front matter), to serve the
# web front end (with its page of a quote's fate in newer versions: difflib; its sockets), to migrate the
# catalog's schema, or to write a bundle (zipfile).
NOT_FOR_READS = ("trafilatura", "pdfplumber", "pdfminer", "lxml", "charset_normalizer", "py3langid", "yaml",
                 "ingest.pipeline", "ingest.workers", "flask", "waitress", "sqlite_utils", "zipfile", "difflib",
                 "archive.changes", "PIL", "pypdfium2", "ingest.tesseract", "socket")
SERVER_CLIENTS = ("psycopg", "psycopg_pool", "boto3", "botocore")  # only where a server backend is configured
DATE_PARSER = "whoosh.qparser.dateparse"  # Whoosh's date parser: made only for a query naming a date field
# What Whoosh's own imports pull in and it never calls here (archive/search/whoosh_imports.py stands in for them).
WHOOSH_UNCALLED = ("urllib.request", "asyncio", "cached_property", "whoosh.lang.morph_en")
TRANSLITERATION = "anyascii"  # Latin readings: only a word of another script needs them
READ_COMMANDS = [["search", "drone"], ["search", "$1.23 million", "--json"], ["show", "1"], ["show", "1", "--json"],
                 ["claim", "show", "1"], ["claim", "show", "1", "--json"], ["claim", "list"]]


def _command(home, *args) -> str:
    """Python code running one command in-process, as `evidence --home HOME ARGS...` does."""
    call = json.dumps(["--home", str(home), *args])
    return f"from app import cli\ncli({call}, prog_name='evidence', standalone_mode=False)"


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
    imported = modules_after(_command(cited_home, *args))
    assert "archive.archive" in imported  # the command did open the archive
    unwanted = {*NOT_FOR_READS, *SERVER_CLIENTS, *WHOOSH_UNCALLED, DATE_PARSER, TRANSLITERATION}
    assert not imported & unwanted, sorted(imported & unwanted)


def test_only_a_query_naming_a_date_field_makes_the_date_parser(cited_home):
    assert DATE_PARSER not in modules_after(_command(cited_home, "search", "drones Russia"))
    assert DATE_PARSER in modules_after(_command(cited_home, "search", "drones published:[2020 to 2030]"))


def test_only_a_query_with_a_word_of_another_script_loads_the_transliteration(cited_home):
    assert TRANSLITERATION not in modules_after(_command(cited_home, "search", "Kazakhstan drones"))
    assert TRANSLITERATION in modules_after(_command(cited_home, "search", "Казахстан"))


def test_a_search_for_words_compiles_no_pattern_of_figures_in_a_text(cited_home):
    # Whether the query is a figure ("$1.23 million") takes a few patterns; the others (currencies, scales,
    # dates, codes...) read the text around a number, and compiling them cost a search command 25 ms.
    patterns = ("__import__('archive.figures.units').figures.units._CURRENCY_AFTER._compiled is None, "
                "__import__('archive.figures.extraction').figures.extraction._CANDIDATE._compiled is None, "
                "__import__('archive.figures.exclusions').figures.exclusions._GLUED_UNITS._compiled is None")
    assert value_after(_command(cited_home, "search", "drones"), f"[{patterns}]") == [True, True, True]
    assert value_after(_command(cited_home, "search", "$1.23 million"), f"[{patterns}]")[1] is False  # it reads


FIGURE_ENGINE = ("archive.figures.extraction", "archive.figures.comparison", "archive.figures.units",
                 "archive.figures.number_words", "babel", "text2num", "number_parser")


@pytest.mark.parametrize("args", [["search", "drones"], ["search", "Russia drones", "--json"], ["show", "1"],
                                  ["claim", "list"], ["claim", "show", "1"], ["claim", "show", "1", "--json"]],
                         ids=" ".join)
def test_commands_that_read_no_figure_leave_the_figure_engine_unloaded(cited_home, args):
    # The engine's tables and number-word libraries took 45-75 ms of every command's start (issue 13); a claim's
    # figures and its citations' agreements are read as stored (archive/claim_checks.py).
    imported = modules_after(_command(cited_home, *args))
    assert "archive.catalog" in imported
    assert not imported & set(FIGURE_ENGINE), sorted(imported & set(FIGURE_ENGINE))


@pytest.mark.parametrize("query", ["$1.23 million", "five million dollars", "пять миллионов", "dreiundzwanzig"])
def test_a_query_that_may_state_a_figure_loads_the_engine(cited_home, query):
    assert "archive.figures.comparison" in modules_after(_command(cited_home, "search", query))


def test_the_names_checked_are_what_capturing_and_serving_import(tmp_path):
    # Without this, a misspelt or renamed module would make the test above pass without checking anything.
    config = {"SECRET_KEY": "test", "EVIDENCE_HOME": str(tmp_path / "home")}
    imported = modules_after(f"import ingest.workers, app\napp.create_app({config!r})\n"
                              "from archive.catalog import schema_migrations\nschema_migrations()")
    assert set(NOT_FOR_READS) - {"waitress"} <= imported
    assert "waitress" in modules_after("import waitress.server")
    assert set(WHOOSH_UNCALLED) <= modules_after("import whoosh.reading, whoosh.query")  # when Whoosh comes first
    assert TRANSLITERATION in modules_after("from archive.spelling import latin\nlatin('небесная')")
    assert set(SERVER_CLIENTS) <= modules_after("import archive.pg_catalog, archive.s3_store\n"
                                                 "archive.s3_store.S3BlobStore.from_url('s3://bucket').client")
