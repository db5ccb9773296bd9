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
)


class ArchiveError(Exception):
    """Base class of every error the archive reports to a user."""

    kind = "invalid"


class CaptureError(ArchiveError):
    """A source could not be captured; the message names the source and the reason."""

    kind = "unprocessable"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedSourceError(CaptureError):
    """No ingestor accepts this kind of source."""


class NotTextError(ArchiveError):
    """Bytes are not text in any encoding we can tell; `binary` when they look like binary data."""

    def __init__(self, reason: str, binary: bool):
        super().__init__(reason)
        self.binary = binary


class FetchError(CaptureError):
    """An HTTP fetch failed: refused, timed out, error status, broken connection."""


class URLRefusedError(FetchError):
    """A URL is refused before any request: not a valid URL, not http(s), or an internal address."""

    kind = "refused"


class TooLargeError(CaptureError):
    """A source is larger than the size limit."""

    kind = "too_large"


class NotFoundError(ArchiveError):
    """An id names no capture, claim or citation."""

    kind = "not_found"


class IntegrityError(ArchiveError):
    """Stored evidence does not match its recorded hash."""

    kind = "integrity"


class IndexBusyError(ArchiveError):
    """Another process holds the search index's write lock."""

    kind = "busy"


class IndexWriteError(ArchiveError):
    """The search index could not be written; the captures stay stored and marked to be indexed."""

    kind = "busy"


class QueryError(ArchiveError):
    """A search query could not be parsed."""


class InvalidInputError(ArchiveError):
    """A value given by the user is not acceptable (empty claim, unknown status or stance)."""


class ArchiveBusyError(ArchiveError):
    """Another process held the catalog's write lock for longer than a write waits."""

    kind = "busy"


class CatalogDamagedError(ArchiveError):
    """The catalog file cannot be read as an archive catalog (truncated, damaged, not a database)."""

    kind = "damaged"


class CatalogLostError(ArchiveError):
    """The catalog is missing or empty while the archive home still holds originals."""

    kind = "damaged"


class LimitExceededError(CaptureError):
    """Extracting a source took longer, or more memory, than its limits allow."""


class UnauthorizedError(ArchiveError):
    """No valid credentials: wrong name or password, a disabled account, an unknown or revoked token."""

    kind = "unauthorized"


class ForbiddenError(ArchiveError):
    """The signed-in account's role does not allow the action."""

    kind = "forbidden"
