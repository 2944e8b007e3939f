"""`manage.py generate_archive --out DIR [--volumes 6-7 | --articles N] [--articles-per-issue K] [--seed S]`:
write a synthetic Monitor archive (events.synthetic), the same files for the same arguments.

Exit codes: 0 written; 2 usage error (bad volumes, an existing non-empty folder without --force).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.synthetic import ArchiveGenerator, ModelCalendar, SimulatedCalendar, parse_volumes, volumes_for


class Command(BaseCommand):
    help = "Write a synthetic Monitor archive (invented articles in the archive's format), deterministic by seed."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, metavar="DIR", help="folder to write (one sub-folder per volume)")
        parser.add_argument("--volumes", metavar="LIST", help="volumes, e.g. 6-7 or 3,5 (default: as many as "
                                                               "--articles needs, from volume 1)")
        parser.add_argument("--articles", type=int, metavar="N", help="stop after N articles")
        parser.add_argument("--articles-per-issue", type=int, default=4, metavar="K")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="write into a folder that is not empty")
        parser.add_argument("--calendar", choices=["model", "simulated"], default="model",
                            help="issue dates: the calendar model (weekdays less US federal holidays) or the "
                                 "simulator's calendar with breaks (events.extraction.calendar_sim)")

    def handle(self, *args, out, volumes, articles, articles_per_issue, seed, force, calendar, **options):
        _check_counts(volumes, articles, articles_per_issue)
        try:
            chosen = parse_volumes(volumes) if volumes else volumes_for(articles, articles_per_issue)
        except ValueError as error:
            raise CommandError(str(error), returncode=2)
        folder = Path(out)
        if folder.exists() and any(folder.iterdir()) and not force:
            raise CommandError(f"{folder} is not empty (--force to write into it)", returncode=2)
        try:
            issue_calendar = SimulatedCalendar(seed) if calendar == "simulated" else ModelCalendar()
            if volumes is None:
                chosen = volumes_for(articles, articles_per_issue, calendar=issue_calendar)
            summary = ArchiveGenerator(seed=seed, calendar=issue_calendar).generate(
                folder, chosen, articles_per_issue, limit=articles)
        except ValueError as error:
            raise CommandError(str(error), returncode=2)
        self.stdout.write(f"wrote {summary.text()} to {folder}")


def _check_counts(volumes, articles, articles_per_issue):
    if articles_per_issue < 1:
        raise CommandError("--articles-per-issue must be at least 1", returncode=2)
    if articles is not None and articles < 1:
        raise CommandError("--articles must be at least 1", returncode=2)
    if volumes is None and articles is None:
        raise CommandError("give --volumes or --articles", returncode=2)
