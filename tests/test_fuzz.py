"""Hostile values through every API route and every command (Hypothesis, derandomized, a fixed budget).

Every API answer is below 500, and every error is JSON with an "error" key; every command exits 0, 1 or 2
with no traceback. Examples come from a fixed seed (derandomize), no example database is kept and the
fixtures' bytes are fixed, so CI sees the same values every run. Most examples are plausible requests with
one hostile part, so that they get past the first check. No value reaches the network: URLs name internal
or malformed hosts, which the archive refuses before connecting.
"""

from __future__ import annotations

import json
import os
import random
import re
import traceback
from pathlib import Path
from urllib.parse import quote, urlencode

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import cli, create_app
from archive.archive import Archive
from archive.models import CLAIM_STATUSES, STANCES
from archive.permissions import ROLES
from ingest.pipeline import Limits, capture_upload
from tests.documents import html_page, pdf_bytes

API_EXAMPLES = 100
CLI_EXAMPLES = 40
FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Hypothesis seeds the global `random` alike for every example, and whoosh names new index segments with it:
# two examples in one process would write segments of the same name. Each example reseeds it first.
def _fresh_random() -> None:
    random.seed(os.urandom(16))


STORY = "Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show."
NOISE = random.Random(12).randbytes(4096)  # the same "random" bytes every run

# -- hostile values ------------------------------------------------------------------------------------

NASTY = ["", " ", "\t\n", "0", "-1", "1.5", "1e309", "NaN", "-inf", str(2**63), str(2**70), "9" * 5000,
         "null", "true", "[]", "{}", '"', "\\", "'; DROP TABLE claims; --", "<script>alert(1)</script>",
         "${jndi:ldap://x/a}", "%00", "%ff%fe", "\x1b[31mred", "\u202egnp.exe", "\ufeff", "ｆｕｌｌ", "١٢٣",
         "😀" * 50, "a" * 20_000, "drones " * 400, "((((((((((((((((((((", '"unclosed', "title:", "NOT",
         "published:[banana to pear]", "figure:1e400 USD", "$1.23 million", "*", "a*b?c~2^3",
         "\ud800", "\udcff", "x\udfffy"]
SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc80", "\udcff", "\udfff"])
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=10), SURROGATES, st.text(max_size=10)),
)
NUMBERS = st.one_of(st.integers(), st.sampled_from([0, 1, 2, 3, -1, 2**31, 2**63 - 1, 2**63, 2**64, 2**70, -2**70]))
JSON_SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.floats(), TEXT)
JSON = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)
HOSTS = ["127.0.0.1", "localhost", "[::1]", "169.254.169.254", "10.0.0.1", "0", "0.0.0.0", "[::ffff:127.0.0.1]",
         "[::1", "[fe80::1%25eth0]", "a" * 300, "\ud800", "xn--", "exa mple", "", "localhost:99999",
         "localhost:-1", "localhost:x", "user:pass@127.0.0.1", "127.1", "2130706433", "0x7f.1"]
URLS = st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}",
                 st.sampled_from(["http", "https", "HTTP", "ftp", "file", "javascript", ""]),
                 st.sampled_from(HOSTS), TEXT)
HOSTILE_IDS = st.one_of(st.sampled_from(["0", "-1", "01", "1.0", "0x1", "1e3", str(2**63), str(2**70), "9" * 30,
                                         "١", " 1"]), TEXT)
IDS = st.one_of(st.sampled_from(["1", "2"]), HOSTILE_IDS)


def _path_segment(value: str) -> str:
    return quote(value, safe="", errors="surrogatepass")


# -- the API ---------------------------------------------------------------------------------------------

# Every API route and what it reads: query arguments and JSON body keys. test_every_api_route_is_fuzzed
# fails when a route is added without an entry here.
API = {
    ("GET", "/api/captures"): (["limit", "offset"], []),
    ("GET", "/api/captures/<int:capture_id>"): (["text"], []),
    ("POST", "/api/captures"): ([], ["url", "ocr_lang", "browser"]),
    ("GET", "/api/search"): (["q", "limit", "page", "near"], []),
    ("GET", "/api/claims"): ([], []),
    ("POST", "/api/claims"): ([], ["text"]),
    ("GET", "/api/claims/<int:claim_id>"): ([], []),
    ("PATCH", "/api/claims/<int:claim_id>"): ([], ["status", "notes"]),
    ("GET", "/api/claims/<int:claim_id>/sources"): (["limit"], []),
    ("POST", "/api/citations"): ([], ["claim_id", "capture_id", "quote", "position", "stance", "note", "region",
                                      "cell"]),
    ("DELETE", "/api/citations/<int:citation_id>"): ([], ["reason"]),
    ("GET", "/api/entities"): ([], []),
    ("POST", "/api/entities"): ([], ["name", "kind", "aliases"]),
    ("GET", "/api/entities/<int:entity_id>"): (["limit"], []),
    ("POST", "/api/entities/<int:entity_id>/names"): ([], ["names"]),
    ("DELETE", "/api/entities/<int:entity_id>/names"): ([], ["name", "reason"]),
    ("POST", "/api/entities/<int:entity_id>/merge"): ([], ["into"]),
    ("GET", "/api/ledger"): (["actor", "event", "since", "until", "subject", "limit", "offset"], []),
    ("GET", "/api/accounts"): ([], []),
    ("POST", "/api/accounts"): ([], ["name", "role", "password"]),
    ("PATCH", "/api/accounts/<path:name>"): ([], ["role", "disabled"]),
    ("POST", "/api/accounts/<path:name>/tokens"): ([], []),
    ("DELETE", "/api/tokens/<prefix>"): ([], []),
}
# Plausible values next to hostile ones, so that examples also get past the first check.
PLAUSIBLE = {
    "claim_id": st.sampled_from([1, 2]), "capture_id": st.sampled_from([1, 2]), "position": st.sampled_from([0, 20]),
    "quote": st.sampled_from(["drones worth", "$1.23 million", STORY, "drones"]),
    "stance": st.sampled_from(STANCES), "status": st.sampled_from(CLAIM_STATUSES),
    "notes": st.sampled_from([None, "Checked against the customs table."]),
    "note": st.sampled_from([None, "Table 3."]),
    "region": st.sampled_from([None, "1:0,0,100,40", {"page": 1, "x": 72, "y": 60, "w": 200, "h": 30},
                               "3:0,0,5,5", "1:500,800,200,200"]),
    "cell": st.sampled_from([None, "1:1:1:1", {"page": 1, "table": 1, "row": 2, "column": 2}]),
    "text": st.sampled_from(["Kazakhstan exported $1.23 million of drones", "A claim"]), "url": URLS,
    "ocr_lang": st.sampled_from([None, "", "eng", "rus+eng", "jpn", "../eng"]),
    "browser": st.sampled_from([False, True]),  # the URLs are refused before a browser would start
    "q": st.sampled_from(["drones", "$1.23 million", "figure:1230000 USD", "title:drones lang:en"]),
    "limit": st.sampled_from(["1", "5"]), "offset": st.sampled_from(["0", "1"]), "page": st.sampled_from(["1", "2"]),
    "near": st.sampled_from(["0", "10"]), "text_flag": st.sampled_from(["1", "0"]),
    "reason": st.sampled_from([None, "The source was corrected."]),
    "actor": st.sampled_from(["local:fuzz", "user:alice"]), "event": st.sampled_from(["claim", "citation.added"]),
    "since": st.sampled_from(["2020-01-01", "2026-12-01T09:30:00Z"]), "until": st.sampled_from(["2100-12-31"]),
    "subject": st.sampled_from(["1", "claim 1", "citation #1", "account alice"]),
    "name": st.sampled_from(["alice", "Alice", "<b>bob</b>"]), "role": st.sampled_from(ROLES),
    "password": st.sampled_from(["correct horse battery", "short"]), "disabled": st.sampled_from([True, False]),
    "kind": st.sampled_from(["company", "person", "spaceship"]),
    "aliases": st.sampled_from([[], ["Небесная механика"], ["Sky Mechanics", "Скај механикс"], "not a list",
                                ["Nebesn\u0430ya"], ["a"] * 3, ["*", "~", "AND OR"]]),
    "names": st.sampled_from([["Celestial Mechanics"], ["Небесная механика"], [], ["x" * 300], [None]]),
    "into": st.sampled_from([1, 2, 3]),
}
# Path arguments that are no ids: an account's name, a token's prefix.
PATH_VALUES = {"name": st.one_of(PLAUSIBLE["name"], HOSTILE_IDS),
               "prefix": st.one_of(st.sampled_from(["evd_12345678", "evd_1234"]), HOSTILE_IDS)}
UPLOADS = st.one_of(st.sampled_from([b"", b"%PDF-1.4\n%garbage", b"\xff\xfe" + "utf-16 text".encode("utf-16-le"),
                                     b"<html><body><p>short</p></body></html>", b"PK\x03\x04broken zip",
                                     NOISE[:64]]), st.binary(max_size=300))
RAW_BODIES = st.sampled_from([b'{"text": ', b'{"text": 1' + b"0" * 5000 + b"}", b"\xff\xfe{}", b"[" * 5000,
                              b'{"text": "\\ud800"}', b'{"text": NaN}', b"null"])


@st.composite
def bodies(draw, keys: list[str]):
    """Draw a JSON body: plausible keys, at most one hostile (most often), or keys at random, or not an object."""
    shape = draw(st.integers(0, 9))
    if shape < 6 and keys:
        body = {key: draw(PLAUSIBLE[key]) for key in keys}
        hostile = draw(st.sampled_from([None, *keys]))
        if hostile is not None and draw(st.integers(0, 4)) == 4:
            del body[hostile]
        elif hostile is not None:
            body[hostile] = draw(JSON)
        return body
    if shape < 9:
        return draw(st.fixed_dictionaries({}, optional={key: st.one_of(PLAUSIBLE[key], JSON) for key in keys}))
    return draw(JSON)


@st.composite
def api_requests(draw, method: str, rule: str):
    """Draw one request to a route: path ids, query arguments, body and headers, hostile or plausible.

    Hypothesis favours first choices and small numbers, so the plausible choice comes first everywhere.
    """
    args, keys = API[(method, rule)]
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: _path_segment(draw(PATH_VALUES.get(match.group(1), IDS))), rule)
    query = {name: draw(st.one_of(PLAUSIBLE.get(name, PLAUSIBLE["text_flag"]), TEXT))
             for name in args if draw(st.booleans())}
    if draw(st.integers(0, 9)) == 0:
        query[draw(TEXT)] = draw(TEXT)
    if query:
        path += "?" + urlencode({str(k): str(v) for k, v in query.items()}, errors="surrogatepass")
    headers = {"Host": draw(st.sampled_from(["localhost", "127.0.0.1:5000", "attacker.example", "", "[::1",
                                             "localhost:99999"])) if draw(st.integers(0, 9)) == 9 else "localhost"}
    request = {"method": method, "path": path, "headers": headers}
    shape = draw(st.integers(0, 9))
    if method in ("GET", "DELETE") and shape < 8:
        headers["X-Requested-With"] = "fuzz"
    elif rule == "/api/captures" and shape < 3:
        headers["X-Requested-With"] = "fuzz"
        # A client sends the file name as bytes; invalid UTF-8 in it arrives as U+FFFD.
        name = draw(TEXT).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        request["data"] = {"file": (draw(UPLOADS), name or "f")}
        request["content_type"] = "multipart/form-data"
    elif shape < 9:
        request["json"] = draw(bodies(keys))
    else:
        request["data"] = draw(RAW_BODIES)
        request["content_type"] = draw(st.sampled_from(["application/json", "text/plain",
                                                        "application/x-www-form-urlencoded"]))
    return request


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    """The app on an archive holding two captures, two claims and a citation; internal URLs refused."""
    home = tmp_path_factory.mktemp("fuzz-web")
    with Archive(home) as archive:
        archive.add(capture_upload("story.txt", STORY.encode(), Limits()))
        archive.add(capture_upload("report.pdf", pdf_bytes(["Cover", STORY]), Limits()))
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
        archive.add_claim("Another claim")
        archive.cite(claim.id, 1, "drones worth")
        archive.entities.add("Nebesnaya Mekhanika", "company", ["Небесная механика"])
        archive.entities.add("Aspan Arba", "company")
    return create_app({"TESTING": True, "EVIDENCE_HOME": str(home), "SECRET_KEY": "fuzz", "FETCH_TIMEOUT": 1.0})


@pytest.fixture(scope="module")
def fuzz_team(tmp_path_factory):
    """The app on a team archive, and the token of its admin: account routes are fuzzed as the admin, on
    accounts that exist (a viewer with a token), and no example can reach the admin's own account."""
    home = tmp_path_factory.mktemp("fuzz-team")
    with Archive(home) as archive:
        archive.accounts.add("fuzz-admin", "admin", "correct horse battery")
        archive.accounts.add("alice", "viewer", "correct horse battery")
        archive.accounts.issue_token("alice")
        token = archive.accounts.issue_token("fuzz-admin")
    return create_app({"TESTING": True, "EVIDENCE_HOME": str(home), "SECRET_KEY": "fuzz"}), token


def test_every_api_route_is_fuzzed(fuzz_app):
    routes = {(method, rule.rule) for rule in fuzz_app.url_map.iter_rules() if rule.rule.startswith("/api/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == set(API)


@pytest.mark.parametrize("method, rule", sorted(API))
def test_api_route_answers_hostile_requests_with_json_errors(request, method, rule):
    if rule.startswith(("/api/accounts", "/api/tokens")):
        app, token = request.getfixturevalue("fuzz_team")
        credentials = {"Authorization": f"Bearer {token}"}
    else:
        app, credentials = request.getfixturevalue("fuzz_app"), {}
    client = app.test_client()

    @settings(FUZZ, max_examples=API_EXAMPLES)
    @given(api_requests(method, rule))
    def answer(request):
        _fresh_random()
        arguments = dict(request)
        arguments["headers"] = {**arguments["headers"], **credentials}
        response = client.open(arguments.pop("path"), **arguments)
        assert response.status_code < 500, (request, response.get_data(as_text=True)[:500])
        if response.status_code >= 400:
            assert response.is_json and isinstance(response.json.get("error"), str), (request, response.data[:300])

    answer()


def test_unknown_api_paths_answer_json_404(fuzz_app):
    client = fuzz_app.test_client()

    @settings(FUZZ, max_examples=API_EXAMPLES)
    @given(st.lists(TEXT.map(_path_segment), min_size=1, max_size=3), st.sampled_from(["GET", "POST", "PUT"]))
    def answer(segments, method):
        response = client.open("/api/" + "/".join(segments), method=method, headers={"X-Requested-With": "f"})
        assert 400 <= response.status_code < 500 and isinstance(response.json.get("error"), str)

    answer()


# -- the command line --------------------------------------------------------------------------------

def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix}{name} ")
        else:
            names.append(f"{prefix}{name}")
    return names


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory):
    """An archive home with captures, a claim and a citation, and a folder of hostile files beside it."""
    root = tmp_path_factory.mktemp("fuzz-cli")
    home, src = root / "home", root / "src"
    (src / "folder").mkdir(parents=True)
    files = {"story.html": html_page("Story", f"<p>{STORY}</p>" * 4).encode(), "note.md": STORY.encode(),
             "empty.txt": b"", "garbage.html": NOISE[:2048], "garbage.pdf": b"%PDF-1.4\n" + NOISE[:512],
             "utf16.txt": STORY.encode("utf-16-le"), "crawl.warc.gz": b"\x1f\x8b" + NOISE[:100],
             "line\nbreak.txt": b"A file name with a newline.", "folder/inside.txt": b"Inside a folder.",
             "folder/odd.xyz": b"\x00\x01", "bundle.zip": b"PK\x03\x04" + NOISE[:50]}
    for name, data in files.items():
        (src / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["--home", str(home), "ingest", str(src / "story.html"), str(src / "note.md")])
    assert result.exit_code == 0, result.output
    with Archive(home) as archive:
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
        archive.cite(claim.id, 2, "drones worth")
    return home, src


def _name(text: str) -> str:
    """A hostile file name that stays inside its folder (no separators, not . or ..)."""
    cleaned = text.replace("/", "_").replace("\x00", "")[:100]
    return cleaned if cleaned.strip(".") else f"x{cleaned}"


def _argument(text: str) -> str:
    """What a program receives for this text as a command-line argument: bytes read back as Python reads
    argv (invalid UTF-8 becomes lone surrogates U+DC80-U+DCFF), without NUL, which argv cannot hold."""
    raw = text.replace("\x00", "").encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "surrogateescape")


ARG = TEXT.map(_argument)


def _parts(command: str, home: Path, src: Path, out: Path) -> list[tuple]:
    """Return a command's arguments as (plausible, hostile, optional) strategies of lists of strings."""
    def one(strategy):
        return strategy.map(lambda value: [value])

    def option(name, plausible=None, hostile=None):
        if plausible is None:
            return (st.just([name]), st.just([name, name]), True)
        return (plausible.map(lambda v: [name, v]), st.one_of(hostile, ARG).map(lambda v: [name, v]), True)

    existing = st.sampled_from([str(p) for p in sorted(src.rglob("*"))] + [str(src), str(src / "missing")])
    paths = st.one_of(existing, ARG.map(lambda t: str(src / _name(t))))
    outputs = st.one_of(ARG.map(lambda t: str(out / _name(t))), st.sampled_from(
        [str(src), str(src / "story.html"), str(out / "no" / "such" / "dir" / "x.zip"), ""]))
    numbers = st.sampled_from(["0", "-3", "0.5", "65", "1e9", "nan", "inf", str(2**70)])
    ids = one(st.sampled_from(["1", "2"]))
    hostile_ids = one(HOSTILE_IDS.map(_argument))
    json_flag = option("--json")
    names = one(st.sampled_from(["alice", "Alice", "<b>bob</b>"]))
    specs = {
        "ingest": [(st.lists(existing, min_size=1, max_size=2), st.lists(st.one_of(paths, URLS.map(_argument)),
                                                                          min_size=1, max_size=3), False),
                   json_flag, option("--jobs", st.just("1"), numbers), option("--timeout", st.just("1"), numbers),
                   option("--max-size", st.just("1"), numbers), option("--ocr-lang", st.just("eng"), ARG),
                   option("--browser")],
        "search": [(one(PLAUSIBLE["q"]), one(ARG), False), option("--limit", st.just("5"), numbers),
                   option("--page", st.just("2"), numbers), option("--near", st.just("10"), numbers), json_flag],
        "show": [(ids, hostile_ids, False), json_flag, option("--text")],
        "figures": [(one(existing), st.one_of(st.just([]), hostile_ids, one(paths), one(URLS.map(_argument))),
                     False), option("--text", st.just(STORY), ARG), json_flag],
        "recapture": [(ids, st.one_of(hostile_ids, one(URLS.map(_argument))), False), json_flag,
                      option("--timeout", st.just("1"), numbers)],
        "verify": [json_flag, option("--reextract")],
        "info": [json_flag],
        "export": [(st.just(["--warc", str(out / "all.warc.gz")]), outputs.map(lambda o: ["--warc", o]), False),
                   (st.just(["--all"]), st.lists(HOSTILE_IDS.map(_argument), max_size=2), False)],
        "bundle create": [(ids, hostile_ids, False),
                          (st.just([str(out / "claim.zip")]), one(outputs), False),
                          option("--publisher", st.just("Newsroom"), ARG)],
        "bundle verify": [(one(st.sampled_from([str(src / "bundle.zip"), str(out / "claim.zip")])), one(paths),
                           False), option("--key", st.just("sha256:" + "0" * 64), st.one_of(ARG, paths)),
                          option("--tsa-ca", st.just(str(src / "story.html")), paths), json_flag],
        "key show": [json_flag],
        "key verify": [(one(st.sampled_from([str(src / "story.html"), str(out / "all.warc.gz")])), one(paths), False),
                       option("--key", st.just("sha256:" + "0" * 64), st.one_of(ARG, paths)), json_flag],
        "ledger checkpoint": [json_flag],
        "reindex": [],
        "migrate": [option("--to", outputs, ARG), option("--blobs", outputs, ARG), json_flag],
        "claim add": [(one(PLAUSIBLE["text"]), one(ARG), False), json_flag],
        "claim cite": [(ids, hostile_ids, False), (ids, hostile_ids, False), (one(PLAUSIBLE["quote"]), one(ARG), False),
                       option("--stance", st.sampled_from(STANCES), ARG), option("--position", st.just("20"), numbers),
                       option("--note", st.just("Table 3."), ARG),
                       option("--region", st.just("1:0,0,100,40"), ARG), option("--cell", st.just("1:1:1:1"), ARG),
                       json_flag],
        "claim show": [(ids, hostile_ids, False), json_flag],
        "claim list": [json_flag],
        "claim sources": [(ids, hostile_ids, False), option("--limit", st.just("5"), numbers), json_flag],
        "claim status": [(ids, hostile_ids, False), (one(st.sampled_from(CLAIM_STATUSES)), one(ARG), False),
                         option("--notes", st.just("Checked."), ARG)],
        "claim retract": [(ids, hostile_ids, False), option("--reason", st.just("Corrected."), ARG)],
        # Only addresses that cannot be listened on, so that no example starts a server.
        "serve": [(st.just(["--host", "203.0.113.7"]), one(st.sampled_from(
                      ["256.256.256.256", "\udcff", "[::1", "a" * 300, "exa mple", "-1", "::ffff:999.1.1.1"])).map(
                      lambda host: ["--host", *host]), False),
                  option("--port", st.just("5000"), numbers), option("--threads", st.just("2"), numbers)],
        "entity add": [(one(st.sampled_from(["Nebesnaya Mekhanika", "Небесная механика", "Sky Mechanics"])),
                        one(ARG), False), option("--alias", st.sampled_from(["Скај механикс", "Nebesn\u0430ya"]), ARG),
                       option("--kind", st.sampled_from(["company", "person"]), ARG), json_flag],
        "entity alias": [(ids, hostile_ids, False), (one(st.sampled_from(["Celestial Mechanics", "Sky Mechanics"])),
                                                     one(ARG), False), option("--remove"),
                         option("--reason", st.just("Another firm."), ARG)],
        "entity merge": [(ids, hostile_ids, False), (ids, hostile_ids, False)],
        "entity show": [(ids, hostile_ids, False), json_flag],
        "entity list": [json_flag],
        "entity suggest": [(ids, hostile_ids, False), json_flag],
        "user add": [(names, one(ARG), False), (st.just(["--role", "viewer"]), one(ARG).map(lambda r: ["--role", *r]),
                                                 False), option("--password-stdin")],
        "user list": [json_flag],
        "user role": [(names, one(ARG), False), (one(st.sampled_from(ROLES)), one(ARG), False)],
        "user disable": [(names, one(ARG), False)],
        "user token": [(names, one(ARG), False), json_flag],
        "user revoke": [(st.just(["evd_12345678"]), one(ARG), False)],
    }
    return specs[command]


@st.composite
def command_lines(draw, command: str, home: Path, src: Path, out: Path):
    """Draw one command line: plausible arguments, one of them hostile (most often), options at random."""
    parts = _parts(command, home, src, out)
    hostile = draw(st.sampled_from([None, *range(len(parts))]))
    # `bundle CLAIM_ID OUT.zip` is how bundle's default command, create, is called.
    arguments = ["bundle"] if command == "bundle create" else command.split()
    for index, (plausible, hostile_values, optional) in enumerate(parts):
        if index != hostile and optional and not draw(st.booleans()):
            continue
        arguments += draw(hostile_values if index == hostile else plausible)
    return arguments


COMMANDS = ["ingest", "search", "show", "figures", "recapture", "verify", "info", "export", "bundle create",
            "bundle verify", "reindex", "claim add", "claim cite", "claim show", "claim list", "claim sources",
            "claim status", "claim retract", "entity add", "entity alias", "entity merge", "entity show",
            "entity list", "entity suggest", "serve", "key show", "key verify", "ledger checkpoint", "user add",
            "user list", "user role", "user disable", "user token", "user revoke", "migrate"]


def test_every_command_is_fuzzed():
    assert sorted(_commands(cli)) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_answers_hostile_arguments_with_an_exit_code(fuzz_home, tmp_path, monkeypatch, command):
    home, src = fuzz_home
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tmp_path)  # relative paths a command writes or walks stay in this test's folder
    runner = CliRunner()

    @settings(FUZZ, max_examples=CLI_EXAMPLES)
    @given(command_lines(command, home, src, out))
    def run(arguments):
        _fresh_random()
        result = runner.invoke(cli, ["--home", str(home), *arguments], catch_exceptions=True)
        shown = json.dumps(arguments)[:300]
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            shown, "".join(traceback.format_exception(result.exception))[-2000:])
        assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.output[-500:])
        assert "Traceback" not in result.output, (shown, result.output[-2000:])

    run()


def test_export_to_a_file_name_of_invalid_utf8(fuzz_home, tmp_path):
    home, _src = fuzz_home
    out = tmp_path / os.fsdecode(b"export-\xff.warc.gz")  # a name the shell passes as bytes
    result = CliRunner().invoke(cli, ["--home", str(home), "export", "--warc", str(out), "--all"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0 and out.exists()


def test_bundle_with_a_publisher_of_invalid_utf8(fuzz_home, tmp_path):
    home, _src = fuzz_home
    publisher = os.fsdecode(b"Newsroom \xff")  # as a shell passes invalid UTF-8
    result = CliRunner().invoke(cli, ["--home", str(home), "bundle", "1", str(tmp_path / "c.zip"),
                                      "--publisher", publisher])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
