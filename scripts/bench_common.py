"""What the benchmarks share: the CPU counters of the processes (/proc), and for those on a database a throw-away PostgreSQL unless DATABASE_URL names one, Django set
up and migrated as production runs it (DEBUG off, a throw-away key when none is set), and the figures
printed one a line or as one JSON object.

    server = start_database()        # None when DATABASE_URL is a postgres:// URL
    try:
        setup_django()
        figures = ...
    finally:
        stop_database(server)
    print_figures(figures, as_json)
"""
from __future__ import annotations

import json
import os
from pathlib import Path


def start_database():
    """A throw-away PostgreSQL (tests/pgserver.py, fsync off as in the tests) unless DATABASE_URL is a
    postgres:// URL; sets the environment Django reads. Returns the server, or None."""
    server = None
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        os.environ["DATABASE_URL"] = server.url
    production_environment()
    return server


def production_environment():
    """As `manage.py` runs in production: DEBUG off (DEBUG=1 measures with Django's query logging, ~10%
    slower); a throw-away key when none is set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("MONITOR_ALLOW_INSECURE_KEY", "1")


def setup_django(empty=False):
    """django.setup() and the migrations; with `empty`, refuse a database that already has articles."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if empty:
        from events.models import Article

        if Article.objects.exists():
            raise SystemExit("the database already has articles: point DATABASE_URL at an empty one")


def stop_database(server):
    if server is not None:
        from django.db import connections

        connections.close_all()
        server.stop()


def print_figures(figures: dict, as_json: bool):
    if as_json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")


def process_times():
    """(pid, parent pid, [utime, stime, cutime, cstime] in clock ticks) of every process /proc shows."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(entry.name), int(fields[1]), [int(x) for x in fields[11:15]]
