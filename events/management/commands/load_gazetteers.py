"""manage.py load_gazetteers [--data-dir DIR]: write the gazetteer data files into the database.

Idempotent: creates what is missing, updates machine rows that differ, never deletes, and leaves the fields
of rows an editor changed as the editor left them (their missing aliases, keywords and roles are added).
"""
from django.core.management.base import BaseCommand, CommandError

from events.services.gazetteer_files import GazetteerFileError, read_gazetteer_files
from events.services.gazetteer_sync import sync_gazetteer


class Command(BaseCommand):
    help = "Load events/extraction/data/{countries,actors,topics}.json into the database (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="folder with countries.json, actors.json, topics.json "
                                               "(default: events/extraction/data)")

    def handle(self, *args, **options):
        try:
            data = read_gazetteer_files(options["data_dir"])
        except GazetteerFileError as exc:
            raise CommandError(str(exc)) from exc
        report = sync_gazetteer(data)
        counts = ", ".join(f"{len(v)} {k}" for k, v in data.items())
        self.stdout.write(f"read {counts}; {report.summary()}")
