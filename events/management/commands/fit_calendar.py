"""`manage.py fit_calendar [--volume V ...]`: fit the publication calendars again (all volumes by default),
re-date the issues and re-resolve the relative dates of those whose date moved. Ingest does this by itself
for the volumes it touches; this is for a database ingested before the calendar existed, or after
changing built-in knowledge."""
from django.core.management.base import BaseCommand

from events.services.calendar import refit_all, refit_volumes


class Command(BaseCommand):
    help = "Fit the publication calendars again and re-date the issues."

    def add_arguments(self, parser):
        parser.add_argument("--volume", type=int, action="append", help="only this volume (repeatable)")

    def handle(self, *args, volume=None, **options):
        report = refit_volumes(volume) if volume else refit_all()
        for warning in report.warnings:
            self.stderr.write(f"calendar warning: {warning}", style_func=self.style.WARNING)
        self.stdout.write(report.summary())
