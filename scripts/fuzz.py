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
    from tests.adversarial.fuzzgen import make_query

    rng = random.Random(args.seed)
    failures = []
    stats = Counter()
    started = time.perf_counter()
    parse_time, ingest_time = _fuzz_files(args, rng, failures, stats, started)
    files_time = time.perf_counter() - started
    t0 = time.perf_counter()
    statuses = _fuzz_queries(args, rng, failures, make_query)
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


def _fuzz_files(args, rng, failures, stats, started):
    """Every generated file through the parser (half of them byte-mutated), every K-th through ingest.
    Returns (parse seconds, ingest seconds)."""
    parse_time = ingest_time = 0.0
    for i in range(args.files):
        data, expected, encoding, mutated = _generated_file(rng, stats)
        t0 = time.perf_counter()
        readable = _parse(i, data, failures, stats)
        if readable is None:
            continue
        parse_time += time.perf_counter() - t0
        if not mutated:
            _check_undamaged(i, encoding, readable, expected, failures, stats)
        if i and i % 1000 == 0:
            print(f"  ... {i} files, {len(failures)} failures, {time.perf_counter() - started:.0f} s", flush=True)
        if i % args.ingest_every:
            continue
        t0 = time.perf_counter()
        if _ingest(i, data, readable, failures, stats):
            ingest_time += time.perf_counter() - t0
        if i % 200 == 0 or i == args.files - 1:
            _check_store(i, failures)
    from events.models import Article, Event

    stats["articles stored at the end"] = Article.objects.count()
    stats["events stored at the end"] = Event.objects.count()
    return parse_time, ingest_time


def _generated_file(rng, stats):
    """(bytes, the articles it holds, its encoding, whether it was byte-mutated): half of them are."""
    from tests.adversarial.fuzzgen import make_file, mutate

    data, expected, encoding = make_file(rng)
    mutated = rng.random() < 0.5
    if mutated:
        data = mutate(rng, data)
    stats["files"] += 1
    stats[f"encoding {encoding}"] += 1
    return data, expected, encoding, mutated


def _parse(i, data, failures, stats):
    """The (volume, number, headline, body) the parser reads ([] for a refused file); None when it raised."""
    from events.extraction.articles import ArticleFileError, parse_article_bytes

    try:
        parsed = parse_article_bytes(f"fuzz-{i}.txt", data)
    except ArticleFileError:
        stats["files refused"] += 1
        return []
    except Exception as error:  # noqa: BLE001 - the very thing we look for
        failures.append(f"file {i}: parser raised {type(error).__name__}: {error}")
        return None
    readable = [(a.volume, a.number, a.headline, a.body) for a in parsed.articles]
    stats["articles read"] += len(readable)
    stats["articles refused"] += len(parsed.failures)
    return readable


def _check_undamaged(i, encoding, readable, expected, failures, stats):
    """Nothing good lost: an undamaged file's articles read back exactly."""
    stats["undamaged files"] += 1
    stats["undamaged articles expected"] += len(expected)
    if readable != expected:
        failures.append(f"file {i} ({encoding}): good article lost or altered")
    else:
        stats["undamaged articles read exactly"] += len(expected)


def _ingest(i, data, readable, failures, stats) -> bool:
    """One file through ingest_text: every article read is accounted for. False when ingest raised."""
    from events.services.ingest import ingest_text

    try:
        report = ingest_text(f"fuzz-{i}.txt", data)
    except Exception as error:  # noqa: BLE001
        failures.append(f"file {i}: ingest raised {type(error).__name__}: {error}")
        return False
    [result] = report.files
    stats["ingested files"] += 1
    stats["ingest new"] += result.new
    stats["ingest new versions"] += result.versions
    stats["ingest unchanged"] += result.unchanged
    stats["ingest failed"] += result.failed
    if readable and result.new + result.versions + result.unchanged + result.failed < len(readable):
        failures.append(f"file {i}: {len(readable)} articles read, ingest accounts for fewer: {result}")
    return True


def _check_store(i, failures):
    """No article left unprocessed (half-stored), no event without its article."""
    from events.models import Article, Event

    if Article.objects.filter(processed_at=None).exists():
        failures.append(f"after file {i}: an article is stored unprocessed (half-stored)")
    if Event.objects.filter(article__isnull=True).exists():
        failures.append(f"after file {i}: an event without its article")


def _fuzz_queries(args, rng, failures, make_query) -> Counter:
    """Generated query strings through the public pages: no 500."""
    from django.test import Client

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
    return statuses


if __name__ == "__main__":
    main()
