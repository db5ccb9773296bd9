"""The SQL written for a parsed query on PostgreSQL, built with no database: what scores a document, with the boosts
that rank a Latin reading or a close spelling below the word as written."""

from whoosh import query as q

from archive.search import pg_query
from archive.search.phrases import WordsInARow


def test_scored_terms_carry_the_boosts_of_the_parts_holding_them():
    widened = q.And([
        q.Or([q.Term("text", "небесная"), q.Term("latin", "nebesnaya", boost=0.6),
              q.Term("text", "nebesnaja", boost=0.3)]),
        q.Or([WordsInARow("latin", ["sky", "mechan"], boost=0.6)], boost=0.5),
        q.Not(q.Term("text", "correction")),
        q.Term("lang", "ru"),
    ])
    assert pg_query.scored_terms(widened) == [
        ("text", "небесная", 1.0), ("latin", "nebesnaya", 0.6), ("text", "nebesnaja", 0.3),
        ("latin", "sky", 0.3), ("latin", "mechan", 0.3)]


def test_a_boost_multiplies_the_terms_idf_in_the_score():
    terms = [("text", "drone", 1.0), ("latin", "drone", 0.6)]
    built = pg_query.score(terms, {("text", "drone"): 2.0, ("latin", "drone"): 2.0}, {"text": 300.0, "latin": 40.0})
    assert built.params == ["text", "drone", 2.0, 300.0, "latin", "drone", 1.2, 40.0]  # idf times boost, average
