"""Event export rows (the export_events contract, DESIGN.md section 5), shared by the command and the web pages.

    event_export_rows(queryset)  -> iterator of dicts with exactly the contract's keys, a fixed number of
                                    queries (select_related + prefetch_related) whatever the number of rows;
    export_queryset(include_hidden=False) -> the default queryset (visible events, in timeline order);
    write_jsonl(rows, out) / write_csv(rows, out) -> one row a line.

Strictly a reader ("selector" in the styleguide's terms): nothing here writes to the database.
"""
from __future__ import annotations

import csv
import json

from django.db.models import Prefetch

from events.models import Actor, Country, Event, Topic

EXPORT_KEYS = ("id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
               "event_type", "status", "actors", "countries", "topics", "reported", "issue", "article_id",
               "corrected")
CSV_COLUMNS = ("id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
               "event_type", "status", "actors", "countries", "topics", "reported", "issue_volume",
               "issue_number", "issue_date", "article_id", "corrected")
LIST_SEPARATOR = "; "


def export_queryset(include_hidden: bool = False):
    queryset = Event.objects.all()
    if not include_hidden:
        queryset = queryset.filter(hidden=False)
    return queryset.order_by("date_start", "date_end", "id")


def with_export_relations(queryset):
    """The queryset with everything a row needs loaded in a bounded number of queries."""
    return queryset.select_related("article__issue").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.only("id", "name").order_by("name")),
        Prefetch("countries", queryset=Country.objects.only("id", "name").order_by("name")),
        Prefetch("topics", queryset=Topic.objects.only("id", "name").order_by("name")),
    )


def event_export_row(event: Event) -> dict:
    issue = event.article.issue
    return {
        "id": event.pk,
        "thread_id": event.thread_id,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "granularity": event.granularity,
        "date_text": event.date_text,
        "sentence": event.sentence,
        "summary": event.summary,
        "event_type": event.event_type,
        "status": event.status,
        "actors": [actor.name for actor in event.actors.all()],
        "countries": [country.name for country in event.countries.all()],
        "topics": [topic.name for topic in event.topics.all()],
        "reported": [str(day) for day in event.reported_dates or []],
        "issue": {"volume": issue.volume, "number": issue.number, "date": issue.date.isoformat()},
        "article_id": event.article_id,
        "corrected": bool(event.corrected_fields),
    }


def event_export_rows(queryset=None, chunk_size: int = 2000):
    """Contract rows for the events of `queryset` (default: visible events), in the queryset's order.

    Loads `chunk_size` events at a time, each chunk with its relations prefetched (5 queries a chunk).
    """
    queryset = with_export_relations(export_queryset() if queryset is None else queryset)
    for event in queryset.iterator(chunk_size=chunk_size):
        yield event_export_row(event)


def csv_row(row: dict) -> dict:
    flat = {key: row[key] for key in CSV_COLUMNS if key in row}
    for key in ("actors", "countries", "topics", "reported"):
        flat[key] = LIST_SEPARATOR.join(row[key])
    flat["issue_volume"] = row["issue"]["volume"]
    flat["issue_number"] = row["issue"]["number"]
    flat["issue_date"] = row["issue"]["date"]
    flat["thread_id"] = "" if row["thread_id"] is None else row["thread_id"]
    flat["corrected"] = "true" if row["corrected"] else "false"
    return flat


def write_jsonl(rows, out) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows, out) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(csv_row(row))
        count += 1
    return count
