"""One dirty-key queue for the derived tables that are kept equal to the mentions (PostgreSQL), parameterised
by its target: 'happening' (the happening table and its tallies, events/services/happenings.py) and
'happeningtext' (the search documents, events/services/happening_text.py). One set of functions; each target
has its own refresher (events_happening_refresh, events_happeningtext_refresh), its own marking triggers
(which say which keys a statement touched), its own dirty table and its own pending table with its
DEFERRABLE INITIALLY DEFERRED constraint trigger (named after the target's, so that its ensure_current()
sets only that one IMMEDIATE).

* events_dirty_mark(target, keys): records the keys (with the transaction's id) and, once per transaction
  and target, a row in the target's pending table, whose constraint trigger runs events_dirty_flush(target)
  at commit: the keys this transaction marked are recomputed, in the same transaction.
* A batch ingest defers both (defer(True), per connection): its transactions only record their keys, and
  flush_deferred() recomputes each marked key once (every TEXT_FLUSH_EVERY files and at the end of the run:
  events/services/ingest.py) instead of at each article's commit, where a happening's recompute re-reads all
  its mentions every time one of them is stored. A writer that does not defer (editors, the upload page,
  reprocess) is recomputed at its commit as before; marks left by a stopped run are recomputed by the next
  run's flush (or `manage.py rebuild_happenings`).

SQLite has no queue: events/services/happenings.py recomputes in Python at the next read.
"""
from __future__ import annotations

from django.db import connections, transaction

TARGETS = ("happening", "happeningtext")

# target -> (dirty table, pending table); the branches below are static SQL so PL/pgSQL keeps their plans
_TABLES = {"happening": ("events_happeningdirty", "events_happening_pending"),
           "happeningtext": ("events_happeningtextdirty", "events_happeningtext_pending")}


def _by_target(statement: str) -> str:
    """`statement` with {dirty} and {pending} once per target, as an IF ... ELSIF chain on `target`."""
    branches = []
    for index, (target, (dirty, pending)) in enumerate(_TABLES.items()):
        keyword = "IF" if index == 0 else "ELSIF"
        branches.append(f"{keyword} target = '{target}' THEN {statement.format(dirty=dirty, pending=pending)}")
    return "\n        ".join(branches) + "\n        ELSE RAISE EXCEPTION 'unknown dirty-key target %', target;\n" \
        "        END IF;"


PG_SETUP = r"""
CREATE OR REPLACE FUNCTION events_dirty_refresh(target text, keys bigint[]) RETURNS integer
LANGUAGE plpgsql AS $fn$
BEGIN
    IF keys IS NULL THEN
        RETURN 0;
    END IF;
    IF target = 'happening' THEN
        PERFORM events_happening_refresh(keys);
    ELSE
        PERFORM events_happeningtext_refresh(keys);
    END IF;
    RETURN cardinality(keys);
END $fn$;

CREATE OR REPLACE FUNCTION events_dirty_mark(target text, keys bigint[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    IF cardinality(keys) > 0 THEN
        __INSERT_KEYS__
        IF current_setting('monitor.dirty_defer', true) = 'on' THEN
            RETURN;  -- a batch ingest: its keys wait for events_dirty_flush_deferred(target)
        END IF;
        IF current_setting('monitor.dirty_' || target, true) IS DISTINCT FROM 'pending' THEN
            PERFORM set_config('monitor.dirty_' || target, 'pending', true);
            __PEND__
        END IF;
    END IF;
END $fn$;

CREATE OR REPLACE FUNCTION events_dirty_flush(target text) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE keys bigint[];
BEGIN
    IF current_setting('monitor.dirty_' || target, true) IS DISTINCT FROM 'pending' THEN
        RETURN 0;
    END IF;
    PERFORM set_config('monitor.dirty_' || target, 'done', true);
    __TAKE_OWN__
    RETURN events_dirty_refresh(target, keys);
END $fn$;

CREATE OR REPLACE FUNCTION events_dirty_flush_deferred(target text) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE keys bigint[];
BEGIN
    -- One flusher per target at a time; every committed dirty row is a deferred one (a transaction that did
    -- not defer deletes its own rows when it commits).
    PERFORM pg_advisory_xact_lock(hashtext('events_dirty_flush_deferred'), hashtext(target));
    __TAKE_ALL__
    RETURN events_dirty_refresh(target, keys);
END $fn$;

CREATE OR REPLACE FUNCTION events_dirty_flush_at_commit() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM events_dirty_flush(TG_ARGV[0]);
    RETURN NULL;
END $fn$;
""".replace("__INSERT_KEYS__", _by_target(
    "INSERT INTO {dirty} (key) SELECT DISTINCT k FROM unnest(keys) AS k;")).replace("__PEND__", _by_target(
    "INSERT INTO {pending} (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;")).replace("__TAKE_OWN__", _by_target(
    "DELETE FROM {pending} WHERE txid = txid_current(); "
    "WITH d AS (DELETE FROM {dirty} WHERE txid = txid_current() RETURNING key) "
    "SELECT array_agg(DISTINCT key) INTO keys FROM d;")).replace("__TAKE_ALL__", _by_target(
    "WITH d AS (DELETE FROM {dirty} RETURNING key) SELECT array_agg(DISTINCT key) INTO keys FROM d;"))

PG_FUNCTIONS = ("events_dirty_flush_at_commit()", "events_dirty_flush_deferred(text)", "events_dirty_flush(text)",
                "events_dirty_mark(text, bigint[])", "events_dirty_refresh(text, bigint[])")


def flush_trigger_sql(target: str) -> str:
    """The target's constraint trigger: at commit (or at once when set IMMEDIATE), recompute its marks."""
    pending = _TABLES[target][1]
    name = f"events_{target}_flush"
    return (f"DROP TRIGGER IF EXISTS {name} ON {pending};\n"
            f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT ON {pending} DEFERRABLE INITIALLY DEFERRED "
            f"FOR EACH ROW EXECUTE FUNCTION events_dirty_flush_at_commit('{target}');\n")


def install(cursor):
    """The shared functions (CREATE OR REPLACE; each target's install() calls this first)."""
    cursor.execute(PG_SETUP)


def uninstall(cursor):
    for function in PG_FUNCTIONS:
        cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


def defer(on: bool, using="default"):
    """For a batch ingest: this connection's writes only mark the happenings and their search documents (no
    recompute at each transaction's commit); flush_deferred() recomputes each marked one once. Nothing on
    SQLite. Call it outside a transaction (a setting made in one that rolls back is undone)."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    conn.ensure_connection()
    if on and getattr(conn, "_dirty_defer_on", None) is conn.connection:
        return  # set on this very connection already (a batch asks once per file: its connection may be new)
    with conn.cursor() as cursor:
        cursor.execute("SELECT set_config('monitor.dirty_defer', %s, false)", ["on" if on else "off"])
    conn._dirty_defer_on = conn.connection if on else None


def flush_deferred(targets=TARGETS, using="default") -> dict:
    """Recompute what deferring writers marked (committed marks), in one transaction; {target: keys}."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        return {target: 0 for target in targets}
    done = {}
    with transaction.atomic(using=using), conn.cursor() as cursor:
        for target in targets:
            cursor.execute("SELECT events_dirty_flush_deferred(%s)", [target])
            done[target] = cursor.fetchone()[0]
    return done
