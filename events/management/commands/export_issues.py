"""`manage.py export_issues --format jsonl` (contract): one JSON object a line per issue, in
(volume, number) order: {"volume", "number", "date", "date_method", "confidence", "articles",
"earliest", "latest", "calendar_source", "evidence", "warnings"}.

`calendar_source` is the source of the issue's day in its volume's publication calendar (builtin,
inferred, prior or editor; null before the volume was fitted); `evidence` the dating evidence, one line
each; `warnings` what the calendar fit found wrong with it.
"""
import json

from django.core.management.base import BaseCommand
from django.db.models import Count

from events.models import CalendarDay, Issue


def issue_rows():
    sources = {}
    issues = Issue.objects.annotate(article_count=Count("articles")).order_by("volume", "number")
    for issue in issues.iterator(chunk_size=500):
        if issue.volume not in sources:
            sources[issue.volume] = dict(CalendarDay.objects.filter(volume=issue.volume)
                                         .values_list("date", "source"))
        yield {"volume": issue.volume, "number": issue.number, "date": issue.date.isoformat(),
               "date_method": issue.date_method, "confidence": issue.date_confidence,
               "articles": issue.article_count,
               "earliest": issue.date_earliest.isoformat() if issue.date_earliest else None,
               "latest": issue.date_latest.isoformat() if issue.date_latest else None,
               "calendar_source": sources[issue.volume].get(issue.date),
               "evidence": list(issue.date_evidence or []), "warnings": list(issue.date_warnings or [])}


class Command(BaseCommand):
    help = "Export issues with their inferred publication dates, one JSON object a line."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (jsonl)")

    def handle(self, *args, **options):
        for row in issue_rows():
            self.stdout.write(json.dumps(row, ensure_ascii=False))
