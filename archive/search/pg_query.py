"""The query language on PostgreSQL: a parsed query (archive/search/queries.py, the same parser as Whoosh's
index) written as SQL over search_documents, and Whoosh's BM25F ranking written as an SQL expression.

Pure builders, no IO: `condition` turns a query tree into a WHERE clause with its parameters, `score` the
ranking words into BM25F parts given the statistics the caller read. Words match the analysed terms of the
tsvector columns (GIN), phrases use tsquery's <-> on the stored positions, metadata filters are plain
comparisons. A term's frequency in a document and the field's length are read from its posting
(archive/search/pg_postings.py), so the score is Whoosh's: idf * tf(K1+1) / (tf + K1(1 - B + B len/avglen)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from math import log
from typing import Any

from whoosh import query as q

from archive.errors import QueryError

TERM_COLUMNS = {"title": "title_terms", "text": "text_terms", "author": "author_terms", "site": "site_terms",
                "latin": "latin_terms"}
LENGTH_COLUMNS = {"title": "title_length", "text": "text_length", "latin": "latin_length"}
VALUE_COLUMNS = {"url": "url", "sha256": "sha256", "lang": "lang", "kind": "kind"}
DATE_COLUMNS = {"published": "published", "captured": "captured"}
POSITIONED = ("text", "latin")  # fields at the text's positions: what the text's length cuts, a phrase check finds
FIELD_BOOST = {"title": 2.0}  # as the index schema's field_boost (archive/search/schema.py)
B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults

PhraseCheck = Callable[[str, list[str]], list[int]]
"""Given a field and a phrase's words, return the ids of documents whose positions could not all be stored
(positions_exact false) that hold the phrase, as checked against their text."""


@dataclass
class Sql:
    """An SQL fragment and its parameters, in order."""

    text: str
    params: list[Any] = field(default_factory=list)


def lexeme(term: str) -> str:
    """Return a term as a tsquery operand: quoted, so PostgreSQL takes it as it is."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def condition(node, phrase_check: PhraseCheck) -> Sql:
    """Return the WHERE clause that admits what a parsed query matches."""
    if isinstance(node, (q.And, q.Require)):
        return _joined(" AND ", [condition(child, phrase_check) for child in children(node)])
    if isinstance(node, q.Or):
        return _joined(" OR ", [condition(child, phrase_check) for child in node.subqueries])
    if isinstance(node, q.AndMaybe):  # the first must match, the second only adds to the score
        return condition(node.a, phrase_check)
    if isinstance(node, q.AndNot):
        positive, negative = condition(node.a, phrase_check), condition(node.b, phrase_check)
        return Sql(f"({positive.text} AND NOT ({negative.text}))", positive.params + negative.params)
    if isinstance(node, q.Not):
        inner = condition(node.query, phrase_check)
        return Sql(f"NOT ({inner.text})", inner.params)
    if isinstance(node, q.Every):
        return Sql("TRUE")
    if node is q.NullQuery:
        return Sql("FALSE")
    if isinstance(node, q.Phrase):
        return _phrase(node, phrase_check)
    if isinstance(node, q.Prefix):
        return Sql(f"{_term_column(node)} @@ %s::tsquery", [lexeme(node.text) + ":*"])
    if isinstance(node, q.NumericRange):  # DateRange is one
        return _range(node)
    if isinstance(node, q.Term):
        if node.fieldname in TERM_COLUMNS:
            return Sql(f"{TERM_COLUMNS[node.fieldname]} @@ %s::tsquery", [lexeme(node.text)])
        if node.fieldname in VALUE_COLUMNS:
            return Sql(f"{VALUE_COLUMNS[node.fieldname]} = %s", [node.text])
    raise QueryError(f"this search backend cannot answer {_shown(node)}: use words, \"phrases\", word*, wo?d, word~ "
                     "and the lang:, kind:, url:, sha256:, published: and captured: filters")


def _phrase(node: q.Phrase, phrase_check: PhraseCheck) -> Sql:
    column = _term_column(node)
    words = list(node.words)
    if len(words) == 1:
        return Sql(f"{column} @@ %s::tsquery", [lexeme(words[0])])
    in_a_row = words_in_a_row(node)
    if node.fieldname not in POSITIONED:
        return in_a_row
    checked = phrase_check(node.fieldname, words)  # texts longer than the positions PostgreSQL keeps
    return Sql(f"((positions_exact AND {in_a_row.text}) OR (NOT positions_exact AND capture_id = ANY(%s)))",
               [*in_a_row.params, checked])


def words_in_a_row(node: q.Phrase) -> Sql:
    """Return the clause admitting documents whose stored positions hold a phrase's words one after another."""
    return Sql(f"{_term_column(node)} @@ %s::tsquery", [" <-> ".join(lexeme(word) for word in node.words)])


def all_words(node: q.Phrase) -> Sql:
    """Return the clause admitting documents that hold every word of a phrase, anywhere."""
    return Sql(f"{_term_column(node)} @@ %s::tsquery", [" & ".join(lexeme(word) for word in node.words)])


def _range(node: q.NumericRange) -> Sql:
    column = DATE_COLUMNS.get(node.fieldname)
    if column is None:
        raise QueryError(f"this search backend cannot answer {_shown(node)}: ranges are for published: and "
                         "captured:")
    parts, params = [], []
    start, end = getattr(node, "startdate", None), getattr(node, "enddate", None)  # DateRange keeps its dates
    if isinstance(start, datetime):
        parts.append(f"{column} {'>' if node.startexcl else '>='} %s")
        params.append(start)
    if isinstance(end, datetime):
        parts.append(f"{column} {'<' if node.endexcl else '<='} %s")
        params.append(end)
    return Sql("(" + " AND ".join(parts or [f"{column} IS NOT NULL"]) + ")", params)


def _term_column(node) -> str:
    column = TERM_COLUMNS.get(node.fieldname)
    if column is None:
        raise QueryError(f"this search backend cannot answer {_shown(node)}: words are looked for in title:, "
                         "text:, author: and site:")
    return column


def children(node) -> list:
    return [node.a, node.b] if isinstance(node, q.Require) else list(node.subqueries)


def _joined(glue: str, parts: list[Sql]) -> Sql:
    if not parts:
        return Sql("TRUE")
    return Sql("(" + glue.join(part.text for part in parts) + ")", [p for part in parts for p in part.params])


def _shown(node) -> str:
    return str(node) if len(str(node)) <= 60 else str(node)[:57] + "…"


# -- ranking -----------------------------------------------------------------------------------

def scored_terms(node, boost: float = 1.0) -> list[tuple[str, str, float]]:
    """Return the (field, term, boost) of what scores a document: every word the query looks for, but those it
    excludes, once each where it stands in the query (a phrase scores the AND of its words, as in Whoosh), each
    with the boosts of the query's parts that hold it multiplied (a Latin reading or a close spelling ranks
    below the word as written, archive/search/variants.py)."""
    if isinstance(node, q.Not) or node is q.NullQuery:
        return []
    boost *= getattr(node, "boost", 1.0)
    if isinstance(node, q.AndNot):
        return scored_terms(node.a, boost)
    if isinstance(node, (q.AndMaybe, q.Require)):
        return scored_terms(node.a, boost) + scored_terms(node.b, boost)
    if isinstance(node, q.Phrase):
        return [(node.fieldname, word, boost) for word in node.words if node.fieldname in LENGTH_COLUMNS]
    if isinstance(node, q.Term):
        return [(node.fieldname, node.text, boost)] if node.fieldname in LENGTH_COLUMNS else []
    if isinstance(node, q.CompoundQuery):
        return [scored for child in node.subqueries for scored in scored_terms(child, boost)]
    return []


def idf(documents: int, frequency: int) -> float:
    """Return Whoosh's inverse document frequency: log(N / (df + 1)) + 1 (1 in an empty index)."""
    return log(documents / (frequency + 1)) + 1 if documents else 1.0


def score(terms: list[tuple[str, str, float]], idfs: dict[tuple[str, str], float],
          average_lengths: dict[str, float]) -> Sql:
    """Return the BM25F part of one posting (search_postings `p`: field, term, tf, length) as an SQL expression,
    one term per scored (field, term, boost), the boost multiplying it as Whoosh's matchers multiply a boosted
    query's score: summed over a document's postings, its score."""
    parts: dict[tuple[str, str], list[str]] = {}
    params: dict[tuple[str, str], list] = {}
    for name, term, query_boost in terms:
        boost, average = FIELD_BOOST.get(name, 1.0), average_lengths.get(name) or 1.0
        weight = f"({boost} * p.tf)"
        norm = f"{K1} * ({1 - B} + {B} * p.length / %s::float8)"
        parts.setdefault((name, term), []).append(f"(%s::float8 * {weight} * {K1 + 1} / ({weight} + {norm}))")
        params.setdefault((name, term), []).extend([idfs[(name, term)] * query_boost, average])
    if not parts:
        return Sql("0.0")
    return Sql("CASE " + " ".join(f"WHEN p.field = %s AND p.term = %s THEN {' + '.join(parts[key])}" for key in parts)
               + " ELSE 0.0 END", [value for key in parts for value in (*key, *params[key])])
