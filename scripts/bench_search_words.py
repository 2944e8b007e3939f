"""Server time of the load test's searches (/?q=WORD, scripts/load/locustfile.py's ten words) on an existing
database, every count computed: the page cache and the counts cache are cleared before each request.

    DATABASE_URL=postgres://postgres@127.0.0.1:55440/bench_scale_1000000 DEBUG=1 COUNTS_CACHE_SECONDS=0 \\
        .venv/bin/python scripts/bench_search_words.py [--repeat 5]

Prints, per word, the median and the slowest request and the SQL time of the median, then the median and
p95 of all requests (the first of each word included; the process's very first request, which reads the
counts snapshot, is left out), beside a fixed pure-Python reference measured before and after (the machine
is shared: compare with the reference).
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")

WORDS = "talks visit agreement nuclear summit minister president trade arms gas".split()


def _reference():
    started = time.perf_counter()
    sum(i * i for i in range(300_000))
    return (time.perf_counter() - started) * 1000


def _measure(client, word, repeat):
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, sql = [], []
    for _ in range(repeat):
        cache.clear()
        if "counts" in caches.settings:
            caches["counts"].clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/", {"q": word})
        times.append((time.perf_counter() - started) * 1000)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        assert response.status_code == 200, (word, response.status_code)
    return times, statistics.median(sql)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    client = Client()
    print(f"reference before: {statistics.median(_reference() for _ in range(5)):.1f} ms")
    client.get("/")  # the process's first request: the counts snapshot (selectors/facet_index.py)
    every = []
    for word in WORDS:
        times, sql = _measure(client, word, args.repeat)
        every += times
        print(f"{word:10} median {statistics.median(times):7.1f}  max {max(times):7.1f}  sql {sql:6.1f} ms")
    every.sort()
    p95 = every[max(0, round(len(every) * 0.95) - 1)]
    print(f"all {len(every)} requests: median {statistics.median(every):.1f} ms, p95 {p95:.1f} ms")
    print(f"reference after: {statistics.median(_reference() for _ in range(5)):.1f} ms")


if __name__ == "__main__":
    main()
