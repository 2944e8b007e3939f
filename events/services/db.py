"""Small database helpers shared by the write services (ingest, extraction, threads)."""
from __future__ import annotations

import datetime
import functools
import re
import threading

from django.db import connection

_PLAIN_WORD = re.compile(r"[A-Za-z_]+")


def run_statements(statements) -> list:
    """Run [(sql, params)] in order and return each one's rows (None for a statement without rows).

    With PostgreSQL through psycopg's client-side binding (Django's default) the statements travel as one
    query string, in one round trip; they still run one after the other, each with its own snapshot (READ
    COMMITTED), so a statement after a lock sees what the lock's holder committed. Otherwise one by one.
    Writes deferred with `write_later` go first, in the same round trip.
    """
    with connection.cursor() as cursor:
        if client_side_binding(cursor):
            deferred = _take_deferred()
            if deferred or len(statements) > 1:
                return _run_as_one(cursor, deferred + list(statements))[len(deferred):]
        results = []
        for sql, params in statements:
            cursor.execute(sql, params)
            results.append(_rows(cursor))
    return results


def _run_as_one(cursor, statements) -> list:
    """The statements as one query string; each one's rows from its own result set."""
    cursor.execute("; ".join(sql for sql, _ in statements), [p for _, params in statements for p in params])
    results = []
    for index in range(len(statements)):
        if index:
            cursor.nextset()
        results.append(_rows(cursor))
    return results


# Writes whose answer nobody reads (a thread's recomputed fields), held while `deferred_writes` is open on this
# thread and sent in front of the next statements of run_statements, in their round trip, instead of in one
# of their own. Any other statement on the connection (the ORM's) first sends them on their own (an execute
# wrapper), so every statement sees them in place; the rest are sent when the block ends without an error.
_deferred = threading.local()


def write_later(sql, params) -> bool:
    """Hold the write (sql, params) for the next round trip when `deferred_writes` is open; False (run it
    yourself) otherwise."""
    pending = getattr(_deferred, "statements", None)
    if pending is None:
        return False
    pending.append((sql, list(params)))
    return True


def _take_deferred() -> list:
    pending = getattr(_deferred, "statements", None)
    if not pending:
        return []
    _deferred.statements = []
    return pending


class deferred_writes:
    """Within it (one transaction, PostgreSQL with client-side binding), write_later holds writes for the
    next round trip; at a clean exit what is still held is sent. On an error it is dropped: the caller's
    transaction rolls back."""

    def __enter__(self):
        self.previous, self.wrapper = getattr(_deferred, "statements", None), None
        with connection.cursor() as cursor:
            if not client_side_binding(cursor):
                return self  # one by one: nothing is held
        self.wrapper = connection.execute_wrapper(_flush_before)
        self.wrapper.__enter__()
        _deferred.statements = []
        return self

    def __exit__(self, exc_type, *exc):
        if self.wrapper is None:
            return False
        try:
            if exc_type is None:
                pending = _take_deferred()
                if pending:
                    with connection.cursor() as cursor:
                        _run_as_one(cursor, pending)
        finally:
            _deferred.statements = self.previous
            self.wrapper.__exit__(None, None, None)
        return False


def _flush_before(execute, sql, params, many, context):
    """Execute wrapper of deferred_writes: a statement not sent by run_statements sends the held writes first."""
    pending = _take_deferred()
    if pending:
        with context["connection"].cursor() as cursor:  # a plain cursor (the statement's may be a server-side one)
            _run_as_one(cursor, pending)
    return execute(sql, params, many, context)


def _rows(cursor):
    """The statement's rows, None when it returns none (as `cursor.description is None` tells, without building
    psycopg's Column objects for every result: ~50 columns an article, ~0.3 ms)."""
    result = getattr(getattr(cursor, "cursor", None), "pgresult", _NO_RESULT)
    if result is _NO_RESULT:  # not psycopg 3
        return cursor.fetchall() if cursor.description is not None else None
    if result is not None and (result.nfields or result.status in _ROWS_STATUSES):
        return cursor.fetchall()
    return None


_NO_RESULT = object()
try:  # the result statuses psycopg's Cursor.description counts as "has rows" besides nfields
    from psycopg.pq import ExecStatus as _Status

    _ROWS_STATUSES = frozenset({_Status.TUPLES_OK, _Status.SINGLE_TUPLE, getattr(_Status, "TUPLES_CHUNK", -1)})
except ImportError:  # pragma: no cover - psycopg2
    _ROWS_STATUSES = frozenset()


def client_side_binding(cursor) -> bool:
    if connection.vendor != "postgresql":
        return False
    try:
        from psycopg import ClientCursor
    except ImportError:  # pragma: no cover - psycopg2
        return False
    return isinstance(getattr(cursor, "cursor", None), ClientCursor)


def in_list(values) -> str:
    """"%s, %s, ..." for an IN (...) list of `values`."""
    return ", ".join(["%s"] * len(values))


def sql_values(values, params) -> str:
    """"v1, v2, ...": each of `values` as sql_value."""
    return ", ".join([sql_value(value, params) for value in values])


def sql_value(value, params) -> str:
    """`value` for a statement's text. On PostgreSQL a date, a non-negative int or a plain word (an event type)
    is written as the literal psycopg's client-side binding would write for it (so the server gets the same
    text), without binding's cost per parameter (~10 us each: the thread-candidate read of an article had up
    to 230); anything else is a placeholder, `value` appended to `params`."""
    if _on_postgresql():
        kind = type(value)
        if kind is datetime.date:
            return f"'{value.isoformat()}'::date"
        if kind is int and value >= 0:
            return str(value)
        if kind is str and _PLAIN_WORD.fullmatch(value):
            return f"'{value}'"
    params.append(value)
    return "%s"


@functools.cache
def _on_postgresql() -> bool:
    """The default connection's vendor, read once: `connection.vendor` goes through Django's per-thread connection
    proxy (~20 us a look-up), and sql_value made ~80 of them an article."""
    return connection.vendor == "postgresql"


def quoted(model_or_table) -> str:
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    return connection.ops.quote_name(table)


def as_date(value):
    """SQLite hands dates back as text from raw SQL."""
    import datetime

    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
