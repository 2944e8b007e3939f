"""Export rows (read side): the export_events contract for mentions, and one row per happening for the web.

    event_export_rows(queryset)   -> the contract's rows (../shared/docs/DESIGN.md section 5) for manage.py export_events;
    export_queryset(include_hidden=False) -> that command's default queryset (in date order);
    write_jsonl / write_csv       -> the command's output, one row a line;
    happening_rows(happenings, link) -> one row per happening (a Happening queryset: events/filters.py
                                     filtered_happenings), from the happening table and its representative;
    mention_rows(events, link)    -> the same mentions as contract rows, plus the article's headline and a link;
    stream_csv / stream_json      -> the web export's body, streamed, with a trailer (docs/pages.md, "Exports").

Memory stays constant whatever the number of rows: the rows come from one streamed query (a server-side
cursor on PostgreSQL, in chunks of CHUNK rows), each chunk with its actors', countries' and topics' names in
three more queries; only the columns a row needs are read (never an article's body), as plain values.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json

from django.db.models import F, Value
from django.db.models.functions import Coalesce

from django.urls import reverse

from ..models import Event

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


# Rows are built from plain values, not model instances: an export reads every mention of the archive, and
# instances with prefetched relations cost about 1 ms a mention (62 s for 20,000 mentions on this machine).
_LINKS = (("actors", Event.actors.through, "actor__name"), ("countries", Event.countries.through, "country__name"),
          ("topics", Event.topics.through, "topic__name"))
_THREAD_COLUMNS = ("thread__title", "thread__date_start", "thread__date_end", "thread__granularity",
                   "thread__event_type", "thread__status")


def _chunks(values, chunk_size: int):
    """The value dicts of `values` (one streamed query) in lists of `chunk_size`, each with its links' names
    under "actors", "countries" and "topics" (sorted; three queries a chunk)."""
    chunk = []
    for row in values.iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) == chunk_size:
            yield _with_links(chunk)
            chunk = []
    if chunk:
        yield _with_links(chunk)


def _with_links(chunk: list[dict]) -> list[dict]:
    ids = [row["id"] for row in chunk]
    for key, through, name in _LINKS:
        names = {}
        for event_id, value in (through.objects.filter(event_id__in=ids).order_by(name)
                                .values_list("event_id", name)):
            names.setdefault(event_id, []).append(value)
        for row in chunk:
            row[key] = names.get(row["id"], [])
    return chunk


def _values(queryset, *extra, **annotations):
    return queryset.annotate(**annotations).values(*_EVENT_COLUMNS, *extra, *annotations)


def _issue(row: dict) -> dict:
    return {"volume": row["article__issue__volume"], "number": row["article__issue__number"],
            "date": row["article__issue__date"].isoformat()}


def event_export_row(row: dict) -> dict:
    """The contract's row of one event's values (with its links' names, see _chunks)."""
    return {
        "id": row["id"],
        "thread_id": row["thread_id"],
        "date_start": row["date_start"].isoformat(),
        "date_end": row["date_end"].isoformat(),
        "granularity": row["granularity"],
        "date_text": row["date_text"],
        "sentence": row["sentence"],
        "summary": row["summary"],
        "event_type": row["event_type"],
        "status": row["status"],
        "actors": row["actors"],
        "countries": row["countries"],
        "topics": row["topics"],
        "reported": [str(day) for day in row["reported_dates"] or []],
        "issue": _issue(row),
        "article_id": row["article_id"],
        "corrected": bool(row["corrected_fields"]),
    }


def event_export_rows(queryset=None, chunk_size: int = CHUNK):
    """Contract rows for the events of `queryset` (default: visible events), in the queryset's order.

    Loads `chunk_size` events at a time, each chunk with its links' names (4 queries a chunk).
    """
    queryset = export_queryset() if queryset is None else queryset
    for chunk in _chunks(_values(queryset), chunk_size):
        yield from (event_export_row(row) for row in chunk)


# --- the web's rows ---------------------------------------------------------------------------------------

def _event_url():
    """Event.get_absolute_url without a reverse() per row: the URL of id 0 with the id put in."""
    prefix, _, suffix = reverse("events:event", args=[0]).rpartition("0")
    return lambda pk: f"{prefix}{pk}{suffix}"


def _in_happening_order(events):
    """Every mention of `events` (values), grouped by happening, happenings in timeline order (their canonical
    start), each happening's mentions by date then id (so its first is the timeline's representative)."""
    ordered = events.order_by()  # the filter's own order is replaced below
    return _values(ordered, *_THREAD_COLUMNS, _sort=Coalesce(F("thread__date_start"), F("date_start")),
                   _happening=Coalesce(F("thread_id"), Value(0) - F("id"))).order_by(
        "_sort", "_happening", "date_start", "id")


def mention_rows(events, link=str, chunk_size: int = CHUNK):
    """Contract rows (plus article_headline and url) of every mention of `events`, under their happenings."""
    url = _event_url()
    for chunk in _chunks(_in_happening_order(events), chunk_size):
        for event in chunk:
            row = event_export_row(event)
            row["article_headline"] = event["article__headline"]
            row["url"] = link(url(event["id"]))
            yield row


def happening_rows(happenings, link=str, chunk_size: int = CHUNK):
    """One row per happening of `happenings` (a Happening queryset, or mentions: their happenings; keys
    HAPPENING_KEYS), in timeline order.

    Read from the happening table (its visible mentions' count, their best confidence, the union of their
    actors, countries and topics as id arrays) and its representative mention (the earliest visible one):
    per chunk of happenings, one query for the representatives and one per kind of name. Not every mention
    with its links, as before (for one month of Russia at a million events 10,113 mentions for 1,587
    happenings: about 380 ms of Django CPU and 240 ms of link queries).
    """
    from .base import _as_happenings

    url = _event_url()
    rows = (_as_happenings(happenings).order_by("sort_date", "key")
            .values_list("event_id", "mentions", "confidence", "actor_ids", "country_ids", "topic_ids"))
    chunk = []
    for row in rows.iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) == chunk_size:
            yield from _happening_chunk(chunk, link, url)
            chunk = []
    if chunk:
        yield from _happening_chunk(chunk, link, url)


def _happening_chunk(chunk, link, url):
    events = {row["id"]: row for row in _values(Event.objects.filter(id__in=[r[0] for r in chunk]), *_THREAD_COLUMNS)}
    names = _names(*([r[i] for r in chunk] for i in (3, 4, 5)))
    for event_id, mentions, confidence, *id_lists in chunk:
        row = _happening_row(events[event_id], link(url(event_id)))
        row.update(mentions=mentions, confidence=confidence)
        for key, ids, found in zip(("actors", "countries", "topics"), id_lists, names):
            row[key] = {found[pk] for pk in ids if pk in found}
        yield _finish(row)


def _names(*id_lists):
    """({actor id: name}, {country id: name}, {topic id: name}) for the ids in three lists of id lists."""
    from ..models import Actor, Country, Topic

    out = []
    for model, lists in zip((Actor, Country, Topic), id_lists):
        ids = sorted({pk for ids in lists for pk in ids})
        out.append(dict(model.objects.filter(pk__in=ids).values_list("id", "name")) if ids else {})
    return out


def _happening_row(event: dict, url: str) -> dict:
    threaded = event["thread_id"] is not None

    def canonical(name):  # the thread's value, or the thread-less mention's own
        return event[f"thread__{name}"] if threaded else event[name]

    return {
        "_key": event.get("_happening"),
        "happening_id": event["thread_id"],
        "date_start": canonical("date_start").isoformat(),
        "date_end": canonical("date_end").isoformat(),
        "granularity": canonical("granularity"),
        "event_type": canonical("event_type"),
        "status": canonical("status"),
        "title": event["summary"] or (event["thread__title"] if threaded else "") or event["sentence"],
        "confidence": event["confidence"],
        "mentions": 0,
        "event_id": event["id"],
        "date_text": event["date_text"],
        "sentence": event["sentence"],
        "issue": _issue(event),
        "article_id": event["article_id"],
        "article_headline": event["article__headline"],
        "url": url,
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

