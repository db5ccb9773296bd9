"""Errors raised by the archive and the ingestors: one family, each with a plain message.

Each class says what went wrong in `kind` (one of KINDS); the command line's exit codes and the API's status
codes are chosen from it (app.EXIT_CODES, web.api.STATUS), never from a message's wording.
"""

KINDS = (
    "invalid",        # a value given by the user is not acceptable
    "not_found",      # an id or path names nothing
    "refused",        # a source the archive will not fetch (scheme, internal address)
    "too_large",      # over a size limit
    "unprocessable",  # a source or quote that cannot be captured or anchored as given
    "busy",           # the archive cannot answer now: another process holds a lock
    "damaged",        # the archive cannot answer at all: its catalog is damaged or not its own
    "integrity",      # stored evidence no longer matches its hash
    "unauthorized",   # no valid login or token where the archive has accounts
    "forbidden",      # the account's role does not allow the action
    "conflict",       # the change would leave the archive unusable: no enabled admin to manage its accounts
)


class ArchiveError(Exception):
    """Base class of every error the archive reports to a user."""

    kind = "invalid"

    def __init_subclass__(cls, kind: str | None = None, **kwargs):
        # A subclass says what went wrong where it is declared: class NotFoundError(ArchiveError, kind="not_found").
        super().__init_subclass__(**kwargs)
        if kind is not None:
            if kind not in KINDS:
                raise ValueError(f"{cls.__name__}: unknown error kind {kind!r}")
            cls.kind = kind


class CaptureError(ArchiveError, kind="unprocessable"):
    """A source could not be captured; the message names the source and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class BlobStoreError(CaptureError, kind="busy"):
    """The blob store could not be used: a run stops here, and what it stored before is kept. The source names
    the store, or what was being stored in it."""


class BlobStoreUnavailableError(BlobStoreError, kind="busy"):
    """The blob store does not answer now (unreachable, timed out, failing): the same command may succeed later."""


class BlobStoreRefusedError(BlobStoreError, kind="damaged"):
    """The blob store refuses the archive: no such bucket, no credentials, or no permission."""


class UnsupportedSourceError(CaptureError):
    """No ingestor accepts this kind of source."""


class NotTextError(ArchiveError):
    """Bytes are not text in any encoding we can tell; `binary` when they look like binary data."""

    def __init__(self, reason: str, binary: bool):
        super().__init__(reason)
        self.binary = binary


class FetchError(CaptureError):
    """An HTTP fetch failed: refused, timed out, error status, broken connection."""


class URLRefusedError(FetchError, kind="refused"):
    """A URL is refused before any request: not a valid URL, not http(s), or an internal address."""


class TooLargeError(CaptureError, kind="too_large"):
    """A source is larger than the size limit."""


class NotFoundError(ArchiveError, kind="not_found"):
    """An id names no capture, claim or citation."""


class IntegrityError(ArchiveError, kind="integrity"):
    """Stored evidence does not match its recorded hash."""


class IndexBusyError(ArchiveError, kind="busy"):
    """Another process holds the search index's write lock."""


class IndexWriteError(ArchiveError, kind="busy"):
    """The search index could not be written; the captures stay stored and marked to be indexed."""


class QueryError(ArchiveError):
    """A search query could not be parsed."""


class InvalidInputError(ArchiveError):
    """A value given by the user is not acceptable (empty claim, unknown status or stance)."""


class ArchiveBusyError(ArchiveError, kind="busy"):
    """Another process held the catalog's write lock for longer than a write waits."""


class DatabaseUnavailableError(ArchiveBusyError):
    """The catalog's database server cannot be reached: nothing was written, the same command can run again."""


class NameTakenError(InvalidInputError):
    """An account of that name (letter case aside) exists already."""


class CatalogDamagedError(ArchiveError, kind="damaged"):
    """The catalog file cannot be read as an archive catalog (truncated, damaged, not a database)."""


class CatalogLostError(ArchiveError, kind="damaged"):
    """The catalog is missing or empty while the archive home still holds originals."""


class SigningKeyError(ArchiveError):
    """The archive's signing key cannot be used: unreadable, not a private Ed25519 key, or readable by others."""

    kind = "refused"


class TimestampError(ArchiveError):
    """A trusted timestamp could not be had: the authority did not answer, or gave no timestamp."""

    kind = "unprocessable"


class OcrError(ArchiveError, kind="unprocessable"):
    """Tesseract cannot read an image: it is not installed, a language pack is missing, or it failed."""


class PictureError(ArchiveError, kind="unprocessable"):
    """A page of a capture cannot be drawn, or its tables found: the original is damaged or takes too long."""


class LimitExceededError(CaptureError):
    """Extracting a source took longer, or more memory, than its limits allow."""


class UnauthorizedError(ArchiveError):
    """No valid credentials: wrong name or password, a disabled account, an unknown or revoked token."""

    kind = "unauthorized"


class ForbiddenError(ArchiveError):
    """The signed-in account's role does not allow the action."""

    kind = "forbidden"


class EntityNameTakenError(ArchiveError, kind="conflict"):
    """A name given to an entity is already another entity's."""

    def __init__(self, name: str, holder_id: int, holder_name: str):
        super().__init__(f"{name!r} is already a name of entity {holder_id} ({holder_name}); to make them one "
                         f"entity, merge them.")


class LastAdminError(ArchiveError, kind="conflict"):
    """Demoting or disabling the last enabled admin would leave nobody to manage the accounts."""
