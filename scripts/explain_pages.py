"""EXPLAIN ANALYZE of the slowest SQL behind each public page, on the database DATABASE_URL names.

    DATABASE_URL=postgres://.../bench_scale_1000000 .venv/bin/python scripts/explain_pages.py [--min-ms 5] [--url /...]

Requests each page of scripts/bench_pages.py (or the --url given) once through Django's test client with
the page cache off, then runs EXPLAIN (ANALYZE, BUFFERS) on every query that took at least --min-ms and
prints the plans, slowest first: the material of docs/pages.md's "EXPLAIN" section.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-ms", type=float, default=5.0)
    parser.add_argument("--url", action="append", help="only these URLs (repeatable)")
    parser.add_argument("--no-analyze", action="store_true", help="plans only, without running the queries")
    return parser.parse_args(argv)


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("MONITOR_ALLOW_INSECURE_KEY", "1")
    os.environ.setdefault("MONITOR_INSECURE_HTTP", "1")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    setup_test_environment()


def _page_queries(client, url, headers) -> list:
    """The queries of one request of `url` (after a warm-up request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **headers)  # warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return ctx.captured_queries


def _explain(query, ms, no_analyze) -> None:
    """Prints the query (its first 300 characters) and its plan."""
    from django.db import connection

    print(f"\n--- {ms:.1f} ms: {query['sql'][:300]}{'…' if len(query['sql']) > 300 else ''}")
    with connection.cursor() as cursor:
        options = "(COSTS OFF)" if no_analyze else "(ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)"
        cursor.execute(f"EXPLAIN {options} {query['sql']}")
        for (line,) in cursor.fetchall():
            print("    " + line)


def main(argv=None):
    args = _arguments(argv)
    _setup_django()
    from django.test import Client

    from bench_pages import pages

    client = Client()
    targets = [(url, url, {}) for url in args.url] if args.url else pages()
    for name, url, headers in targets:
        queries = _page_queries(client, url, headers)
        slow = sorted(queries, key=lambda q: -float(q["time"]))
        total = sum(float(q["time"]) for q in queries) * 1000
        print(f"\n=== {name}  {url}  ({len(queries)} queries, {total:.1f} ms SQL)")
        for query in slow:
            ms = float(query["time"]) * 1000
            if ms < args.min_ms:
                break
            _explain(query, ms, args.no_analyze)


if __name__ == "__main__":
    main()
