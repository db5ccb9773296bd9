"""The query language: Whoosh's parser plus date ranges and `> <`, and the split of filters from ranking words."""

from __future__ import annotations

import re

from whoosh import query as query_module
from whoosh.fields import DATETIME, Schema
from whoosh.qparser import FuzzyTermPlugin, GtLtPlugin, MultifieldParser

from archive.analysis import MultilingualTokenizer, text_analyzer
from archive.errors import QueryError
from archive.search.phrases import own_phrases

FILTER_FIELDS = {"lang", "kind", "published", "captured", "url", "sha256"}
_DATE_CLAUSE = re.compile(r"\b(published|captured):(\[[^\]]*\]|\S+)")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


def parse(query: str, schema: Schema) -> query_module.Query:
    """Parse the query language: words, "phrases", AND/OR/NOT, field:value, date ranges."""
    normalised = _normalise_dates(query)
    parser = MultifieldParser(["title", "text"], schema)
    if _names_a_date_field(normalised, schema):
        # Whoosh's date parser compiles about 60 patterns each time it is made (10 ms, the most of a command's
        # search), and reads only clauses on a date field (`published:`; its `free` mode is off).
        from whoosh.qparser.dateparse import DateParserPlugin

        parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(FuzzyTermPlugin())  # `word~`, `word~2`, `word~2/3`: archive.search.variants bounds them
    try:
        return parser.parse(normalised).accept(own_phrases)
    except Exception as exc:  # whoosh raises assorted errors (ValueError, IndexError...) for bad input
        hint = (" (dates are written 2024, 2024-03 or 2024-03-05, ranges as [2024-01-01 to 2024-06-30])"
                if _DATE_CLAUSE.search(query) else "")
        shown = query if len(query) <= 80 else query[:77] + "…"
        raise QueryError(f"could not read the query {shown!r}{hint}") from exc


def name_words(query: str) -> set[str]:
    """Return the analysed words of a query that are taken as names: written with a capital letter, or in a
    script other than Latin (CJK and Thai bigrams excepted); operators and field names are not words."""
    words = set()
    for token in MultilingualTokenizer()(query):
        word = token.text
        if word in _OPERATORS or not word[0].isalpha():
            continue
        if word[0].isupper() or not word.isascii():
            words.update(t.text for t in _ANALYZER(word))
    return words


_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_ANALYZER = text_analyzer()


def split_filters(parsed) -> tuple[object, list]:
    """Separate clauses on metadata fields (they filter, they do not rank) from the words that rank hits."""
    clauses = list(parsed.subqueries) if isinstance(parsed, query_module.And) else [parsed]
    filters = [c for c in clauses if _is_filter(c)]
    if not filters:
        return parsed, []
    ranking = [c for c in clauses if not _is_filter(c)]
    if not ranking:
        return query_module.Every(), filters
    return (ranking[0] if len(ranking) == 1 else query_module.And(ranking)), filters


def _is_filter(clause) -> bool:
    fields = {name for name, _text in clause.iter_all_terms()} if not isinstance(
        clause, (query_module.NumericRange, query_module.DateRange)) else {clause.fieldname}
    return bool(fields) and fields <= FILTER_FIELDS


def _names_a_date_field(query: str, schema: Schema) -> bool:
    """Tell whether a query may have a clause on a date field: Whoosh reads a field only as `name:`."""
    return any(f"{name}:" in query for name, field in schema.items() if isinstance(field, DATETIME))


def _normalise_dates(query: str) -> str:
    """Write ISO dates in date clauses as YYYYMMDD, the form Whoosh's date parser reads reliably."""
    def compact(match: re.Match) -> str:
        return match.group(1) + ":" + _ISO_DAY.sub(lambda m: "".join(g for g in m.groups() if g), match.group(2))
    return _DATE_CLAUSE.sub(compact, query)
