"""Small database helpers shared by the write services (ingest, extraction, threads)."""
from __future__ import annotations

import datetime
import functools
import re

from django.db import connection

_PLAIN_WORD = re.compile(r"[A-Za-z_]+")


def run_statements(statements) -> list:
    """Run [(sql, params)] in order and return each one's rows (None for a statement without rows).

    With PostgreSQL through psycopg's client-side binding (Django's default) the statements travel as one
    query string, in one round trip; they still run one after the other, each with its own snapshot (READ
    COMMITTED), so a statement after a lock sees what the lock's holder committed. Otherwise one by one.
    """
    with connection.cursor() as cursor:
        if len(statements) > 1 and client_side_binding(cursor):
            return _run_as_one(cursor, statements)
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


def _rows(cursor):
    return cursor.fetchall() if cursor.description is not None else None


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
