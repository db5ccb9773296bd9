"""The three seams between the archive and what it stores: original bytes, the catalog, the search index.

Each is a Protocol the embedded backends satisfy today (BlobStore on files, Catalog on SQLite, WhooshIndex), and
that server backends (S3-compatible blobs; PostgreSQL for the catalog, and for search as tsvector) can
implement next. tests/contract/ states what every implementation must do, once per seam, and runs it against
each backend: a new backend is one more fixture parameter there.

The catalog's protocol describes archive/catalog.py's public methods as the archive uses them today.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, runtime_checkable

if TYPE_CHECKING:
    from archive.figures import Agreement, Figure
    from archive.models import Capture, Citation, Claim, Observation
    from archive.search.vocabulary import Vocabulary


@runtime_checkable
class BlobBackend(Protocol):
    """Original bytes stored once under their SHA-256 (lowercase hex), never rewritten.

    A missing blob raises FileNotFoundError; bytes that no longer match their hash, read with verify,
    raise archive.errors.IntegrityError. A store that cannot be reached or refuses the archive raises
    archive.errors.BlobStoreError, naming the store.
    """

    location: str  # names the store for people: its folder, its s3:// URL

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store bytes under their hash (given, or computed) unless a blob is there already; return the hash."""

    def put_stream(self, stream: BinaryIO, sha256: str) -> str:
        """Store the bytes read from a stream under their hash, a piece at a time (never whole in memory), checked
        against the hash as they arrive: bytes that do not match raise IntegrityError and store nothing. A blob
        already stored is kept (the stream is not read). Return the hash."""

    def has(self, sha256: str) -> bool:
        """Tell whether a blob is stored."""

    def holds_any(self) -> bool:
        """Tell whether any blob was ever stored here."""

    def iter_hashes(self) -> Iterator[str]:
        """Yield the hash of every stored blob, once each."""

    def get(self, sha256: str, verify: bool = False) -> bytes:
        """Return a blob's bytes; with verify, check them against their hash first."""

    def open(self, sha256: str) -> BinaryIO:
        """Open a blob for streaming reads (a context manager)."""

    def describe(self) -> dict:
        """Say where the store is for people (`evidence info`): {"backend", "location", ...}, never a secret."""


IndexTexts = Callable[[list[int]], dict[int, tuple[str, list[int] | None]]]
"""Given capture ids, return {id: (text, token marks)}: what a search needs to cut its snippets."""


@dataclass
class IndexHit:
    """A matching capture id with its score and best passage."""

    capture_id: int
    score: float
    snippet: str  # escaped HTML: a slice of the capture's text with the matched words in <mark>
    offset: int | None  # where in the text the first marked word starts, None when nothing is marked
    ways: tuple[str, ...] = ()  # how its words were found: "exact", "reading" (Latin), "close" (spelling)
    names: tuple[str, ...] = ()  # the names of an entity in the query that it holds (found through aliases)


@runtime_checkable
class SearchBackend(Protocol):
    """The search index: derived from the catalog (rebuilt from it at any time), one writer at a time.

    Writing: take the write lock (begin, try_begin), queue captures and deletions, then commit, which applies
    them at once and releases the lock; a writer that dies before its commit changes nothing, and its lock
    does not outlive it. Searching sees the last commit.
    """

    created_now: bool  # made empty when opened (missing, outdated, unreadable): every capture must be indexed
    # True for an index in the catalog's own database: the catalog's add_capture then takes `index_terms` and
    # writes the capture's document in the row's transaction (nothing waits to be indexed after a crash).
    in_catalog: bool

    @property
    def writing(self) -> bool:
        """Tell whether this opening holds the write lock."""

    @property
    def pending_ids(self) -> list[int]:
        """Return the capture ids queued since the last commit."""

    def try_begin(self) -> bool:
        """Take the write lock if nobody holds it; tell whether this opening holds it now."""

    def begin(self, wait: float | None = None) -> None:
        """Take the write lock, waiting up to `wait` seconds (the backend's default for None), else raise
        archive.errors.IndexBusyError."""

    def add(self, capture: Capture, terms: dict[str, list[int]], replace: bool = False) -> None:
        """Queue a capture, its text given as analysis.analyse terms ({term: positions}); `replace` first
        removes a copy committed earlier. Raise IndexBusyError without the write lock."""

    def delete(self, capture_id: int) -> None:
        """Queue the removal of a committed capture's document. Raise IndexBusyError without the write lock."""

    def commit(self, clear: bool = False) -> list[int]:
        """Apply what is queued and release the lock; return the capture ids added. `clear` drops every
        earlier document in the same step (a rebuild: searches see the old index until then). A failure
        raises IndexWriteError, with the lock released and nothing applied."""

    def cancel(self) -> None:
        """Drop what is queued and release the lock."""

    def search(self, query: str, texts: IndexTexts, limit: int = 10, offset: int = 0,
               aliases: dict[str, list[str]] | None = None) -> tuple[int, list[IndexHit]]:
        """Return the exact number of captures matching a query (archive.search.queries' language, filters
        included) and the hits from `offset`, best first, equal scores in index order. `aliases` maps a
        placeholder word of the query to the names it stands for (any of them matches)."""

    def matching_ids(self, query: str, aliases: dict[str, list[str]] | None = None) -> set[int]:
        """Return the ids of every capture matching a query, without scoring or snippets."""

    def suggest(self, query: str, texts: IndexTexts) -> str | None:
        """Return the query with each word the index lacks replaced by the nearest word it holds, as written
        in a text, or None when no word can be replaced."""

    def vocabulary(self) -> Vocabulary:
        """Return the index's terms as the names features read them (archive/search/vocabulary.py), as of the
        last commit."""

    def document_ids(self) -> list[int]:
        """Return the capture id of every document, repeats included (verify looks for them)."""

    def doc_count(self) -> int:
        """Return how many captures are searchable."""

    def close(self) -> None:
        """Commit anything queued and release the index."""


# -- the catalog, in four parts ----------------------------------------------------------------

@runtime_checkable
class CaptureCatalog(Protocol):
    """Capture rows, their observations and what is derived from their text."""

    def add_capture(self, row: dict[str, Any], at: str, figures: list[Figure] = (),
                    observation: dict[str, Any] | None = None) -> tuple[Capture, bool]:
        """Insert a capture, its figures and its ledger event at once; return (capture, created). The same
        bytes already catalogued (even by a writer racing this one) return that capture with created False."""

    def find_by_sha256(self, sha256: str) -> Capture | None:
        """Return the capture of these exact bytes, if any."""

    def latest_for_url(self, url: str) -> Capture | None:
        """Return the newest capture of a URL, if any."""

    def versions(self, url: str) -> list[Capture]:
        """Return every capture of a URL, oldest first."""

    def get_capture(self, capture_id: int, with_text: bool = False) -> Capture | None:
        """Return one capture by id, with its text when asked."""

    def get_captures(self, ids: Iterable[int], with_text: bool = False) -> dict[int, Capture]:
        """Return several captures by id."""

    def iter_captures(self, with_text: bool = False, unindexed: bool = False, batch: int = 200) -> Iterator[Capture]:
        """Stream captures in id order: all, or with `unindexed` those not yet committed to the search index."""

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return the newest captures first."""

    def count_captures(self) -> int:
        """Return how many captures the catalog holds."""

    def capture_ids(self) -> set[int]:
        """Return the id of every capture."""

    def blob_hashes(self) -> set[str]:
        """Return the hash of every blob a capture records (its original, the WARC of its exchange)."""

    def add_observation(self, capture_id: int, observation: dict[str, Any], at: str) -> None:
        """Record a fetch that found a capture's bytes again, and its ledger event."""

    def observations(self, capture_id: int | None = None) -> list[Observation]:
        """Return the observations of one capture (or of all), oldest first."""

    def replace_derived(self, capture_id: int, figures: list[Figure], token_marks: list[int], at: str) -> None:
        """Store afresh what is derived from a capture's text; a changed result is a ledger event."""

    def figure_rows(self, capture_ids: Iterable[int]) -> dict[int, list[tuple]]:
        """Return the figures stored for several captures as rows (start, end, text, value, unit, approx,
        precision) by capture id: what the derived digest is made of."""

    def iter_blob_hashes(self, batch: int = 1000) -> Iterator[str]:
        """Stream the hash of each capture's original, then of its exchange's WARC if any, in id order."""

    def figures_between(self, unit: str | None, low: float, high: float,
                        limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of a unit whose value lies in [low, high]."""

    def figures_between_any_unit(self, low: float, high: float, limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of any unit, or none, whose value lies in [low, high]."""


@runtime_checkable
class IndexMarks(Protocol):
    """Which captures the search index holds: marked when a commit took them, unmarked for a rebuild."""

    def unindexed_ids(self) -> list[int]:
        """Return the captures not yet committed to the search index, in id order."""

    def count_unindexed(self) -> int:
        """Return how many captures wait for the search index."""

    def mark_indexed(self, ids: Iterable[int], indexed: bool = True) -> None:
        """Record that captures are (or are no longer) in the search index."""

    def mark_all_unindexed(self) -> None:
        """Forget which captures are indexed, before a full rebuild."""

    def indexed_ids(self) -> set[int]:
        """Return the captures recorded as committed to the search index."""


@runtime_checkable
class ClaimCatalog(Protocol):
    """Claims and the citations that tie them to quotes of captures."""

    def add_claim(self, text: str, at: str, figures: list[Figure] | None = None) -> Claim:
        """Insert a claim and its ledger event, with the figures its text states when given (derived data)."""

    def set_claim_status(self, claim_id: int, status: str, notes: str | None, at: str) -> Claim:
        """Change a claim's status and notes; the change is a ledger event."""

    def get_claim(self, claim_id: int, checks: bool = False) -> Claim | None:
        """Return a claim with its current citations; with `checks`, its stored figures and each citation's
        agreement with them, as stored (None where not derived yet)."""

    def list_claims(self) -> list[Claim]:
        """Return every claim, newest first, with its number of current citations."""

    def claim_rows(self) -> list[dict[str, Any]]:
        """Return every claim row as stored, oldest first."""

    def add_citation(self, row: dict[str, Any], at: str, agreement: Agreement | None = None) -> Citation:
        """Insert a citation and its ledger event, with its quote's agreement with the claim's figures when
        given (derived data)."""

    def remove_citation(self, citation_id: int, at: str, reason: str | None = None) -> None:
        """Mark a citation removed (the row stays); the removal and its reason are a ledger event."""

    def citations(self, claim_id: int | None = None, capture_id: int | None = None,
                  citation_id: int | None = None, include_removed: bool = False, checks: bool = False
                  ) -> list[Citation]:
        """Return citations by claim, capture or id, oldest first; with `checks`, each with its stored
        agreement (None where not derived yet)."""

    def store_claim_checks(self, claim_id: int, figures: list[Figure], agreements: dict[int, Agreement]) -> None:
        """Store a claim's figures and its citations' agreements (by citation id), derived again: no event."""


@runtime_checkable
class LedgerCatalog(Protocol):
    """The hash-chained ledger every write above appends to, in the same transaction as its rows, each entry
    naming the current actor (archive.actors) in its data."""

    def ledger_head(self) -> tuple[int, str]:
        """Return the number of entries and the hash of the last one."""

    def last_entry_except(self, events: tuple[str, ...]) -> int:
        """Return the number of the newest entry of any kind but `events`, 0 when there is none."""

    def iter_ledger(self, events: tuple[str, ...] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Stream entries in order, all or only of the given kinds."""

    def ledger_page(self, actor: str | None = None, events: tuple[str, str] | None = None,
                    since: str | None = None, until: str | None = None, subject: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Return a page of entries, newest first, and how many match: by the actor their data names, event
        names in [low, high), times in [since, until) and subject."""

    def claim_ledger(self, claim_id: int) -> list[dict[str, Any]]:
        """Return the entries of a claim and of every citation ever made for it, oldest first."""

    def recorded_capture(self, capture_id: int) -> dict[str, Any]:
        """Return a capture's facts as its ledger events record them."""

    def recorded_captures(self, capture_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Return several captures' facts as their ledger events record them, by capture id."""

    def recorded_ids(self, event: str, key: str) -> set[Any]:
        """Return every id the ledger's `event` entries ever gave, as `key` of their data."""

    def snapshot(self) -> AbstractContextManager[None]:
        """Read everything inside the block from one moment of the catalog, while writers go on."""


@runtime_checkable
class EntityCatalog(Protocol):
    """Entities and their names (archive.entities): a folded name belongs to one entity at most, checked under
    the write lock; each change is written with its ledger event."""

    def add_entity(self, name: str, kind: str, names: list[tuple[str, str, str]], at: str) -> int:
        """Insert an entity with its names ((shown, folded, reading) each) and its event; return its id, or raise
        EntityNameTakenError when a name is another entity's."""

    def add_entity_names(self, entity_id: int, names: list[tuple[str, str, str]], at: str) -> None:
        """Give an entity more names, an event each; raise EntityNameTakenError when a name is taken."""

    def remove_entity_name(self, entity_id: int, folded: str, reason: str | None, at: str) -> None:
        """Take a name from an entity, with its event (its own name passes to its oldest other name)."""

    def merge_entities(self, entity_id: int, into: int, at: str) -> None:
        """Move every name of an entity to another and mark it merged, in one event."""

    def entity_row(self, entity_id: int) -> dict[str, Any] | None:
        """Return an entity's row with `names` (its own first), or None."""

    def entity_rows(self, limit: int | None = None, offset: int = 0, merged: bool = False) -> list[dict[str, Any]]:
        """Return entities by name with their names; merged ones too when `merged`."""

    def count_entities(self) -> int:
        """Return how many entities there are, merged ones aside."""

    def entity_names_matching(self, folded: Iterable[str], readings: Iterable[str]) -> list[dict[str, Any]]:
        """Return the name rows whose folded form or Latin reading is among those given."""

    def entity_name_owner(self, folded: str) -> int | None:
        """Return the id of the entity holding a folded name, or None."""


@runtime_checkable
class CatalogBackend(CaptureCatalog, IndexMarks, ClaimCatalog, LedgerCatalog, EntityCatalog, Protocol):
    """The catalog: rows about captures, claims and citations, and the ledger of what happened to them.

    New ids are above every id ever given (a deleted row's id is never given again).
    """

    def archive_id(self) -> str:
        """Return the id the catalog was made with."""

    def close(self) -> None:
        """Release the catalog."""
