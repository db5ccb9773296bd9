"""The docs cover every command, option and API route the code has, and their examples run as written.

The README's examples run through a small runner of our own: every ```sh block of README.md, in order,
against one archive home in a temporary folder, each command line through bash (so quoting, `~` and `#`
comments are the shell's). A line chained with `&&` runs part by part. Before a part runs it is rewritten:
- `.venv/bin/evidence` becomes the `evidence` of the venv running the tests, with `--home` the test's home;
- `https://example.org/PATH` becomes PATH on a local HTTP server on 127.0.0.1 (the `http_server` fixture), and
  `--allow-private` is added after the command, as the archive refuses loopback addresses otherwise;
- `evidence serve` gets `--port 0` (5000 may be taken): it is started, its home page fetched, then stopped,
  every wait bounded.
`~` is a folder of the test (HOME), holding the sources the examples name (EXAMPLE_FILES); the working folder
holds `samples/` (copied from the checkout) and `report.pdf`. Parts that cannot run in a test are in SKIPPED
with the reason. Every part must exit 0, as the README presents each as working; a part with `--json` must
print JSON of the shape docs/cli.md gives for its command (`documented_shape`); a search must find something,
as the README presents each as finding the samples; and what the README's comments say a line prints, it must
print (OUTPUT_SAID).

docs/cli.md has no command blocks: its examples are the queries of its query-language table and of its figure
search paragraph, each run as `evidence search QUERY --json` on the samples and held to the documented shape;
and the options in each command's heading, held to the options the command has, both ways.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app import cli, create_app
from tests.documents import html_page, pdf_bytes, write
from tests.serving import fetch, served

REPO = Path(__file__).parents[1]
DOCS = REPO / "docs"
EVIDENCE = Path(sys.executable).parent / "evidence"
EXAMPLE_HOST = "https://example.org"
# Parts of README lines that a test cannot or should not run, with the reason.
SKIPPED = {
    "python3 -m venv .venv": "the tests already run inside the venv it makes",
    ".venv/bin/pip install -e .": "installing is what the tests run on; tests/test_packaging.py builds and installs",
    ".venv/bin/pip install -q -e '.[test]'": "as above",
    ".venv/bin/python -m pytest": "this is the test suite itself",
    ".venv/bin/evidence user add ana --role admin": "it asks for a password on the terminal",
    ".venv/bin/evidence migrate --to postgresql://desk@db.example.org/evidence": (
        "it needs a PostgreSQL server: tests/test_migrate.py runs it on the tests' own"),
    "export EVIDENCE_DATABASE_URL=postgresql://desk@db.example.org/evidence": (
        "as above: tests/test_postgresql.py runs the commands with it set"),
}
# The sources the README's examples name, written before its lines run (paths under HOME or the working folder).
EXAMPLE_FILES = {
    "~/Downloads/investigation/story.html": html_page(
        "Drone parts at the border", "<p>" + "Customs officers counted drone parts worth $410,000. " * 8 + "</p>"),
    "~/Downloads/investigation/ledger.pdf": pdf_bytes(["Export ledger 2022", "Drones: $1.23 million"]),
    "~/Downloads/investigation/notes.md": "---\ntitle: Call notes\n---\nThe ministry confirmed the shipments.",
    "~/Downloads/from-strangers/tip.txt": "A reader says the drones left Almaty in a truck marked 'melons'.",
    "~/Downloads/from-strangers/scan.pdf": pdf_bytes(["Invoice 114", "Unmanned aircraft, 40 units"]),
    "report.pdf": pdf_bytes(["Annual customs report", "Unmanned aircraft exports: $1.23 million"]),
    "ben-password.txt": "a long passphrase of ben's\n",
}
ARTICLE_BEFORE = html_page("Border trade", "<p>" + "Trucks crossed the border with drone parts. " * 8 + "</p>")
ARTICLE_AFTER = html_page("Border trade", "<p>" + "Trucks crossed the border with melons, not drones. " * 8 + "</p>")
# What the README says changes between its lines: the page at example.org/article is edited before `recapture`.
BEFORE_PART = {"recapture": lambda server: server.serve("/article", ARTICLE_AFTER)}
# What the README's comments say a line prints, by its command.
OUTPUT_SAID = {
    "figures": r"\n\d+ figures\.\n$",  # the figures of capture 5
    "claim sources": r"^capture #\d+ \[\d+:\d+\] ",  # sentences anywhere that state the claim's figures
    "claim show": r"\(capture #3 .*; verified; same figure",  # each citation verified, with its figure agreement
    "bundle verify": r"OK: the bundle is intact\.",
    "verify": r"Ledger head: \d+ entries, [0-9a-f]{64}\nOK: nothing has changed\.",  # ... print its head
    "recapture": r"^Captured #\d+: a new version of http",  # a changed page becomes a new version
    "export": r"^Wrote (\d+ WARC records for \d+ captures to archive\.warc\.gz|archive\.wacz: \d+ WARC records for "
              r"\d+ captures, \d+ pages\.)",
}
WAIT = 120  # seconds any one command may take
# Spans among docs/cli.md's query examples that show a syntax rather than a query to run.
SYNTAX_NOT_EXAMPLES = {"figure:VALUE [UNIT]"}
# Query examples that name what the sample documents do not hold (every other one must find a sample).
NOT_IN_THE_SAMPLES = {"(a OR b) AND c", "무인기", "हिन्दी", "ドローン", 'site:"new york times"', "author:smith",
                      "published:2022", "published:[2022-01-01 to 2022-06-30]", "5,9 млн евра"}


# -- what the docs cover -----------------------------------------------------------------------------------

def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
        elif name == getattr(group, "default_command", None):
            found[prefix.strip()] = command  # documented as the group itself: `evidence bundle CLAIM_ID OUT.zip`
        else:
            found[f"{prefix}{name}"] = command
    return found


def _sections() -> dict[str, str]:
    """Return docs/cli.md's sections by command name, each with its heading line."""
    text = (DOCS / "cli.md").read_text()
    names = sorted(_commands(cli), key=len, reverse=True)
    sections = {}
    for part in re.split(r"^(?=## `evidence )", text, flags=re.M)[1:]:
        heading = part.split("\n", 1)[0]
        name = next(name for name in names if heading.startswith(f"## `evidence {name}") and
                    not heading[len(f"## `evidence {name}"):][:1].isalpha())
        sections[name] = part
    return sections


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text()
    for name in _commands(cli):
        assert f"## `evidence {name}" in text, f"evidence {name} is not in docs/cli.md"


def test_every_heading_names_exactly_the_options_of_its_command():
    sections = _sections()
    for name, command in _commands(cli).items():
        heading = sections[name].split("\n", 1)[0]
        documented = set(re.findall(r"--[a-z][a-z-]*", heading))
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts
                   if opt.startswith("--")}
        assert documented == options, f"evidence {name}: heading {sorted(documented)}, command {sorted(options)}"


def test_every_api_route_is_documented(tmp_path):
    text = (DOCS / "api.md").read_text()
    app = create_app({"EVIDENCE_HOME": str(tmp_path), "SECRET_KEY": "x"})
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert f"`{method} {path}`" in text, f"{method} {path} is not in docs/api.md"


def test_readme_names_the_two_commands():
    readme = (REPO / "README.md").read_text()
    assert "pip install -e . && .venv/bin/evidence ingest samples && .venv/bin/evidence serve" in readme
    assert ".venv/bin/python -m pytest" in readme


# -- the JSON shapes docs/cli.md gives -------------------------------------------------------------------

_SHAPE_TOKEN = re.compile(r'"[^"]*"|\.\.\.|…|[{}\[\]:,|]|[A-Za-z_][\w.]*')


def parse_shape(text: str, named: dict | None = None):
    """Read a shape as docs/cli.md writes it (`{"id", "hits": [{"title"}], "capture": capture | null}`).

    A dict becomes {key: shape of its value, or None when only the key is given}, a list [shape of an item];
    a value named by a word in `named` (`capture`, `figure`) becomes that shape, other words and alternatives
    of literals (`str`, `null`, `"captured" | "exists"`) None; `...` is skipped.
    """
    tokens = [t for t in _SHAPE_TOKEN.findall(text) if t not in ("...", "…")]
    shape, end = _value(tokens, 0, named or {})
    assert end == len(tokens), f"unread shape text in {text!r}"
    return shape


def _value(tokens: list[str], at: int, named: dict):
    token = tokens[at]
    if token == "{":
        shape, at = {}, at + 1
        while tokens[at] != "}":
            key = tokens[at].strip('"')
            at += 1
            shape[key] = None
            if tokens[at] == ":":
                shape[key], at = _value(tokens, at + 1, named)
            if tokens[at] == ",":
                at += 1
        return shape, at + 1
    if token == "[":
        item, at = _value(tokens, at + 1, named)
        return [item], at + 1
    shape = named.get(token)
    at += 1
    while at < len(tokens) and tokens[at] == "|":  # `capture | null`, `"captured" | "exists"`
        shape = shape if shape is not None else named.get(tokens[at + 1])
        at += 2
    return shape, at


def _shape_after(text: str, marker: str, named: dict | None = None):
    """Return the first shape written in backticks after marker in text."""
    found = re.search(re.escape(marker) + r".*?`([\[{].*?)`", text, flags=re.S)
    assert found, f"no shape after {marker!r}"
    return parse_shape(found.group(1), named)


def documented_shape(command: str):
    """Return the shape docs/cli.md gives for `evidence COMMAND --json`."""
    sections = _sections()
    named = {"capture": _shape_after(sections["ingest"], "A capture:"),
             "figure": _shape_after(sections["figures"], "`--json`")[0]}
    if command == "show":  # written in words: the capture shape plus "text" and "observations"
        return {**named["capture"], "text": None, "observations": _shape_after(sections["show"], "`--json`")}
    return _shape_after(sections[command], "`--json`", named)


def assert_shape(value, shape, where: str = "") -> None:
    """Assert value has every key the shape names, at every depth where it has a value."""
    if isinstance(shape, dict):
        assert isinstance(value, dict), f"{where or 'output'} is not an object: {value!r}"
        for key, inner in shape.items():
            assert key in value, f"{where}{key} is documented but missing from {sorted(value)}"
            if inner is not None and value[key] is not None:
                assert_shape(value[key], inner, f"{where}{key}.")
    elif isinstance(shape, list):
        assert isinstance(value, list), f"{where or 'output'} is not a list: {value!r}"
        for item in value:
            assert_shape(item, shape[0], where)


def test_shapes_are_read_as_written():
    assert parse_shape('{"a", "b": [{"c", "d"}], "e": "x" | "y", "f": str | null, ...}') == \
        {"a": None, "b": [{"c": None, "d": None}], "e": None, "f": None}
    assert set(documented_shape("search")["hits"][0]) >= {"capture_id", "snippet", "match"}
    assert set(documented_shape("ingest")["capture"]) >= {"id", "sha256", "captured_at", "tools", "previous_id"}
    assert documented_shape("figures") == [{"text": None, "start": None, "end": None, "value": None, "unit": None,
                                             "approx": None, "unit_inferred": None, "period": None,
                                             "direction": None, "subject": None}]
    assert set(documented_shape("show")) >= {"sha256", "text", "observations"}
    with pytest.raises(AssertionError, match="missing"):
        assert_shape({"query": "x", "hits": []}, documented_shape("search"))


# -- the README's examples -------------------------------------------------------------------------------

def readme_parts() -> list[str]:
    """Return the README's command lines, split at `&&`, in order (comments stay: bash ignores them)."""
    readme = (REPO / "README.md").read_text()
    parts = []
    for block in re.findall(r"^```sh\n(.*?)^```", readme, flags=re.S | re.M):
        for line in block.splitlines():
            parts += [part.strip() for part in line.split(" && ") if part.strip()]
    return parts


def rewrite(part: str, home: Path, server_base: str) -> str:
    """Rewrite a README part to run in the test: this venv's evidence, the test's home and local server."""
    command = part.replace(".venv/bin/evidence", f"{shlex.quote(str(EVIDENCE))} --home {shlex.quote(str(home))}")
    if EXAMPLE_HOST in command:
        command = command.replace(EXAMPLE_HOST, server_base)
        command = re.sub(r" (ingest|recapture) ", r" \1 --allow-private ", command, count=1)
    return command


def _subcommand(part: str) -> str:
    """Return the command a README part runs (`search`, `claim show`), or "" when it is not `evidence`."""
    words = shlex.split(part, comments=True)
    if len(words) < 2 or not words[0].endswith("evidence"):
        return ""
    return " ".join(words[1:3]) if " ".join(words[1:3]) in _commands(cli) else words[1]


def _run_served(command: str, environment: dict, cwd: Path) -> None:
    """Start `evidence serve` on a free port, fetch its home page, stop it; every wait bounded."""
    with served(["bash", "-c", f"exec {command} --port 0"], cwd, environment) as base:
        status, _kind, body = fetch(base + "/")
        assert status == 200 and "Evidence archive" in body


def _check_output(part: str, stdout: str) -> None:
    """Hold a part's output to what the docs say of it."""
    command = _subcommand(part)
    if "--json" in shlex.split(part, comments=True):
        shape = documented_shape(command)
        lines = stdout.splitlines() if command in ("ingest", "recapture") else [stdout]
        for line in lines:
            assert_shape(json.loads(line), shape)
        if command == "search":
            assert json.loads(stdout)["total"] > 0, f"{part} finds nothing"
    elif command == "search":
        assert re.match(r"[1-9]\d* results? for ", stdout), f"{part} finds nothing: {stdout[:300]}"
    if command in OUTPUT_SAID:
        assert re.search(OUTPUT_SAID[command], stdout, flags=re.M), f"{part} printed:\n{stdout[-2000:]}"


def test_every_readme_example_runs_as_documented(tmp_path, http_server):
    work, home_dir, archive_home = tmp_path / "work", tmp_path / "home-dir", tmp_path / "archive"
    shutil.copytree(REPO / "samples", work / "samples")
    for name, content in EXAMPLE_FILES.items():
        write(home_dir / name[2:] if name.startswith("~/") else work / name, content)
    environment = {name: value for name, value in os.environ.items() if not name.startswith("EVIDENCE_")}
    environment.update(HOME=str(home_dir), PYTHONUNBUFFERED="1")
    http_server.serve("/article", ARTICLE_BEFORE)
    ran = 0
    for part in readme_parts():
        if part.split("#")[0].strip() in SKIPPED:
            continue
        if _subcommand(part) in BEFORE_PART:
            BEFORE_PART[_subcommand(part)](http_server)
        command = rewrite(part, archive_home, http_server.base)
        if _subcommand(part) == "serve":
            _run_served(command, environment, work)
        else:
            done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=work,
                                  env=environment, timeout=WAIT)
            assert done.returncode == 0, (f"README: `{part}` exited {done.returncode}:\n{done.stdout[-2000:]}\n"
                                          f"{done.stderr[-2000:]}")
            _check_output(part, done.stdout)
        ran += 1
    assert ran > 20  # the README's walk-through, not an empty extraction


# -- docs/cli.md's query examples -------------------------------------------------------------------------

def documented_queries() -> list[str]:
    """Return the queries docs/cli.md gives as examples: its query table's first column, its figure searches."""
    section = _sections()["search"]
    table_rows = re.findall(r"^\| (`.*?) \|", section, flags=re.M)
    queries = [query for row in table_rows for query in re.findall(r"`([^`]+)`", row)]
    figures = re.search(r"\*\*Figure search\.\*\*(.*?)\n\n", section, flags=re.S).group(1)
    queries += re.findall(r"`([^`]+)`", figures.split(", finds")[0])
    return [query for query in queries if query not in SYNTAX_NOT_EXAMPLES]


@pytest.fixture(scope="module")
def samples_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("samples") / "home"
    done = subprocess.run([str(EVIDENCE), "--home", str(home), "ingest", str(REPO / "samples")],
                          capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stdout + done.stderr
    return home


def test_documented_queries_are_the_ones_the_docs_show():
    queries = documented_queries()
    assert "drone exports" in queries and "published:[2022-01-01 to 2022-06-30]" in queries
    assert "$1.23 million" in queries and "figure:1230000 USD customs" in queries


@pytest.mark.parametrize("query", documented_queries())
def test_every_documented_query_runs(samples_home, query):
    result = CliRunner().invoke(cli, ["--home", str(samples_home), "search", query, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert_shape(found, documented_shape("search"))
    assert (found["total"] == 0) == (query in NOT_IN_THE_SAMPLES), f"{query}: {found['total']} found"
