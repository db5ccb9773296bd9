import pytest
from whoosh import query as query_module
from whoosh.qparser import GtLtPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin

from archive.errors import QueryError
from archive.search import queries
from archive.search.phrases import own_phrases
from archive.search.schema import schema

SCHEMA = schema()


def _with_date_parser(text: str):
    """The query as parsed with Whoosh's date parser always added (how every query was parsed before)."""
    parser = MultifieldParser(["title", "text"], SCHEMA)
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(GtLtPlugin())
    return parser.parse(queries._normalise_dates(text)).accept(own_phrases)


@pytest.mark.parametrize("text", [
    "drone", "drone exports", '"drone exports" OR customs', "title:drone NOT text:war", "kind:pdf lang:en moon",
    "无人机出口", "2024 drones", "published 2024", "captured", ">2020", "drones >= 2020", "title:[a TO c]", "a:",
    "Published:2024", "site:published.example", "url:https://example.org/published/1",
])
def test_a_query_naming_no_date_field_parses_as_with_the_date_parser(text):
    assert not queries._names_a_date_field(queries._normalise_dates(text), SCHEMA)
    try:
        expected = _with_date_parser(text)
    except Exception:  # then ours refuses it too, as a QueryError
        with pytest.raises(QueryError):
            queries.parse(text, SCHEMA)
        return
    assert queries.parse(text, SCHEMA) == expected


@pytest.mark.parametrize("text", [
    "drone published:2024", "published:[2024-01-01 to 2024-06-30] drone", "captured:>2024-03",
    "(published:2023 OR captured:2024) moon", "published:yesterday",
])
def test_a_query_naming_a_date_field_is_read_by_the_date_parser(text):
    parsed = queries.parse(text, SCHEMA)
    assert parsed == _with_date_parser(text)
    assert any(isinstance(node, (query_module.DateRange, query_module.NumericRange)) or
               (isinstance(node, query_module.Term) and node.fieldname in ("published", "captured"))
               for node in parsed.leaves())
