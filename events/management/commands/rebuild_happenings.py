"""Recompute the happening table and its tallies from the mentions (events/services/happenings.py).

    python manage.py rebuild_happenings

Never needed in normal operation (triggers keep the table current in the same transaction as every write);
for after restoring a dump made without it, or to check: idempotent, one transaction.
"""
import time

from django.core.management.base import BaseCommand

from events.services.happenings import rebuild


class Command(BaseCommand):
    help = "Recompute the happening table and its tallies from the mentions."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild()
        self.stdout.write(f"{count} happenings in {time.perf_counter() - started:.1f} s")
