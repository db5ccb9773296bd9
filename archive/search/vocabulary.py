"""The words an index holds, as the names features read them: close spellings, wildcards, "did you mean".

`Vocabulary` is what archive/search/variants.py and archive/search/suggestions.py ask of a search backend:
whether a field holds a term, how many documents do, the field's terms from some first letters on (in byte
order, as Whoosh lists them) and where a term first occurs. `WhooshVocabulary` answers from a Whoosh reader;
archive/search/pg_vocabulary.py answers from PostgreSQL.
"""

from __future__ import annotations

from itertools import islice
from typing import Protocol

from whoosh.reading import TermNotFound


class Vocabulary(Protocol):
    """The terms of an index's fields, read in order from a prefix."""

    fields: frozenset[str]  # the fields it can list

    def holds(self, fieldname: str, term: str) -> bool:
        """Tell whether some document holds the term in the field."""

    def frequencies(self, fieldname: str, terms: list[str]) -> dict[str, int]:
        """Return how many documents hold each term in the field."""

    def terms_from(self, fieldname: str, prefix: str, limit: int) -> list[str]:
        """Return up to `limit` of the field's terms starting with `prefix`, in byte order."""

    def first_place(self, fieldname: str, term: str) -> tuple[int, int] | None:
        """Return (capture id, token position) of a term's first occurrence, or None when no document holds it."""


class WhooshVocabulary:
    """A Whoosh index's vocabulary, from an open reader (its lexicon keeps the terms of deleted documents until
    their segment is merged, as PostgreSQL's vocabulary table keeps them until a rebuild)."""

    def __init__(self, reader):
        self.reader = reader
        self.fields = frozenset(reader.schema.names())

    def holds(self, fieldname: str, term: str) -> bool:
        return bool(self.reader.doc_frequency(fieldname, term))

    def frequencies(self, fieldname: str, terms: list[str]) -> dict[str, int]:
        return {term: self.reader.doc_frequency(fieldname, term) for term in terms}

    def terms_from(self, fieldname: str, prefix: str, limit: int) -> list[str]:
        return [_text(term) for term in islice(self.reader.expand_prefix(fieldname, prefix), limit)]

    def first_place(self, fieldname: str, term: str) -> tuple[int, int] | None:
        try:
            postings = self.reader.postings(fieldname, term)
        except TermNotFound:
            return None
        if not postings.is_active():
            return None
        # postings() of a multi-segment reader gives the document number within the whole index
        capture_id = int(self.reader.stored_fields(postings.id())["capture_id"])
        return capture_id, postings.value_as("positions")[0]


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
