#!/usr/bin/env python
"""The issue-14 fuzzing run: N generated archive files through the parser and the ingest service, and N
generated query strings through the public pages, on a throw-away PostgreSQL server.

    .venv/bin/python scripts/fuzz.py [--files 10000] [--queries 10000] [--ingest-every 1] [--seed 14]

Checks, and prints with counts and timings:
* parser: no exception but ArticleFileError; every article of an undamaged generated file read back exactly
  (volume, issue, headline, body less the control characters): "nothing good lost";
* ingest (every K-th file, half of them byte-mutated): no exception out of ingest_text; no article left
  unprocessed (half-stored) and no event without its article; every article the parser read is stored,
  unchanged, a new version or reported failed;
* queries: no 500 from the timeline, the actor suggestions or a country page.
Exit status 1 when any check failed. The generators are tests/adversarial/fuzzgen.py.
"""
import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--ingest-every", type=int, default=1, metavar="K", help="ingest every K-th file (1: all)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()

    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    os.environ.update(DATABASE_URL=server.url, MONITOR_ALLOW_INSECURE_KEY="1", MONITOR_INSECURE_HTTP="1",
                      ALLOWED_HOSTS="testserver,localhost", DJANGO_SETTINGS_MODULE="monitor_site.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        failures = run(args)
    finally:
        server.stop()
    sys.exit(1 if failures else 0)


def run(args):
    from django.test import Client

    from events.extraction.articles import ArticleFileError, parse_article_bytes
    from events.models import Article, Event
    from events.services.ingest import ingest_text
    from tests.adversarial.fuzzgen import make_file, make_query, mutate

    rng = random.Random(args.seed)
    failures = []
    stats = Counter()
    parse_time = ingest_time = 0.0
    started = time.perf_counter()
    for i in range(args.files):
        data, expected, encoding = make_file(rng)
        mutated = rng.random() < 0.5
        if mutated:
            data = mutate(rng, data)
        stats["files"] += 1
        stats[f"encoding {encoding}"] += 1
        t0 = time.perf_counter()
        try:
            parsed = parse_article_bytes(f"fuzz-{i}.txt", data)
            readable = [(a.volume, a.number, a.headline, a.body) for a in parsed.articles]
            stats["articles read"] += len(readable)
            stats["articles refused"] += len(parsed.failures)
        except ArticleFileError:
            readable = []
            stats["files refused"] += 1
        except Exception as error:  # noqa: BLE001 - the very thing we look for
            failures.append(f"file {i}: parser raised {type(error).__name__}: {error}")
            continue
        parse_time += time.perf_counter() - t0
        if not mutated:
            stats["undamaged files"] += 1
            stats["undamaged articles expected"] += len(expected)
            if readable != expected:
                failures.append(f"file {i} ({encoding}): good article lost or altered")
            else:
                stats["undamaged articles read exactly"] += len(expected)
        if i and i % 1000 == 0:
            print(f"  ... {i} files, {len(failures)} failures, {time.perf_counter() - started:.0f} s", flush=True)
        if i % args.ingest_every:
            continue
        t0 = time.perf_counter()
        try:
            report = ingest_text(f"fuzz-{i}.txt", data)
        except Exception as error:  # noqa: BLE001
            failures.append(f"file {i}: ingest raised {type(error).__name__}: {error}")
            continue
        ingest_time += time.perf_counter() - t0
        [result] = report.files
        stats["ingested files"] += 1
        stats["ingest new"] += result.new
        stats["ingest new versions"] += result.versions
        stats["ingest unchanged"] += result.unchanged
        stats["ingest failed"] += result.failed
        if readable and result.new + result.versions + result.unchanged + result.failed < len(readable):
            failures.append(f"file {i}: {len(readable)} articles read, ingest accounts for fewer: {result}")
        if i % 200 == 0 or i == args.files - 1:
            if Article.objects.filter(processed_at=None).exists():
                failures.append(f"after file {i}: an article is stored unprocessed (half-stored)")
            if Event.objects.filter(article__isnull=True).exists():
                failures.append(f"after file {i}: an event without its article")
    stats["articles stored at the end"] = Article.objects.count()
    stats["events stored at the end"] = Event.objects.count()
    files_time = time.perf_counter() - started

    client = Client(raise_request_exception=False)
    statuses = Counter()
    # The export (issue 12's streaming export) is fuzzed by tests/adversarial/test_fuzz.py on a small database.
    paths = ["/", "/", "/", "/actors/suggest", "/countries/RU/", "/countries/x%00/"]
    t0 = time.perf_counter()
    for i in range(args.queries):
        path = rng.choice(paths)
        query = make_query(rng)
        try:
            response = client.get(f"{path}?{query}")
        except Exception as error:  # noqa: BLE001
            failures.append(f"query {path}?{query}: raised {type(error).__name__}: {error}")
            continue
        statuses[response.status_code] += 1
        if i and i % 1000 == 0:
            print(f"  ... {i} queries, {len(failures)} failures, {time.perf_counter() - t0:.0f} s", flush=True)
        if response.status_code >= 500:
            failures.append(f"query {path}?{query}: {response.status_code}")
    query_time = time.perf_counter() - t0

    print(f"files: {args.files} generated (seed {args.seed}), {files_time:.0f} s "
          f"(parse {parse_time:.1f} s, ingest {ingest_time:.0f} s)")
    for name, count in sorted(stats.items()):
        print(f"  {name}: {count}")
    print(f"queries: {args.queries} in {query_time:.0f} s; statuses: "
          + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(f"failures: {len(failures)}")
    for failure in failures[:50]:
        print("  " + failure)
    return failures


if __name__ == "__main__":
    main()
