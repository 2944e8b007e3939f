"""`manage.py load_events --events N [--volumes 1-7] [--seed S]`: add N synthetic events (with their issues,
articles, threads and links) straight into PostgreSQL with COPY, for page benchmarks at archive scale
(events.services.bulk_load). Exit 2 on usage errors (not PostgreSQL, bad numbers)."""
from django.core.management.base import BaseCommand, CommandError

from events.services.bulk_load import load_events
from events.synthetic import parse_volumes


class Command(BaseCommand):
    help = "Add N synthetic events directly (COPY), with an archive-like spread over time, countries and actors."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, metavar="N")
        parser.add_argument("--volumes", default="1-7", metavar="LIST", help="volumes to spread them over (1-7)")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, events, volumes, seed, **options):
        try:
            report = load_events(events, parse_volumes(volumes), seed=seed)
        except ValueError as error:
            raise CommandError(str(error), returncode=2)
        self.stdout.write(report.summary())
