"""manage.py reprocess [--article ID ...]: run extraction again over stored articles.

For after a rule or gazetteer change. One transaction per article; fields editors corrected are kept,
events editors touched are never deleted. Prints a summary (articles; events created, updated, unchanged,
deleted, kept). Exit status 1 if any article failed (the others are stored), 2 on usage errors.
"""
import sys

from django.core.management.base import BaseCommand, CommandError

from events.services.extraction import reprocess_articles


class Command(BaseCommand):
    help = "Re-run event extraction over stored articles (all, or those given with --article)."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="extend", nargs="+", metavar="ID", default=[],
                            help="article ids (default: every article)")

    def handle(self, *args, **options):
        try:
            report = reprocess_articles(options["article"] or None)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(report.summary())
        for warning in report.totals.warnings:
            self.stderr.write(f"warning: {warning}")
        if report.failed:
            sys.exit(1)
