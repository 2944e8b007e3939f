"""The DATABASES["default"] entry, from the environment: resilient connections to PostgreSQL.

    DATABASE_URL          postgres://user:pass@host:5432/name, or sqlite:///path (default: var/monitor.sqlite3)
    DB_POOL               1: a psycopg connection pool per process (the web units set it); else one
                          persistent connection per process, reused for DB_CONN_MAX_AGE seconds (default 60)
    DB_POOL_MIN_SIZE / DB_POOL_MAX_SIZE   pool size per process (default 1 / 4)
    DB_POOL_TIMEOUT       seconds a request waits for a pooled connection before it fails (default 5): long
                          enough to ride out a PostgreSQL restart, short enough to answer 503 during an outage
    DB_POOL_RECONNECT_TIMEOUT   seconds one reconnection attempt of the pool backs off before it gives up
                          (default 5); the next request then starts a new one, so the pool is back within
                          a couple of seconds of PostgreSQL, however long the outage was
    DB_CONNECT_TIMEOUT    seconds to wait for a new connection (default 5)
    DB_LOCK_TIMEOUT       PostgreSQL lock_timeout, e.g. "10s" (default 10s; "0" turns it off)
    DB_STATEMENT_TIMEOUT  PostgreSQL statement_timeout, e.g. "60s" (default 60s; "0" turns it off; run
                          `migrate` on a large archive with DB_STATEMENT_TIMEOUT=0)

Every connection is health-checked before a request uses it (CONN_HEALTH_CHECKS; the pool checks a
connection when it hands it out), so a PostgreSQL restart costs only the requests in flight at that
moment: the next request on each process gets a fresh connection instead of an error. The pool is opt-in
because it runs threads: processes that fork after using the database (`ingest --jobs N`) keep plain
connections.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DURATION = re.compile(r"^\d+(ms|s|min)?$")


def _duration(name, default):
    value = os.environ.get(name, default).strip()
    if not DURATION.match(value):
        raise ImproperlyConfigured(f"{name} must be a PostgreSQL duration such as 500ms, 10s or 2min, not {value!r}")
    return value


def _int(name, default):
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _bool(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def database_config(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Concurrent ingests on SQLite wait for the write lock instead of failing at once.
        options["timeout"] = 30
        return config
    if "postgresql" not in config["ENGINE"]:
        return config
    options.setdefault("connect_timeout", _int("DB_CONNECT_TIMEOUT", 5))
    # Sent with every new connection (libpq "options"): no statement waits for a lock, or runs, forever.
    settings = {
        "lock_timeout": _duration("DB_LOCK_TIMEOUT", "10s"),
        "statement_timeout": _duration("DB_STATEMENT_TIMEOUT", "60s"),
    }
    options["options"] = " ".join(f"-c {key}={value}" for key, value in settings.items())
    if _bool("DB_POOL"):
        config["CONN_MAX_AGE"] = 0  # Django returns the connection to the pool after each request
        options["pool"] = {
            "min_size": _int("DB_POOL_MIN_SIZE", 1),
            "max_size": _int("DB_POOL_MAX_SIZE", 4),
            "timeout": _int("DB_POOL_TIMEOUT", 5),
            # a broken connection is replaced at once rather than after the default 10 minutes
            "max_idle": 300,
            # psycopg_pool doubles its reconnection delay (1, 2, 4, 8 ... s) until reconnect_timeout (default
            # 300 s): after a 20 s outage a process could wait 16 s more before it tries again. Giving the attempt
            # up early lets the next request start a fresh one with a 1 s delay.
            "reconnect_timeout": _int("DB_POOL_RECONNECT_TIMEOUT", 5),
            "name": "monitor",
        }
    return config
