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
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--volumes", type=int, default=42)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    server = None
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        os.environ["DATABASE_URL"] = server.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("MONITOR_ALLOW_INSECURE_KEY", "1")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        figures = run(args)
    finally:
        if server is not None:
            server.stop()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")


def run(args):
    from django.db import transaction

    from events.extraction.calendar_sim import article_text, simulate
    from events.models import Article, Issue
    from events.services.calendar import evidence_for_text, refit_volumes
    from events.extraction.articles import parse_article_bytes
    from events.services.ingest import _ingest_file, content_hash

    if Article.objects.exists():
        raise SystemExit("the database already has articles: point DATABASE_URL at an empty one")
    volumes = list(range(1, args.volumes + 1))
    started = time.perf_counter()
    archive = simulate(volumes, random.Random(args.seed), articles=1, cited=1, empty_share=0.05)
    held_volume = volumes[len(volumes) // 2 - 1]
    held_number = len(archive.calendars[held_volume].days) // 2
    held = [a for a in archive.articles if (a.volume, a.number) == (held_volume, held_number)]
    rest = [a for a in archive.articles if (a.volume, a.number) != (held_volume, held_number)]
    with transaction.atomic():
        issues = Issue.objects.bulk_create(
            [Issue(volume=v, number=n, date=d, date_method="calendar", date_confidence=0.0)
             for (v, n), d in sorted(archive.truth.items()) if (v, n) != (held_volume, held_number)],
            batch_size=2000)
        by_key = {(i.volume, i.number): i for i in issues}
        Article.objects.bulk_create(
            [Article(issue=by_key[(a.volume, a.number)], position=1, headline=a.headline,
                     body="\n\n".join(a.paragraphs), source_name="bench.txt",
                     content_hash=content_hash(a.volume, a.number, a.headline, "\n\n".join(a.paragraphs)),
                     calendar_evidence=evidence_for_text(a.volume, a.number, "\n\n".join(a.paragraphs)))
             for a in rest], batch_size=2000)
    build_s = time.perf_counter() - started

    started = time.perf_counter()
    full = refit_volumes(volumes, reprocess=False)
    full_s = time.perf_counter() - started

    from events.services.ingest import ingest_text
    from events.services.gazetteer import get_gazetteer_snapshot
    from events.extraction.pipeline import extract_article

    # Warm up what any ingest process has loaded after its first article: the extraction modules and the
    # gazetteer snapshot (the figure is the steady-state cost of one more issue).
    extract_article("Warm-up sentence.", rest[0] and archive.truth[(rest[0].volume, rest[0].number)],
                    get_gazetteer_snapshot().gazetteer)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        cProfile.runctx("refit_volumes([held_volume])", globals(), locals(), os.environ["BENCH_PROFILE"])
    data = "\n".join(article_text(a) for a in held).encode()
    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE_INGEST"):
        import cProfile
        holder = {}
        cProfile.runctx("holder['r'] = ingest_text('one.txt', data)", globals(), locals(),
                        os.environ["BENCH_PROFILE_INGEST"])
        report = holder["r"]
    else:
        report = ingest_text("one.txt", data)
    one_s = time.perf_counter() - started
    # Reference: one more article of the same issue (a changed copy) through the same store + extract + link
    # path, without the calendar fit.
    copy = data + b"\n\nA further paragraph for the reference run."
    started = time.perf_counter()
    _ingest_file("ref.txt", lambda: parse_article_bytes("ref.txt", copy))
    no_fit_s = time.perf_counter() - started
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


if __name__ == "__main__":
    main()
