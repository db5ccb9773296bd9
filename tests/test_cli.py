"""The `evidence` command line end to end: real files, a real local HTTP server, a real archive."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive.archive import Archive
from tests.documents import encrypted_pdf, html_page, pdf_bytes, truncated_pdf, write

ARTICLE = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia, customs data show. " * 8 + "</p>"
CAPTURE_KEYS = {"id", "sha256", "size", "media_type", "kind", "source", "url", "captured_at", "title", "author",
                "published", "site", "language", "text_sha256"}


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_mixed_run_captures_the_good_and_names_every_bad_source(evidence, http_server, tmp_path, home):
    src = tmp_path / "src"
    good = [
        write(src / "article.html", html_page("Drone exports", ARTICLE)),
        write(src / "report.pdf", pdf_bytes(["Customs report", "Drones: 1.23 million"])),
        write(src / "note.md", "---\ntitle: Note\n---\nThe figure was 1.23 million."),
        write(src / "legacy-1251.html",
              html_page("Дронови", "<p>" + "Казахстан извезе дронови во Русија. " * 10 + "</p>",
                        lang="mk", charset="windows-1251"), encoding="cp1251"),
        write(src / "legacy-gb2312.html",
              html_page("无人机", "<p>" + "哈萨克斯坦向俄罗斯出口了无人机。" * 10 + "</p>", lang="zh",
                        charset="gb2312"), encoding="gb2312"),
    ]
    good_urls = [
        http_server.serve("/story", html_page("Served story", ARTICLE)),
        http_server.serve("/report.pdf", pdf_bytes(["Served PDF page"]), content_type="application/pdf"),
    ]
    bad = {
        str(src / "missing.pdf"): "no such file or folder",
        str(write(src / "empty.txt", b"")): "the file is empty",
        str(write(src / "random.pdf", os.urandom(4096))): "no PDF header",
        str(write(src / "truncated.pdf", truncated_pdf())): "the PDF is broken",
        str(write(src / "encrypted.pdf", encrypted_pdf())): "encrypted and needs a password",
        str(write(src / "huge.txt", "x" * 30_000)): "too large",
        "ftp://example.org/file.pdf": "unsupported URL scheme 'ftp'",
        http_server.serve("/gone", "<p>gone</p>", status=404): "HTTP 404",
        http_server.serve("/broken", "<p>oops</p>", status=500): "HTTP 500",
        http_server.serve("/slow", "<p>late</p>", delay=2): "timed out",
        "http://127.0.0.1:9/refused": "refused",
    }
    sources = [str(p) for p in good] + good_urls + list(bad)
    result = evidence("ingest", "--json", "--timeout", "0.5", "--max-size", "0.02", "--jobs", "1", "--allow-private",
                      *sources)
    assert result.exit_code == 1
    lines = {line["source"]: line for line in _lines(result.output)}
    assert set(lines) == set(sources)
    for source in [str(p) for p in good] + good_urls:
        assert lines[source]["status"] == "captured", lines[source]
        assert set(lines[source]["capture"]) >= CAPTURE_KEYS
        assert lines[source]["error"] is None
    for source, reason in bad.items():
        line = lines[source]
        assert line["status"] == "failed" and line["capture"] is None
        assert line["error"].startswith(source) and reason in line["error"], line["error"]
    # Nothing of the failed sources reached the catalog, the blobs or the index.
    with Archive(home) as archive:
        assert archive.catalog.count_captures() == len(good) + len(good_urls)
        assert archive.index.doc_count() == len(good) + len(good_urls)
        assert archive.catalog.unindexed_ids() == []
        blobs = [p for p in (home / "blobs").rglob("*") if p.is_file()]
        assert len(blobs) == len(good) + 2 * len(good_urls)  # http captures also keep their exchange as WARC
        assert {c.source for c in archive.catalog.iter_captures() if c.warc_sha256} == set(good_urls)
        assert {c.kind for c in archive.catalog.iter_captures()} == {"html", "pdf", "markdown"}
        texts = {c.source: c.text for c in archive.catalog.iter_captures(with_text=True)}
    assert "Казахстан извезе дронови" in texts[str(src / "legacy-1251.html")]
    assert "哈萨克斯坦向俄罗斯出口了无人机" in texts[str(src / "legacy-gb2312.html")]


def test_unreadable_file_fails_plainly(tmp_path):
    secret = write(tmp_path / "secret.txt", "Not for you.")
    readable = write(tmp_path / "open.txt", "For everyone.")
    os.chmod(secret, 0o000)
    command = [sys.executable, "-m", "app", "--home", str(tmp_path / "home"), "ingest", "--json",
               str(secret), str(readable)]
    if os.geteuid() == 0:
        # Root reads any file whatever its mode through two capabilities; without them it reads as its owner
        # does, while it can still reach the interpreter and the code wherever the checkout lives.
        drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        if not shutil.which("setpriv") or subprocess.run([*drop, "true"], capture_output=True).returncode:
            pytest.skip("running as root without setpriv or the right to drop capabilities")
        command = [*drop, *command]
    done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).parents[1], timeout=120)
    assert done.returncode == 1, done.stderr
    lines = {line["source"]: line for line in _lines(done.stdout)}
    assert lines[str(secret)]["status"] == "failed"
    assert "cannot be read (permission denied)" in lines[str(secret)]["error"]
    assert lines[str(readable)]["status"] == "captured"


def test_unreadable_file_test_passes_from_a_private_checkout(tmp_path):
    # A clone under a 0700 folder (a home directory) with its venv inside: run the test above from there.
    private = tmp_path / "private"
    checkout = private / "evidence"
    checkout.mkdir(parents=True)
    repo = Path(__file__).resolve().parents[1]
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "artifacts")
    for name in ("archive", "ingest", "web", "templates", "tests"):
        shutil.copytree(repo / name, checkout / name, ignore=ignore)
    for name in ("app.py", "pyproject.toml"):
        shutil.copy2(repo / name, checkout / name)
    venv = checkout / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The copy's own code, and the installed libraries read where they are (they are not what is private).
    site_packages = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        capture_output=True, text=True, check=True, timeout=60).stdout.strip())
    libraries = [p for p in sys.path if p.endswith("site-packages")]
    (site_packages / "libraries.pth").write_text("\n".join(libraries) + "\n")
    os.chmod(private, 0o700)
    done = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_cli.py::test_unreadable_file_fails_plainly"],
                          capture_output=True, text=True, cwd=checkout, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    if "1 skipped" in done.stdout:
        pytest.skip("the test it runs skips here")
    assert "1 passed" in done.stdout


def test_folder_walk_lists_unsupported_files_as_skipped(evidence, tmp_path):
    src = tmp_path / "folder"
    write(src / "a.txt", "First text about drones.")
    write(src / "sub" / "b.md", "Second text about exports.")
    write(src / "sub" / "clip.mp4", b"\x00\x00\x00\x18ftypmp42 not really a video")  # images are captured now
    write(src / "data.csv", "a,b\n1,2\n")
    write(src / "noext", pdf_bytes(["A PDF without an extension"]))
    write(src / ".hidden.txt", "hidden")
    result = evidence("ingest", "--json", str(src))
    assert result.exit_code == 0
    status = {Path(line["source"]).name: line["status"] for line in _lines(result.output)}
    assert status == {"a.txt": "captured", "b.md": "captured", "noext": "captured",
                      "clip.mp4": "skipped", "data.csv": "skipped"}


def test_files_without_an_extension_that_hold_text_are_captured_as_text(evidence, tmp_path):
    src = tmp_path / "folder"
    readme = write(src / "README", "Field notes: the customs figure was $1.23 million.")
    write(src / "sub" / "LICENSE", "Permission is granted to quote these notes.")
    write(src / "blob", bytes(range(256)) * 4)
    walked = evidence("ingest", "--json", str(src))
    assert walked.exit_code == 0, walked.output
    lines = {Path(line["source"]).name: line for line in _lines(walked.output)}
    assert {name: line["status"] for name, line in lines.items()} == {
        "README": "captured", "LICENSE": "captured", "blob": "skipped"}
    assert lines["README"]["capture"]["kind"] == "text"
    assert lines["README"]["capture"]["media_type"] == "text/plain"
    named = write(tmp_path / "notes", "Notes named on the command line.")
    given = evidence("ingest", "--json", str(named), str(readme))
    assert given.exit_code == 0, given.output
    assert [line["status"] for line in _lines(given.output)] == ["captured", "exists"]


def test_human_output_ends_with_a_summary(evidence, tmp_path):
    one = write(tmp_path / "one.txt", "One capture.")
    result = evidence("ingest", str(one), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "captured #1" in result.output
    assert "nope.txt: no such file or folder" in result.output
    assert result.output.strip().endswith("1 captured, 0 already archived, 0 skipped, 1 failed.")
    again = evidence("ingest", str(one))
    assert again.exit_code == 0
    assert "exists   #1" in again.output
    assert "0 captured, 1 already archived, 0 skipped, 0 failed." in again.output


def test_human_output_escapes_control_characters_in_names_and_json_keeps_them(evidence, tmp_path):
    forged = "x.txt\ncaptured #99  Forged  <- elsewhere.txt"
    good = write(tmp_path / f"field\nnotes\x1b[31m.txt", "Field notes: the figure was $1.23 million.")
    missing = str(tmp_path / forged)
    result = evidence("ingest", str(good), missing)
    assert result.exit_code == 1
    lines = sorted(result.output.splitlines())
    assert len(lines) == 3, lines
    assert lines[1].startswith("captured #1  Field notes") and lines[1].endswith("field\\nnotes\\x1b[31m.txt")
    assert lines[2] == f"failed   {tmp_path}/x.txt\\ncaptured #99  Forged  <- elsewhere.txt: no such file or folder"
    assert "\x1b" not in result.output
    as_json = evidence("ingest", "--json", str(good), missing)
    assert sorted(line["source"] for line in _lines(as_json.output)) == sorted([str(good), missing])


def test_parallel_ingest_matches_serial(evidence, tmp_path, home):
    src = tmp_path / "many"
    for i in range(10):
        write(src / f"page{i}.html", html_page(f"Story {i}", ARTICLE.replace("Russia", f"Russia ({i})")))
    result = evidence("ingest", "--json", "--jobs", "2", str(src))
    assert result.exit_code == 0, result.output
    lines = _lines(result.stdout)
    assert [Path(line["source"]).name for line in lines] == [f"page{i}.html" for i in range(10)]
    assert all(line["status"] == "captured" for line in lines)


def test_search_json_shape_and_pdf_page(evidence, tmp_path):
    write(tmp_path / "r.pdf", pdf_bytes(["Cover page", "Drones exported: 1.23 million"]))
    evidence("ingest", str(tmp_path / "r.pdf"))
    result = evidence("search", "drone", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["query"] == "drone" and data["total"] == 1
    hit = data["hits"][0]
    assert {"capture_id", "title", "score", "snippet", "page"} <= set(hit)
    assert hit["page"] == 2 and "<mark>Drones</mark>" in hit["snippet"]
    people = evidence("search", "drone")
    assert "1 result for drone" in people.output and "p. 2" in people.output


def test_show_json_text_and_provenance(evidence, tmp_path):
    write(tmp_path / "a.md", "---\ntitle: Shown\nauthor: Ana\n---\nBody text.")
    evidence("ingest", str(tmp_path / "a.md"))
    data = json.loads(evidence("show", "1", "--json").output)
    assert set(data) >= CAPTURE_KEYS | {"text"}
    assert data["title"] == "Shown" and data["text"] == "Body text."
    assert evidence("show", "1", "--text").output == "Body text.\n"
    people = evidence("show", "1").output
    assert "SHA-256:" in people and "Captured at:" in people and "Body text." in people
    missing = evidence("show", "99")
    assert missing.exit_code == 1 and "no capture 99" in missing.output


def test_reindex_rebuilds_a_deleted_index(evidence, tmp_path, home):
    write(tmp_path / "a.txt", "Searchable drones.")
    evidence("ingest", str(tmp_path / "a.txt"))
    shutil.rmtree(home / "index")
    result = evidence("reindex")
    assert result.exit_code == 0 and "Indexed 1 captures." in result.output
    assert json.loads(evidence("search", "drones", "--json").output)["total"] == 1


def test_usage_errors_exit_2(evidence):
    assert evidence("ingest").exit_code == 2
    assert evidence("search").exit_code == 2
    assert evidence("show", "not-a-number").exit_code == 2


def test_home_from_environment(runner, tmp_path, monkeypatch):
    from app import cli
    monkeypatch.setenv("EVIDENCE_HOME", str(tmp_path / "envhome"))
    write(tmp_path / "a.txt", "Env home.")
    assert runner.invoke(cli, ["ingest", str(tmp_path / "a.txt")]).exit_code == 0
    assert (tmp_path / "envhome" / "catalog.db").is_file()


def test_figures_command(evidence, tmp_path):
    text = "Kazakhstan exported $1.23 million of drones (1,1 млн евра), about 70 times more, under Article 5."
    data = json.loads(evidence("figures", "--text", text, "--json").output)
    assert [(f["text"], f["value"], f["unit"], f["approx"]) for f in data] == [
        ("$1.23 million", 1230000, "USD", None), ("1,1 млн евра", 1100000, "EUR", None), ("70 times", 70, "x", "about")]
    assert data[0]["start"] == text.index("$1.23")
    path = write(tmp_path / "note.md", "The budget was 5,9 млн евра.")
    assert json.loads(evidence("figures", str(path), "--json").output)[0]["value"] == 5_900_000
    evidence("ingest", str(path))
    assert "5,9 млн евра" in evidence("figures", "1").output
    assert evidence("figures").exit_code == 2


def test_figure_search_and_claim_sources_commands(evidence, tmp_path):
    write(tmp_path / "a.md", "Kazakhstan exported $1.23 million of drones.")
    write(tmp_path / "b.md", "Казахстан извезе дронови во вредност од 1,23 милиони долари.")
    write(tmp_path / "c.md", "Kazakhstan exported $1.32 million of drones.")
    evidence("ingest", str(tmp_path / "a.md"), str(tmp_path / "b.md"), str(tmp_path / "c.md"))
    found = json.loads(evidence("search", "$1.23 million", "--json").output)
    assert found["total"] == 2 and {h["match"]["kind"] for h in found["hits"]} == {"same"}
    people = evidence("search", "$1.23 million", "--near", "10").output
    assert "different figure: $1.32 million (+7.3%)" in people and "same figure: $1.23 million" in people
    evidence("claim", "add", "Kazakhstan exported $1.23 million of drones")
    sources = json.loads(evidence("claim", "sources", "1", "--json").output)
    assert {s["capture_id"] for s in sources} == {1, 2, 3}
    shown = evidence("claim", "cite", "1", "3", "$1.32 million", "--stance", "contradicts")
    assert shown.exit_code == 0
    sources = json.loads(evidence("claim", "sources", "1", "--json").output)
    assert {s["capture_id"]: s["cited"] for s in sources} == {1: None, 2: None,
                                                             3: {"id": 1, "stance": "contradicts"}}
    people = evidence("claim", "sources", "1").output
    assert "cited #1 (contradicts)" in people and people.count("cited #") == 1
    assert "different figure: $1.32 million vs $1.23 million (+7.3%)" in evidence("claim", "show", "1").output
    data = json.loads(evidence("claim", "show", "1", "--json").output)
    assert data["figures"][0]["value"] == 1230000 and data["citations"][0]["agreement"]["kind"] == "different"


def test_claim_cite_anchors_typographic_variants_and_prints_a_suggestion_in_full(evidence, tmp_path):
    stored = ("Customs records show the figure was $1.23 million. The digits were transposed in editing, "
              "the “wire” said — twice.")
    evidence("ingest", str(write(tmp_path / "correction.txt", "An earlier version was wrong.\n" + stored)))
    evidence("claim", "add", "The figure was $1.23 million")
    typographic = evidence("claim", "cite", "1", "1", 'the "wire" said - twice', "--json")
    assert typographic.exit_code == 0 and json.loads(typographic.output)["exact"] == "the “wire” said — twice"
    # A snippet pasted from an older version, with a space before the full stop and in capitals.
    refused = evidence("claim", "cite", "1", "1", stored.upper().replace("MILLION.", "MILLION ."))
    assert refused.exit_code == 1
    lines = refused.output.splitlines()
    assert stored in lines  # the stored passage in full, on its own line, to copy
    assert f"--position {len('An earlier version was wrong.')+1}" in refused.output


def test_recapture_command(evidence, http_server):
    url = http_server.serve("/page", html_page("Page", "<p>" + "The total was $1.23 million for the drones. " * 3 + "</p>"))
    evidence("ingest", "--allow-private", url)
    evidence("claim", "add", "The total was $1.23 million")
    evidence("claim", "cite", "1", "1", "The total was $1.23 million for the drones.", "--position", "0")
    unchanged = evidence("recapture", "--allow-private", "1")
    assert unchanged.exit_code == 0 and "Unchanged" in unchanged.output
    http_server.serve("/page", html_page("Page", "<p>The page now says nothing about money at all, only weather.</p>"))
    changed = evidence("recapture", "--allow-private", url)
    assert changed.exit_code == 0 and "Captured #2: a new version of" in changed.output
    assert "citation #1 (claim #1): vanished" in changed.output
    data = json.loads(evidence("show", "2", "--json").output)
    assert data["previous_id"] == 1
    http_server.serve("/page", "<p>gone</p>", status=410)
    failed = evidence("recapture", "--allow-private", url, "--json")
    assert failed.exit_code == 1 and json.loads(failed.output)["status"] == "failed"
    assert evidence("recapture", "99").exit_code == 1


def test_http_capture_keeps_its_exchange_and_exports_as_warc(evidence, http_server, tmp_path, home):
    from warcio.archiveiterator import ArchiveIterator

    url = http_server.serve("/story", html_page("Story", "<p>" + "Drones worth $1.23 million. " * 8 + "</p>"),
                            headers={"X-Trace": "abc"})
    write(tmp_path / "note.md", "A local note about drones.")
    evidence("ingest", "--allow-private", url, str(tmp_path / "note.md"))
    shown = json.loads(evidence("show", "1", "--json").output)
    assert shown["warc_sha256"] and json.loads(evidence("show", "2", "--json").output)["warc_sha256"] is None
    out = tmp_path / "export.warc.gz"
    result = evidence("export", "--warc", str(out), "--all")
    assert result.exit_code == 0 and "for 2 captures" in result.output
    with out.open("rb") as stream:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                   for r in ArchiveIterator(stream, check_digests=True)]
    types = [t for t, _, _ in records]
    assert types[0] == "warcinfo" and "response" in types and "request" in types and "resource" in types
    assert types.count("metadata") >= 2
    response = next(body for t, uri, body in records if t == "response")
    assert b"Drones worth $1.23 million" in response
    assert evidence("export", "--warc", str(out)).exit_code == 2
    # The export imports back as it was: the page and the note, with their capture times, sources and methods.
    again = tmp_path / "again"
    from click.testing import CliRunner
    from app import cli
    imported = CliRunner().invoke(cli, ["--home", str(again), "ingest", "--json", str(out)])
    lines = [json.loads(line) for line in imported.output.splitlines()]
    captured = [line for line in lines if line["status"] == "captured"]
    assert {c["capture"]["sha256"] for c in captured} >= {shown["sha256"]}
    page = next(c for c in captured if c["capture"]["sha256"] == shown["sha256"])
    assert page["capture"]["captured_at"] == shown["captured_at"]
    assert (page["capture"]["method"], page["capture"]["source"]) == ("http", url)
    assert page["capture"]["notes"][-1].startswith("imported from export.warc.gz record <urn:uuid:")


def test_ingest_corpus_warcs(evidence, corpus):
    warcs = corpus / "warc"
    result = evidence("ingest", "--json", str(warcs / "warcio-example.warc.gz"),
                      str(warcs / "warcio-example-digest.warc"),
                      str(warcs / "ukwa-wikipedia-post-blackout-2012.warc.gz"))
    assert result.exit_code == 1  # the digest WARC holds a bad record
    lines = [json.loads(line) for line in result.output.splitlines()]
    captured = [line for line in lines if line["status"] == "captured"]
    assert {c["capture"]["url"] for c in captured} >= {"http://example.com/"}
    failed = [line for line in lines if line["status"] == "failed"]
    assert len(failed) == 1 and "digest does not match" in failed[0]["error"]
    # warcio's example revisits the page with the same payload: the page seen again, an observation of it.
    [again] = [line for line in lines if line["status"] == "exists"]
    assert again["capture"]["url"] == "http://example.com/" and again["source"].endswith("warcio-example.warc.gz#2621")
    found = json.loads(evidence("search", '"162 million people"', "--json").output)
    assert found["total"] == 1
    assert evidence("verify").exit_code == 0


def test_a_file_name_of_invalid_utf8_is_captured_under_an_escaped_name(evidence, tmp_path):
    name = os.fsdecode(b"report-\xff.txt")  # how a shell hands over a name that is not UTF-8
    (tmp_path / name).write_text("Drones were exported in 2022.")
    result = evidence("ingest", "--json", str(tmp_path / name))
    line = json.loads(result.output)
    assert result.exit_code == 0 and line["status"] == "captured"
    assert line["capture"]["source"].endswith("report-\\xff.txt")
    assert json.loads(evidence("verify", "--json").output)["ok"] is True
