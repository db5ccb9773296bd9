"""The schema of the catalog and search index on PostgreSQL, as a list of changes applied in order.

A series of its own beside the SQLite catalog's (archive/catalog.py): pg001 holds what SQLite's m001..m013
built, pg002 the search index. A later change is one more function here, decorated with @migration, named
pgNNN_what. What is pending runs in one transaction under MIGRATION_LOCK (PostgreSQL's DDL is transactional),
each change recorded in evidence_migrations as it is applied, so processes opening a database at once take
turns and none ever sees half a schema.

Columns keep SQLite's types where the archive compares rows (times as ISO text, JSON as text written by
archive/catalog.py's encoder), so `evidence migrate` can check that every row arrived identical.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import psycopg

from archive.pg_database import MIGRATION_LOCK

MIGRATIONS: list[Callable[[psycopg.Connection], None]] = []
RECORD_TABLE = "evidence_migrations"


def migration(change: Callable[[psycopg.Connection], None]) -> Callable[[psycopg.Connection], None]:
    """Add a schema change to MIGRATIONS."""
    MIGRATIONS.append(change)
    return change


@migration
def pg001_catalog(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TABLE archive (key text PRIMARY KEY, value text NOT NULL)")
    conn.execute("INSERT INTO archive (key, value) VALUES ('id', %s)", [str(uuid.uuid4())])
    conn.execute("""
        CREATE TABLE captures (
            id bigint PRIMARY KEY, sha256 text NOT NULL UNIQUE, size bigint NOT NULL, media_type text NOT NULL,
            kind text NOT NULL, source text NOT NULL, method text NOT NULL, captured_at text NOT NULL, url text,
            final_url text, redirects text, http_status integer, http_headers text, title text, author text,
            published text, site text, language text, charset text, pages text, notes text, tools text,
            text text NOT NULL, text_sha256 text NOT NULL, previous_id bigint REFERENCES captures (id),
            indexed integer NOT NULL DEFAULT 0, warc_sha256 text, token_marks text, parts text, ocr text)""")
    # The newest capture of a URL is looked up on every add; captures waiting for the index are few.
    conn.execute("CREATE INDEX captures_url ON captures (url, captured_at, id)")
    conn.execute("CREATE INDEX captures_unindexed ON captures (id) WHERE indexed = 0")
    conn.execute("""
        CREATE TABLE observations (
            id bigint PRIMARY KEY, capture_id bigint NOT NULL REFERENCES captures (id), observed_at text NOT NULL,
            method text NOT NULL, source text NOT NULL, url text, final_url text, redirects text,
            http_status integer, http_headers text)""")
    conn.execute("CREATE INDEX observations_capture ON observations (capture_id)")
    conn.execute("""
        CREATE TABLE figures (
            id bigserial PRIMARY KEY, capture_id bigint NOT NULL REFERENCES captures (id), start integer NOT NULL,
            "end" integer NOT NULL, text text NOT NULL, value double precision NOT NULL, unit text, approx text,
            precision double precision NOT NULL)""")
    conn.execute("CREATE INDEX figures_unit_value ON figures (unit, value)")
    conn.execute("CREATE INDEX figures_capture ON figures (capture_id)")
    conn.execute("""
        CREATE TABLE claims (
            id bigint PRIMARY KEY, text text NOT NULL, status text NOT NULL DEFAULT 'unchecked', notes text,
            created_at text NOT NULL, updated_at text NOT NULL)""")
    conn.execute("""
        CREATE TABLE citations (
            id bigint PRIMARY KEY, claim_id bigint NOT NULL REFERENCES claims (id),
            capture_id bigint NOT NULL REFERENCES captures (id), exact text NOT NULL, prefix text NOT NULL,
            suffix text NOT NULL, start integer NOT NULL, "end" integer NOT NULL, page integer,
            stance text NOT NULL, note text, created_at text NOT NULL, removed_at text, region text, cell text)""")
    conn.execute("CREATE INDEX citations_claim ON citations (claim_id)")
    conn.execute("CREATE INDEX citations_capture ON citations (capture_id)")
    conn.execute("""
        CREATE TABLE ledger (
            seq bigint PRIMARY KEY, at text NOT NULL, event text NOT NULL, subject text, data text NOT NULL,
            prev_hash text NOT NULL, hash text NOT NULL)""")
    # An entry's data as JSON, or NULL for data that is none (edited by hand: verify reports it) where a cast
    # would fail the whole query; immutable, so the actor can be indexed on the very expression queries use.
    conn.execute("""
        CREATE FUNCTION evidence_json(data text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            RETURN data::jsonb;
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$""")
    conn.execute("CREATE INDEX ledger_event_seq ON ledger (event, seq)")
    conn.execute("CREATE INDEX ledger_subject ON ledger (subject, event)")
    conn.execute("CREATE INDEX ledger_actor ON ledger ((evidence_json(data) ->> 'actor'), seq)")
    # The ledger is append-only: the database itself refuses edits, deletions and truncation, for every role.
    conn.execute("""
        CREATE FUNCTION evidence_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'integrity_constraint_violation';
        END $$""")
    conn.execute("CREATE TRIGGER ledger_no_update BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW "
                 "EXECUTE FUNCTION evidence_ledger_append_only()")
    conn.execute("CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT "
                 "EXECUTE FUNCTION evidence_ledger_append_only()")
    conn.execute("""
        CREATE TABLE checkpoints (
            id bigserial PRIMARY KEY, archive_id text NOT NULL, entries bigint NOT NULL, hash text NOT NULL,
            created_at text NOT NULL, signature text NOT NULL, public_key text NOT NULL, tsa text,
            timestamp_token text)""")
    # Team mode. Names are unique letter case aside, as SQLite's COLLATE NOCASE makes them (ASCII folding).
    conn.execute("""
        CREATE TABLE accounts (
            id bigserial PRIMARY KEY, name text NOT NULL, role text NOT NULL, password_hash text NOT NULL,
            created_at text NOT NULL, disabled_at text)""")
    conn.execute("CREATE UNIQUE INDEX accounts_name ON accounts (lower(name))")
    conn.execute("""
        CREATE TABLE tokens (
            id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), prefix text NOT NULL,
            sha256 text NOT NULL UNIQUE, created_at text NOT NULL, revoked_at text)""")
    conn.execute("""
        CREATE TABLE sessions (
            sha256 text PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id),
            created_at text NOT NULL)""")


@migration
def pg002_search(conn: psycopg.Connection) -> None:
    # The search index: each capture's analysed terms (archive/analysis.py) as tsvectors with positions, made
    # by the archive and never re-analysed by PostgreSQL, and the metadata its filters read. No reference to
    # captures: the index is derived, and the search backend stands alone in its contract suite.
    conn.execute("CREATE SEQUENCE search_version")
    conn.execute("""
        CREATE TABLE search_documents (
            capture_id bigint PRIMARY KEY, version bigint NOT NULL DEFAULT nextval('search_version'),
            title_terms tsvector NOT NULL, text_terms tsvector NOT NULL, author_terms tsvector NOT NULL,
            site_terms tsvector NOT NULL, text_length integer NOT NULL, title_length integer NOT NULL,
            positions_exact boolean NOT NULL, url text, sha256 text, lang text, kind text,
            published timestamp, captured timestamp)""")
    for column in ("title_terms", "text_terms", "author_terms", "site_terms"):
        conn.execute(f"CREATE INDEX search_{column} ON search_documents USING gin ({column})")
    for column in ("lang", "kind", "published", "captured", "url", "sha256"):
        conn.execute(f"CREATE INDEX search_{column} ON search_documents ({column})")
    # A term's frequency in a document, for BM25 (archive/search/pg_query.py). PostgreSQL has no function for
    # it, but ts_rank of one term with every weight 1 and no normalisation is (sum over its n positions of
    # 1/j^2) / (pi^2/6), a sum that nears pi^2/6 - 1/(n + 1/2): read back, n is exact (up to the 256
    # positions a tsvector keeps), and ts_rank finds the term by binary search in the tsvector.
    conn.execute("""
        CREATE FUNCTION evidence_tf(terms tsvector, term tsquery) RETURNS float8
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT round(1.0 / (1.6449340668482264 - ts_rank('{1,1,1,1}', terms, term, 0)::float8
                                * 1.64493406685) - 0.5)
        $$""")


@migration
def pg003_entities(conn: psycopg.Connection) -> None:
    # Entities and their names, as the SQLite catalog's m014 keeps them (archive/entities.py); merged_into has
    # no foreign key, so that a copy in id order brings an entity merged into a later one before that one.
    conn.execute("""
        CREATE TABLE entities (
            id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL, created_at text NOT NULL,
            updated_at text NOT NULL, merged_into bigint)""")
    conn.execute("""
        CREATE TABLE entity_names (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, entity_id bigint NOT NULL REFERENCES entities (id),
            name text NOT NULL, folded text NOT NULL UNIQUE, reading text NOT NULL, added_at text NOT NULL)""")
    conn.execute("CREATE INDEX entity_names_entity ON entity_names (entity_id)")
    conn.execute("CREATE INDEX entity_names_reading ON entity_names (reading)")


@migration
def pg004_figure_context(conn: psycopg.Connection) -> None:
    # SQLite's m015: what each figure is about (period, direction, subject), derived like the figures, so every
    # capture is marked to be derived again (the next ingest or reindex fills them in, a capture.rederived
    # event each). Numbered after the entities' change (pg003), which may be applied before or after it.
    for column in ("period", "direction", "subject"):
        conn.execute(f"ALTER TABLE figures ADD COLUMN {column} text")
    conn.execute("UPDATE captures SET indexed = 0")


@migration
def pg005_names(conn: psycopg.Connection) -> None:
    # Names in any script, as the Whoosh index's `latin` field has them (archive/search/schema.py): the Latin
    # readings of a text's words of other scripts at those words' positions, and their count for BM25F. The
    # vocabulary of the searched fields, in byte order ("C") as Whoosh lists its terms, is what close spellings,
    # wildcards and "did you mean" read from a word's first letters on (archive/search/pg_vocabulary.py).
    conn.execute("ALTER TABLE search_documents ADD COLUMN latin_terms tsvector NOT NULL DEFAULT ''::tsvector, "
                 "ADD COLUMN latin_length integer NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX search_latin_terms ON search_documents USING gin (latin_terms)")
    conn.execute('CREATE TABLE search_vocabulary (field text NOT NULL, term text COLLATE "C" NOT NULL, '
                 "PRIMARY KEY (field, term))")
    conn.execute("""
        INSERT INTO search_vocabulary (field, term)
        SELECT DISTINCT v.field, w FROM search_documents d,
            LATERAL (VALUES ('title', d.title_terms), ('text', d.text_terms)) v (field, terms),
            unnest(tsvector_to_array(v.terms)) w""")
    # Every capture's document is made again (the next ingest or reindex), with its readings.
    conn.execute("UPDATE captures SET indexed = 0")


@migration
def pg006_claim_checks(conn: psycopg.Connection) -> None:
    # SQLite's m016: a claim's figures and each citation's agreement with them, derived once and stored (JSON
    # text), NULL until derived: claims made before get theirs when first shown, or at the next reindex.
    conn.execute("ALTER TABLE claims ADD COLUMN figures text")
    conn.execute("ALTER TABLE citations ADD COLUMN agreement text")


@migration
def pg007_postings(conn: psycopg.Connection) -> None:
    # Postings of the scored fields ordered by impact, so that a top 10 reads the best postings of each query
    # word rather than every matching document's tsvector (archive/search/pg_postings.py, pg_top.py), and
    # scores from their frequency (tf, as the tsvector holds it) and field length. A word's impact is its BM25F
    # part (K1 1.2, B 0.75 and the title's boost 2, as archive/search/pg_query.py scores) at the field's average
    # length fixed in search_norms.
    conn.execute("""
        CREATE FUNCTION evidence_impact(tf float8, length float8, average float8, boost float8) RETURNS float8
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT boost * tf * 2.2 / (boost * tf + 1.2 * (0.25 + 0.75 * length / average))
        $$""")
    conn.execute('CREATE TABLE search_norms (field text COLLATE "C" PRIMARY KEY, average float8 NOT NULL)')
    conn.execute('CREATE TABLE search_postings (field text COLLATE "C" NOT NULL, term text COLLATE "C" NOT NULL, '
                 "capture_id bigint NOT NULL, tf integer NOT NULL, length integer NOT NULL, impact float8 NOT NULL)")
    # Built from the stored documents (their tsvectors keep each term's positions, hence its frequency), so an
    # existing archive needs no reindex; the fixed averages are the collection's own.
    fields = "('title', d.title_terms, d.title_length, 2.0), ('text', d.text_terms, d.text_length, 1.0), " \
             "('latin', d.latin_terms, d.latin_length, 1.0)"
    conn.execute(f"""
        INSERT INTO search_norms (field, average)
        SELECT v.field, greatest(avg(v.length), 1) FROM search_documents d,
            LATERAL (VALUES {fields}) v (field, terms, length, boost) GROUP BY v.field""")
    conn.execute(f"""
        INSERT INTO search_postings (field, term, capture_id, tf, length, impact)
        SELECT v.field, u.lexeme, d.capture_id, t.tf, v.length, evidence_impact(t.tf, v.length, n.average, v.boost)
        FROM search_documents d, LATERAL (VALUES {fields}) v (field, terms, length, boost),
            unnest(v.terms) u, LATERAL (SELECT greatest(coalesce(cardinality(u.positions), 0), 1) AS tf) t,
            search_norms n
        WHERE n.field = v.field""")
    # Equal impacts in capture id order, as equal scores rank: a top 10 among ties is settled at the tie.
    conn.execute("CREATE INDEX search_postings_best ON search_postings (field, term, impact DESC, capture_id)")
    # A document's postings of the query's words, for its score (and its postings, to replace them).
    conn.execute("CREATE INDEX search_postings_capture ON search_postings (capture_id, term) INCLUDE (field, tf, length)")


@migration
def pg008_pairs(conn: psycopg.Connection) -> None:
    # Pairs of terms at consecutive positions per document and scored field (archive/search/pg_pairs.py), so
    # that a phrase's documents come from one index rather than from every tsvector holding its words. Built
    # from the positions the stored tsvectors keep, so an existing archive needs no reindex and the pairs say
    # exactly what `terms @@ 'first <-> second'` says (several terms may stand at one position).
    conn.execute("""
        CREATE FUNCTION evidence_pairs(terms tsvector) RETURNS TABLE (first text, second text, count integer)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            WITH held AS MATERIALIZED (SELECT u.lexeme, p FROM unnest(terms) u, unnest(u.positions) p)
            SELECT a.lexeme, b.lexeme, count(*)::integer FROM held a JOIN held b ON b.p = a.p + 1 GROUP BY 1, 2
        $$""")
    conn.execute('CREATE TABLE search_pairs (field text COLLATE "C" NOT NULL, first text COLLATE "C" NOT NULL, '
                 'second text COLLATE "C" NOT NULL, capture_id bigint NOT NULL, count integer NOT NULL)')
    conn.execute("""
        INSERT INTO search_pairs (field, first, second, capture_id, count)
        SELECT v.field, x.first, x.second, d.capture_id, x.count
        FROM search_documents d, LATERAL (VALUES ('title', d.title_terms), ('text', d.text_terms),
            ('latin', d.latin_terms)) v (field, terms), evidence_pairs(v.terms) x
        ORDER BY d.capture_id""")
    # A phrase's documents from the index alone; a document's pairs, to replace or remove them.
    conn.execute("ALTER TABLE search_pairs ADD PRIMARY KEY (field, first, second, capture_id)")
    conn.execute("CREATE INDEX search_pairs_capture ON search_pairs (capture_id)")
    # A word's postings with what scores them, from the index alone: a query of many words (a name and its close
    # spellings) scores its thousands of matches from their words' lists rather than one lookup per document.
    conn.execute("DROP INDEX search_postings_best")
    conn.execute("CREATE INDEX search_postings_best ON search_postings (field, term, impact DESC, capture_id) "
                 "INCLUDE (tf, length)")
    # The texts whose positions could not all be kept, checked against their text: few, listed from their own
    # index rather than by reading every document's flag.
    conn.execute("CREATE INDEX search_documents_inexact ON search_documents (capture_id) WHERE NOT positions_exact")


@migration
def pg009_terms(conn: psycopg.Connection) -> None:
    # Each (field, term)'s number of documents, kept with the postings (archive/search/pg_terms.py), so that a
    # search reads its words' idf in one lookup rather than counting their postings. Built from the postings,
    # which no writer changes meanwhile (SHARE mode waits for the writers inside their transactions and holds off
    # the next ones until this commits): the counts start exact.
    conn.execute("LOCK TABLE search_postings IN SHARE MODE")
    conn.execute('CREATE TABLE search_terms (field text COLLATE "C" NOT NULL, term text COLLATE "C" NOT NULL, '
                 "documents integer NOT NULL, PRIMARY KEY (field, term))")
    conn.execute("INSERT INTO search_terms (field, term, documents) "
                 "SELECT field, term, count(*) FROM search_postings GROUP BY field, term ORDER BY field, term")


def pending(conn: psycopg.Connection) -> list[Callable[[psycopg.Connection], None]]:
    """Return the changes not yet recorded as applied (all of them in an empty database)."""
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [RECORD_TABLE]).fetchone()[0]
    if not exists:
        return list(MIGRATIONS)
    applied = {name for (name,) in conn.execute(f"SELECT name FROM {RECORD_TABLE}")}
    return [change for change in MIGRATIONS if change.__name__ not in applied]


def apply(conn: psycopg.Connection) -> list[str]:
    """Bring the schema up to date in one transaction, taking turns with other processes; return the names
    applied. `conn` is in autocommit mode."""
    if not pending(conn):
        return []
    done = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        conn.execute(f"CREATE TABLE IF NOT EXISTS {RECORD_TABLE} (name text PRIMARY KEY, "
                     "applied_at timestamptz NOT NULL DEFAULT now())")
        for change in pending(conn):  # read again under the lock: another process may have applied them
            with conn.transaction():
                change(conn)
                conn.execute(f"INSERT INTO {RECORD_TABLE} (name) VALUES (%s)", [change.__name__])
            done.append(change.__name__)
    return done
