"""Ingest benchmark: articles per second into PostgreSQL, end to end, and extract_article alone.

    .venv/bin/python scripts/bench_ingest.py [--articles 400] [--jobs 1 | --workers 1] [--spread 1] [--corpus DIR]
                                             [--no-extract-ahead]

Repeats the corpus articles under other issue numbers of the same volume (each copy's "Publication: Monitor
Volume: V Issue: N" line rewritten, so each copy is a new article of a new issue), writes them to a temporary
folder, and ingests the folder into a fresh PostgreSQL database through `manage.py ingest`'s service
(parse, date the issue, store, extract events, link threads; one transaction per article). With
--jobs N, the ingest runs with N worker processes (`manage.py ingest --jobs N`); with --workers N, N separate
`manage.py ingest` processes are given 1/N of the files each (the machine has 2 cores).

If DATABASE_URL is not a postgres:// URL, a throw-away server is started (tests/pgserver.PostgresServer)
and removed at the end. Prints one line per figure; --json prints them as one JSON object.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench_common import print_figures, process_times, setup_django, start_database, stop_database  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "monitor"
PUBLICATION = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)")


def write_copies(corpus: Path, folder: Path, count: int, spread: int = 1) -> int:
    """`count` article files, copies of the corpus files with new issue numbers (unique per volume).

    spread > 1 moves successive copies of a file 0, 1, ... spread-1 volumes (years) back, so that the copies
    of one happening fall in different years, as they would in an archive, instead of all in one.
    """
    texts = _corpus_texts(corpus, spread)
    used = {}
    for text in texts:
        for volume, number in PUBLICATION.findall(text):
            used.setdefault(int(volume), set()).add(int(number))
    free = _FreeNumbers(used)
    written, rounds = 0, 0
    while written < count:
        progress = False
        for index, text in enumerate(texts):
            copy = free.renumbered(text, rounds % spread) if written < count else None
            if copy is not None:
                (folder / f"copy{written:05d}_{index}.txt").write_text(copy, encoding="utf-8")
                written += 1
                progress = True
        rounds += 1
        if not progress and rounds % spread == 0:
            raise SystemExit(f"only {written} issue numbers free in the corpus volumes; ask for fewer articles")
    return written


def _corpus_texts(corpus: Path, spread: int) -> list[str]:
    sources = sorted(corpus.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no *.txt files in {corpus}")
    texts = [path.read_text(encoding="utf-8") for path in sources]
    lowest = min(int(v) for text in texts for v, _ in PUBLICATION.findall(text))
    if not 1 <= spread <= lowest:
        raise SystemExit(f"--spread must be between 1 and {lowest} (the lowest volume in the corpus)")
    return texts


class _FreeNumbers:
    """The issue numbers of each volume not used by the corpus, handed out in order."""

    def __init__(self, used: dict):
        from events.extraction.calendar import issues_in_volume

        self.used, self.free, self.issues_in_volume = used, {}, issues_in_volume

    def renumbered(self, text: str, shift: int) -> str | None:
        """The text moved `shift` volumes back, each Publication line given a free number (None when a
        volume has none left)."""
        volumes = {int(v) - shift for v, _ in PUBLICATION.findall(text)}
        for volume in volumes:
            if volume not in self.free:
                self.free[volume] = [n for n in range(1, self.issues_in_volume(volume) + 1)
                                     if n not in self.used.get(volume, set())]
        if any(not self.free[v] for v in volumes):
            return None
        numbers = {v: self.free[v].pop(0) for v in volumes}
        return PUBLICATION.sub(lambda m: f"Publication: Monitor Volume: {int(m.group(1)) - shift} Issue: "
                                         f"{numbers[int(m.group(1)) - shift]}", text)


def extraction_ms_per_article(folder: Path, rounds: int = 1) -> float:
    from events.extraction.articles import read_article_file
    from events.extraction.calendar import calendar_date
    from events.extraction.entities import default_gazetteer
    from events.extraction.pipeline import extract_article

    gazetteer = default_gazetteer()
    articles = [(a.body, calendar_date(a.volume, a.number))
                for path in sorted(folder.glob("*.txt")) for a in read_article_file(path).articles]
    extract_article(*articles[0], gazetteer)  # warm the compiled patterns
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for body, anchor in articles:
            extract_article(body, anchor, gazetteer)
        timings.append((time.perf_counter() - start) / len(articles) * 1000)
    return statistics.median(timings)


def server_cpu_seconds(server) -> float | None:
    """CPU time (user + system) used so far by the PostgreSQL server we started and its backends."""
    if server is None:
        return None
    try:
        postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid, ppid, (utime, stime, cutime, cstime) in process_times():
        if pid == postmaster:  # its own time and that of its exited backends (cutime, cstime)
            total += utime + stime + cutime + cstime
        elif ppid == postmaster:  # live backends and helpers
            total += utime + stime
    return total / ticks


def ingest_in_process(folder: Path, jobs: int = 1) -> tuple[float, int]:
    from events.services.ingest import ingest_paths

    start = time.perf_counter()
    cpu = time.process_time()
    report = ingest_paths([folder], progress=False, jobs=jobs)
    elapsed = time.perf_counter() - start
    ingest_in_process.cpu = time.process_time() - cpu
    if not report.ok:
        raise SystemExit(f"ingest failed: {report.summary()}")
    return elapsed, report.articles_new


def ingest_with_workers(folder: Path, workers: int) -> float:
    files = sorted(folder.glob("*.txt"))
    parts = []
    for worker in range(workers):
        part = folder / f"part{worker}"
        part.mkdir()
        for path in files[worker::workers]:
            shutil.move(str(path), part / path.name)
        parts.append(part)
    env = dict(os.environ)
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "ingest", str(part)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for part in parts]
    failures = [(p.wait(), p.stderr.read()) for p in processes]
    elapsed = time.perf_counter() - start
    bad = [err for code, err in failures if code != 0]
    if bad:
        raise SystemExit("ingest failed:\n" + "\n".join(bad))
    return elapsed


def main(argv=None) -> int:
    args = _arguments(argv)
    server = start_database()
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-"))
    try:
        setup_django(empty=True)
        figures = measure(args, folder, server)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        stop_database(server)
    print_figures(figures, args.json)
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1,
                        help="N separate `manage.py ingest` processes, each given 1/N of the files")
    parser.add_argument("--jobs", type=int, default=1,
                        help="one ingest with N worker processes sharing the files (`manage.py ingest --jobs N`)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--spread", type=int, default=1,
                        help="spread the copies over this many years (volumes) back from the source's")
    parser.add_argument("--no-extract-ahead", action="store_true",
                        help="one thread: no extraction of the next article while one is stored "
                             "(events/services/extract_ahead.py), to measure the difference in the same sitting")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.workers < 1 or args.jobs < 1:
        parser.error("--articles, --workers and --jobs must be positive")
    if args.workers > 1 and args.jobs > 1:
        parser.error("--workers and --jobs: one or the other")
    return args


def measure(args, folder: Path, server) -> dict:
    from django.conf import settings
    from django.db import connection

    from events.models import Article, Event, Thread

    from events.services import ingest

    ingest.EXTRACT_AHEAD = not args.no_extract_ahead
    written = write_copies(args.corpus, folder, args.articles, args.spread)
    extract_ms = extraction_ms_per_article(folder)
    server_cpu = server_cpu_seconds(server)
    if args.workers == 1:
        elapsed, stored = ingest_in_process(folder, args.jobs)
    else:
        connection.close()
        elapsed = ingest_with_workers(folder, args.workers)
        stored = Article.objects.count()
    server_cpu = (server_cpu_seconds(server) - server_cpu) if server_cpu is not None else None
    in_process = args.workers == 1 and args.jobs == 1
    return {
        "articles": stored, "files": written, "workers": args.workers, "jobs": args.jobs, "spread_years": args.spread, "seconds": round(elapsed, 2),
        "articles_per_second": round(stored / elapsed, 1),
        "ms_per_article_end_to_end": round(elapsed / stored * 1000, 1),
        "ms_per_article_extract_article": round(extract_ms, 1),
        # CPU per article, less sensitive to other work on the machine than the wall clock:
        "cpu_ms_per_article_python": round(ingest_in_process.cpu / stored * 1000, 1) if in_process else None,
        "cpu_ms_per_article_postgres": round(server_cpu / stored * 1000, 1) if server_cpu is not None else None,
        "extract_ahead": in_process and ingest.EXTRACT_AHEAD,
        "events": Event.objects.count(), "threads": Thread.objects.count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "debug": settings.DEBUG,
        "database": connection.vendor,
    }


if __name__ == "__main__":
    sys.exit(main())
