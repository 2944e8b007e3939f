"""The data version: a number that changes whenever anything a public page shows changes.

PostgreSQL keeps it (the one row of `monitor_data_version_row`), bumped by triggers on every table the
public pages read (migration 0003: a statement trigger marks the transaction dirty, a deferred trigger on
that mark bumps the version), once per writing transaction, when it commits: so it follows every writer
(the web, ingest commands, job workers on other machines, bulk loads, raw SQL) without any of them
having to remember to invalidate a cache. The row is written in the writing transaction (migration 0006;
it was a sequence, which readers saw bumped before the commit was visible), so a reader that sees a
version sees every row committed with it. A process reads it at most once per VERSION_TTL seconds.
"""
from __future__ import annotations

import time

from django.db import connection

TABLE = "monitor_data_version_row"
# Tables whose rows the public pages show. A new table that the pages read needs its trigger too
# (a migration of this app creating the statement trigger of 0003 on it).
TABLES = ("events_issue", "events_article", "events_thread", "events_event", "events_event_actors",
          "events_event_countries", "events_event_topics", "events_actor", "events_actoralias",
          "events_country", "events_countryalias", "events_topic",
          "events_calendarday", "events_volumecalendar")  # the last two: migration 0004
VERSION_TTL = 1.0

_memo = {"at": -1e9, "value": None}


def current(max_age: float = VERSION_TTL):
    """The data version, or None where there is none (SQLite)."""
    now = time.monotonic()
    if now - _memo["at"] < max_age:
        return _memo["value"]
    value = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT n FROM {TABLE} WHERE id = 1")
            value = cursor.fetchone()[0]
    _memo.update(at=now, value=value)
    return value


def last_known():
    """The version read last by this process (None before the first read)."""
    return _memo["value"]


def forget():
    """Read the version again at the next request (tests)."""
    _memo["at"] = -1e9
