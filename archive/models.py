"""Plain values passed between ingest, the archive and its front ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(kw_only=True)
class Fetched:
    """How a source's bytes were fetched over HTTP: the URL asked for, the redirects to the URL that answered, and
    its answer (all empty for a file)."""

    url: str | None = None
    final_url: str | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)
    http_status: int | None = None
    http_headers: dict[str, str] | None = None

    def fetched(self) -> dict[str, Any]:
        """Return how the bytes were fetched, to carry on to the next value made of them."""
        return {f.name: getattr(self, f.name) for f in fields(Fetched)}


@dataclass(kw_only=True)
class Described(Fetched):
    """What is known about a source besides its bytes: where it came from and what it says about itself."""

    source: str
    method: str  # "file" | "http" | "upload" | "warc" | "browser"
    media_type: str
    kind: str  # "html" | "pdf" | "text" | "markdown" | "image"
    captured_at: str  # UTC, ISO 8601 with microseconds and Z
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    language: str | None = None
    charset: str | None = None
    pages: list[list[int]] | None = None  # [start, end) of each PDF page in the text
    notes: list[str] = field(default_factory=list)
    tools: dict[str, str] = field(default_factory=dict)
    # Which text was read by OCR: {"engine", "version", "languages", "mean_confidence", "pages"} (None: none).
    ocr: dict[str, Any] | None = None


@dataclass(kw_only=True)
class Part:
    """An original of a capture besides its main bytes, stored and hashed like them: a browser's screenshot of
    the page, the word boxes OCR read on its pages."""

    role: str  # "screenshot" | "layout" (a browser's) | "ocr-layout"
    media_type: str
    body: bytes | None = None  # None once stored in the blob store (sha256 and size tell it then)
    sha256: str | None = None
    size: int | None = None

    def recorded(self) -> dict[str, Any]:
        """Return the part as the catalog and the ledger record it."""
        return {"role": self.role, "media_type": self.media_type, "sha256": self.sha256, "size": self.size}


@dataclass(kw_only=True)
class NewCapture(Described):
    """What an ingestor read from one source: original bytes plus what was extracted from them."""

    body: bytes | None  # None once stored in the blob store by the ingest (sha256 and size tell it then)
    text: str
    http_reason: str | None = None  # with request_headers, what the WARC record of an http exchange needs
    request_headers: dict[str, str] | None = None
    figures: list[Any] | None = None  # figures.Figure of the text, when extracted next to the text (workers)
    analysed: Any = None  # analysis.Analysed of the text (index terms, token marks), likewise
    sha256: str | None = None  # set where the original bytes were stored in the blob store (ingest workers)
    size: int | None = None  # of the original bytes, set with sha256
    parts: list[Part] = field(default_factory=list)
    # The WARC records of the capture's HTTP exchanges when the ingest wrote them itself (a browser's visit);
    # None once stored in the blob store by the ingest (warc_sha256 tells it then).
    exchange: bytes | None = None
    warc_sha256: str | None = None
    # The location of the blob store whose puts of the original, its parts and its exchange all returned (set
    # by the ingest worker that stored them): the writer need not ask that store again whether they are there.
    stored_in: str | None = None

    def needs_original(self) -> bool:
        """Tell whether the writer needs the original bytes themselves: only to record an HTTP exchange."""
        return self.method == "http" and self.http_status is not None


@dataclass(kw_only=True)
class Capture(Described):
    """One immutable snapshot of a source as stored in the catalog."""

    id: int
    sha256: str
    size: int
    text_sha256: str
    previous_id: int | None = None
    warc_sha256: str | None = None  # the blob holding the WARC request/response records of an http capture
    token_marks: list[int] | None = None  # where every 128th token starts: snippets start there (derived)
    parts: list[dict[str, Any]] | None = None  # Part.recorded() of each further original (None: none)
    text: str | None = None  # loaded only when asked for

    def to_json(self) -> dict[str, Any]:
        """Return the capture shape of DESIGN.md, plus provenance keys."""
        data = {"id": self.id, "sha256": self.sha256, "size": self.size}
        data.update((f.name, getattr(self, f.name)) for f in fields(self) if f.name not in ("text", "token_marks"))
        return data

    def part(self, role: str) -> dict[str, Any] | None:
        """Return the recorded part of a role (a screenshot, an OCR layout), if the capture has one."""
        return next((part for part in self.parts or () if part["role"] == role), None)

    def page_of(self, offset: int) -> int | None:
        """Return the 1-based PDF page holding a character offset of the text."""
        return page_at(self.pages, offset)

    def ocr_at(self, offset: int | None) -> dict[str, Any] | None:
        """Return the capture's OCR record when the text at a character offset was read by OCR."""
        return ocr_at(self.ocr, self.pages, offset)


def page_at(pages: list[list[int]] | None, offset: int) -> int | None:
    """Return the 1-based page whose [start, end) holds a character offset, or None."""
    for number, (start, end) in enumerate(pages or [], start=1):
        if start <= offset < end:
            return number
    return None


def ocr_at(ocr: dict[str, Any] | None, pages: list[list[int]] | None, offset: int | None) -> dict[str, Any] | None:
    """Return a capture's OCR record when the text at an offset was read by OCR (the whole text of an image, the
    pages OCR read of a PDF), else None."""
    if not ocr:
        return None
    read = ocr.get("pages")
    if read is None:
        return ocr
    return ocr if offset is not None and isinstance(read, list) and page_at(pages, offset) in read else None


@dataclass
class Observation:
    """A later fetch of a source that found bytes already archived: where, when, and what the server said."""

    id: int
    capture_id: int
    observed_at: str  # UTC, ISO 8601 with microseconds and Z
    method: str
    source: str
    url: str | None = None
    final_url: str | None = None
    redirects: list[dict[str, Any]] | None = None
    http_status: int | None = None
    http_headers: dict[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the observation as JSON."""
        return asdict(self)


@dataclass
class IngestResult:
    """The outcome of one source in an ingest run."""

    source: str
    status: str  # "captured" | "exists" | "skipped" | "failed"
    capture: Capture | None = None
    error: str | None = None
    count: int = 1  # the sources or records it stands for: a WARC's skipped result counts every record it skipped
    error_kind: str | None = None  # for a failed source, what went wrong: one of archive.errors.KINDS

    @classmethod
    def failed(cls, source: str, error: BaseException | str, kind: str | None = None) -> IngestResult:
        """Return the result of a source that could not be captured: the error's sentence and its kind."""
        return cls(source, "failed", error=str(error), error_kind=kind or getattr(error, "kind", "unprocessable"))

    def to_json(self) -> dict[str, Any]:
        """Return the `ingest --json` line shape."""
        return {
            "source": self.source,
            "status": self.status,
            "capture": self.capture.to_json() if self.capture else None,
            "error": self.error,
            "error_kind": self.error_kind,
        }


@dataclass
class SearchHit:
    """One capture matching a query, with its best passage."""

    capture_id: int
    title: str | None
    score: float
    snippet: str  # HTML-escaped passage, matched terms in <mark>, as Elasticsearch's html encoder does
    page: int | None
    offset: int | None  # character offset of the snippet's first match in the capture text
    site: str | None = None
    kind: str | None = None
    language: str | None = None
    published: str | None = None
    captured_at: str | None = None
    url: str | None = None
    match: dict[str, Any] | None = None  # figure searches: {"kind", "figure", "difference"}
    ocr: dict[str, Any] | None = None  # the capture's OCR record when the passage was read by OCR
    found_through: list[str] = field(default_factory=list)  # "reading", "close", "alias" when not as written
    aliases: list[str] = field(default_factory=list)  # the entity names the hit holds, the query naming another
    mixed_script: list[str] = field(default_factory=list)  # marked words mixing scripts (a homoglyph spoof)

    def to_json(self) -> dict[str, Any]:
        """Return the hit shape of `search --json`, plus display keys."""
        return asdict(self)

    def how_found(self) -> str:
        """Say how the hit was found when not by the words as written, and which words mix scripts: the one
        wording of the command line and the search page."""
        said = []
        if "alias" in self.found_through:
            said.append("found through the alias " + ", ".join(repr(name) for name in self.aliases))
        if "reading" in self.found_through:
            said.append("found through the Latin reading of another script")
        if "close" in self.found_through:
            said.append("found through a close spelling")
        if self.mixed_script:
            said.append("mixes scripts in one word: " + ", ".join(self.mixed_script))
        return "; ".join(said)


@dataclass
class SearchResult:
    """A page of hits for a query."""

    query: str
    total: int
    hits: list[SearchHit]
    page: int = 1
    per_page: int = 10
    suggestion: str | None = None  # "did you mean": the query with missing words replaced, when nothing matched
    entities: list[dict[str, Any]] = field(default_factory=list)  # entities named in the query: {"id", "name", "names"}

    def to_json(self) -> dict[str, Any]:
        """Return the `search --json` shape."""
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits],
                "suggestion": self.suggestion, "entities": self.entities}


CLAIM_STATUSES = ("unchecked", "supported", "disputed", "false", "mixed")
STANCES = ("supports", "contradicts", "context")
ENTITY_KINDS = ("company", "person", "place", "organisation", "other")


@dataclass
class Citation:
    """A claim tied to an exact passage of one capture, with W3C Web Annotation selectors."""

    id: int
    claim_id: int
    capture_id: int
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    stance: str
    created_at: str
    page: int | None = None
    note: str | None = None
    removed_at: str | None = None
    # A region of a page's picture (archive/regions.Region.to_json) and a table cell (TableCell.to_json), when
    # the citation points at them; a citation of a region alone has an empty quote at the start of its page.
    region: dict[str, Any] | None = None
    cell: dict[str, Any] | None = None
    verified: bool | None = None  # filled in by Archive.check_citation
    agreement: Any = None  # figures.Agreement with the claim's figures, as stored and read by Archive.claim
    # Who made and who retracted it, and why: read from the ledger by Archive.claim (archive/history.py).
    created_by: str | None = None
    retracted_by: str | None = None
    reason: str | None = None

    @property
    def retracted(self) -> bool:
        return self.removed_at is not None

    def to_json(self) -> dict[str, Any]:
        """Return the citation shape of `claim show --json`."""
        return {"id": self.id, "capture_id": self.capture_id, "exact": self.exact, "prefix": self.prefix,
                "suffix": self.suffix, "start": self.start, "end": self.end, "page": self.page,
                "stance": self.stance, "note": self.note, "region": self.region, "cell": self.cell,
                "created_at": self.created_at,
                "created_by": self.created_by, "verified": self.verified,
                "agreement": self.agreement.to_json() if self.agreement is not None else None,
                "retracted": self.retracted, "retracted_at": self.removed_at, "retracted_by": self.retracted_by,
                "reason": self.reason}


@dataclass
class Claim:
    """A statement to check, with its status and the passages cited for it."""

    id: int
    text: str
    status: str
    created_at: str
    updated_at: str
    notes: str | None = None
    citation_count: int | None = None
    citations: list[Citation] = field(default_factory=list)
    # figures.Figure found in the text, as stored (archive/claim_checks.py) and read by Archive.claim; None
    # from the catalog for a claim whose figures are not derived yet
    figures: list[Any] | None = field(default_factory=list)
    # With Archive.claim(..., with_history=True): the retracted citations, and the claim's events, oldest first.
    retracted: list[Citation] = field(default_factory=list)
    history: list[Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the `claim show --json` shape: current and retracted citations by id, and the history if read."""
        shape = {"id": self.id, "text": self.text, "status": self.status, "notes": self.notes,
                 "created_at": self.created_at, "updated_at": self.updated_at,
                 "figures": [f.to_json() for f in self.figures],
                 "citations": [c.to_json() for c in sorted(self.citations + self.retracted, key=lambda c: c.id)]}
        if self.history is not None:
            shape["history"] = [e.to_json() for e in self.history]
        return shape
