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


class FetchError(CaptureError):
    """An HTTP fetch failed: bad scheme, refused, timed out, error status, too large."""


class NotFoundError(ArchiveError):
    """An id names no capture, claim or citation."""


class IntegrityError(ArchiveError):
    """Stored evidence does not match its recorded hash."""


class IndexBusyError(ArchiveError):
    """Another process holds the search index's write lock."""


class QueryError(ArchiveError):
    """A search query could not be parsed."""


class InvalidInputError(ArchiveError):
    """A value given by the user is not acceptable (empty claim, unknown status or stance)."""


class LimitExceededError(CaptureError):
    """Extracting a source took longer, or more memory, than its limits allow."""
