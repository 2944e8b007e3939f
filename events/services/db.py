"""Small database helpers shared by the write services (ingest, extraction, threads)."""
from __future__ import annotations

from django.db import connection


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


def quoted(model_or_table) -> str:
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    return connection.ops.quote_name(table)


def as_date(value):
    """SQLite hands dates back as text from raw SQL."""
    import datetime

    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
