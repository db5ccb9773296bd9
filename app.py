"""Entry points: `create_app`, the Flask factory, and `cli`, the `evidence` command line.

Configuration enters here (options, environment); archive/ and ingest/ only take explicit arguments.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import html
import ipaddress
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archive.actors import acting_as, local_operator
from archive.archive import Archive
from archive.errors import ArchiveError
from archive.models import CLAIM_STATUSES, ENTITY_KINDS, STANCES, Capture, IngestResult, Observation
from archive.ocr_notice import describe_ocr, page_ranges
from archive.permissions import ROLES
from archive.quotes import QuoteNotFoundError
from archive.regions import describe_cell, describe_region
from archive import figures as figure_engine  # its names load the engine on first use
from ingest.limits import Limits

if TYPE_CHECKING:
    import socket

# The ingest machinery (ingest.workers, ingest.pipeline: trafilatura, pdfplumber, lxml, the language model) and
# the bundle code are imported inside the commands that use them: importing them costs a read command (search,
# show, claim show) most of its time. tests/test_cli_imports.py holds the read path to that.

DEFAULT_HOME = "./evidence-data"
KEY_HELP = ("The public key to check the signature against (base64 or PEM, as `evidence key show` prints it), "
            "its fingerprint, or a file holding one; without it, the key the signature carries.")
ALLOW_PRIVATE_HELP = "Also capture loopback, private and link-local addresses (refused by default)."
MB = 1024 * 1024
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_CAPTURE_ID = re.compile(r"[0-9]+")  # str.isdigit() also takes "²" and "١", which int() refuses or reads


def create_app(config: dict | None = None):
    """Build the Flask app: defaults, then the environment, then `config` (tests pass theirs)."""
    from web import create_app as build

    return build(config)


# -- command line ------------------------------------------------------------------------------

# Exit codes by what went wrong (archive.errors.KINDS): 2 for a value the user can correct, as for any usage
# error; 75 (EX_TEMPFAIL) when the archive is busy and the same command may succeed later; 77 (EX_NOPERM) when
# credentials or a role do not allow it; else 1.
EXIT_CODES = {"invalid": 2, "busy": 75, "unauthorized": 77, "forbidden": 77}


class ArchiveFailure(click.ClickException):
    """An archive error as the command line reports it: its sentence, and an exit code chosen by its kind."""

    def __init__(self, error: ArchiveError):
        super().__init__(str(error))
        self.exit_code = EXIT_CODES.get(error.kind, 1)


class ArchiveGroup(click.Group):
    """The command group: an archive error raised anywhere in a command becomes its one-sentence message."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            raise ArchiveFailure(exc) from exc


@click.group(cls=ArchiveGroup)
@click.option("--home", envvar="EVIDENCE_HOME", default=DEFAULT_HOME, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Archive home folder (else $EVIDENCE_HOME).")
@click.version_option(package_name="evidence-archive")
@click.pass_context
def cli(ctx: click.Context, home: Path) -> None:
    """Capture, search and cite evidence: hashed, timestamped captures of pages, PDFs and texts."""
    # A file name of invalid UTF-8 arrives as lone surrogates (how Python decodes argv). Printed to a strict
    # UTF-8 stream it would end the command with a traceback; written as \udcff, JSON readers read it back.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    ctx.obj = {"home": home}
    ctx.with_resource(acting_as(local_operator()))  # the command line acts on the home directly: its operator
    # The process ends with its command (the archive closed, its output flushed). At exit, Python's last
    # garbage collections would walk every object of every module imported (Whoosh's chain alone holds some
    # 25,000), 30-50 ms of a read command, to free what the process's end frees anyway: frozen, they are
    # skipped. Registered once, however many commands one process runs (the tests run hundreds).
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def open_archive(ctx: click.Context) -> Archive:
    """Open the archive home named on the command line, turning library errors into usage messages."""
    try:
        archive = Archive(ctx.obj["home"], signing_key=os.environ.get("EVIDENCE_SIGNING_KEY") or None,
                          tsa_url=os.environ.get("EVIDENCE_TSA_URL") or None,
                          tsa_ca=os.environ.get("EVIDENCE_TSA_CA") or None)
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    ctx.call_on_close(archive.close)
    return archive


def _context_of(figure) -> str:
    """Say a figure's context (period, direction, subject) in words: archive.lineup, loaded where it is shown."""
    from archive.lineup import describe_context

    return describe_context(figure)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per source.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Extraction processes (default: number of cores).")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True,
              help="Seconds to wait on each network operation.")
@click.option("--max-size", type=click.FloatRange(0.001, 10_000), default=50.0, show_default=True,
              help="Largest source accepted, in MB.")
@click.option("--time-limit", type=click.FloatRange(0.1, 86_400), default=Limits.time_limit, show_default=True,
              help="Seconds each source's extraction may take.")
@click.option("--max-memory", type=click.FloatRange(64, 1_000_000), default=Limits.max_memory / MB,
              show_default=True, help="Memory each source's extraction may use, in MB (the worker's address space).")
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@click.option("--ocr-lang", "ocr_lang", metavar="LANGS",
              help="Tesseract languages to read images and scanned pages in, joined by + (rus+eng); "
                   "default: detected from a first pass.")
@click.option("--browser", is_flag=True,
              help="Load the URLs in headless Chromium and keep what it shows: the rendered page, a screenshot, "
                   "and every request and response as WARC records.")
@click.pass_context
def ingest(ctx, sources, as_json, jobs, timeout, max_size, time_limit, max_memory, allow_private, ocr_lang, browser):
    """Capture files, folders (recursively) and http(s) URLs into the archive; images are read by OCR."""
    if browser:
        sources = _browser_sources(sources)
    limits = Limits(timeout=timeout, max_bytes=int(max_size * MB), time_limit=time_limit,
                    max_memory=int(max_memory * MB), allow_private=allow_private, ocr_languages=ocr_lang)
    archive = open_archive(ctx)
    recovered = _run(lambda: archive.index_pending(wait=False))  # when another process writes the index, it does this
    if recovered and not as_json:
        click.echo(f"Indexed {recovered} captures that an earlier run left unindexed.", err=True)
    counts = {"captured": 0, "exists": 0, "skipped": 0, "failed": 0}
    show_progress = not as_json and sys.stderr.isatty()
    bar = None

    def on_planned(total: int) -> None:
        nonlocal bar
        if show_progress and total > 1:
            bar = click.progressbar(length=total, label="Capturing", file=sys.stderr,
                                    show_pos=True, show_eta=True)
            bar.__enter__()

    def on_done() -> None:
        if bar is not None:
            bar.update(1)

    for result in archive.capture(list(sources), limits, jobs or os.cpu_count() or 1,
                                  on_planned=on_planned, on_done=on_done):
        counts[result.status] += result.count
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        elif bar is None or result.status == "failed":
            _echo_result(result, err=result.status == "failed")
    if bar is not None:
        bar.__exit__(None, None, None)
    _wait_for_index(archive, quiet=as_json)
    if not as_json:
        click.echo(f"{counts['captured']} captured, {counts['exists']} already archived, "
                   f"{counts['skipped']} skipped, {counts['failed']} failed.")
    if counts["failed"]:
        ctx.exit(1)


def _browser_sources(sources: tuple[str, ...]) -> list:
    """Return the URLs to load in a browser, or stop: a browser captures web pages, not files."""
    from ingest.sources import SourceItem, is_url

    paths = [source for source in sources if not is_url(source)]
    if paths:
        raise click.UsageError(f"--browser captures web pages: {printable(paths[0])} is not a URL "
                               "(capture files without --browser)")
    return [SourceItem(source, True, browser=True) for source in sources]


def _wait_for_index(archive: Archive, quiet: bool) -> None:
    """Index what waited for another process's lock on the search index, saying so while it waits."""
    if archive.waiting_for_index and not quiet:
        click.echo("Waiting for the search index: another process is writing to it…", err=True)
    left = _run(archive.flush)
    if left:
        why = archive.index_problem or "the search index stayed busy"
        click.echo(f"Note: {left} captures are stored but not yet searchable: {why}. "
                   "The next `evidence ingest`, `serve` or `reindex` indexes them.", err=True)


def _echo_result(result: IngestResult, err: bool = False) -> None:
    if result.status in ("captured", "exists") and result.capture:
        capture = result.capture
        label = "captured" if result.status == "captured" else "exists  "
        notes = f"  ({'; '.join(capture.notes)})" if capture.notes else ""
        click.echo(printable(f"{label} #{capture.id}  {capture.title or '(untitled)'}  <- {result.source}{notes}"))
    else:
        click.echo(printable(f"{result.status:8} {result.error}"), err=err)


# Control characters, line and paragraph separators, and the bidirectional overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Escape control characters as Python writes them (\\n, \\x1b, \\u202e): a name cannot break or forge a line."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


@cli.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 1_000_000), default=1, show_default=True)
@click.option("--near", type=click.FloatRange(0, 100), default=0.0,
              help="Figure searches: also show different values within this many percent.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx, query, limit, page, near, as_json):
    """Search captures: words, "phrases", AND/OR/NOT, title: site: lang: kind:, published:/captured: dates.

    A query that is a figure ("$1.23 million", "figure:1230000 USD") finds every capture stating it.
    """
    archive = open_archive(ctx)
    try:
        result = archive.search(query, limit=limit, offset=(page - 1) * limit, near=near / 100)
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    missing = archive.count_unindexed()
    if missing:
        click.echo(f"Note: {missing} captures are not in the search index yet (an ingest may be indexing them; "
                   "else run `evidence reindex`).", err=True)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    click.echo(f"{result.total} result{'s' if result.total != 1 else ''} for {query}")
    for entity in result.entities:
        click.echo(printable(f"{entity['name']} (entity #{entity['id']}) is also searched as: "
                             + ", ".join(name for name in entity["names"] if name != entity["name"])))
    if result.suggestion:
        click.echo(printable(f"Did you mean: {result.suggestion}"))
    for hit in result.hits:
        agreement = (figure_engine.describe_agreement(hit.match["kind"], hit.match["figure"]["text"],
                                                      difference=hit.match["difference"]) if hit.match else None)
        where = ", ".join(filter(None, [hit.site, hit.published, f"p. {hit.page}" if hit.page else None, agreement]))
        click.echo()
        click.echo(click.style(f"#{hit.capture_id}  {printable(hit.title or '(untitled)')}", bold=True)
                   + (f"  [{printable(where)}]" if where else ""))
        click.echo("    " + _terminal_snippet(hit.snippet))
        how = hit.how_found()
        if how:
            click.echo(printable("    (" + how + ")"))


def _terminal_snippet(snippet: str) -> str:
    # A snippet keeps the text's line breaks; on a terminal each hit's passage reads as one line.
    marked = _MARK.sub(lambda m: click.style(html.unescape(m.group(1)), fg="yellow", bold=True), snippet)
    return " ".join(html.unescape(marked).split())


@cli.command()
@click.argument("capture_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Provenance as JSON.")
@click.option("--text", "text_only", is_flag=True, help="Only the extracted text.")
@click.pass_context
def show(ctx, capture_id, as_json, text_only):
    """Print a capture's provenance and text."""
    archive = open_archive(ctx)
    try:
        capture = archive.get(capture_id, with_text=True)
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    observations = archive.observations(capture.id)
    if as_json:
        data = capture.to_json()
        data["observations"] = [o.to_json() for o in observations]
        data["text"] = capture.text
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif text_only:
        click.echo(capture.text)
    else:
        click.echo(provenance_text(capture, observations))
        click.echo()
        click.echo(capture.text)


def _ocr_line(ocr: dict) -> str:
    pages = ocr.get("pages")
    return describe_ocr(ocr) + (f"; pages {page_ranges(pages)}" if pages else "")


def provenance_text(capture: Capture, observations: list[Observation] = ()) -> str:
    """Render a capture's provenance block for people, with the later fetches that found the same bytes."""
    rows = [
        ("Capture", f"#{capture.id}"), ("Title", capture.title), ("Author", capture.author),
        ("Site", capture.site), ("Published", capture.published), ("Language", capture.language),
        ("Source", capture.source), ("URL", capture.url),
        ("Final URL", capture.final_url if capture.final_url != capture.url else None),
        ("Redirects", " -> ".join(f"{r['url']} ({r['status']})" for r in capture.redirects) or None),
        ("HTTP status", capture.http_status), ("Method", capture.method),
        ("Captured at", capture.captured_at), ("Media type", capture.media_type), ("Kind", capture.kind),
        ("Size", f"{capture.size} bytes"), ("SHA-256", capture.sha256), ("Text SHA-256", capture.text_sha256),
        ("Charset", capture.charset), ("Pages", len(capture.pages) if capture.pages else None),
        ("OCR", _ocr_line(capture.ocr) if capture.ocr else None),
        ("Tools", ", ".join(f"{k} {v}" for k, v in capture.tools.items()) or None),
        ("Previous version", f"#{capture.previous_id}" if capture.previous_id else None),
        ("Notes", "; ".join(capture.notes) or None),
    ]
    rows += [("Observed again", f"{o.observed_at} {o.final_url or o.url or o.source}"
                                + (f" (HTTP {o.http_status})" if o.http_status else "")) for o in observations]
    return "\n".join(f"{name + ':':18}{printable(str(value))}" for name, value in rows if value not in (None, ""))


@cli.command()
@click.argument("target", required=False)
@click.option("--text", "text", default=None, help="Find figures in this text instead.")
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def figures(ctx, target, text, allow_private, as_json):
    """List the figures (money, percentages, multiples, counts) in a file, a capture (by id) or --text."""
    if (target is None) == (text is None):
        raise click.UsageError("Give a PATH, a CAPTURE_ID or --text TEXT.")
    published = None
    if text is None:
        text, published = _text_of(ctx, target, Limits(allow_private=allow_private))
    found = figure_engine.extract(text, published)
    if as_json:
        click.echo(json.dumps([f.to_json() for f in found], ensure_ascii=False))
        return
    for figure in found:
        unit = figure.unit or ""
        approx = f" ({figure.approx})" if figure.approx else ""
        inferred = " (currency inferred)" if figure.unit_inferred else ""
        context = f"  [{_context_of(figure)}]" if _context_of(figure) else ""
        click.echo(f"{figure.start:>7}  {figure.text:<32} {figure.value:>20,.10g} {unit:<4}{approx}{inferred}{context}")
    click.echo(f"{len(found)} figure{'s' if len(found) != 1 else ''}.")


def _capture_id(target: str) -> int:
    """Return a capture id written in ASCII digits; a number too long to be an id names no capture."""
    if len(target) > 18:
        raise click.ClickException(f"there is no capture {target[:20]}… in this archive")
    return int(target)


def _text_of(ctx: click.Context, target: str, limits: Limits) -> tuple[str, str | None]:
    """Return the text and publication date of a capture id, or of a file or URL extracted as ingest would
    (nothing is stored)."""
    if _CAPTURE_ID.fullmatch(target) and (len(target) > 18 or not Path(target).exists()):
        capture = _run(lambda: open_archive(ctx).get(_capture_id(target), with_text=True))
        return capture.text or "", capture.published
    from ingest.sources import SourceItem, is_url
    from ingest.workers import capture_isolated

    item = SourceItem(target, is_url(target))
    try:
        captured = capture_isolated(item, limits)
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    return captured.text, captured.published


@cli.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True)
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True)
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@click.pass_context
def recapture(ctx, target, as_json, timeout, allow_private):
    """Capture a URL (or the URL of capture TARGET) again: a changed page becomes a new version."""
    archive = open_archive(ctx)
    limits = Limits(timeout=timeout, allow_private=allow_private)
    done = _run(lambda: archive.recapture(_capture_id(target) if _CAPTURE_ID.fullmatch(target) else target, limits))
    result, url, previous = done.result, done.url, done.previous
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        if result.status == "failed":
            ctx.exit(EXIT_CODES.get(result.error_kind, 1))
    elif result.status == "failed":
        raise click.ClickException(result.error)
    elif result.status == "exists":
        click.echo(f"Unchanged: {url} still serves the bytes of capture #{result.capture.id} "
                   "(this fetch is recorded as an observation of it).")
    else:
        since = f" (previous version #{previous.id}, captured {previous.captured_at})" if previous else ""
        click.echo(f"Captured #{result.capture.id}: a new version of {url}{since}.")
        for citation, _newest, tracking in done.tracking:
            click.echo(f"  citation #{citation.id} (claim #{citation.claim_id}): {tracking.status}"
                       + (f": now reads \"{tracking.now}\"" if tracking.status == "changed" else ""))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--reextract", is_flag=True, help="Also extract every text again from its original and compare.")
@click.pass_context
def verify(ctx, as_json, reextract):
    """Check that nothing changed: blobs, texts, ledger chain, catalog against ledger, every citation."""
    archive = open_archive(ctx)
    total = archive.count_captures()
    again = None
    if reextract:
        from ingest.pipeline import reextract as again
    if sys.stderr.isatty() and not as_json and total:
        with click.progressbar(length=total, label="Verifying", file=sys.stderr) as bar:
            report = archive.verify(progress=bar.update, reextract=again)
    else:
        report = archive.verify(reextract=again)
    if not as_json:
        for checkpoint in report.checkpoints:
            state = f"PROBLEM {checkpoint.problem.kind}" if checkpoint.problem else "holds"
            stamped = f", timestamped {checkpoint.timestamped_at}" if checkpoint.timestamped_at else ""
            click.echo(f"Checkpoint #{checkpoint.id} {checkpoint.created_at}: {checkpoint.entries} entries, "
                       f"head {checkpoint.hash}, signed by {checkpoint.fingerprint}{stamped}: {state}")
    _echo_report(report, as_json, "OK: nothing has changed.",
                 f"Ledger head: {report.ledger_entries} entries, {report.ledger_head}")
    if not report.ok:
        ctx.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def info(ctx, as_json):
    """Say which backends the archive uses (catalog, search, originals) and what it holds; never a secret."""
    from archive.backends import describe

    archive = open_archive(ctx)
    described = _run(lambda: describe(archive.home))
    entries, _head = archive.ledger_head()
    described["counts"] = {"captures": archive.count_captures(), "claims": archive.count_claims(),
                           "ledger_entries": entries, "unindexed": archive.count_unindexed()}
    if as_json:
        click.echo(json.dumps(described, ensure_ascii=False))
        return
    click.echo(f"Archive home: {described['home']}")
    for role, name in (("catalog", "Catalog"), ("search", "Search"), ("blobs", "Originals")):
        click.echo(f"{name}: {_backend_line(described[role])}")
    counts = described["counts"]
    click.echo(f"Holds {counts['captures']} captures, {counts['claims']} claims, {counts['ledger_entries']} ledger "
               f"entries; {counts['unindexed']} captures wait for the search index.")


def _backend_line(backend: dict) -> str:
    """Say one backend in a line: its kind and place, and for a service its endpoint and whether it answers."""
    line = f"{backend['backend']}, {backend['location']}"
    if backend.get("endpoint"):
        line += f" at {backend['endpoint']}"
    details = [f"{label} {backend[name]}" for name, label in (("region", "region"),
                                                              ("credentials", "credentials from"))
               if backend.get(name)]
    if details:
        line += f" ({', '.join(details)})"
    if "status" in backend:
        line += f": {backend['status']}"
    return line


@cli.command()
@click.option("--warc", "warc", type=click.Path(dir_okay=False, path_type=Path),
              help="The WARC file to write (.warc.gz), its signature beside it.")
@click.option("--wacz", "wacz", type=click.Path(dir_okay=False, path_type=Path),
              help="The WACZ file to write (.wacz): the WARC, its index and pages, signed inside.")
@click.argument("capture_ids", nargs=-1, type=int)
@click.option("--all", "everything", is_flag=True, help="Export every capture.")
@click.pass_context
def export(ctx, warc, wacz, capture_ids, everything):
    """Write captures as WARC (ISO 28500) or WACZ that pywb, ReplayWeb.page, warcio and other archive tools read."""
    if bool(capture_ids) == everything:
        raise click.UsageError("Give capture ids or --all.")
    if (warc is None) == (wacz is None):
        raise click.UsageError("Give --warc FILE.warc.gz or --wacz FILE.wacz (one of them).")
    out = warc or wacz
    if not out.name:
        raise click.UsageError(f"Give --{'warc' if warc else 'wacz'} a file name to write, such as "
                               f"archive.{'warc.gz' if warc else 'wacz'}.")
    archive = open_archive(ctx)
    ids = list(capture_ids) if capture_ids else None
    count = len(capture_ids) if capture_ids else archive.count_captures()
    if wacz:
        written = _run(lambda: archive.export_wacz(out, ids))
        click.echo(f"Wrote {out}: {written.records} WARC records for {count} captures, {len(written.pages)} pages.")
        click.echo(f"Signed it with key {archive.signing_key().fingerprint}: datapackage-digest.json inside.")
        return
    records = _run(lambda: archive.export_warc(out, ids))
    click.echo(f"Wrote {records} WARC records for {count} captures to {out}.")
    from archive.signing import sidecar

    click.echo(f"Signed it with key {archive.signing_key().fingerprint}: {sidecar(out)}.")


class DefaultCommandGroup(click.Group):
    """A group whose first argument is a subcommand name, or else the arguments of its default command."""

    default_command = "create"

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands:
            args = [self.default_command, *args]
        return super().resolve_command(ctx, args)


@cli.group(cls=DefaultCommandGroup)
def bundle():
    """Package a claim's evidence in one zip (`bundle CLAIM_ID OUT.zip`), or check one (`bundle verify`)."""


@bundle.command("create")
@click.argument("claim_id", type=int)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--publisher", default="Evidence archive", show_default=True,
              help="Organisation named as the ClaimReview's author.")
@click.pass_context
def bundle_create(ctx, claim_id, out, publisher):
    """Write CLAIM_ID's evidence bundle to OUT.zip."""
    import zipfile

    from archive.bundle import build_bundle
    from archive.bundlecheck import bundle_files

    archive = open_archive(ctx)
    _run(lambda: build_bundle(archive, claim_id, out, publisher))
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    with zipfile.ZipFile(out) as written:
        count = len(bundle_files(written))
    click.echo(f"Wrote {out}: {count} files, SHA-256 {digest}.")


@bundle.command("verify")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", "key", default=None, help=KEY_HELP)
@click.option("--tsa-ca", envvar="EVIDENCE_TSA_CA", default=None, type=click.Path(exists=True, dir_okay=False),
              help="The CA certificate (PEM) trusted timestamps must chain to "
                   "(else $EVIDENCE_TSA_CA, else the system's).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def bundle_verify(ctx, path, key, tsa_ca, as_json):
    """Check a bundle on its own, without the archive: signature, files, quotes, ledger chain, every fact."""
    from archive.bundlecheck import verify_bundle
    from archive.signing import trusted_fingerprint

    report = verify_bundle(path, _run(lambda: trusted_fingerprint(key)) if key else None, tsa_ca)
    if report.signature and not as_json:
        whose = "the key given with --key" if key else "the key it carries (compare with the one the archive publishes)"
        click.echo(f"Signed {report.signature['created']} by {report.signature['fingerprint']}, {whose}.")
        if report.signature.get("timestamped_at"):
            click.echo(f"Timestamped {report.signature['timestamped_at']} by {report.signature['tsa']}.")
    _echo_report(report, as_json, "OK: the bundle is intact.")
    if not report.ok:
        ctx.exit(1)


@cli.group()
def key():
    """The archive's signing key: show it for publication, check a signed file with it."""


@key.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def key_show(ctx, as_json):
    """Print the archive's public key and its fingerprint (the key is made on first use)."""
    signing_key = _run(open_archive(ctx).signing_key)
    if as_json:
        click.echo(json.dumps(signing_key.to_json()))
        return
    click.echo(f"Public key (Ed25519): {signing_key.public_key}")
    click.echo(f"Fingerprint:          {signing_key.fingerprint}")
    click.echo(f"Private key:          {signing_key.path}")
    click.echo(signing_key.public_pem, nl=False)


@key.command("verify")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", "key", default=None, help=KEY_HELP)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def key_verify(ctx, path, key, as_json):
    """Check a signed file: a WARC export against the signature beside it (FILE.sig.json), a WACZ export against
    the signature and hashes inside it."""
    from archive.signing import trusted_fingerprint, verify_file

    if path.suffix.lower() == ".wacz":
        from archive.waczcheck import verify_wacz as check
    else:
        check = verify_file
    checked = _run(lambda: check(path, trusted_fingerprint(key) if key else None))
    problem = {"kind": checked.problem[0], "detail": checked.problem[1]} if checked.problem else None
    if as_json:
        click.echo(json.dumps({"ok": problem is None, "signature": checked.to_json(), "problem": problem}))
    elif problem:
        click.echo(f"PROBLEM {problem['kind']}: {path}: {problem['detail']}")
    else:
        click.echo(f"OK: {path} is as signed {checked.created} by {checked.fingerprint}.")
    if problem:
        ctx.exit(1)


@cli.group()
def ledger():
    """The hash-chained ledger: signed checkpoints of its head."""


@ledger.command("checkpoint")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def ledger_checkpoint(ctx, as_json):
    """Sign the ledger's head (entry count, hash, time) and keep the checkpoint; publish what it prints."""
    made = _run(open_archive(ctx).checkpoint)
    if as_json:
        click.echo(json.dumps(made.to_json()))
        return
    click.echo(f"Checkpoint #{made.id} {made.created_at}: {made.entries} entries, head {made.hash}")
    click.echo(f"Signed by {made.fingerprint}: {made.signature}")
    if made.tsa:
        click.echo(f"Timestamped by {made.tsa} (RFC 3161 token kept with the checkpoint).")


@cli.command()
@click.pass_context
def reindex(ctx):
    """Rebuild the search index from the catalog (the index is derived and may be deleted)."""
    archive = open_archive(ctx)
    total = archive.count_captures()
    if sys.stderr.isatty() and total:
        with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
            count = archive.reindex(progress=bar.update)
    else:
        count = archive.reindex()
    click.echo(f"Indexed {count} captures.")


@cli.command()
@click.option("--to", "target", required=True, metavar="URL|DIR",
              help="A postgresql:// database, or a folder to make an embedded archive in.")
@click.option("--blobs", default=None, metavar="DIR",
              help="Where the originals go (default: where they are for a database, DIR/blobs for a folder).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def migrate(ctx, target, blobs, as_json):
    """Copy this archive into other backends, then check that every original, row and the ledger arrived
    identical. Run it again to go on after an interruption."""
    from archive.migrate import migrate as copy_archive, open_target, settle_home

    archive = open_archive(ctx)
    say = None if as_json else (lambda message: click.echo(message, err=True))
    moved = _run(lambda: open_target(target, blobs, archive.store))
    try:
        done = _run(lambda: copy_archive(archive.catalog, archive.store, moved.catalog, moved.blobs, moved.index,
                                         say))
        settle_home(moved, archive.home)
    finally:
        moved.close()
    if as_json:
        click.echo(json.dumps(done.to_json(), ensure_ascii=False))
    else:
        from archive.backends import public_url

        click.echo(f"Copied to {public_url(target)}: " + ", ".join(f"{n} {table}" for table, n in done.copied.items())
                   + f" rows; {done.originals_copied} originals; {done.indexed} captures indexed.")
        click.echo("Checked " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in done.checked.items()) + ".")
        for problem in done.problems:
            click.echo(f"PROBLEM {problem}")
        click.echo(f"Ledger head: {done.head[0]} entries, {done.head[1]}")
        click.echo("OK: every original, every row and the whole ledger chain arrived identical." if done.ok
                   else f"{len(done.problems)} problems found.")
    if not done.ok:
        ctx.exit(1)


@cli.group()
def claim():
    """Record claims and tie them to exact quotes in captures."""


@claim.command("add")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claim_add(ctx, text, as_json):
    """Record a statement to check."""
    created = _run(lambda: open_archive(ctx).add_claim(text))
    click.echo(json.dumps(created.to_json(), ensure_ascii=False) if as_json else f"Claim #{created.id} recorded.")


@claim.command("cite")
@click.argument("claim_id", type=int)
@click.argument("capture_id", type=int)
@click.argument("quote", required=False)
@click.option("--stance", type=click.Choice(STANCES), default="supports", show_default=True)
@click.option("--position", type=click.IntRange(0), default=None,
              help="Character offset near the quote, to choose among repeated passages.")
@click.option("--note", default=None)
@click.option("--region", default=None, metavar="PAGE:X,Y,W,H",
              help="A region of a page's picture, in its pixels (a PDF page at 72 dpi), alone or with the quote.")
@click.option("--cell", default=None, metavar="PAGE:TABLE:ROW:COLUMN",
              help="A cell of a table on a PDF page: its text is the quote, its box the region.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claim_cite(ctx, claim_id, capture_id, quote, stance, position, note, region, cell, as_json):
    """Cite an exact QUOTE of capture CAPTURE_ID for claim CLAIM_ID, a region of one of its pages, or a cell of
    a table on a PDF page."""
    archive = open_archive(ctx)
    try:
        citation = archive.cite(claim_id, capture_id, quote, position=position, stance=stance, note=note,
                                region=region, cell=cell)
    except QuoteNotFoundError as exc:
        message = str(exc)
        if exc.suggestion is not None:
            message += f"\nTo cite the stored passage, run again with its exact text and --position {exc.suggestion.start}."
        raise click.ClickException(message) from exc
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    if as_json:
        click.echo(json.dumps(citation.to_json(), ensure_ascii=False))
    else:
        page = f", page {citation.page}" if citation.page else ""
        click.echo(f"Citation #{citation.id}: capture #{capture_id} [{citation.start}:{citation.end}]{page}"
                   f"{pointed_at(citation)}, {citation.stance}, {'verified' if citation.verified else 'NOT verified'}.")


@claim.command("show")
@click.argument("claim_id", type=int)
@click.option("--sources", "with_sources", is_flag=True,
              help="Also line up what every source in the archive says of the claim (where sources disagree).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claim_show(ctx, claim_id, with_sources, as_json):
    """Print a claim and its citations, each checked against its capture."""
    archive = open_archive(ctx)
    shown = _run(lambda: archive.claim(claim_id, with_history=True))
    # The line-up searches the whole archive (the index, every figure near the claim's): asked for, so that
    # showing a claim stays a quick read.
    lined_up = _run(lambda: archive.where_sources_disagree(claim_id)) if with_sources else None
    if as_json:
        extra = {"where_sources_disagree": lined_up.to_json()} if lined_up is not None else {}
        click.echo(json.dumps({**shown.to_json(), **extra}, ensure_ascii=False))
        return
    click.echo(f"Claim #{shown.id} [{shown.status}]: {shown.text}")
    for citation in shown.citations:
        capture = archive.get(citation.capture_id)
        where = f"capture #{capture.id} {printable(capture.title or capture.source)}"
        page = f", p. {citation.page}" if citation.page else ""
        mark = "verified" if citation.verified else "NOT VERIFIED"
        figure = (citation.agreement or figure_engine.Agreement("none")).describe()
        quoted = f"\"{citation.exact}\"" if citation.exact else "(no quote)"
        click.echo(f"  #{citation.id} {citation.stance:11} {quoted}{pointed_at(citation)}  ({where}{page}; {mark}; "
                   f"{figure})")
    for citation in shown.retracted:
        reason = f": {printable(citation.reason)}" if citation.reason else ""
        click.echo(f"  #{citation.id} RETRACTED {citation.removed_at} by {printable(citation.retracted_by or '?')}"
                   f"{reason} (was \"{citation.exact}\", capture #{citation.capture_id})")
    if lined_up is not None:
        _echo_lineup(lined_up)
    click.echo("History:")
    for event in shown.history:
        click.echo(f"  {event.at}  {printable(event.actor or '(no actor recorded)')}  {printable(event.describe())}")


def _echo_lineup(lined_up) -> None:
    """Print "Where sources disagree": each figure's sources by verdict, accounts told of different actors, and
    the sentences naming the claim's names and years."""
    if not (lined_up.figures or lined_up.accounts or lined_up.mentions):
        return
    click.echo("Where sources disagree:")
    for line in lined_up.figures:
        context = f" ({_context_of(line.figure)})" if _context_of(line.figure) else ""
        click.echo(f"  {line.figure.text}{context}:")
        for row in line.rows:
            reason = f" ({row.reason})" if row.reason else ""
            source = row.candidate.agreement.source_figure.text
            click.echo(f"    {row.verdict:15} capture #{row.candidate.capture.id} {source}{reason}: "
                       f"{printable(row.candidate.sentence)}")
        if not line.rows:
            click.echo("    no source states it")
    if lined_up.figures_left_out:
        click.echo(f"  ({lined_up.figures_left_out} more figures of the claim are not lined up: at most "
                   f"{len(lined_up.figures)} are)")
    for account in lined_up.accounts:
        context = _context_of(account.figure)
        click.echo(f"  Who: {account.figure.text}{f' ({context})' if context else ''}, told of "
                   f"{len(account.by_actor)} actors:")
        for name, rows in account.by_actor.items():
            for row in rows:
                click.echo(f"    {printable(name):24} capture #{row.candidate.capture.id}: "
                           f"{printable(row.candidate.sentence)}")
    for row in lined_up.mentions[:10]:
        named = ", ".join(row.names + row.years)
        click.echo(f"  Naming {printable(named)}: capture #{row.candidate.capture.id}: {printable(row.candidate.sentence)}")


def pointed_at(citation) -> str:
    """Say which table cell or region of a page's picture a citation points at, if any (", " first)."""
    if citation.cell:
        return f", {describe_cell(citation.cell)}"
    if citation.region:
        return f", region {describe_region(citation.region)}"
    return ""


@claim.command("retract")
@click.argument("citation_id", type=int)
@click.option("--reason", default=None, help="Why the citation no longer stands.")
@click.pass_context
def claim_retract(ctx, citation_id, reason):
    """Retract citation CITATION_ID, saying why; it stays on record, marked retracted."""
    _run(lambda: open_archive(ctx).remove_citation(citation_id, reason=reason))
    click.echo(f"Citation #{citation_id} retracted.")


@claim.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claim_list(ctx, as_json):
    """List claims with their status and number of citations."""
    listed = open_archive(ctx).claims()
    if as_json:
        click.echo(json.dumps([{"id": c.id, "text": c.text, "status": c.status,
                                "citations": c.citation_count} for c in listed], ensure_ascii=False))
        return
    for item in listed:
        click.echo(f"#{item.id:<4} {item.status:10} {item.citation_count:3} citations  {item.text}")


@claim.command("sources")
@click.argument("claim_id", type=int)
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claim_sources(ctx, claim_id, limit, as_json):
    """Find passages anywhere in the archive that state the claim's figures (or, for a claim without figures,
    hold its names, years and key terms), best first."""
    def line(candidate) -> str:
        cited = f"cited #{candidate.citation.id} ({candidate.citation.stance}) " if candidate.citation else ""
        return (f"{cited}capture #{candidate.capture.id} [{candidate.start}:{candidate.end}] "
                f"{candidate.agreement.describe()}: {candidate.sentence}")

    _echo_listed(_run(lambda: open_archive(ctx).find_sources(claim_id, limit=limit)), as_json, line,
                 "No passage in the archive states this claim's figures or holds its names, years and terms.")


@claim.command("status")
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice(CLAIM_STATUSES))
@click.option("--notes", default=None, help="Why the claim has this status.")
@click.pass_context
def claim_status(ctx, claim_id, status, notes):
    """Set a claim's status."""
    changed = _run(lambda: open_archive(ctx).set_claim_status(claim_id, status, notes))
    click.echo(f"Claim #{changed.id} is now {changed.status}.")


@cli.group()
def entity():
    """Record that several names (any script or spelling) are one company, person or place."""


@entity.command("add")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name of the entity (repeat for more).")
@click.option("--kind", type=click.Choice(ENTITY_KINDS), default="other", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity_add(ctx, name, aliases, kind, as_json):
    """Record an entity NAME, with its other names."""
    made = _run(lambda: open_archive(ctx).entities.add(name, kind, list(aliases)))
    click.echo(json.dumps(made.to_json(), ensure_ascii=False) if as_json
               else printable(f"Entity #{made.id} recorded: {' = '.join(made.names)}."))


@entity.command("alias")
@click.argument("entity_id", type=int)
@click.argument("names", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Take these names from the entity instead.")
@click.option("--reason", default=None, help="Why a name is taken away (recorded in the ledger).")
@click.pass_context
def entity_alias(ctx, entity_id, names, remove, reason):
    """Give entity ENTITY_ID more NAMES, or take them away with --remove."""
    entities = open_archive(ctx).entities
    if remove:
        for name in names:
            changed = _run(lambda: entities.remove_name(entity_id, name, reason))
    else:
        changed = _run(lambda: entities.add_names(entity_id, list(names)))
    click.echo(printable(f"Entity #{changed.id}: {' = '.join(changed.names)}."))


@entity.command("merge")
@click.argument("entity_id", type=int)
@click.argument("into_id", type=int)
@click.pass_context
def entity_merge(ctx, entity_id, into_id):
    """Make ENTITY_ID and INTO_ID one entity: every name of the first becomes the second's."""
    merged = _run(lambda: open_archive(ctx).entities.merge(entity_id, into_id))
    click.echo(printable(f"Entity #{entity_id} is now part of #{merged.id}: {' = '.join(merged.names)}."))


@entity.command("show")
@click.argument("entity_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity_show(ctx, entity_id, as_json):
    """Print an entity's names, the captures naming any of them and the claims that name it."""
    found, captures, claims = _run(lambda: open_archive(ctx).entity_mentions(entity_id))
    if as_json:
        click.echo(json.dumps({**found.to_json(), "captures": [hit.to_json() for hit in captures.hits],
                               "claims": [{"id": c.id, "text": c.text, "status": c.status} for c in claims]},
                              ensure_ascii=False))
        return
    click.echo(printable(f"Entity #{found.id} ({found.kind}): {' = '.join(found.names)}"))
    click.echo(f"{captures.total} capture{'s' if captures.total != 1 else ''} name it:")
    for hit in captures.hits:
        names = ", ".join(hit.aliases)
        click.echo(printable(f"  #{hit.capture_id}  {hit.title or '(untitled)'}" + (f"  [{names}]" if names else "")))
    click.echo(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} name it:")
    for item in claims:
        click.echo(printable(f"  #{item.id}  {item.status:10} {item.text}"))


@entity.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity_list(ctx, as_json):
    """List entities with their names."""
    _echo_listed(_run(lambda: open_archive(ctx).entities.list()), as_json,
                 lambda item: printable(f"#{item.id:<4} {item.kind:12} {' = '.join(item.names)}"),
                 "No entities yet: record one with `evidence entity add NAME --alias OTHER`.")


@entity.command("suggest")
@click.argument("entity_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity_suggest(ctx, entity_id, as_json):
    """Suggest spellings in the captures that may be more names of ENTITY_ID (same Latin reading, or close)."""
    _echo_listed(_run(lambda: open_archive(ctx).suggest_aliases(entity_id)), as_json,
                 lambda found: printable(f"{found.name}  (capture #{found.capture_id}: {found.reason})"),
                 "No spelling in the captures reads close to this entity's names.")


@cli.group()
def user():
    """Manage the accounts of a team archive (once one exists, every page and API call needs a login or token)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.pass_context
def user_add(ctx, name, role, password_stdin):
    """Create account NAME with ROLE; the password is read from the terminal (twice) or standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    account = _run(lambda: open_archive(ctx).accounts.add(name, role, password))
    click.echo(printable(f"Account {account.name} created ({account.role})."))


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def user_list(ctx, as_json):
    """List accounts, their roles and their tokens (by prefix)."""
    def line(account) -> str:
        tokens = ", ".join(t.prefix + (" (revoked)" if t.revoked_at else "") for t in account.tokens)
        state = "  disabled" if account.disabled else ""
        return printable(f"{account.name:20} {account.role:12}{state}" + (f"  tokens: {tokens}" if tokens else ""))

    _echo_listed(_run(lambda: open_archive(ctx).accounts.list()), as_json, line,
                 "No accounts: the archive is in single-user mode.")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@click.pass_context
def user_role(ctx, name, role):
    """Give account NAME another role."""
    account = _run(lambda: open_archive(ctx).accounts.set_role(name, role))
    click.echo(printable(f"Account {account.name} is now {account.role}."))


@user.command("disable")
@click.argument("name")
@click.pass_context
def user_disable(ctx, name):
    """Disable account NAME: its sessions and tokens stop working at once."""
    account = _run(lambda: open_archive(ctx).accounts.disable(name))
    click.echo(printable(f"Account {account.name} is disabled; its sessions and tokens no longer work."))


@user.command("token")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def user_token(ctx, name, as_json):
    """Make a new API token for NAME and print it, this once (send it as `Authorization: Bearer TOKEN`)."""
    token = _run(lambda: open_archive(ctx).accounts.issue_token(name))
    click.echo(json.dumps({"user": name, "token": token}, ensure_ascii=False) if as_json else token)


@user.command("revoke")
@click.argument("prefix")
@click.pass_context
def user_revoke(ctx, prefix):
    """Revoke the token starting with PREFIX (as `user list` shows it); it stops working at once."""
    revoked = _run(lambda: open_archive(ctx).accounts.revoke(prefix))
    click.echo(f"Token {revoked.prefix} revoked.")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; requests must name it (or localhost) in their Host header.")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@click.pass_context
def serve(ctx, host, port, threads):
    """Serve the web front end and JSON API with waitress."""
    from waitress.server import create_server

    archive = _run(lambda: Archive(ctx.obj["home"]))  # a damaged or lost catalog is refused here, in one sentence
    try:
        team = archive.accounts.exist()
    finally:
        archive.close()
    # The Host check answers to the address listened on, so a DNS-rebinding page cannot act as the user.
    flask_app = create_app({"EVIDENCE_HOME": str(ctx.obj["home"]), "SERVED_HOST": host})
    try:
        sockets = _listen(host, port)
    except (OSError, ValueError) as exc:  # a name that does not resolve, an address not ours, a port in use
        raise click.ClickException(f"cannot listen on {host!r} port {port}: "
                                   f"{getattr(exc, 'strerror', None) or exc}") from exc
    if not team and not all(_is_loopback(listener.getsockname()[0]) for listener in sockets):
        for listener in sockets:
            listener.close()
        raise click.ClickException(
            f"refusing to serve on {host}: this archive has no account, so anyone who reaches the port could "
            "change it. Create one first with `evidence user add NAME --role admin` (then every page and API "
            "call needs a login or a token), or serve on 127.0.0.1.")
    server = create_server(flask_app, sockets=sockets, threads=threads, ident="evidence-archive")
    flask_app.extensions["evidence_indexer"].start()  # a deleted or outdated index is rebuilt in the background
    port = sockets[0].getsockname()[1]  # the port chosen for --port 0
    click.echo(f"Serving the archive at {ctx.obj['home']} on http://{_url_host(host)}:{port}/ (Ctrl-C to stop)")
    import logging

    logging.basicConfig()  # waitress reports overload and errors through logging, as waitress.serve set up
    server.run()


def _listen(host: str, port: int) -> list[socket.socket]:
    """Bind every address `host` resolves to; raise OSError or ValueError, leaving nothing open.

    Bound here rather than by waitress, which leaves its socket, pipe and threads behind when binding fails.
    """
    import socket  # serving only: a read command need not load it

    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _name, address in dict.fromkeys(infos):
            listener = socket.socket(family, kind, proto)
            sockets.append(listener)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            listener.bind(address)
    except BaseException:
        for listener in sockets:
            listener.close()
        raise
    return sockets


def _is_loopback(address: str) -> bool:
    """Tell whether a bound address is reached only from this machine (single-user mode listens nowhere else)."""
    return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _echo_listed(items: list, as_json: bool, line: Callable[[Any], str], empty: str) -> None:
    """Print a command's list: as JSON (each item's to_json), else a line per item, or `empty` when none."""
    if as_json:
        click.echo(json.dumps([item.to_json() for item in items], ensure_ascii=False))
        return
    for item in items:
        click.echo(line(item))
    if not items:
        click.echo(empty)


def _echo_report(report, as_json: bool, ok_line: str, footer: str | None = None) -> None:
    """Print a verification report: JSON, or what was checked, each problem, and the verdict."""
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
        return
    checked = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in report.checked.items())
    click.echo(f"Checked {checked or 'nothing'}.")
    for problem in report.problems:
        click.echo(f"PROBLEM {problem.kind}: {problem.id}: {problem.detail}")
    for notice in getattr(report, "notices", ()):
        click.echo(f"NOTE {notice}")
    if footer:
        click.echo(footer)
    click.echo(ok_line if report.ok else f"{len(report.problems)} problems found.")


def _run(action):
    """Call a library action, turning its errors, and those of files named on the command line, into messages."""
    try:
        return action()
    except ArchiveError as exc:
        raise ArchiveFailure(exc) from exc
    except OSError as exc:  # an output in a folder that does not exist, a folder given for a file, no permission
        where = f"{exc.filename}: " if exc.filename else ""
        raise click.ClickException(f"{where}{exc.strerror or exc}") from exc


if __name__ == "__main__":
    cli()
