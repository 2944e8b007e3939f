"""`manage.py export_calendar [--volume V]`: each volume's publication calendar, one JSON object a line:
{"volume", "year", "fitted_at", "last_number", "warnings", "days": [{"date", "kind", "source", "number",
"note"}]} with every weekday of the year (kind publication, break or published-holiday; source builtin,
inferred, prior or editor; number the issue on a publication day).
"""
import json

from django.core.management.base import BaseCommand

from events.calendar_selectors import calendar_export_rows


class Command(BaseCommand):
    help = "Export each volume's publication calendar, one JSON object a line."

    def add_arguments(self, parser):
        parser.add_argument("--volume", type=int, action="append", help="only this volume (repeatable)")

    def handle(self, *args, volume=None, **options):
        for row in calendar_export_rows(volume):
            self.stdout.write(json.dumps(row, ensure_ascii=False))
