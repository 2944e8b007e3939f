"""`manage.py export_issues --format jsonl` (contract): one JSON object a line per issue, in
(volume, number) order: {"volume", "number", "date", "date_method", "confidence", "articles"}.
"""
import json

from django.core.management.base import BaseCommand

from events.models import Issue
from django.db.models import Count


def issue_rows():
    issues = Issue.objects.annotate(article_count=Count("articles")).order_by("volume", "number")
    for issue in issues.iterator(chunk_size=500):
        yield {"volume": issue.volume, "number": issue.number, "date": issue.date.isoformat(),
               "date_method": issue.date_method, "confidence": issue.date_confidence,
               "articles": issue.article_count}


class Command(BaseCommand):
    help = "Export issues with their inferred publication dates, one JSON object a line."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (jsonl)")

    def handle(self, *args, **options):
        for row in issue_rows():
            self.stdout.write(json.dumps(row, ensure_ascii=False))
