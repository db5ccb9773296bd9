"""The top hits of a query on PostgreSQL, read from the best postings of its words (a threshold top-k).

Scoring every match reads every matching document's tsvector: at 20,000 captures a word in most texts cost
a third of a second. Here each scored word's postings are read best first (archive/search/pg_postings.py), a
bounded prefix of each; the documents found there that the query admits (archive/search/pg_matches.py) are
scored from their postings (archive/search/pg_query.py's BM25F), as `ranked` scores every match. A document
outside every prefix scores at most the sum, over the words, of the word's weight times the impact where its
prefix stopped (times max(1, A / A0), see pg_postings); when the last wanted hit scores above that bound, no
other document can enter the top, and the answer is the one scoring every match would give. Equal scores rank
by capture id and equal impacts are read in capture id order, so a document outside the prefixes that scores
the bound itself holds the impact where each prefix stopped and an id after the last one read there: a last
hit scoring the bound with an id below those settles the top too (the made-up texts of bench/ are all of one
length and hold most words once: ties everywhere). Otherwise the prefixes grow, up to MAX_DEPTH, past which
the caller scores every match as before. Scores are compared within rounding (TOLERANCE).
"""

from __future__ import annotations

from archive.pg_database import Database
from archive.search.pg_query import Sql

FIRST_DEPTH = 64  # postings read first per word (at least 4 times the hits wanted)
GROWTH = 4  # how much deeper each further reading goes
SHORT_LIST = 512  # postings of a word read whole at once when it has no more
MAX_DEPTH = 4096  # past this, scoring every match costs about what reading deeper would
DIGITS = 10  # decimals a score keeps
EXPECTED = 2  # matches among the first prefixes, per hit wanted, for the best postings to be read first
# One document's postings of the query's words are looked up in the time PER_DOCUMENT + PER_TERM * (its distinct
# words) postings of the words' lists are read (a descent of the index per word), as measured at 20,000 captures:
# 0.014 ms a document for 2 words, 0.045 for 13, against 0.0012 ms a listed posting.
PER_DOCUMENT = 8
PER_TERM = 2
TOLERANCE = 1e-9  # the bound and the scores are sums of the same parts in different orders, then rounded


def top_hits(db: Database, ranking: Sql, matches: Sql | frozenset[int], terms: list[tuple[str, str, float]],
             idfs: dict[tuple[str, str], float], documents: dict[tuple[str, str], int], stretch: dict[str, float],
             wanted: int, total: int) -> list[tuple] | None:
    """Return the first `wanted` (capture id, score) of the query's `total` matches (a SELECT of them, or their ids),
    best first (ties by id), or None when the prefixes cannot settle it (the caller then scores every match).
    `terms` are the scored (field, term, boost), `documents` how many documents hold each (field, term),
    `stretch` per field max(1, average length / the fixed average of the impacts)."""
    weights: dict[tuple[str, str], float] = {}
    for name, term, boost in terms:
        weights[(name, term)] = weights.get((name, term), 0.0) + idfs[(name, term)] * boost
    if not weights or wanted <= 0:
        return None
    keys = sorted(weights)
    depth = max(FIRST_DEPTH, GROWTH * wanted)
    while depth <= MAX_DEPTH:
        # A short list is read whole: the bound sums every list's stop, and a word in few titles would otherwise
        # hold it up until its list ends (its documents are few to score).
        depths = {key: depth if documents[key] > SHORT_LIST else SHORT_LIST for key in keys}
        prefixes = _prefixes(db, depths)
        stops = {key: prefixes[key][-1] for key in keys if len(prefixes[key]) == depths[key]}  # lists not read whole
        bound = sum(weights[key] * stretch[key[0]] * impact for key, (_, impact) in stops.items())
        candidates = sorted({capture_id for found in prefixes.values() for capture_id, _ in found})
        # Most of the matches read already (a phrase, a filter: few of the words' documents match): scoring them
        # all settles the top at once, for little more than scoring those.
        admitted = len(candidates) if not isinstance(matches, frozenset) else sum(i in matches for i in candidates)
        if 2 * admitted >= total:
            return ranked(db, ranking, matches, terms, wanted, 0, documents)
        best = ranked(db, ranking, matches, terms, wanted, 0, documents, among=candidates)
        if len(best) == wanted and _settled(best[-1], bound, [capture_id for capture_id, _ in stops.values()]):
            return best
        if bound == 0.0:  # every posting read: the matches not among them hold none of the scored words
            return best if len(best) == total else None
        depth *= GROWTH
    return None


def worth_reading_best(documents: dict[tuple[str, str], int], total: int, wanted: int) -> bool:
    """Tell whether the words' best postings are worth reading first: their first prefixes should hold, among the
    query's `total` matches, at least EXPECTED times the hits wanted. A phrase or a filter that admits few of the
    words' documents leaves most of what the prefixes read out (a phrase of two common words: 1,151 matches among
    20,000 texts holding one of them), and the rounds cost more than scoring every match at once."""
    most = max(documents.values(), default=0)
    return most > 0 and max(FIRST_DEPTH, GROWTH * wanted) * total >= EXPECTED * wanted * most


def ranked(db: Database, ranking: Sql, matches: Sql | frozenset[int], terms: list[tuple[str, str, float]], limit: int,
           offset: int, documents: dict[tuple[str, str], int] | None = None,
           among: list[int] | None = None) -> list[tuple]:
    """Return (capture id, score) of the matches (a SELECT of them, or their ids) of those `among` given ids (all
    without), best first, ties by id, from `offset` on: each scored from its postings of the query's words (0
    without any), read as each word's list when that reads less than looking up each document's (`documents`:
    how many hold each (field, term))."""
    # The documents to score, listed first: the planner counts a list, where it misjudged unions of postings by
    # orders of magnitude (and then looked up every match's postings before keeping the candidates).
    if isinstance(matches, frozenset):
        ids = sorted(matches) if among is None else [i for i in among if i in matches]
    else:
        if among is not None:  # joined, not `= ANY`: pushed into every branch of a union, a long list costs planning
            matches = Sql(f"SELECT m.capture_id FROM ({matches.text}) AS m JOIN unnest(%s::text::bigint[]) "
                          "AS c (capture_id) USING (capture_id)", [*matches.params, id_array(among)])
        ids = db.value(f"SELECT array(SELECT capture_id FROM ({matches.text}) AS m)", matches.params)
    keys = sorted({(name, term) for name, term, _ in terms})
    words = sorted({term for _, term in keys})
    looked_up = len(ids) * (PER_DOCUMENT + PER_TERM * len(words))
    if documents is not None and keys and sum(documents.get(key, 0) for key in keys) <= looked_up:
        # each word's list, from the index alone (pg008), joined to the documents by hash
        lists = " UNION ALL ".join("(SELECT capture_id, field, term, tf, length FROM search_postings "
                                   "WHERE field = %s AND term = %s)" for _ in keys)
        postings, params = f"({lists}) p ON p.capture_id = a.capture_id", [value for key in keys for value in key]
    else:  # each document's postings of the words, one lookup of its index each (OFFSET 0: kept a lookup,
        # not flattened into a join the planner may answer by reading the whole table)
        postings = ("LATERAL (SELECT field, term, tf, length FROM search_postings "
                    "WHERE capture_id = a.capture_id AND term = ANY(%s) OFFSET 0) p ON TRUE")
        params = [words]
    return db.tuples(
        # Rounded: a sum's last bits depend on the order its rows come in, and equal scores must tie.
        f"SELECT a.capture_id, round(coalesce(sum({ranking.text}), 0.0)::numeric, {DIGITS})::float8 AS score "
        f"FROM unnest(%s::text::bigint[]) AS a (capture_id) LEFT JOIN {postings} "
        "GROUP BY a.capture_id ORDER BY score DESC, a.capture_id LIMIT %s OFFSET %s",
        [*ranking.params, id_array(ids), *params, limit, offset]) if ids else []


def id_array(ids: list[int]) -> str:
    """Return capture ids as an array literal, for `%s::text::bigint[]`: psycopg adapts a list of 15,000 ints in
    24 ms, this in 1."""
    return "{" + ",".join(map(str, ids)) + "}"


def _settled(last: tuple, bound: float, stopped_at: list[int]) -> bool:
    """Tell whether no document outside the prefixes can rank before the last wanted hit."""
    capture_id, score = last
    slack = max(TOLERANCE * bound, TOLERANCE)
    if score > bound + slack:
        return True
    return score >= bound - slack and any(capture_id < stop for stop in stopped_at)


def _prefixes(db: Database, depths: dict[tuple[str, str], int]) -> dict[tuple[str, str], list[tuple]]:
    """Return the first (capture id, impact) postings of each (field, term), as many as its depth, best first."""
    keys = list(depths)
    statement = " UNION ALL ".join(
        f"(SELECT {n}, capture_id, impact FROM search_postings WHERE field = %s AND term = %s "
        "ORDER BY impact DESC, capture_id LIMIT %s)" for n in range(len(keys)))
    found: dict[tuple[str, str], list[tuple]] = {key: [] for key in keys}
    for n, capture_id, impact in db.tuples(statement, [p for key in keys for p in (*key, depths[key])]):
        found[keys[n]].append((capture_id, impact))
    return found
