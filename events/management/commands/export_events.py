"""manage.py export_events [--format jsonl|csv] [--include-hidden]: every event mention, one a line.

The contract (../shared/docs/DESIGN.md section 5): JSON lines with the keys id, thread_id, date_start, date_end,
granularity, date_text, sentence, summary, event_type, status, actors, countries, topics, reported,
issue {volume, number, date}, article_id, corrected. CSV: the same fields, lists joined with "; ",
issue as issue_volume / issue_number / issue_date, with a header line. Hidden events are left out
unless --include-hidden. Rows come from events.selectors.export.event_export_rows (the web export uses it too).
"""
import os
import sys

from django.core.management.base import BaseCommand

from events.selectors.export import event_export_rows, export_queryset, write_csv, write_jsonl


class Command(BaseCommand):
    help = "Write every event mention to standard output, one per line (JSON lines or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--include-hidden", action="store_true",
                            help="also export events an editor marked as not an event")

    def handle(self, *args, **options):
        rows = event_export_rows(export_queryset(include_hidden=options["include_hidden"]))
        writer = write_csv if options["format"] == "csv" else write_jsonl
        try:
            writer(rows, _Plain(self.stdout))
            self.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (export_events | head): no traceback
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)


class _Plain:
    """A file-like view of the command's stdout that writes text exactly as given."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")
