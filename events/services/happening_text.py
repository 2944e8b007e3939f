"""The happenings' search documents (events.models.HappeningText, PostgreSQL only): one tsvector per
happening holding the sentence and summary of each of its visible mentions and the headlines of their
articles, searched through a GIN index (events/selectors/search.py), so that a search is one index lookup
returning happening keys instead of every matching mention grouped into happenings.

Kept like the happening table (events/services/happenings.py) and with the same pattern, IN THE SAME
TRANSACTION as the mentions change, whoever writes them: statement triggers on events_event (a mention
added or deleted; its sentence, summary, thread, article or visibility changed) and on events_article (a
headline changed) write the keys of the happenings touched into events_happeningtextdirty and once per
transaction a row into events_happeningtext_pending, whose DEFERRABLE INITIALLY DEFERRED constraint trigger
recomputes those documents when the transaction commits (the dirty-key queue of events/services/dirty_keys.py,
target 'happeningtext', shared with the happening table; a batch ingest defers both to once per batch). So an
editor's reworded summary is found by the next search. A reader inside a writing transaction calls ensure_current() first. Separate from the
happening table's recompute on purpose: a reworded summary changes no count, so it must not rewrite
events_happening (whose changes move the counts version, docs/decisions.md).

Each text is followed by GAP (stop words: no lexeme, but positions), so no phrase query ("a <-> b", at most
MAX_TERMS words apart) matches across two texts: a phrase is found only within one sentence + summary or one
headline, as on the mentions' own index.

SQLite has no document table: search.py computes the same happening-level match from its FTS5 table.
"""
from __future__ import annotations

from django.db import connection, connections, transaction

from events.services import dirty_keys

# More keys than this in one recompute: rebuild every document instead (bulk loads).
FULL_REBUILD_ABOVE = 20000
GAP = " " + " ".join(["the"] * 10) + " "

# the texts of the visible mentions {scope}: (key, text, kind, order)
_TEXTS = """
    SELECT m.key, m.t, 0 AS kind, m.id AS o FROM (
        SELECT COALESCE(thread_id, -id) AS key, id, article_id,
               coalesce(sentence, '') || ' ' || coalesce(summary, '') AS t FROM events_event WHERE {scope}) m
    UNION ALL
    SELECT DISTINCT COALESCE(e.thread_id, -e.id), a.headline, 1, a.id
    FROM events_event e JOIN events_article a ON a.id = e.article_id WHERE {headline_scope} AND a.headline <> ''"""
_DOCUMENTS = """
    INSERT INTO events_happeningtext (key, document)
    SELECT key, to_tsvector('english'::regconfig, string_agg(t, '__GAP__' ORDER BY kind, o))
    FROM ({texts}) s GROUP BY key
    ON CONFLICT (key) DO UPDATE SET document = EXCLUDED.document"""
_ALL = _DOCUMENTS.format(texts=_TEXTS.format(scope="NOT hidden", headline_scope="NOT e.hidden"))
_KEYED = _DOCUMENTS.format(texts=_TEXTS.format(
    scope="NOT hidden AND (thread_id = ANY(threads) OR (thread_id IS NULL AND id = ANY(lone)))",
    headline_scope="NOT e.hidden AND (e.thread_id = ANY(threads) OR (e.thread_id IS NULL AND e.id = ANY(lone)))"))

PG_SETUP = r"""
CREATE TABLE IF NOT EXISTS events_happeningtext_pending (txid bigint PRIMARY KEY);
ALTER TABLE events_happeningtextdirty ADD COLUMN IF NOT EXISTS txid bigint DEFAULT txid_current();
CREATE INDEX IF NOT EXISTS happening_text_dirty_txid ON events_happeningtextdirty (txid);
CREATE INDEX IF NOT EXISTS happening_text_gin ON events_happeningtext USING gin (document);

CREATE OR REPLACE FUNCTION events_happeningtext_refresh(keys bigint[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    threads bigint[];
    lone bigint[];
BEGIN
    IF keys IS NOT NULL AND cardinality(keys) > __FULL__ THEN
        keys := NULL;
    END IF;
    IF keys IS NULL THEN
        DELETE FROM events_happeningtext;
        EXECUTE $q$ __ALL__ $q$;
    ELSE
        SELECT coalesce(array_agg(k) FILTER (WHERE k > 0), '{}'), coalesce(array_agg(-k) FILTER (WHERE k < 0), '{}')
            INTO threads, lone FROM unnest(keys) AS k;
        DELETE FROM events_happeningtext WHERE key = ANY(keys);
        __KEYED__;
    END IF;
END $fn$;

CREATE OR REPLACE FUNCTION events_happeningtext_mark_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_dirty_mark('happeningtext', ARRAY(SELECT COALESCE(thread_id, -id) FROM new_rows WHERE NOT hidden));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM events_dirty_mark('happeningtext', ARRAY(SELECT COALESCE(thread_id, -id) FROM old_rows WHERE NOT hidden));
    ELSE
        PERFORM events_dirty_mark('happeningtext', ARRAY(
            SELECT v.key FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (COALESCE(o.thread_id, -o.id)), (COALESCE(n.thread_id, -n.id))) AS v(key)
            WHERE NOT (o.hidden AND n.hidden)
              AND (o.thread_id, o.hidden, o.sentence, o.summary, o.article_id)
                  IS DISTINCT FROM (n.thread_id, n.hidden, n.sentence, n.summary, n.article_id)));
    END IF;
    RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION events_happeningtext_mark_articles() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM events_dirty_mark('happeningtext', ARRAY(
        SELECT COALESCE(e.thread_id, -e.id) FROM events_event e
        WHERE NOT e.hidden AND e.article_id IN (SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                                                WHERE o.headline IS DISTINCT FROM n.headline)));
    RETURN NULL;
END $fn$;

__FLUSH_TRIGGER__""".replace("__FLUSH_TRIGGER__", dirty_keys.flush_trigger_sql("happeningtext")).replace(
    "__FULL__", str(FULL_REBUILD_ABOVE)).replace("__ALL__", _ALL).replace("__KEYED__", _KEYED).replace(
    "__GAP__", GAP)

# (trigger name, table, operation, transition tables, function)
PG_TRIGGERS = [
    ("happeningtext_insert_events_event", "events_event", "INSERT", "NEW TABLE AS new_rows",
     "events_happeningtext_mark_events"),
    ("happeningtext_delete_events_event", "events_event", "DELETE", "OLD TABLE AS old_rows",
     "events_happeningtext_mark_events"),
    ("happeningtext_update_events_event", "events_event", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "events_happeningtext_mark_events"),
    ("happeningtext_update_events_article", "events_article", "UPDATE",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows", "events_happeningtext_mark_articles"),
]
PG_FUNCTIONS = ("events_happeningtext_mark_articles()", "events_happeningtext_mark_events()",
                "events_happeningtext_refresh(bigint[])")
# the functions of its own queue, before the shared one (events/services/dirty_keys.py, migration 0018)
OBSOLETE_FUNCTIONS = ("events_happeningtext_flush_deferred()", "events_happeningtext_mark(bigint[])",
                      "events_happeningtext_flush_at_commit()", "events_happeningtext_flush()")


def install(conn=None):
    """Create the recompute functions and the marking triggers (PostgreSQL; nothing elsewhere). Idempotent."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        dirty_keys.install(cursor)
        cursor.execute(PG_SETUP)
        for name, table, operation, referencing, function in PG_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {referencing} "
                           f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
        for function in OBSOLETE_FUNCTIONS:
            cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


def uninstall(conn=None):
    conn = conn or connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        for name, table, _, _, _ in PG_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        cursor.execute("DROP TABLE IF EXISTS events_happeningtext_pending")
        for function in PG_FUNCTIONS:
            cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


@transaction.atomic
def rebuild() -> int:
    """Recompute every document from the mentions (PostgreSQL; one transaction). Returns the documents."""
    from events.models import HappeningText

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT events_happeningtext_refresh(NULL)")
    return HappeningText.objects.count()


def ensure_current(using="default"):
    """Bring the documents up to date with this transaction's own writes before searching them: inside an
    atomic block, once per outermost block, `SET CONSTRAINTS ... IMMEDIATE` (the pending recompute runs at
    once, and for the rest of the transaction at the end of each writing statement). Nothing outside a
    transaction (every write has committed, so it has been recomputed) or on SQLite."""
    conn = connections[using]
    if conn.vendor != "postgresql" or not conn.in_atomic_block:
        return
    outer = conn.atomic_blocks[0]
    if getattr(conn, "_happeningtext_immediate", None) is outer:
        return
    with conn.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS events_happeningtext_flush IMMEDIATE")
    conn._happeningtext_immediate = outer


def defer(on: bool, using="default"):
    """For a batch ingest (dirty_keys.defer: the happenings' recompute is deferred with the documents')."""
    dirty_keys.defer(on, using=using)


def flush_deferred(using="default") -> int:
    """Recompute the documents that deferred writers marked (committed ones); returns how many."""
    return dirty_keys.flush_deferred(("happeningtext",), using=using)["happeningtext"]
