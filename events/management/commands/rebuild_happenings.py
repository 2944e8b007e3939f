"""Recompute the happening table and its tallies from the mentions (events/services/happenings.py), and the
happenings' search documents (events/services/happening_text.py, PostgreSQL).

    python manage.py rebuild_happenings

Never needed in normal operation (triggers keep the table current in the same transaction as every write);
for after restoring a dump made without it, or to check: idempotent, one transaction.
"""
import time

from django.core.management.base import BaseCommand

from events.services import happening_text
from events.services.happenings import rebuild


class Command(BaseCommand):
    help = "Recompute the happening table and its tallies from the mentions."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild()
        documents = happening_text.rebuild()
        self.stdout.write(f"{count} happenings ({documents} search documents) in {time.perf_counter() - started:.1f} s")
