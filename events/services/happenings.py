"""The happening table (events.models.Happening): one row per thread or thread-less visible mention, with
what the public pages filter, sort and count by, and the tallies of the whole archive (HappeningTally).

It is derived data and is kept equal to the mentions IN THE SAME TRANSACTION as they change, whatever
writes them (ingest and linking, editors' corrections, versions, undo import, the admin, bulk_load, raw SQL):

* PostgreSQL: statement triggers (with transition tables) on events_event, events_thread and the four link
  tables write the keys of the happenings a statement touched into events_happeningdirty, and once per
  transaction a row into events_happening_pending, whose DEFERRABLE INITIALLY DEFERRED constraint trigger
  recomputes those happenings (events_happening_refresh) when the transaction commits: the dirty-key queue
  of events/services/dirty_keys.py, target 'happening', shared with the search documents. A reader inside an
  open transaction that wrote (a test, a service that reads what it wrote) calls ensure_current() first,
  which runs that recompute at once. A batch ingest defers the recompute to once per batch
  (dirty_keys.defer / flush_deferred): its happenings appear when the batch flushes, not at each commit.
* SQLite (correct, not fast): row triggers write the keys; ensure_current(), which every selector reading
  happenings calls, recomputes them in Python (refresh_python) before reading.

A happening's key is its thread's id, or minus its mention's id without thread. Its representative is its
earliest visible mention by (date_start, id); sort_date/end_date/type/status/granularity are the thread's
(a lone mention's own); confidence is its most certain mention's; the id arrays are the union of its
visible mentions' links. rebuild() recomputes everything (idempotent; `manage.py rebuild_happenings`).
"""
from __future__ import annotations

from django.db import connection, connections, transaction

from events.services import dirty_keys

# The Python recompute (SQLite's, and the reference the SQL is tested against) is happenings_python.py.
from events.services.happenings_python import (  # noqa: F401 - compute_rows ... expected_tallies re-exported
    _COLUMNS, _LINKS, compute_rows, expected_tallies, refresh_python, table_rows, tallies,
)

# More keys than this in one recompute: rebuild everything instead (bulk loads).
FULL_REBUILD_ABOVE = 20000


_TALLY = """
    INSERT INTO events_happeningtally (kind, value, n)
    SELECT kind, value, {sign} * count(*) FROM (
        SELECT 'country' AS kind, x::text AS value FROM events_happening h, unnest(h.country_ids) x WHERE {scope}
        UNION ALL SELECT 'actor', x::text FROM events_happening h, unnest(h.actor_ids) x WHERE {scope}
        UNION ALL SELECT 'topic', x::text FROM events_happening h, unnest(h.topic_ids) x WHERE {scope}
        UNION ALL SELECT 'org', x::text FROM events_happening h, unnest(h.org_ids) x WHERE {scope}
        UNION ALL SELECT 'type', h.event_type FROM events_happening h WHERE {scope}
        UNION ALL SELECT 'status', h.status FROM events_happening h WHERE {scope}
        UNION ALL SELECT 'span', to_char(h.sort_date, 'YYYY-MM') || '/' || to_char(h.end_date, 'YYYY-MM')
            FROM events_happening h WHERE {scope}
    ) s GROUP BY kind, value ORDER BY kind, value
    ON CONFLICT (kind, value) DO UPDATE SET n = events_happeningtally.n + EXCLUDED.n"""

_REFRESH = """
    WITH m AS MATERIALIZED (SELECT s.*, COALESCE(s.thread_id, -s.id) AS key FROM ({source}) s),
    rep AS (SELECT DISTINCT ON (key) * FROM m ORDER BY key, date_start, id),
    agg AS (SELECT key, max(confidence) AS confidence, count(*) AS n FROM m GROUP BY key),
    c AS (SELECT m.key, array_agg(DISTINCT l.country_id) AS ids FROM m
          JOIN events_event_countries l ON l.event_id = m.id GROUP BY m.key),
    a AS (SELECT m.key, array_agg(DISTINCT l.actor_id) AS ids FROM m
          JOIN events_event_actors l ON l.event_id = m.id GROUP BY m.key),
    t AS (SELECT m.key, array_agg(DISTINCT l.topic_id) AS ids FROM m
          JOIN events_event_topics l ON l.event_id = m.id GROUP BY m.key),
    o AS (SELECT m.key, array_agg(DISTINCT l.organization_id) AS ids FROM m
          JOIN events_event_organizations l ON l.event_id = m.id GROUP BY m.key)
    INSERT INTO events_happening (key, event_id, thread_id, sort_date, end_date, event_type, status,
                                  granularity, confidence, mentions, country_ids, actor_ids, topic_ids, org_ids)
    SELECT rep.key, rep.id, rep.thread_id, COALESCE(th.date_start, rep.date_start),
           COALESCE(th.date_end, rep.date_end), COALESCE(th.event_type, rep.event_type),
           COALESCE(th.status, rep.status), COALESCE(th.granularity, rep.granularity), agg.confidence, agg.n,
           COALESCE(c.ids, '{{}}'), COALESCE(a.ids, '{{}}'), COALESCE(t.ids, '{{}}'), COALESCE(o.ids, '{{}}')
    FROM rep JOIN agg USING (key) LEFT JOIN events_thread th ON th.id = rep.thread_id
    LEFT JOIN c USING (key) LEFT JOIN a USING (key) LEFT JOIN t USING (key) LEFT JOIN o USING (key)
    ON CONFLICT (key) DO UPDATE SET event_id = EXCLUDED.event_id, thread_id = EXCLUDED.thread_id,
        sort_date = EXCLUDED.sort_date, end_date = EXCLUDED.end_date, event_type = EXCLUDED.event_type,
        status = EXCLUDED.status, granularity = EXCLUDED.granularity, confidence = EXCLUDED.confidence,
        mentions = EXCLUDED.mentions, country_ids = EXCLUDED.country_ids, actor_ids = EXCLUDED.actor_ids,
        topic_ids = EXCLUDED.topic_ids, org_ids = EXCLUDED.org_ids"""
_ALL_MENTIONS = f"SELECT {_COLUMNS} FROM events_event WHERE NOT hidden"
# static SQL for the recompute of a few happenings: PL/pgSQL keeps its plan (planning costs more than running)
_KEYED_MENTIONS = (f"SELECT {_COLUMNS} FROM events_event WHERE NOT hidden AND thread_id = ANY(threads) "
                   f"UNION ALL SELECT {_COLUMNS} FROM events_event WHERE NOT hidden AND thread_id IS NULL "
                   f"AND id = ANY(lone)")

PG_SETUP = r"""
CREATE TABLE IF NOT EXISTS events_happening_pending (txid bigint PRIMARY KEY);
ALTER TABLE events_happeningdirty ADD COLUMN IF NOT EXISTS txid bigint DEFAULT txid_current();
CREATE INDEX IF NOT EXISTS happening_dirty_txid ON events_happeningdirty (txid);
CREATE INDEX IF NOT EXISTS happening_countries_gin ON events_happening USING gin (country_ids);
CREATE INDEX IF NOT EXISTS happening_actors_gin ON events_happening USING gin (actor_ids);
CREATE INDEX IF NOT EXISTS happening_topics_gin ON events_happening USING gin (topic_ids);
CREATE INDEX IF NOT EXISTS happening_orgs_gin ON events_happening USING gin (org_ids);
CREATE INDEX IF NOT EXISTS happening_span_gist ON events_happening USING gist (daterange(sort_date, end_date, '[]'));

CREATE OR REPLACE FUNCTION events_happening_tally(keys bigint[], sign integer) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    IF keys IS NULL THEN
        EXECUTE $q$ __TALLY_ALL__ $q$ USING sign;
    ELSE
        __TALLY_KEYS__;
    END IF;
END $fn$;

CREATE OR REPLACE FUNCTION events_happening_refresh(keys bigint[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    threads bigint[];
    lone bigint[];
BEGIN
    IF keys IS NOT NULL AND cardinality(keys) > __FULL__ THEN
        keys := NULL;
    END IF;
    IF keys IS NULL THEN
        DELETE FROM events_happeningtally;
        DELETE FROM events_happening;
        EXECUTE $q$ __REFRESH_ALL__ $q$;
    ELSE
        SELECT coalesce(array_agg(k) FILTER (WHERE k > 0), '{}'), coalesce(array_agg(-k) FILTER (WHERE k < 0), '{}')
            INTO threads, lone FROM unnest(keys) AS k;
        PERFORM events_happening_tally(keys, -1);
        DELETE FROM events_happening WHERE key = ANY(keys);
        __REFRESH_KEYS__;
    END IF;
    PERFORM events_happening_tally(keys, 1);
END $fn$;

-- The three marking triggers differ only in which keys a statement touched; a transition table exists
-- only for the operations that have it (no old_rows on INSERT), hence a branch per operation.
CREATE OR REPLACE FUNCTION events_happening_mark_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_dirty_mark('happening', ARRAY(SELECT COALESCE(thread_id, -id) FROM new_rows WHERE NOT hidden));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM events_dirty_mark('happening', ARRAY(SELECT COALESCE(thread_id, -id) FROM old_rows WHERE NOT hidden));
    ELSE
        PERFORM events_dirty_mark('happening', ARRAY(
            SELECT v.key FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (COALESCE(o.thread_id, -o.id)), (COALESCE(n.thread_id, -n.id))) AS v(key)
            WHERE NOT (o.hidden AND n.hidden)
              AND (o.thread_id, o.hidden, o.date_start, o.date_end, o.event_type, o.status, o.granularity,
                   o.confidence)
                  IS DISTINCT FROM (n.thread_id, n.hidden, n.date_start, n.date_end, n.event_type, n.status,
                                    n.granularity, n.confidence)));
    END IF;
    RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION events_happening_mark_threads() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM events_dirty_mark('happening', ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM events_dirty_mark('happening', ARRAY(
            SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.date_start, o.date_end, o.event_type, o.status, o.granularity)
                  IS DISTINCT FROM (n.date_start, n.date_end, n.event_type, n.status, n.granularity)));
    END IF;
    RETURN NULL;
END $fn$;

-- One primary-key lookup per event (OFFSET 0 keeps the join a nested loop; a hash join over the whole table was
-- the planner's choice while events_event had no statistics yet: a fresh database's first ingest), and no
-- PL/pgSQL variable in the statement, so its plan is made once and kept instead of at every call.
CREATE OR REPLACE FUNCTION events_happening_mark_links() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        __LINKED__(SELECT event_id FROM new_rows)__END__
    ELSIF TG_OP = 'DELETE' THEN
        __LINKED__(SELECT event_id FROM old_rows)__END__
    ELSE
        __LINKED__(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows)__END__
    END IF;
    RETURN NULL;
END $fn$;

__FLUSH_TRIGGER__""".replace("__FLUSH_TRIGGER__", dirty_keys.flush_trigger_sql("happening")).replace(
    "__FULL__", str(FULL_REBUILD_ABOVE)).replace(
    "__LINKED__", "PERFORM events_dirty_mark('happening', ARRAY(SELECT COALESCE(e.thread_id, -e.id) FROM (SELECT "
                  "DISTINCT event_id FROM ").replace(
    "__END__", " AS l) AS i CROSS JOIN LATERAL (SELECT thread_id, id FROM events_event WHERE id = i.event_id AND "
               "NOT hidden OFFSET 0) AS e));").replace(
    "__TALLY_ALL__", _TALLY.format(sign="$1", scope="true")).replace(
    "__TALLY_KEYS__", _TALLY.format(sign="sign", scope="h.key = ANY(keys)")).replace(
    "__REFRESH_ALL__", _REFRESH.format(source=_ALL_MENTIONS)).replace(
    "__REFRESH_KEYS__", _REFRESH.format(source=_KEYED_MENTIONS))

# (table, trigger function, operations)
PG_TRIGGERS = [("events_event", "events_happening_mark_events", ("INSERT", "UPDATE", "DELETE")),
               ("events_thread", "events_happening_mark_threads", ("UPDATE", "DELETE"))] + [
    (table, "events_happening_mark_links", ("INSERT", "UPDATE", "DELETE")) for _, table, _ in _LINKS]

PG_FUNCTIONS = ("events_happening_mark_links()", "events_happening_mark_threads()", "events_happening_mark_events()",
                "events_happening_refresh(bigint[])", "events_happening_tally(bigint[], integer)")
# the functions of the target's own queue, before the shared one (events/services/dirty_keys.py, migration 0018)
OBSOLETE_FUNCTIONS = ("events_happening_mark(bigint[])", "events_happening_flush_at_commit()",
                      "events_happening_flush()", "events_happening_pend()")


def _pg_trigger_sql():
    statements = []
    for table, function, operations in PG_TRIGGERS:
        for op in operations:
            name = f"happening_{op.lower()}_{table}"
            referencing = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                           "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}[op]
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            statements.append(f"CREATE TRIGGER {name} AFTER {op} ON {table} REFERENCING {referencing} "
                              f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    return statements


def _sqlite_trigger_sql():
    key_of = "COALESCE({0}.thread_id, -{0}.id)"
    watched = "thread_id, hidden, date_start, date_end, event_type, status, granularity, confidence"
    out = [
        ("happening_ins_event", "AFTER INSERT ON events_event",
         f"INSERT INTO events_happeningdirty (key) SELECT {key_of.format('NEW')} WHERE NOT NEW.hidden;"),
        ("happening_del_event", "AFTER DELETE ON events_event",
         f"INSERT INTO events_happeningdirty (key) SELECT {key_of.format('OLD')} WHERE NOT OLD.hidden;"),
        ("happening_upd_event", f"AFTER UPDATE OF {watched} ON events_event",
         f"INSERT INTO events_happeningdirty (key) VALUES ({key_of.format('OLD')}), ({key_of.format('NEW')});"),
        ("happening_upd_thread", "AFTER UPDATE OF date_start, date_end, event_type, status, granularity ON events_thread",
         "INSERT INTO events_happeningdirty (key) VALUES (NEW.id);"),
        ("happening_del_thread", "AFTER DELETE ON events_thread", "INSERT INTO events_happeningdirty (key) VALUES (OLD.id);"),
    ]
    for _, table, _ in _LINKS:
        for op, row in (("ins", "NEW"), ("dele", "OLD"), ("upd", "NEW")):
            body = (f"INSERT INTO events_happeningdirty (key) SELECT COALESCE(thread_id, -id) FROM events_event "
                    f"WHERE id = {row}.event_id;")
            if op == "upd":
                body += (" INSERT INTO events_happeningdirty (key) SELECT COALESCE(thread_id, -id) FROM events_event "
                         "WHERE id = OLD.event_id;")
            out.append((f"happening_{op}_{table}",
                        f"AFTER {dict(ins='INSERT', dele='DELETE', upd='UPDATE')[op]} ON {table}", body))
    return out


SQLITE_TRIGGERS = _sqlite_trigger_sql()


# --- install ---------------------------------------------------------------------------------------------------

def install(conn=None):
    """Create the recompute functions and triggers (PostgreSQL) or the marking triggers (SQLite); idempotent."""
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            dirty_keys.install(cursor)
            cursor.execute(PG_SETUP)
            for sql in _pg_trigger_sql():
                cursor.execute(sql)
            for function in OBSOLETE_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
        elif conn.vendor == "sqlite":
            for name, when, body in SQLITE_TRIGGERS:
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END")


def uninstall(conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for table, _, operations in PG_TRIGGERS:
                for op in operations:
                    cursor.execute(f"DROP TRIGGER IF EXISTS happening_{op.lower()}_{table} ON {table}")
            cursor.execute("DROP TABLE IF EXISTS events_happening_pending")
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
            dirty_keys.uninstall(cursor)  # the search documents' (0015) are gone before the happenings' (0012)
        elif conn.vendor == "sqlite":
            for name, _, _ in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def ensure_sqlite_triggers(conn):
    """SQLite drops a table's triggers when a migration rebuilds it: put ours back and rebuild (post_migrate)."""
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events_happening'")
        if not cursor.fetchone():
            return
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'happening_%'")
        present = cursor.fetchone()[0]
    if present != len(SQLITE_TRIGGERS):
        install(conn)
        with transaction.atomic(using=conn.alias):
            refresh_python(None, using=conn.alias)


# --- recompute -------------------------------------------------------------------------------------------------

@transaction.atomic
def rebuild() -> int:
    """Recompute every happening and tally from the mentions (one transaction). Returns the happenings."""
    from events.models import Happening, HappeningDirty

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT events_happening_refresh(NULL)")
    else:
        HappeningDirty.objects.all().delete()
        refresh_python(None)
    return Happening.objects.count()


def ensure_current(using="default"):
    """Bring the happenings up to date with this transaction's own writes before reading them (module doc).

    PostgreSQL: nothing outside a transaction (every write has committed, so it has been recomputed); inside
    one, once per outermost atomic block, `SET CONSTRAINTS ... IMMEDIATE`, which recomputes what is pending
    at once and, for the rest of the transaction, at the end of each writing statement. SQLite: recompute the
    marked happenings unless nothing was written since the last time (sqlite3's total_changes)."""
    conn = connections[using]
    if conn.vendor == "postgresql":
        if not conn.in_atomic_block:
            return
        outer = conn.atomic_blocks[0]
        if getattr(conn, "_happenings_immediate", None) is outer:
            return
        with conn.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS events_happening_flush IMMEDIATE")
        conn._happenings_immediate = outer
        return
    from events.models import HappeningDirty

    conn.ensure_connection()
    changes = getattr(conn.connection, "total_changes", None)
    if changes is not None and getattr(conn, "_happenings_changes", None) == changes:
        return
    dirty = list(HappeningDirty.objects.using(using).values_list("id", "key"))
    if dirty:
        with transaction.atomic(using=using):
            HappeningDirty.objects.using(using).filter(id__lte=max(i for i, _ in dirty)).delete()
            refresh_python(sorted({k for _, k in dirty}), using=using)
    conn._happenings_changes = getattr(conn.connection, "total_changes", None)
