"""The vocabulary of the search index on PostgreSQL: the terms of the searched fields in search_vocabulary (pg005).

Close spellings, `?` wildcards and "did you mean" read a field's terms from a word's first letters on, in byte
order, as they read Whoosh's term list (archive/search/vocabulary.py), and score them with the same edit
distance (rapidfuzz): both backends find the same close spellings within the same documented bounds ("one
edit, two from nine letters", at most 20,000 terms read). pg_trgm's similarity over the same table was the
other way, not taken: trigram overlap is no edit distance (by its definition one edit leaves "aspan"/"aspen"
at 0.33 and "mekhanika"/"mekhanica" at 0.54, so one threshold cannot say "one edit" for short and long names
alike), the two backends would then find different spellings, and it needs an extension created in the
database, which the archive has not needed so far.

The table only grows as documents are written (archive/search/pg_documents.py; terms of deleted documents
stay, as Whoosh keeps them until a merge, and a rebuild adds every document's terms again). What a document
holds is read from the documents' postings, so a term left behind is listed but never counted.
"""

from __future__ import annotations

from archive.pg_database import Database
from archive.search.pg_documents import MAX_POSITION, VOCABULARY_FIELDS
from archive.search.pg_query import TERM_COLUMNS, lexeme


class PgVocabulary:
    """The index's vocabulary as archive.search.vocabulary.Vocabulary: listed from search_vocabulary, counted
    in the documents."""

    fields = frozenset(VOCABULARY_FIELDS)

    def __init__(self, db: Database):
        self.db = db

    # A term's documents are its postings (archive/search/pg_postings.py), read from their index alone.
    def holds(self, fieldname: str, term: str) -> bool:
        return bool(self.db.value("SELECT EXISTS (SELECT 1 FROM search_postings WHERE field = %s AND term = %s)",
                                  [fieldname, term]))

    def frequencies(self, fieldname: str, terms: list[str]) -> dict[str, int]:
        if not terms:
            return {}
        rows = self.db.tuples(
            "SELECT u.term, (SELECT count(*) FROM search_postings p WHERE p.field = %s AND p.term = u.term) "
            "FROM unnest(%s::text[]) u (term)", [fieldname, terms])
        return dict(rows)

    def terms_from(self, fieldname: str, prefix: str, limit: int) -> list[str]:
        above, params = term_range(prefix)
        return [term for (term,) in self.db.tuples(
            f"SELECT term FROM search_vocabulary WHERE field = %s AND {above} ORDER BY term LIMIT %s",
            [fieldname, *params, limit])]

    def matching(self, fieldname: str, pattern: str, limit: int) -> list[str]:
        """Return up to `limit` of the field's terms matching a wildcard pattern (`*` any letters, `?` one), in
        byte order, reading from the letters before the first wildcard on."""
        literal = pattern[:min((pattern.find(c) for c in "*?" if c in pattern), default=len(pattern))]
        like = "".join("%" if c == "*" else "_" if c == "?" else "\\" + c if c in "%_\\" else c for c in pattern)
        above, params = term_range(literal)
        return [term for (term,) in self.db.tuples(
            f"SELECT term FROM search_vocabulary WHERE field = %s AND {above} AND term LIKE %s ORDER BY term LIMIT %s",
            [fieldname, *params, like, limit])]

    def first_place(self, fieldname: str, term: str) -> tuple[int, int] | None:
        column = TERM_COLUMNS[fieldname]
        found = self.db.tuples(
            f"SELECT d.capture_id, u.positions[1] FROM search_documents d, unnest(d.{column}) u "
            f"WHERE d.{column} @@ %s::tsquery AND u.lexeme = %s AND u.positions[1] < %s "
            "ORDER BY d.capture_id LIMIT 1", [lexeme(term), term, MAX_POSITION])
        return (found[0][0], found[0][1] - 1) if found else None  # tsvector positions count from 1


def term_range(prefix: str) -> tuple[str, list[str]]:
    """Return the condition admitting the terms that start with `prefix` as a range of the table's index."""
    if not prefix:
        return "TRUE", []
    if prefix[-1] == "\U0010ffff":
        return "term >= %s AND starts_with(term, %s)", [prefix, prefix]
    return "term >= %s AND term < %s", [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
