"""Errors raised by the archive and the ingestors: one family, each with a plain message."""


class ArchiveError(Exception):
    """Base class of every error the archive reports to a user."""


class CaptureError(ArchiveError):
    """A source could not be captured; the message names the source and the reason."""

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


class TooLargeError(CaptureError):
    """A source is larger than the size limit."""


class NotFoundError(ArchiveError):
    """An id names no capture, claim or citation."""


class IntegrityError(ArchiveError):
    """Stored evidence does not match its recorded hash."""


class IndexBusyError(ArchiveError):
    """Another process holds the search index's write lock."""


class IndexWriteError(ArchiveError):
    """The search index could not be written; the captures stay stored and marked to be indexed."""


class QueryError(ArchiveError):
    """A search query could not be parsed."""


class InvalidInputError(ArchiveError):
    """A value given by the user is not acceptable (empty claim, unknown status or stance)."""


class ArchiveBusyError(ArchiveError):
    """Another process held the catalog's write lock for longer than a write waits."""


class CatalogDamagedError(ArchiveError):
    """The catalog file cannot be read as an archive catalog (truncated, damaged, not a database)."""


class CatalogLostError(ArchiveError):
    """The catalog is missing or empty while the archive home still holds originals."""


class LimitExceededError(CaptureError):
    """Extracting a source took longer, or more memory, than its limits allow."""
