"""`manage.py ingest PATH...`: read Monitor archive files (or folders of *.txt) into the database.

Exit codes (contract): 0 every file ingested or unchanged; 1 some file failed (the rest are stored);
2 usage error (no path given, a path that does not exist, or a folder with no *.txt file in it).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.services.ingest import collect_files, ingest_paths

EXIT_FAILED = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = "Ingest Monitor archive files (files or folders, recursing into folders for *.txt)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="archive file or folder")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--jobs", type=int, default=1, metavar="N",
                            help="N worker processes sharing the files, each with its own database connection "
                                 "(default 1)")

    def handle(self, *args, paths, no_progress, jobs, **options):
        if jobs < 1:
            raise CommandError("--jobs must be at least 1", returncode=EXIT_USAGE)
        self._check_paths(paths)
        report = ingest_paths(paths, progress=not no_progress, jobs=jobs)
        for result in report.files:
            for error in result.errors:
                self.stderr.write(f"{result.name}: {error}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}", style_func=self.style.WARNING)
        for warning in report.calendar.warnings:
            self.stderr.write(f"calendar warning: {warning}", style_func=self.style.WARNING)
        self.stdout.write(report.summary())
        if report.stopped:
            raise CommandError(report.stopped, returncode=EXIT_FAILED)
        if not report.ok:
            raise CommandError(f"{report.files_failed} of {report.files_read} files failed; "
                               "the others were stored", returncode=EXIT_FAILED)

    def _check_paths(self, paths):
        if not paths:
            raise CommandError("give at least one file or folder to ingest", returncode=EXIT_USAGE)
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}", returncode=EXIT_USAGE)
        empty = [p for p in paths if Path(p).is_dir() and not collect_files([p])]
        if empty:
            # Most likely the wrong folder: say so rather than report success on nothing.
            raise CommandError(f"no *.txt files in: {', '.join(empty)}", returncode=EXIT_USAGE)
