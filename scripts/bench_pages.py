"""Pages benchmark: server time and SQL queries per page, at corpus size and at synthetic scale.

    .venv/bin/python scripts/bench_pages.py [--events 5000] [--repeat 30] [--corpus DIR] [--json]
    .venv/bin/python scripts/bench_pages.py --scale 1000000 [--repeat 30] [--keep]

Ingests the corpus (manage.py ingest) into a fresh PostgreSQL database, then requests each page through
Django's test client (the whole request: middleware, view, queries, templates; no network) `--repeat`
times and prints the median and 95th-percentile server time and the number of queries. Then it adds
synthetic events and measures again, in the same run, so both figures share the machine's load:

* `--events N` (default): copies of the corpus events with other dates, actors, countries and threads;
* `--scale N`: `manage.py load_events` (events/services/bulk_load.py: COPY, archive-like spread over time,
  countries and actors) until N visible events exist: the million-event figures.

Pages are measured with the page cache cleared before every request (the cost of a miss), and with
`--cached` also warm (what a repeated anonymous request costs).

If DATABASE_URL is not a postgres:// URL, a throw-away server is started (tests/pgserver.PostgresServer)
and removed at the end. With a postgres:// DATABASE_URL and `--keep`, the databases bench_corpus and
bench_scale_N are created on that server once and reused by later runs (loading a million events takes
minutes; a reused database is only re-ANALYZEd).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "monitor"
# --cold-counts: clear the counts cache (events/selectors/counts.py) too before every request, so that each
# request computes its counts (a filter combination nobody asked for since the last countable change)
COLD_COUNTS = {"on": False}


def _clear_caches():
    from django.core.cache import cache, caches

    cache.clear()
    if COLD_COUNTS["on"] and "counts" in caches.settings:
        caches["counts"].clear()


def pages():
    from django.db.models import Count

    from events.models import Actor, Article, Country, Event

    event = Event.objects.filter(hidden=False).order_by("id").first()
    actor = Actor.objects.filter(events__hidden=False).order_by("id").first()
    country = Country.objects.filter(code="RU").first() or Country.objects.first()
    article = Article.objects.order_by("id").first()
    out = [
        ("timeline", "/", {}),
        ("timeline ?country=RU&country=KP", "/?country=RU&country=KP", {}),
        ("timeline ?q=talks&status=occurred", "/?q=talks&status=occurred", {}),
        ("timeline htmx fragment ?country=IR", "/?country=IR", {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "filters"}),
        ("timeline one month ?date_from..date_to", "/?date_from=2001-03-01&date_to=2001-03-31", {}),
        ("actor type-ahead", "/actors/suggest?actor_q=ser", {"HTTP_HX_REQUEST": "true"}),
        ("timeline ?q=\"talks in Moscow\"", "/?q=%22talks+in+Moscow%22", {}),
        ("timeline ?q=talks (the load test's)", "/?q=talks", {}),
        ("timeline ?q=summit* Moscow", "/?q=summit*+Moscow", {}),
        ("timeline ?axis=day (time axis, days)", "/?axis=day&date_from=2001-01-01&date_to=2001-03-31", {}),
    ]
    if event:
        out.append(("event page", event.get_absolute_url(), {}))
    biggest = (Event.objects.filter(hidden=False, thread__isnull=False).values("thread_id")
               .annotate(n=Count("id")).order_by("-n").first())
    if biggest and biggest["n"] > 1:
        top = Event.objects.filter(hidden=False, thread_id=biggest["thread_id"]).order_by("id").first()
        out.append((f"event page, thread of {biggest['n']}"[:40], top.get_absolute_url(), {}))
    if article:
        out.append(("article page", article.get_absolute_url(), {}))
    if actor:
        out.append(("actor page", actor.get_absolute_url(), {}))
    if country:
        out.append(("country page", country.get_absolute_url(), {}))
    out.append(("export.csv one month ?country=RU", "/export.csv?country=RU&date_from=2001-03-01&date_to=2001-03-31", {}))
    return out


def load_more_url(client):
    """The "load more" link of the first page, if there is one (a second keyset page)."""
    body = client.get("/").content.decode()
    marker = 'hx-get="/?after='
    if marker not in body:
        return None
    start = body.index(marker) + len('hx-get="')
    return body[start:body.index('"', start)].replace("&amp;", "&")


def _time_requests(client, url, headers, repeat, *, clear_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, sql = [], [], []
    queries = 0
    for _ in range(repeat):
        if clear_cache:
            _clear_caches()
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, **headers)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(ctx.captured_queries)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {
        "queries": queries,
        "sql_ms": round(statistics.median(sql), 1),
        "min_ms": round(times[0], 1),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
        "django_cpu_ms": round(statistics.median(cpu), 1),
    }


def _reference_work():
    """A fixed amount of pure-Python work, timed beside the pages in the same run: its time moves with the
    machine's load as the pages' do, so figures from different runs compare through it."""
    total = 0
    for i in range(400_000):
        total += (i * i) % 7
    return total


def _time_reference(repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _reference_work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"queries": 0, "sql_ms": 0.0, "min_ms": round(times[0], 1), "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1), "django_cpu_ms": 0.0}


def _targets(client, only):
    """[(name, url, headers)] of the pages to measure: pages() and the "load more" page, those whose name
    contains one of `only` when given."""
    targets = pages()
    more = load_more_url(client) if not only or any("more" in o for o in only) else None
    if more:
        targets.append(("timeline load more (page 2)", more, {"HTTP_HX_REQUEST": "true"}))
    if only:
        targets = [t for t in targets if any(o in t[0] for o in only)]
    return targets


def measure(client, repeat, cached=False, only=None):
    rows = [{"page": "reference: fixed Python work", "url": "", **_time_reference(repeat)}]
    for name, url, headers in _targets(client, only):
        _clear_caches()
        client.get(url, **headers)  # warm-up (database and Python caches; the page cache is cleared each time)
        rows.append({"page": name, "url": url, **_time_requests(client, url, headers, repeat, clear_cache=True)})
        if cached:
            rows.append({"page": f"  (cached) {name}"[:40], "url": url,
                         **_time_requests(client, url, headers, repeat, clear_cache=False)})
    rows.append({"page": "reference again, after the pages", "url": "", **_time_reference(repeat)})
    return rows


def _synthetic_articles(missing, rng, sources):
    """One synthetic issue and article per ten missing events, each article a copy of a random corpus
    article's body. Returns {corpus article id: [its copies]}."""
    import hashlib

    from events.models import Article, Issue

    issues = Issue.objects.bulk_create([
        Issue(volume=90 + i // 250, number=i % 250 + 1, date=date(2000, 1, 3) + timedelta(days=i % 700))
        for i in range(missing // 10 + 1)
    ])
    articles = Article.objects.bulk_create([
        Article(issue=issue, position=1, headline=f"Synthetic article {i}",
                body=sources[src_id].body, source_name="synthetic",
                content_hash=hashlib.sha256(f"synthetic-{i}".encode()).hexdigest())
        for i, (issue, src_id) in enumerate(zip(issues, [rng.choice(list(sources)) for _ in issues]))
    ])
    by_source = {}
    for art in articles:
        by_source.setdefault(next(k for k, v in sources.items() if v.body == art.body), []).append(art)
    return by_source


def _synthetic_event(i, src, thread, homes, rng):
    """The i-th synthetic event: a copy of corpus event `src` in one of `homes`, on its thread's day (a
    random day of 2000-2001 without thread), with a random type and status; about 3% hidden."""
    from events.models import Event

    day = thread.date_start if thread else date(2000, 1, 1) + timedelta(days=rng.randrange(730))
    return Event(
        article=homes[i % len(homes)], thread=thread, extraction_key=f"synthetic-{i}",
        sentence_start=src.sentence_start, sentence_end=src.sentence_end, sentence=src.sentence,
        date_text=src.date_text, date_text_start=src.date_text_start, date_text_end=src.date_text_end,
        timex_value=day.isoformat(), anchor_date=src.anchor_date, date_start=day, date_end=day,
        granularity="day", event_type=rng.choice(["meeting", "visit", "statement", "agreement"]),
        status=rng.choice(["occurred", "occurred", "planned", "reported"]),
        summary=f"Synthetic {src.summary}"[:300], hidden=rng.random() < 0.03,
    )


def _link_synthetic(created, rng):
    """Two random actors, two random countries and one random topic for each created event."""
    from events.models import Actor, Country, Event, Topic

    actors = list(Actor.objects.values_list("id", flat=True))
    countries = list(Country.objects.values_list("id", flat=True))
    topics = list(Topic.objects.values_list("id", flat=True))
    Event.actors.through.objects.bulk_create(
        [Event.actors.through(event_id=e.pk, actor_id=a) for e in created for a in rng.sample(actors, 2)],
        batch_size=2000)
    Event.countries.through.objects.bulk_create(
        [Event.countries.through(event_id=e.pk, country_id=c) for e in created for c in rng.sample(countries, 2)],
        batch_size=2000)
    Event.topics.through.objects.bulk_create(
        [Event.topics.through(event_id=e.pk, topic_id=rng.choice(topics)) for e in created], batch_size=2000)


def add_synthetic(target, seed=7):
    """Bulk-create events until `target` visible events exist, copying corpus events with new dates."""
    from django.db import connection, transaction

    from events.models import Event, Thread

    rng = random.Random(seed)
    base = list(Event.objects.filter(hidden=False).select_related("article"))
    if not base:
        raise SystemExit("no events after ingest: nothing to copy")
    missing = target - Event.objects.filter(hidden=False).count()
    if missing <= 0:
        return 0
    with transaction.atomic():
        # about ten events an article, as in the corpus; each synthetic article in its own synthetic issue
        sources = {e.article_id: e.article for e in base}
        by_source = _synthetic_articles(missing, rng, sources)
        threads = Thread.objects.bulk_create([
            Thread(title=f"Synthetic happening {i}", event_type="meeting", status="occurred",
                   date_start=date(2000, 1, 1) + timedelta(days=3 * i % 700),
                   date_end=date(2000, 1, 1) + timedelta(days=3 * i % 700), granularity="day")
            for i in range(missing // 3)
        ])
        rows = []
        for i in range(missing):
            src = rng.choice(base)
            thread = threads[i // 3] if i < 3 * len(threads) and i % 3 else None
            rows.append(_synthetic_event(i, src, thread, by_source.get(src.article_id) or [src.article], rng))
        created = Event.objects.bulk_create(rows, batch_size=1000)
        _link_synthetic(created, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(created)


def _use_database(name):
    """Point Django's default connection at database `name` on the same server."""
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def _admin(sql, params=None):
    """Run `sql` on the server's maintenance database (CREATE/DROP DATABASE need autocommit)."""
    import psycopg
    from django.db import connections

    connections.close_all()
    s = connections["default"].settings_dict
    with psycopg.connect(host=s["HOST"], port=s["PORT"], user=s["USER"], password=s["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as conn:
        return conn.execute(sql, params).fetchall() if sql.lstrip().upper().startswith("SELECT") else \
            conn.execute(sql, params)


def _database_exists(name):
    return bool(_admin("SELECT 1 FROM pg_database WHERE datname = %s", [name]))


def _load_scale(target, out=sys.stderr):
    from events.models import Event
    from events.services.bulk_load import load_events

    missing = target - Event.objects.filter(hidden=False).count()
    if missing <= 0:
        return 0
    # about 1% of loaded mentions are hidden: ask for a little more so that `target` are visible
    report = load_events(int(missing * 1.0105) + 1, list(range(1, 8)), seed=1)
    print(report.summary(), file=out)
    return report.events


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000, help="visible events at synthetic scale")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="load N visible events with the bulk loader instead of copying corpus events")
    parser.add_argument("--keep", action="store_true",
                        help="keep (and reuse) the benchmark databases on DATABASE_URL's server")
    parser.add_argument("--cached", action="store_true", help="also measure each page with a warm page cache")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="measure only the pages whose name contains TEXT (repeatable)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--db-prefix", default="bench", metavar="NAME",
                        help="use databases NAME_corpus and NAME_scale_N (e.g. copies made with createdb -T, so "
                             "that a branch's migrations do not reach the shared bench_* databases)")
    parser.add_argument("--cold-counts", action="store_true",
                        help="clear the counts cache too before every request (counts computed every time)")
    args = parser.parse_args(argv)
    COLD_COUNTS["on"] = args.cold_counts
    return args


def _start_server():
    """The environment the benchmark runs in; a throw-away PostgreSQL server unless DATABASE_URL names one
    (returned, or None)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("MONITOR_ALLOW_INSECURE_KEY", "1")
    os.environ.setdefault("MONITOR_INSECURE_HTTP", "1")
    os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")  # index builds and the load may take minutes
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return None
    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    os.environ["DATABASE_URL"] = server.url
    return server


def _setup_django():
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    setup_test_environment()


def _corpus_database(name, corpus, keep):
    """Database `name` with the corpus ingested (kept from an earlier run with `keep`), in use."""
    from django.core.management import call_command

    fresh = not (keep and _database_exists(name))
    if fresh:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{name}"')
    _use_database(name)
    call_command("migrate", verbosity=0)
    if fresh:
        call_command("ingest", corpus, verbosity=0)


def _scale_database(scale, corpus_db, keep, prefix="bench"):
    """Database bench_scale_N, a copy of `corpus_db` loaded to `scale` visible events (kept from an earlier
    run with `keep`), in use and analysed. Returns {"added": events loaded, "load_seconds": ...}."""
    from django.core.management import call_command
    from django.db import connection

    scale_db = f"{prefix}_scale_{scale}"
    if not (keep and _database_exists(scale_db)):
        _admin(f'DROP DATABASE IF EXISTS "{scale_db}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{scale_db}" TEMPLATE "{corpus_db}"')
        _use_database(scale_db)
        started = time.perf_counter()
        added = _load_scale(scale)
        load_seconds = round(time.perf_counter() - started, 1)
    else:
        _use_database(scale_db)
        call_command("migrate", verbosity=0)  # new indexes reach the kept database too
        added, load_seconds = 0, 0.0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"added": added, "load_seconds": load_seconds}


def _run(args, keep, server_is_ours):
    """Measures the corpus, then the synthetic or scale archive; {label: figures}."""
    from django.db import connection
    from django.test import Client

    from events.models import Event, Thread

    corpus_db = f"{args.db_prefix}_corpus"
    _corpus_database(corpus_db, args.corpus, keep)
    connection.force_debug_cursor = False
    client = Client()
    results = {}
    corpus_events = Event.objects.filter(hidden=False).count()
    results["corpus"] = {"events": corpus_events, "threads": Thread.objects.count(),
                         "pages": measure(client, args.repeat, cached=args.cached, only=args.only)}
    if args.scale:
        label = "scale"
        results[label] = _scale_database(args.scale, corpus_db, keep, args.db_prefix)
    else:
        label = "synthetic"
        results[label] = {"added": add_synthetic(args.events)}
    results[label].update(events=Event.objects.filter(hidden=False).count(), threads=Thread.objects.count(),
                          pages=measure(client, args.repeat, cached=args.cached, only=args.only))
    if not keep:
        connection.close()
        if not server_is_ours:
            _admin(f'DROP DATABASE IF EXISTS "{corpus_db}" WITH (FORCE)')
            if args.scale:
                _admin(f'DROP DATABASE IF EXISTS "{args.db_prefix}_scale_{args.scale}" WITH (FORCE)')
    return results


def _print_table(results):
    print(f"\nload average (1 min) at the end: {results['load_average_1min']} on {results['cores']} cores; "
          "wall times include waiting for the CPU, django cpu is this process's CPU time (the database's not)")
    for label in ("corpus", "synthetic", "scale"):
        if label not in results:
            continue
        block = results[label]
        print(f"\n{label}: {block['events']} visible events, {block['threads']} threads")
        print(f"{'page':<40} {'queries':>7} {'sql ms':>7} {'min ms':>7} {'median ms':>10} {'p95 ms':>8} "
              f"{'django cpu ms':>14}")
        for row in block["pages"]:
            print(f"{row['page']:<40} {row['queries']:>7} {row['sql_ms']:>7} {row['min_ms']:>7} "
                  f"{row['median_ms']:>10} {row['p95_ms']:>8} {row['django_cpu_ms']:>14}")


def main(argv=None):
    args = _arguments(argv)
    server = _start_server()
    keep = args.keep and server is None
    try:
        _setup_django()
        results = _run(args, keep, server is not None)
    finally:
        if server is not None:
            server.stop()

    results["load_average_1min"] = round(os.getloadavg()[0], 2)
    results["cores"] = os.cpu_count()
    if args.json:
        print(json.dumps(results, indent=1))
        return
    _print_table(results)


if __name__ == "__main__":
    main()
