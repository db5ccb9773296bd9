"""The documents a query matches on PostgreSQL, as a set of capture ids read from the postings: exact totals
without reading the documents' tsvectors.

Counting the documents whose tsvector holds a common word reads (de-TOASTs) each of them: at 20,000 captures
PostgreSQL's planner chose a sequential scan costing 190 ms for a word in 12,000 texts, where the same word's
postings (archive/search/pg_postings.py) count in 6 ms from their index alone. Pure builder, no IO: `matches`
writes a parsed query as INTERSECT / UNION / EXCEPT of the words' postings, the metadata filters read from
search_documents' b-tree columns; a phrase's documents are those holding its word pairs
(archive/search/pg_pairs.py), positions read only for a longer phrase, in the documents holding all its pairs.
Everything pg_query.condition admits is written here too.
"""

from __future__ import annotations

from whoosh import query as q

from archive.search import pg_pairs, pg_query
from archive.search.pg_postings import SCORED_FIELDS
from archive.search.pg_query import PhraseCheck, Sql
from archive.search.pg_vocabulary import term_range

_EVERY = Sql("SELECT capture_id FROM search_documents")


def every(nodes: list, phrase_check: PhraseCheck) -> Sql:
    """Return a SELECT of the capture ids every one of the parsed queries `nodes` matches."""
    return _combined("INTERSECT", [matches(node, phrase_check) for node in nodes])


def has_phrase(nodes: list) -> bool:
    """Tell whether a query reads positions (a phrase of more than two words, or of the author's or site's
    words): its matches cost a read of each document holding the words, to be made once. A two-word phrase of
    a scored field is one lookup of its pair (_phrase)."""
    return any(isinstance(part, q.Phrase) and (len(part.words) > 2 or (
                   len(part.words) == 2 and part.fieldname not in SCORED_FIELDS))
               for node in nodes for part in (node.leaves() if not node.is_leaf() else [node]))


def single_word(node) -> tuple[str, str] | None:
    """Return (field, term) when a query is one word of a scored field, whose matches are its postings alone
    (matches: _postings), else None."""
    if isinstance(node, q.Term) and node.fieldname in SCORED_FIELDS:
        return node.fieldname, node.text
    if isinstance(node, q.Phrase) and len(node.words) == 1 and node.fieldname in SCORED_FIELDS:
        return node.fieldname, node.words[0]
    return None


def counted(found: Sql, most: int | None) -> Sql:
    """Return the statement counting the capture ids a SELECT of them finds, and listing them as an array when
    they are at most `most` (None: always), else NULL."""
    return Sql(f"SELECT count(*), CASE WHEN %s::bigint IS NULL OR count(*) <= %s THEN "
               f"coalesce(array_agg(capture_id), '{{}}') END FROM ({found.text}) AS matched",
               [most, most, *found.params])


def matches(node, phrase_check: PhraseCheck) -> Sql:
    """Return a SELECT of the capture ids (each once) a parsed query matches."""
    if isinstance(node, (q.And, q.Require)):
        return _combined("INTERSECT", [matches(child, phrase_check) for child in pg_query.children(node)])
    if isinstance(node, q.Or):
        return _combined("UNION", [matches(child, phrase_check) for child in node.subqueries])
    if isinstance(node, q.AndMaybe):  # the second part only adds to the score
        return matches(node.a, phrase_check)
    if isinstance(node, q.AndNot):
        return _combined("EXCEPT", [matches(node.a, phrase_check), matches(node.b, phrase_check)])
    if isinstance(node, q.Not):
        return _combined("EXCEPT", [_EVERY, matches(node.query, phrase_check)])
    if isinstance(node, q.Phrase) and len(node.words) > 1 and node.fieldname in SCORED_FIELDS:
        return _phrase(node, phrase_check)
    if isinstance(node, q.Phrase) and len(node.words) > 1:  # the author's and site's: short, positions read
        checked = pg_query.condition(node, phrase_check)
        return Sql(f"SELECT capture_id FROM search_documents WHERE {checked.text}", checked.params)
    if isinstance(node, q.Phrase) and len(node.words) == 1 and node.fieldname in SCORED_FIELDS:
        return _postings(node.fieldname, node.words[0])
    if isinstance(node, q.Term) and node.fieldname in SCORED_FIELDS:
        return _postings(node.fieldname, node.text)
    if isinstance(node, q.Prefix) and node.fieldname in SCORED_FIELDS:
        within, params = term_range(node.text)
        return Sql(f"SELECT DISTINCT capture_id FROM search_postings WHERE field = %s AND {within}",
                   [node.fieldname, *params])
    # Metadata filters, everything, nothing, the author's and site's words: as pg_query writes them, read where
    # search_documents' own indexes serve them.
    admitted = pg_query.condition(node, phrase_check)
    return Sql(f"SELECT capture_id FROM search_documents WHERE {admitted.text}", admitted.params)


def _phrase(node: q.Phrase, phrase_check: PhraseCheck) -> Sql:
    """Return a SELECT of the documents holding a phrase of a scored field: those holding its word pairs
    (archive/search/pg_pairs.py), their positions read only for a phrase of more than two words; in the text and
    its Latin readings, the documents whose positions could not all be kept are the ones checked on their text
    instead (pg_query.condition)."""
    held = pg_pairs.holding(node.fieldname, list(node.words))
    if len(node.words) > 2:  # every pair is there, but maybe not one after the other
        in_a_row = pg_query.words_in_a_row(node)
        held = Sql(f"SELECT capture_id FROM search_documents WHERE capture_id IN ({held.text}) AND {in_a_row.text}",
                   [*held.params, *in_a_row.params])
    if node.fieldname not in pg_query.POSITIONED:
        return held
    checked = phrase_check(node.fieldname, list(node.words))
    return Sql(f"(({held.text}) EXCEPT (SELECT capture_id FROM search_documents WHERE NOT positions_exact)) "
               "UNION (SELECT unnest(%s::bigint[]))", [*held.params, checked])


def _postings(fieldname: str, term: str) -> Sql:
    return Sql("SELECT capture_id FROM search_postings WHERE field = %s AND term = %s", [fieldname, term])


def _combined(operator: str, parts: list[Sql]) -> Sql:
    if not parts:  # an empty AND admits everything, an empty OR nothing (as pg_query writes them)
        return _EVERY if operator == "INTERSECT" else Sql("SELECT capture_id FROM search_documents WHERE FALSE")
    if len(parts) == 1:
        return parts[0]
    return Sql(f" {operator} ".join(f"({part.text})" for part in parts), [p for part in parts for p in part.params])
