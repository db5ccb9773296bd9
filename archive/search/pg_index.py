"""The search index on PostgreSQL: search_documents (archive/search/pg_documents.py) in the catalog's database,
searched with GIN indexes on the archive's own terms, ranked by Whoosh's BM25F written in SQL.

PgIndex implements archive.seams.SearchBackend. In an archive whose catalog is on the same database, a new
capture's document is written in the catalog's own transaction (`in_catalog`: Archive.add hands the terms
to PgCatalog.add_capture), so searches see every committed capture and nothing waits to be indexed after a
crash. The writer of the seam (begin, add, commit) remains for rebuilds and for captures brought in without
a document (`evidence migrate`, derived data made again): one writer at a time, by a session advisory lock
that PostgreSQL releases when its holder's connection ends, however the holder died.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
from whoosh import query as query_module

from archive.errors import IndexBusyError, IndexWriteError, QueryError
from archive.models import Capture
from archive.pg_database import INDEX_LOCK, Database
from archive.search import passages, pg_matches, pg_query, pg_terms, pg_top, queries, suggestions, variants
from archive.search.pg_documents import add_all_terms, document_row, write_rows
from archive.search.pg_pairs import delete_pairs
from archive.search.pg_postings import delete_postings
from archive.search.pg_vocabulary import PgVocabulary
from archive.search.schema import schema
from archive.seams import IndexHit, IndexTexts

LOCK_WAIT = 600.0  # seconds a writer that must index (a run's end, a rebuild) waits for another's commit
LOCK_RETRY = 0.25  # seconds between tries for the writer's lock
WILDCARD_TERMS = 1000  # vocabulary terms a wildcard other than a trailing * stands for at most


class PgIndex:
    """The search index in a PostgreSQL database; one writer at a time, searches see the last commit."""

    in_catalog = True  # a capture's document is written with its catalog row, in one transaction
    FEW_MATCHES = 256  # matches scored all at once, without reading the best postings first (pg_top.py)
    LISTED = 50_000  # matching ids a search keeps in hand at most (400 kB), rather than selecting them again

    def __init__(self, url: str, lock_wait: float = LOCK_WAIT, database: Database | None = None):
        self.lock_wait = lock_wait
        self._own_database = database is None
        self.db = database or Database(url)
        try:
            # Made now in a database that had none (a catalog made before the search index existed): every
            # capture must be indexed.
            self.created_now = "pg002_search" in self.db.migrate()
        except BaseException:
            self.close_database()
            raise
        self._schema = schema()
        self._writer: psycopg.Connection | None = None  # holds the advisory lock while documents are queued
        self._mark = 0  # search_version when the lock was taken: a rebuild drops the documents older than it
        self._rows: dict[int, tuple[Any, ...]] = {}
        self._deleted: set[int] = set()
        self._stats_lock = threading.Lock()
        self._stats: tuple[int, tuple[int, dict[str, float], dict[str, float]]] | None = None

    # -- writing -----------------------------------------------------------------------------

    @property
    def writing(self) -> bool:
        """Tell whether this opening holds the write lock (documents may be queued)."""
        return self._writer is not None

    @property
    def pending_ids(self) -> list[int]:
        """Return the capture ids queued since the last commit."""
        return list(self._rows)

    def try_begin(self) -> bool:
        """Take the write lock if nobody holds it; tell whether this opening holds it now."""
        if self._writer is not None:
            return True
        try:
            conn = self.db.pool.getconn()
        except psycopg.Error as exc:
            raise self.db.error(exc) from exc
        try:
            taken = conn.execute("SELECT pg_try_advisory_lock(%s)", [INDEX_LOCK]).fetchone()[0]
            if taken:
                self._mark = conn.execute("SELECT nextval('search_version')").fetchone()[0]
        except psycopg.Error as exc:
            self.db.pool.putconn(conn)
            raise self.db.error(exc) from exc
        if not taken:
            self.db.pool.putconn(conn)
            return False
        self._writer = conn
        return True

    def begin(self, wait: float | None = None) -> None:
        """Take the write lock, waiting up to `wait` seconds (lock_wait by default), else raise IndexBusyError."""
        wait = self.lock_wait if wait is None else wait
        deadline = time.monotonic() + wait
        while not self.try_begin():
            if time.monotonic() >= deadline:
                raise IndexBusyError(f"the search index stayed locked by another process for {wait:g} s")
            time.sleep(LOCK_RETRY)

    def add(self, capture: Capture, terms: dict[str, list[int]], replace: bool = False) -> None:
        """Queue a capture, its text given as analysis.analyse terms (a document there already is replaced
        either way); the caller holds the write lock."""
        if self._writer is None:
            raise IndexBusyError("the search index is not open for writing")
        self._deleted.discard(capture.id)
        self._rows[capture.id] = document_row(capture, terms)

    def delete(self, capture_id: int) -> None:
        """Queue the removal of a committed capture's document; the caller holds the write lock."""
        if self._writer is None:
            raise IndexBusyError("the search index is not open for writing")
        self._rows.pop(capture_id, None)
        self._deleted.add(capture_id)

    def commit(self, clear: bool = False) -> list[int]:
        """Write what is queued in one transaction and release the lock; return the capture ids added. `clear`
        also drops every document written before the lock was taken (a rebuild; a capture added meanwhile
        with its own document keeps it), so searches see the old documents until then."""
        if self._writer is None:
            return []
        conn = self._writer
        try:
            with conn.transaction():
                changes: pg_terms.Counts = {}  # to the terms' document counts, written last (pg_terms.py)
                if self._deleted:
                    conn.execute("DELETE FROM search_documents WHERE capture_id = ANY(%s)", [sorted(self._deleted)])
                    delete_postings(conn, sorted(self._deleted), changes)
                    delete_pairs(conn, sorted(self._deleted))
                write_rows(conn, list(self._rows.values()), changes)
                if clear:
                    dropped = conn.execute("DELETE FROM search_documents WHERE version < %s RETURNING capture_id",
                                           [self._mark]).fetchall()
                    delete_postings(conn, [capture_id for (capture_id,) in dropped], changes)
                    delete_pairs(conn, [capture_id for (capture_id,) in dropped])
                    add_all_terms(conn)
                pg_terms.count_changes(conn, changes)
        except psycopg.Error as exc:
            self.cancel()
            raise IndexWriteError(f"the search index could not be written ({self.db.error(exc)})") from exc
        committed = list(self._rows)
        self._release()
        return committed

    def cancel(self) -> None:
        """Drop what is queued and release the lock."""
        self._release()

    def _release(self) -> None:
        conn, self._writer = self._writer, None
        self._rows, self._deleted = {}, set()
        if conn is None:
            return
        try:
            conn.execute("SELECT pg_advisory_unlock(%s)", [INDEX_LOCK])
        except psycopg.Error:
            conn.close()  # a broken connection: closing it ends its session, and the lock with it
        self.db.pool.putconn(conn)

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: str, texts: IndexTexts, limit: int = 10, offset: int = 0,
               aliases: dict[str, list[str]] | None = None) -> tuple[int, list[IndexHit]]:
        """Run a query; `texts(ids)` supplies {id: (text, token marks)} for snippets; `aliases` maps a placeholder
        word of the query to the names it stands for. Return (exact total, hits).

        The query is widened as on Whoosh (archive/search/variants.py): Latin readings, close spellings from the
        vocabulary (archive/search/pg_vocabulary.py), aliases; wildcards other than a trailing `*` are
        expanded from the vocabulary."""
        widening = variants.Widening()
        scored, filters = queries.split_filters(self._widened(query, aliases, widening))
        matches = pg_matches.every([scored, *filters], self._phrase_check(texts))
        word = None if filters else pg_matches.single_word(scored)
        if word is not None:
            # A lone word's matches are its postings, as many as search_terms counts (kept exact): no count.
            total, found = self._frequencies([(*word, 1.0)])[word], matches
        else:
            # Counted once, and the ids kept in hand when they are not too many (always for a phrase whose
            # positions are read): the ranking then picks its candidates among them rather than selecting the
            # matches again.
            keep = None if pg_matches.has_phrase([scored, *filters]) else self.LISTED
            counted = pg_matches.counted(matches, keep)
            total, listed = self.db.tuples(counted.text, counted.params)[0]
            found = frozenset(listed) if listed is not None else matches
        rows = self._ranked(scored, found, total, limit, offset) if total > offset and limit > 0 else []
        ids = [row[0] for row in rows]
        bodies = texts(ids)
        wanted = sorted({(name, text) for name, text in scored.iter_all_terms() if name in pg_query.POSITIONED})
        matched = self._matched_positions(ids, wanted, bodies)
        hits = []
        for capture_id, found in rows:
            body, marks = bodies.get(capture_id) or ("", None)
            snippet, start = passages.snippet(matched.get(capture_id, []), body, marks)
            ways, names = variants.how_found(matched.get(capture_id, []), widening)
            hits.append(IndexHit(capture_id, float(found), snippet, start, ways, names))
        return total, hits

    def _ranked(self, scored, matches: pg_query.Sql | frozenset[int], total: int, limit: int,
                offset: int) -> list[tuple]:
        """Return (capture id, score) of the hits from `offset` on, best first: from the best postings of the
        query's words when they settle the top (archive/search/pg_top.py), else by scoring every match."""
        terms = pg_query.scored_terms(scored)
        count, averages, norms = self._collection()
        documents = self._frequencies(terms)
        idfs = {key: pg_query.idf(count, frequency) for key, frequency in documents.items()}
        ranking = pg_query.score(terms, idfs, averages)
        if total > self.FEW_MATCHES and all(name in norms for name, _, _ in terms) \
                and pg_top.worth_reading_best(documents, total, offset + limit):
            stretch = {name: max(1.0, averages[name] / norms[name]) for name in norms}
            best = pg_top.top_hits(self.db, ranking, matches, terms, idfs, documents, stretch, offset + limit, total)
            if best is not None:
                return best[offset:]
        return pg_top.ranked(self.db, ranking, matches, terms, limit, offset, documents)

    def matching_ids(self, query: str, aliases: dict[str, list[str]] | None = None) -> set[int]:
        """Return the ids of every capture matching a query, without scoring or snippets."""
        scored, filters = queries.split_filters(self._widened(query, aliases, variants.Widening()))
        where = self._where(scored, filters, self._phrase_check(self._catalog_texts))
        return {i for (i,) in self.db.tuples(f"SELECT capture_id FROM search_documents WHERE {where.text}",
                                               where.params)}

    def _widened(self, query: str, aliases: dict[str, list[str]] | None, widening: variants.Widening):
        vocabulary = self.vocabulary()
        parsed = variants.widen(queries.parse(query, self._schema), vocabulary, queries.name_words(query), aliases,
                                widening)
        return _expand_wildcards(parsed, vocabulary)

    def _phrase_check(self, texts: IndexTexts) -> pg_query.PhraseCheck:
        """Return the check of phrases in long texts (_long_texts_with), each phrase checked once a search."""
        checked: dict[tuple[str, tuple[str, ...]], list[int]] = {}

        def phrase_check(name: str, words: list[str]) -> list[int]:
            key = (name, tuple(words))
            if key not in checked:
                checked[key] = self._long_texts_with(name, words, texts)
            return checked[key]

        return phrase_check

    def _where(self, scored, filters: list, phrase_check: pg_query.PhraseCheck) -> pg_query.Sql:
        parts = [pg_query.condition(node, phrase_check) for node in [scored, *filters]]
        return pg_query.Sql(" AND ".join(part.text for part in parts), [p for part in parts for p in part.params])

    def _long_texts_with(self, name: str, words: list[str], texts: IndexTexts) -> list[int]:
        """Return the documents too long for their positions to be kept (positions_exact false) that hold
        the words in a row, checked against their texts (or their Latin readings)."""
        from archive.analysis import analyse, latin_terms

        every = pg_query.all_words(pg_query.q.Phrase(name, words))
        candidates = [i for (i,) in self.db.tuples(
            f"SELECT capture_id FROM search_documents WHERE NOT positions_exact AND {every.text}", every.params)]
        if not candidates:
            return []
        bodies = texts(candidates)
        held = (lambda terms: terms) if name == "text" else latin_terms
        return [i for i in candidates if i in bodies and _in_a_row(held(analyse(bodies[i][0]).terms), words)]

    def _catalog_texts(self, ids: list[int]) -> dict[int, tuple[str, list[int] | None]]:
        """Read texts from the catalog's captures table, when the index shares its database (it does in an
        archive); without it, none."""
        if not self.db.value("SELECT to_regclass('captures') IS NOT NULL"):
            return {}
        return {i: (text, None) for i, text in self.db.tuples("SELECT id, text FROM captures WHERE id = ANY(%s)",
                                                               [ids])}

    def _frequencies(self, terms: list[tuple[str, str, float]]) -> dict[tuple[str, str], int]:
        """Return how many documents hold each scored (field, term), read from search_terms in one lookup."""
        return pg_terms.documents(self.db.tuples, sorted({(name, term) for name, term, _boost in terms}))

    def _collection(self) -> tuple[int, dict[str, float], dict[str, float]]:
        """Return the number of documents, the fields' average lengths and the postings' fixed averages, read
        again only after a write."""
        version = self.db.value("SELECT last_value FROM search_version")
        with self._stats_lock:
            if self._stats is not None and self._stats[0] == version:
                return self._stats[1]
        count, text, title, latin = self.db.tuples("SELECT count(*), avg(text_length), avg(title_length), "
                                                   "avg(latin_length) FROM search_documents")[0]
        norms = dict(self.db.tuples("SELECT field, average FROM search_norms"))
        found = (count, {"text": float(text or 1), "title": float(title or 1), "latin": float(latin or 1)}, norms)
        with self._stats_lock:
            self._stats = (version, found)
        return found

    def _matched_positions(self, ids: list[int], wanted: list[tuple[str, str]],
                           bodies: dict[int, tuple[str, list[int] | None]]) -> dict[int, list[tuple[int, str]]]:
        """Return, per hit, (position, label) of every query (field, term) of its text and its Latin readings,
        in order, labelled as archive/search/passages.py labels them: from the stored positions, or from its text
        analysed again where they could not all be stored."""
        if not ids or not wanted:
            return {}
        found: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
        inexact = set()
        by_field = {name: [term for field, term in wanted if field == name] for name in pg_query.POSITIONED}
        statement = " UNION ALL ".join(
            f"SELECT d.capture_id, d.positions_exact, '{name}', u.lexeme, u.positions FROM search_documents d, "
            f"unnest(d.{pg_query.TERM_COLUMNS[name]}) u WHERE d.capture_id = ANY(%s) AND u.lexeme = ANY(%s)"
            for name in pg_query.POSITIONED)
        params = [param for name in pg_query.POSITIONED for param in (ids, by_field[name])]
        for capture_id, exact, name, term, positions in self.db.tuples(statement, params):
            if not exact:
                inexact.add(capture_id)
            found[capture_id].extend((position - 1, _label(name, term)) for position in positions or ())
        if inexact:
            from archive.analysis import analyse, latin_terms

            for capture_id in inexact:
                terms = analyse(bodies.get(capture_id, ("", None))[0]).terms
                held = {"text": terms, variants.READINGS: latin_terms(terms)}
                found[capture_id] = [(position, _label(name, term)) for name, term in wanted
                                     for position in held[name].get(term, ())]
        return {capture_id: sorted(pairs) for capture_id, pairs in found.items()}

    def suggest(self, query: str, texts: IndexTexts) -> str | None:
        """Return the query with each word the index lacks replaced by the nearest word it holds, as written
        in a text, or None when no word can be replaced."""
        return suggestions.did_you_mean(query, self.vocabulary(), texts)

    def vocabulary(self) -> PgVocabulary:
        """Return the index's terms as the names features read them, as of the last commit."""
        return PgVocabulary(self.db)

    # -- what the index holds ----------------------------------------------------------------

    def document_ids(self) -> list[int]:
        """Return the capture id of every document."""
        return [i for (i,) in self.db.tuples("SELECT capture_id FROM search_documents ORDER BY capture_id")]

    def doc_count(self) -> int:
        """Return how many captures are searchable."""
        return self.db.value("SELECT count(*) FROM search_documents")

    def is_lost(self) -> bool:
        """Tell whether the index was replaced under this opening: a table in the database never is."""
        return False

    def close(self) -> None:
        """Commit anything queued and release the database."""
        try:
            self.commit()
        finally:
            self.close_database()

    def close_database(self) -> None:
        """Close the pool, when this index opened it."""
        if self._own_database:
            self.db.close()


def _label(fieldname: str, term: str) -> str:
    return term if fieldname == "text" else f"{fieldname}:{term}"


def _expand_wildcards(node, vocabulary: PgVocabulary):
    """Return the query with each wildcard (`mek?anika`, `*anika`) written as the vocabulary's terms it matches
    (at most WILDCARD_TERMS): tsquery matches a trailing `*` (a prefix) only."""
    if type(node) is query_module.Wildcard:
        if node.fieldname not in vocabulary.fields:
            raise QueryError(f"this search backend cannot answer {node}: wildcards are for title: and text:")
        terms = vocabulary.matching(node.fieldname, node.text, WILDCARD_TERMS)
        if not terms:
            return query_module.NullQuery
        return query_module.Or([query_module.Term(node.fieldname, term) for term in terms],
                                       boost=node.boost)
    return node if node.is_leaf() else node.apply(lambda child: _expand_wildcards(child, vocabulary))


def _in_a_row(terms: dict[str, list[int]], words: list[str]) -> bool:
    """Tell whether analysed terms hold the words one after the other somewhere."""
    if not words or any(word not in terms for word in words):
        return False
    later = [set(terms[word]) for word in words[1:]]
    return any(all(start + n + 1 in positions for n, positions in enumerate(later)) for start in terms[words[0]])
