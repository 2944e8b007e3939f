"""Test-run set-up: a real PostgreSQL server, started here, unless the run says otherwise.

MONITOR_TEST_DB=postgres (default) starts a temporary server (tests/pgserver.py) for this run;
MONITOR_TEST_DB=external uses DATABASE_URL as given; MONITOR_TEST_DB=sqlite runs on SQLite
(quick local runs of the pure-Python tests; CI always runs on PostgreSQL).
"""
import os

import django

_server = None


def pytest_configure(config):
    global _server
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("MONITOR_ALLOW_INSECURE_KEY", "1")
    os.environ.setdefault("MONITOR_INSECURE_HTTP", "1")
    # The anonymous page cache is off in tests unless a test turns it on (tests/test_pagecache.py).
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    # Jobs run at once in the request unless a test asks for the queue (tests/test_jobs.py runs workers).
    os.environ.setdefault("MONITOR_JOBS", "inline")
    mode = os.environ.get("MONITOR_TEST_DB", "postgres")
    if mode == "postgres":
        from tests.pgserver import PostgresServer

        _server = PostgresServer().start()
        os.environ["DATABASE_URL"] = _server.url
    elif mode == "sqlite":
        os.environ["DATABASE_URL"] = "sqlite:///:memory:"
    elif mode != "external":
        raise SystemExit(f"MONITOR_TEST_DB must be postgres, external or sqlite, not {mode!r}")
    django.setup()


def pytest_unconfigure(config):
    if _server is not None:
        _server.stop()
