"""Archive-scale ingest benchmark: a generated archive through `manage.py ingest --jobs N` into PostgreSQL.

    .venv/bin/python scripts/bench_archive.py --articles 10000 --jobs 2 [--seed 1] [--dump-threads FILE]

Generates the archive (`manage.py generate_archive`, four articles per issue, cached under /tmp by size and
seed), starts a throw-away PostgreSQL (tests/pgserver.py, fsync off as in the tests) unless DATABASE_URL is
a postgres:// URL of an empty database, and runs the real command `manage.py ingest --jobs N --no-progress`
as a subprocess. Prints the total time and articles/s, and the throughput of the first and of the last
1,000 articles (from the articles' ingested_at), whose ratio says whether the cost per article stays flat
as the database fills, and for the same two windows what does not depend on the machine's other load:
PostgreSQL buffers touched (pg_stat_database) and CPU ms of the PostgreSQL server and of the ingest
processes, per article (sampled every half second while the ingest runs). Same-run references, since the machine is shared: the load average before and
after, and `extract_article` alone (ms per article over 200 of the archive's articles, the CPU speed of
the moment) before and after the run.

--dump-threads FILE writes the thread assignment (each thread's members by article text hash and
extraction key, with the thread's derived fields) as JSON lines, sorted, to compare two versions of the
code on the same archive (use --jobs 1: with several processes the linking order follows commit order).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_common import (  # noqa: E402
    print_figures, process_times, production_environment, setup_django, start_database, stop_database,
)


def extract_ms(folder: Path, count: int = 200) -> float:
    from events.extraction.articles import read_article_file
    from events.extraction.calendar import calendar_date
    from events.extraction.entities import default_gazetteer
    from events.extraction.pipeline import extract_article

    gazetteer = default_gazetteer()
    articles = []
    for path in sorted(folder.rglob("*.txt")):
        articles.extend(read_article_file(path).articles)
        if len(articles) >= count:
            break
    articles = [(a.body, calendar_date(a.volume, a.number)) for a in articles[:count]]
    extract_article(*articles[0], gazetteer)
    start = time.perf_counter()
    for body, anchor in articles:
        extract_article(body, anchor, gazetteer)
    return (time.perf_counter() - start) / len(articles) * 1000


def _cpu_of_tree(root_pid: int) -> float:
    """CPU seconds (user + system, with reaped children) of `root_pid` and its live descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, times = {}, {}
    for pid, ppid, counters in process_times():
        parents[pid] = ppid
        times[pid] = sum(counters)
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total / ticks


class Sampler:
    """While the ingest runs: (seconds, articles stored, PostgreSQL buffers touched, CPU seconds of the
    PostgreSQL server and of the ingest processes), every half second. Buffers touched and CPU per article
    say whether the cost per article grows, whatever else the shared machine is doing."""

    def __init__(self, url: str, server_pid: int | None, ingest_pid: int):
        import psycopg

        self.db = psycopg.connect(url, autocommit=True)
        self.server_pid, self.ingest_pid = server_pid, ingest_pid
        self.samples = []

    def sample(self):
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM events_article), blks_hit + blks_read FROM pg_stat_database "
            "WHERE datname = current_database()").fetchone()
        self.samples.append((time.perf_counter(), row[0], row[1],
                             _cpu_of_tree(self.server_pid) if self.server_pid else 0.0,
                             _cpu_of_tree(self.ingest_pid)))

    def window(self, low: int, high: int) -> dict:
        """Per-article figures between the first samples at or past `low` and `high` articles."""
        start = next(s for s in self.samples if s[1] >= low)
        end = next((s for s in self.samples if s[1] >= high), self.samples[-1])
        n = max(end[1] - start[1], 1)
        return {"articles": n, "articles_per_second": round(n / max(end[0] - start[0], 1e-6), 1),
                "buffers_per_article": round((end[2] - start[2]) / n),
                "postgres_cpu_ms_per_article": round((end[3] - start[3]) / n * 1000, 1),
                "ingest_cpu_ms_per_article": round((end[4] - start[4]) / n * 1000, 1)}


def window_rates(stamps, size=1000):
    """Articles per second over the first and the last `size` articles (by commit-time stamp)."""
    if len(stamps) <= size:
        return None, None
    first = size / max((stamps[size] - stamps[0]).total_seconds(), 1e-6)
    last = size / max((stamps[-1] - stamps[-size - 1]).total_seconds(), 1e-6)
    return first, last


def dump_threads(path: Path) -> int:
    from events.models import Event, Thread

    members = {}
    for thread_id, digest, key in Event.objects.filter(thread__isnull=False).values_list(
            "thread_id", "article__content_hash", "extraction_key"):
        members.setdefault(thread_id, []).append(f"{digest[:16]}/{key}")
    lines = []
    for thread in Thread.objects.all():
        lines.append(json.dumps({"members": sorted(members.get(thread.pk, [])), "title": thread.title,
                                 "type": thread.event_type, "status": thread.status,
                                 "start": thread.date_start.isoformat(), "end": thread.date_end.isoformat()}))
    lines.sort()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump-threads", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    production_environment()
    archive = generated_archive(args.articles, args.seed)
    server = start_database()
    try:
        setup_django(empty=True)
        figures = measure(args, archive, server)
    finally:
        stop_database(server)
    print_figures(figures, args.json)
    return 0


def generated_archive(articles: int, seed: int) -> Path:
    """The archive of `articles` articles (seed `seed`), generated once and cached under /tmp."""
    archive = Path(f"/tmp/monitor-archive-{articles}-s{seed}")
    if not (archive / "DONE").exists():
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "generate_archive", "--out", str(archive),
                        "--articles", str(articles), "--seed", str(seed), "--force"], check=True,
                       env=dict(os.environ, DEBUG="1"))
        (archive / "DONE").write_text("")
    return archive


def run_ingest(archive: Path, jobs: int, server):
    """`manage.py ingest --jobs N` on the archive, sampled every half second: (completed process, seconds,
    sampler)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "ingest", "--no-progress", "--jobs",
                                str(jobs), str(archive)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=os.environ)
    server_pid = int((server.data / "postmaster.pid").read_text().split()[0]) if server is not None else None
    sampler = Sampler(os.environ["DATABASE_URL"], server_pid, process.pid)
    sampler.sample()
    while process.poll() is None:
        time.sleep(0.5)
        sampler.sample()
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.sample()
    run = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    if run.returncode != 0:
        raise SystemExit(f"ingest failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return run, elapsed, sampler


def measure(args, archive: Path, server) -> dict:
    from django.db import connection

    from events.models import Article, Event, Thread

    connection.close()
    load_before = os.getloadavg()[0]
    extract_before = extract_ms(archive)
    run, elapsed, sampler = run_ingest(archive, args.jobs, server)
    extract_after = extract_ms(archive)
    load_after = os.getloadavg()[0]
    stamps = sorted(Article.objects.values_list("ingested_at", flat=True))
    first, last = window_rates(stamps)
    stored = len(stamps)
    figures = {
        "articles": stored, "jobs": args.jobs, "seconds": round(elapsed, 1),
        "articles_per_second": round(stored / elapsed, 1),
        "first_1000_articles_per_second": round(first, 1) if first else None,
        "last_1000_articles_per_second": round(last, 1) if last else None,
        "last_vs_first": round(last / first, 2) if first else None,
        # Load-independent: PostgreSQL buffers touched and CPU per article, first vs last 1,000.
        "first_1000_per_article": sampler.window(0, 1000) if stored > 1000 else None,
        "last_1000_per_article": sampler.window(stored - 1000, stored) if stored > 1000 else None,
        "events": Event.objects.count(), "threads": Thread.objects.count(),
        "reference_extract_article_ms_before_after": [round(extract_before, 2), round(extract_after, 2)],
        "load_average_1min_before_after": [round(load_before, 2), round(load_after, 2)],
        "ingest_summary": run.stdout.strip().splitlines()[-1],
    }
    if args.dump_threads:
        figures["threads_dumped"] = dump_threads(args.dump_threads)
    return figures


if __name__ == "__main__":
    sys.exit(main())
