"""Export rows (read side): the export_events contract for mentions, and one row per happening for the web.

    event_export_rows(queryset)   -> the contract's rows (../shared/docs/DESIGN.md section 5) for manage.py export_events;
    export_queryset(include_hidden=False) -> that command's default queryset (in date order);
    write_jsonl / write_csv       -> the command's output, one row a line;
    happening_rows(events, link)  -> one row per happening of the (filtered) `events` (see events/filters.py:
                                     they hold every visible mention of each matching happening);
    mention_rows(events, link)    -> the same mentions as contract rows, plus the article's headline and a link;
    stream_csv / stream_json      -> the web export's body, streamed, with a trailer (docs/pages.md, "Exports").

Memory stays constant whatever the number of rows: the rows come from one streamed query (a server-side
cursor on PostgreSQL, in chunks of CHUNK rows), each chunk with its actors, countries and topics in three
more queries, and only the columns a row needs are read (never an article's body).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json

from django.db.models import F, Prefetch, Value
from django.db.models.functions import Coalesce

from ..models import Actor, Country, Event, Topic

CHUNK = 2000

EXPORT_KEYS = ("id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
               "event_type", "status", "actors", "countries", "topics", "reported", "issue", "article_id",
               "corrected")
CSV_COLUMNS = ("id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
               "event_type", "status", "actors", "countries", "topics", "reported", "issue_volume",
               "issue_number", "issue_date", "article_id", "corrected")
# The web's mention rows: the contract's, then where the mention was read and a link to it.
MENTION_KEYS = EXPORT_KEYS + ("article_headline", "url")
MENTION_CSV_COLUMNS = CSV_COLUMNS + ("article_headline", "url")
# One row per happening: its canonical date and fields, then the mention that represents it on the timeline
# (its earliest visible one: the source phrase, the article's headline and a link), then what its mentions name.
HAPPENING_KEYS = ("happening_id", "date_start", "date_end", "granularity", "event_type", "status", "title",
                  "confidence", "mentions", "event_id", "date_text", "sentence", "issue", "article_id",
                  "article_headline", "url", "actors", "countries", "topics")
HAPPENING_CSV_COLUMNS = ("happening_id", "date_start", "date_end", "granularity", "event_type", "status", "title",
                         "confidence", "mentions", "event_id", "date_text", "sentence", "issue_volume",
                         "issue_number", "issue_date", "article_id", "article_headline", "url", "actors",
                         "countries", "topics")
LIST_SEPARATOR = "; "

_EVENT_COLUMNS = ("id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
                  "event_type", "status", "reported_dates", "confidence", "corrected_fields", "article_id",
                  "article__headline", "article__issue__volume", "article__issue__number", "article__issue__date")


def export_queryset(include_hidden: bool = False):
    queryset = Event.objects.all()
    if not include_hidden:
        queryset = queryset.filter(hidden=False)
    return queryset.order_by("date_start", "date_end", "id")


def with_export_relations(queryset):
    """The queryset with only the columns a row needs, and its relations in a bounded number of queries."""
    return queryset.select_related("article__issue").only(*_EVENT_COLUMNS).prefetch_related(
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


def event_export_rows(queryset=None, chunk_size: int = CHUNK):
    """Contract rows for the events of `queryset` (default: visible events), in the queryset's order.

    Loads `chunk_size` events at a time, each chunk with its relations prefetched (4 queries a chunk).
    """
    queryset = with_export_relations(export_queryset() if queryset is None else queryset)
    for event in queryset.iterator(chunk_size=chunk_size):
        yield event_export_row(event)


# --- the web's rows ---------------------------------------------------------------------------------------

def _in_happening_order(events):
    """Every mention of `events`, grouped by happening, happenings in timeline order (their canonical start),
    each happening's mentions by date then id (so its first is the timeline's representative)."""
    return (
        with_export_relations(events)
        .select_related("thread")
        .only(*_EVENT_COLUMNS, "thread__title", "thread__date_start", "thread__date_end", "thread__granularity",
              "thread__event_type", "thread__status")
        .annotate(_sort=Coalesce(F("thread__date_start"), F("date_start")),
                  _happening=Coalesce(F("thread_id"), Value(0) - F("id")))
        .order_by("_sort", "_happening", "date_start", "id")
    )


def mention_rows(events, link=str, chunk_size: int = CHUNK):
    """Contract rows (plus article_headline and url) of every mention of `events`, under their happenings."""
    for event in _in_happening_order(events).iterator(chunk_size=chunk_size):
        row = event_export_row(event)
        row["article_headline"] = event.article.headline
        row["url"] = link(event.get_absolute_url())
        yield row


def happening_rows(events, link=str, chunk_size: int = CHUNK):
    """One row per happening of `events` (keys HAPPENING_KEYS), in timeline order."""
    current, rows = None, None
    for event in _in_happening_order(events).iterator(chunk_size=chunk_size):
        if current is None or event._happening != current["_key"]:
            if current is not None:
                yield _finish(current)
            current = _happening_row(event, link)
        current["mentions"] += 1
        current["confidence"] = max(current["confidence"], event.confidence)
        current["actors"].update(a.name for a in event.actors.all())
        current["countries"].update(c.name for c in event.countries.all())
        current["topics"].update(t.name for t in event.topics.all())
    if current is not None:
        yield _finish(current)


def _happening_row(event, link):
    thread = event.thread
    source = thread if thread is not None else event
    issue = event.article.issue
    return {
        "_key": event._happening,
        "happening_id": event.thread_id,
        "date_start": source.date_start.isoformat(),
        "date_end": source.date_end.isoformat(),
        "granularity": source.granularity,
        "event_type": source.event_type,
        "status": source.status,
        "title": event.summary or (thread.title if thread is not None else "") or event.sentence,
        "confidence": event.confidence,
        "mentions": 0,
        "event_id": event.pk,
        "date_text": event.date_text,
        "sentence": event.sentence,
        "issue": {"volume": issue.volume, "number": issue.number, "date": issue.date.isoformat()},
        "article_id": event.article_id,
        "article_headline": event.article.headline,
        "url": link(event.get_absolute_url()),
        "actors": set(), "countries": set(), "topics": set(),
    }


def _finish(row):
    row.pop("_key")
    row["confidence"] = round(row["confidence"], 2)
    for key in ("actors", "countries", "topics"):
        row[key] = sorted(row[key])
    return row


# --- output --------------------------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV cell that no spreadsheet reads as a formula: text starting with = + - @ TAB CR gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flat_row(row: dict, columns) -> dict:
    """A row with lists joined by "; ", the issue as three columns and booleans/None as text."""
    flat = {}
    for key in columns:
        if key.startswith("issue_"):
            value = row["issue"][key[len("issue_"):]]
        else:
            value = row[key]
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif value is None:
            value = ""
        flat[key] = value
    return flat


def csv_row(row: dict) -> dict:
    """The command's CSV row (contract columns)."""
    return flat_row(row, CSV_COLUMNS)


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


def stream_csv(rows, columns):
    """The web CSV, line by line: a header, the rows (cells neutralised), then the trailer line

        # rows=N sha256=HEX

    where N is the number of data rows and HEX the SHA-256 of every byte before the trailer (UTF-8).
    A download without that line, or whose count or digest differs, was cut short.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    digest = hashlib.sha256()

    def take():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        digest.update(text.encode("utf-8"))
        return text

    writer.writeheader()
    yield take()
    count = 0
    pending = 0
    for row in rows:
        writer.writerow({key: neutralise(value) for key, value in flat_row(row, columns).items()})
        count += 1
        pending += 1
        if pending == 200:  # a few hundred rows a write: fewer, larger chunks on the wire
            pending = 0
            yield take()
    if pending:
        yield take()
    yield f"# rows={count} sha256={digest.hexdigest()}\n"


def stream_json(rows, unit):
    """The web JSON, streamed: {"unit": ..., "rows": [...], "row_count": N}. A truncated download is not
    valid JSON, and row_count (written last) must equal the number of rows."""
    yield '{"unit": %s, "rows": [' % json.dumps(unit)
    count = 0
    for row in rows:
        yield ("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False)
        count += 1
    yield '\n], "row_count": %d}\n' % count

