"""Benchmark: ingesting one more issue into an archive of 10,000 issues, with its calendar re-dating.

    .venv/bin/python scripts/bench_calendar.py [--volumes 40] [--seed 1]

Builds a simulated archive (events.extraction.calendar_sim: 42 volumes of about 245 issues, over 10,000 issues, one article
each with its dated citations and cross-references) in a fresh PostgreSQL database (a throw-away server
unless DATABASE_URL is a postgres:// URL), dates it once with `fit_calendar` over every volume, then
ingests one more issue (held back from volume 20) through the ingest service, which stores it, extracts
its events and fits its volume's calendar again (events.services.calendar). Prints, from the same run:

* the one-issue ingest, end to end, and the calendar part of it (fit of one volume + writes);
* references: the same ingest without the calendar fit, and fitting all volumes from scratch.

No event extraction is run for the 10,000 bulk-loaded articles (only for the new one): the figure is the
re-dating, not the archive's extraction.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_common import print_figures, setup_django, start_database, stop_database  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--volumes", type=int, default=42)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    server = start_database()
    try:
        setup_django()
        figures = run(args)
    finally:
        stop_database(server)
    print_figures(figures, args.json)


def run(args):
    from events.extraction.calendar_sim import article_text, simulate
    from events.models import Article, Issue
    from events.services.calendar import refit_volumes

    if Article.objects.exists():
        raise SystemExit("the database already has articles: point DATABASE_URL at an empty one")
    volumes = list(range(1, args.volumes + 1))
    started = time.perf_counter()
    archive = simulate(volumes, random.Random(args.seed), articles=1, cited=1, empty_share=0.05)
    held_volume = volumes[len(volumes) // 2 - 1]
    held_number = len(archive.calendars[held_volume].days) // 2
    held = [a for a in archive.articles if (a.volume, a.number) == (held_volume, held_number)]
    rest = [a for a in archive.articles if (a.volume, a.number) != (held_volume, held_number)]
    _bulk_load(archive, rest, (held_volume, held_number))
    build_s = time.perf_counter() - started

    started = time.perf_counter()
    full = refit_volumes(volumes, reprocess=False)
    full_s = time.perf_counter() - started
    _warm_up(archive, rest)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        cProfile.runctx("refit_volumes([held_volume])", globals(), locals(), os.environ["BENCH_PROFILE"])
    data = "\n".join(article_text(a) for a in held).encode()
    report, one_s = _timed_ingest(data)
    no_fit_s = _reference_ingest(data)
    started = time.perf_counter()
    again = refit_volumes([held_volume])
    refit_one_s = time.perf_counter() - started
    issue = Issue.objects.get(volume=held_volume, number=held_number)
    return {
        "issues_in_archive": Issue.objects.count(),
        "articles_in_archive": Article.objects.count(),
        "build_seconds": round(build_s, 1),
        "reference_fit_all_volumes_seconds": round(full_s, 2),
        "reference_ingest_one_issue_without_fit_seconds": round(no_fit_s, 3),
        "ingest_one_more_issue_with_refit_seconds": round(one_s, 3),
        "refit_of_its_volume_alone_seconds": round(refit_one_s, 3),
        "issues_redated_by_the_new_issue": report.calendar.issues_redated,
        "issues_redated_in_the_first_full_fit": full.issues_redated,
        "new_issue_dated_right": issue.date == archive.truth[(held_volume, held_number)],
        "new_issue_calendar": report.calendar.summary(),
        "refit_again_changes": again.issues_updated,
    }


def _bulk_load(archive, articles, held):
    """Every issue but the held one, and the articles, with their calendar evidence, in bulk."""
    from django.db import transaction

    from events.models import Article, Issue
    from events.services.calendar import evidence_for_text
    from events.services.ingest import content_hash

    with transaction.atomic():
        issues = Issue.objects.bulk_create(
            [Issue(volume=v, number=n, date=d, date_method="calendar", date_confidence=0.0)
             for (v, n), d in sorted(archive.truth.items()) if (v, n) != held],
            batch_size=2000)
        by_key = {(i.volume, i.number): i for i in issues}
        Article.objects.bulk_create(
            [Article(issue=by_key[(a.volume, a.number)], position=1, headline=a.headline,
                     body="\n\n".join(a.paragraphs), source_name="bench.txt",
                     content_hash=content_hash(a.volume, a.number, a.headline, "\n\n".join(a.paragraphs)),
                     calendar_evidence=evidence_for_text(a.volume, a.number, "\n\n".join(a.paragraphs)))
             for a in articles], batch_size=2000)


def _warm_up(archive, rest):
    """What any ingest process has loaded after its first article: the extraction modules and the
    gazetteer snapshot (the figure is the steady-state cost of one more issue)."""
    from events.extraction.pipeline import extract_article
    from events.services.gazetteer import get_gazetteer_snapshot

    extract_article("Warm-up sentence.", rest[0] and archive.truth[(rest[0].volume, rest[0].number)],
                    get_gazetteer_snapshot().gazetteer)


def _timed_ingest(data):
    """(report, seconds) of ingesting the held issue (profiled with BENCH_PROFILE_INGEST=FILE)."""
    from events.services.ingest import ingest_text

    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE_INGEST"):
        import cProfile
        holder = {}
        cProfile.runctx("holder['r'] = ingest_text('one.txt', data)", globals(), locals(),
                        os.environ["BENCH_PROFILE_INGEST"])
        report = holder["r"]
    else:
        report = ingest_text("one.txt", data)
    return report, time.perf_counter() - started


def _reference_ingest(data) -> float:
    """Seconds of one more article of the same issue (a changed copy) through the same store + extract +
    link path, without the calendar fit."""
    from events.extraction.articles import parse_article_bytes
    from events.services.ingest import _ingest_file

    copy = data + b"\n\nA further paragraph for the reference run."
    started = time.perf_counter()
    _ingest_file("ref.txt", lambda: parse_article_bytes("ref.txt", copy))
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
