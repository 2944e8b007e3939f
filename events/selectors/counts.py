"""The counts cache: aggregates of the happening table (headings, facets, month bars, the time axis, the whole
archive's tallies) kept in Django's cache, keyed by the SQL that selects the happenings and the COUNTS VERSION.

The counts version (PostgreSQL: the one row of monitor_counts_version, pagecache migration 0005) is bumped by a
statement trigger on events_happening, whose rows change only when something countable changes: the happening
recompute (events/services/happenings.py) runs only for mentions whose dates, type, status, precision,
confidence, visibility or thread changed, for their links (actors, countries, topics, organizations), and for
threads' dates, type and status. An editor rewording a summary writes no happening row, so cached counts stay;
the bump is part of the writing transaction, so the new version becomes visible exactly when the new rows do
(a reader never sees the new version with the old rows).

Only aggregates whose SQL reads the happening table alone are cached: a text search (whose matches depend on
sentences, summaries, headlines and names, which the counts version does not follow) is computed every time.
The cache is used in autocommit mode only (never inside a transaction, which could still write or roll back),
on PostgreSQL, when COUNTS_CACHE_SECONDS > 0; otherwise every call computes. Within one GET request the
version is read once (request_started/request_finished); outside a request, at every cached call.
"""
from __future__ import annotations

import hashlib
import re
import threading

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connection

VERSION_TABLE = "monitor_counts_version"
_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?', re.IGNORECASE)
_local = threading.local()


def _seconds():
    return int(getattr(settings, "COUNTS_CACHE_SECONDS", 0) or 0)


def _cache():
    alias = getattr(settings, "COUNTS_CACHE_ALIAS", "default")
    return caches[alias if alias in settings.CACHES else "default"]


def _request_started(sender, environ=None, **kwargs):
    method = (environ or {}).get("REQUEST_METHOD", "")
    _local.scope = {} if method in ("GET", "HEAD") else None


def _request_finished(sender, **kwargs):
    _local.scope = None


request_started.connect(_request_started, dispatch_uid="events.selectors.counts.started")
request_finished.connect(_request_finished, dispatch_uid="events.selectors.counts.finished")


def version():
    """(database, counts version) to key cached counts by, or None when counts must be computed now."""
    if not _seconds():
        return None
    return current_version()


def current_version():
    """(database, counts version) as committed now, or None (SQLite, inside a transaction): read once per GET
    request (the counts cache and the numpy counts of selectors/facet_index.py share it)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    scope = getattr(_local, "scope", None)
    if scope is not None and "version" in scope:
        return scope["version"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n FROM {VERSION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    s = connection.settings_dict
    value = None if row is None else (s.get("HOST"), s.get("PORT"), s.get("NAME"), row[0])
    if scope is not None:
        scope["version"] = value
    return value


def sql_key(qs):
    """(sql, params) that select `qs`'s rows, when they read the happening table alone (else None)."""
    try:
        sql, params = qs.order_by().query.sql_with_params()
    except EmptyResultSet:
        return ("EMPTY", ())
    if any(table != "events_happening" for table in _TABLES.findall(sql)):
        return None
    return sql, tuple(tuple(p) if isinstance(p, list) else p for p in params)


def cached(what, key, compute):
    """compute(), kept under (what, key) for the current counts version; key None: never cached."""
    current = version() if key is not None else None
    if current is None:
        return compute()
    digest = hashlib.sha256(repr((current, what, key)).encode()).hexdigest()
    name = f"counts:{digest}"
    scope = getattr(_local, "scope", None)
    if scope is not None and name in scope:  # read already in this request (the tallies: several times)
        return scope[name]
    cache = _cache()
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, _seconds())
    if scope is not None:
        scope[name] = value
    return value


def request_memo(key, compute):
    """compute(), once per GET request for the same key (every call outside a request)."""
    scope = getattr(_local, "scope", None)
    if scope is None:
        return compute()
    if key not in scope:
        scope[key] = compute()
    return scope[key]
