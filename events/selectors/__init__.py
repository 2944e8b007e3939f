"""Read-side queries for the timeline pages (HackSoft style: selectors read, services write).

The unit of every count is the happening (a thread; a mention without a thread is its own): see
events/filters.py. The filtered querysets hold every visible mention of each matching happening, so the
heading (timeline_count), the facets (*_facets), the month bars (month_counts), the entity pages and the
exports (selectors.export) all count happenings the same way.

The timeline shows threads: every thread appears once, through its earliest visible mention (its
"representative"); an event without a thread stands for itself. Hidden events never show. Pages are cut
with keyset pagination on (sort_date, id), where sort_date is the thread's canonical start (or the event's
own start when it has no thread), so the cost of a page does not grow with its position, and the number of
queries per page is fixed whatever the number of events.

Pages, counts, month bars, facets and the time axis read the happening table (events.models.Happening, kept
by events/services/happenings.py: one row per happening with its representative, dates, type, status,
precision, confidence and the id arrays of its mentions' countries, actors, topics and organizations), and
the unfiltered archive's counts from its tallies (HappeningTally), instead of windows over all mentions.
Each takes a Happening queryset (events.filters.filtered_happenings), or, as before, an Event queryset that
holds every visible mention of its happenings (then mapped to their happenings: slower, for callers that
only have mentions).

Modules: base (the happening querysets), tallies (counts of a set of happenings), counts (the counts cache),
facets (facets and the type-ahead), entities (index pages, who met whom, single objects), axis (the time
axis), search (full text), export (export rows); this module holds the timeline's pages and month bars and
re-exports the others' public names (selectors.country_facets, selectors.event_detail...).
"""
import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import SimpleNamespace

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth

from ..models import Actor, Country, Event, EventType, Topic
from .base import Keys, _as_happenings, _unfiltered, happenings, in_keys, mentions_of, overlapping, visible_events
from .facet_index import via_index as _via_index
from .tallies import _tally, array_counts, shared, summary

PAGE_SIZE = 50
_TYPE_LABELS = dict(EventType.choices)  # EventType(value).label, without building the enum each time


# --- keyset cursor --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cursor:
    date: date
    id: int

    _RE = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{1,18})$")

    def encode(self):
        return f"{self.date.isoformat()}_{self.id}"

    @classmethod
    def decode(cls, text):
        """Parse "YYYY-MM-DD_ID"; raises ValueError on anything else."""
        match = cls._RE.match(text or "")
        if not match:
            raise ValueError(f"not a cursor: {text!r}")
        return cls(date.fromisoformat(match[1]), int(match[2]))


# --- timeline -------------------------------------------------------------------------------------

@dataclass
class TimelineItem:
    """One card: a thread (shown through its representative mention) or a lone event."""

    event: Event
    date_start: date
    date_end: date
    granularity: str
    status: str
    event_type: str
    title: str
    mentions: list  # all visible mentions of the thread (or [event]), oldest issue first

    @property
    def confidence(self):
        """The happening's confidence: that of its most certain visible mention."""
        return max((m.confidence for m in self.mentions), default=self.event.confidence)

    @property
    def event_type_label(self):
        return _TYPE_LABELS.get(self.event_type, self.event_type)

    @property
    def month(self):
        return date(self.date_start.year, self.date_start.month, 1)

    @property
    def other_mentions(self):
        return [m for m in self.mentions if m.pk != self.event.pk]

    @cached_property
    def other_issues(self):
        """One mention per other issue that reports this happening (the card's own issue left out)."""
        seen = {self.event.article.issue_id}
        out = []
        for mention in self.other_mentions:
            if mention.article.issue_id not in seen:
                seen.add(mention.article.issue_id)
                out.append(mention)
        return out

    @property
    def cursor(self):
        return Cursor(self.event.sort_date, self.event.pk)


def _item(event):
    thread = event.thread
    if thread is not None:
        mentions = getattr(thread, "visible_mentions", None) or [event]
        return TimelineItem(
            event=event, date_start=thread.date_start, date_end=thread.date_end,
            granularity=thread.granularity, status=thread.status, event_type=thread.event_type,
            title=event.summary or thread.title or event.sentence, mentions=mentions,
        )
    return TimelineItem(
        event=event, date_start=event.date_start, date_end=event.date_end, granularity=event.granularity,
        status=event.status, event_type=event.event_type, title=event.summary or event.sentence,
        mentions=[event],
    )


@dataclass
class TimelinePage:
    items: list
    next_cursor: Cursor | None
    previous_month: date | None = None  # month of the item just before this page, when continuing

    @property
    def months(self):
        """[MonthGroup] in order, for grouping under year and month headings.

        A page that continues the month (or year) where the previous page ended does not repeat its heading.
        """
        groups = []
        last = self.previous_month
        for item in self.items:
            if groups and groups[-1].month == item.month:
                groups[-1].items.append(item)
                continue
            groups.append(MonthGroup(
                month=item.month, items=[item],
                new_year=last is None or last.year != item.month.year,
                new_month=last is None or last != item.month,
            ))
            last = item.month
        return groups


@dataclass
class MonthGroup:
    month: date
    items: list
    new_year: bool
    new_month: bool


def timeline_page(events, *, after=None, limit=PAGE_SIZE, newest_first=False):
    """One page of timeline items from the (filtered) `events`, after the keyset cursor `after`
    (oldest first, or newest first: the same keyset read backwards).

    Always four queries: the page's happenings (with their participants' ids), the items, their threads'
    mentions, and the participants' names.
    """
    # Choose the page's representatives first (the happening table's (sort_date, event_id) index), then load
    # just those rows with their article, issue and thread.
    page = _page_happenings(_as_happenings(events), after, limit, newest_first)
    order = ("-sort_date", "-id") if newest_first else ("sort_date", "id")
    qs = (
        Event.objects.filter(id__in=list(page))
        .annotate(sort_date=Coalesce(F("thread__date_start"), F("date_start")))
        .select_related("article__issue", "thread")
        .defer("article__body", "article__issue__date_note")
        .order_by(*order)
    )
    rows = list(qs)
    _attach_mentions(rows)
    _attach_participants(rows, page)
    more = len(rows) > limit
    items = [_item(e) for e in rows[:limit]]
    previous = date(after.date.year, after.date.month, 1) if after is not None else None
    return TimelinePage(items=items, next_cursor=items[-1].cursor if more and items else None, previous_month=previous)


class Mention:
    """A visible mention of a card's thread as the card shows it (its id, confidence and issue), without model
    instances: a thread at a million events has up to 40, a page up to 2,000 (Event, Article and Issue objects
    were a third of the page's CPU)."""

    __slots__ = ("pk", "thread_id", "confidence", "article")

    def __init__(self, pk, thread_id, confidence, issue_id, volume, number):
        self.pk, self.thread_id, self.confidence = pk, thread_id, confidence
        self.article = SimpleNamespace(issue_id=issue_id, issue=SimpleNamespace(id=issue_id, volume=volume,
                                                                                 number=number))

    @property
    def id(self):
        return self.pk

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:event", args=[self.pk])


def _attach_mentions(rows):
    """Give each row's thread visible_mentions: its visible mentions (Mention) in issue order. One query."""
    threads = sorted({event.thread_id for event in rows if event.thread_id})
    by_thread = {}
    if threads:
        for pk, thread_id, confidence, issue_id, volume, number in (
                visible_events().filter(thread_id__in=threads).order_by("article__issue__date", "id")
                .values_list("id", "thread_id", "confidence", "article__issue_id", "article__issue__volume",
                             "article__issue__number")):
            by_thread.setdefault(thread_id, []).append(Mention(pk, thread_id, confidence, issue_id, volume, number))
    for event in rows:
        if event.thread_id:
            event.thread.visible_mentions = by_thread.get(event.thread_id, [])


def _page_happenings(keys, after, limit, newest_first):
    """{representative id: its happening's id arrays} of the page's limit + 1 happenings after the cursor."""
    if after is not None and newest_first:
        keys = keys.filter(Q(sort_date__lt=after.date) | Q(sort_date=after.date, event_id__lt=after.id))
    elif after is not None:
        keys = keys.filter(Q(sort_date__gt=after.date) | Q(sort_date=after.date, event_id__gt=after.id))
    key_order = ("-sort_date", "-event_id") if newest_first else ("sort_date", "event_id")
    return {row["event_id"]: row for row in keys.order_by(*key_order).values(
        "event_id", "actor_ids", "country_ids", "topic_ids")[: limit + 1]}


_PARTICIPANTS = (("actor_list", "actor_ids", "events_actor", "''"),
                 ("country_list", "country_ids", "events_country", "code"),
                 ("topic_list", "topic_ids", "events_topic", "slug"))


def _attach_participants(rows, page):
    """Give each card's event actor_list, country_list and topic_list: the union over every visible mention
    of its happening (what the filters match: the happening's id arrays, in `page` by representative id),
    by name. One query for the names of all three."""
    found = _participant_names({column: sorted({pk for row in page.values() for pk in row[column]})
                                for _, column, _, _ in _PARTICIPANTS})
    for event in rows:
        row = page.get(event.pk, {})
        for attr, column, _, _ in _PARTICIPANTS:
            objects = [found[column][pk] for pk in row.get(column, []) if pk in found[column]]
            setattr(event, attr, sorted(objects, key=lambda o: o.name))


def _participant_names(wanted):
    """{column: {id: Actor/Country/Topic with its name (and code or slug)}} for the ids `wanted` per column."""
    from django.db import connection

    parts, params = [], []
    for _, column, table, extra in _PARTICIPANTS:
        if wanted[column]:
            parts.append(f"SELECT '{column}', id, name, {extra} FROM {table} WHERE id IN "
                         f"({', '.join(['%s'] * len(wanted[column]))})")
            params += wanted[column]
    found = {column: {} for _, column, _, _ in _PARTICIPANTS}
    if not parts:
        return found
    make = {"actor_ids": lambda pk, name, extra: Actor(id=pk, name=name),
            "country_ids": lambda pk, name, extra: Country(id=pk, code=extra, name=name),
            "topic_ids": lambda pk, name, extra: Topic(id=pk, slug=extra, name=name)}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for column, pk, name, extra in cursor.fetchall():
            found[column][pk] = make[column](pk, name, extra)
    return found


def timeline_count(events):
    """Happenings among `events` (the tallies' sum for the whole archive)."""
    qs = _as_happenings(events)
    if _unfiltered(qs):
        return sum(_tally("type").values())
    known = summary(qs)
    if known is not None:
        return sum(known["ts"].values())
    from .counts import cached, sql_key

    key = sql_key(qs)
    return cached("count", key, lambda: _via_index(qs, lambda selection: selection.count(), qs.count))


@dataclass
class MonthBar:
    month: date
    count: int

    @property
    def last_day(self):
        return date(self.month.year, self.month.month, calendar.monthrange(self.month.year, self.month.month)[1])


def month_counts(events, *, max_months=240):
    """Happenings per month: a month's bar counts the happenings whose interval overlaps it, which is what
    choosing the bar lists (the date filter selects overlapping intervals). One query: happenings grouped
    by (first month, last month), spread over the months in Python.

    The chart runs from the first to the last month in which a happening starts (at most `max_months`).
    """
    spans = month_spans(events)
    if not spans:
        return []
    months = _months(min(s[0] for s in spans), max(s[0] for s in spans), max_months)
    index = {m: i for i, m in enumerate(months)}
    counts = [0] * len(months)
    for start, end, n in spans:
        month = max(start, months[0])
        while month <= end and month in index:
            counts[index[month]] += n
            month = _next_month(month)
    return [MonthBar(m, c) for m, c in zip(months, counts)]


def _months(first, last, most):
    """The first days of the months from `first` to `last` (at most `most` of them)."""
    months = []
    month = first
    while month <= last and len(months) < most:
        months.append(month)
        month = _next_month(month)
    return months


def month_spans(events):
    """[(first month, last month, happenings)] among `events`: one query (the tallies for the whole archive)."""
    qs = _as_happenings(events)
    known = summary(qs)
    if _unfiltered(qs) or known is not None:
        out = []
        for value, n in (_tally("span") if known is None else known["span"]).items():
            first, last = value.split("/")
            out.append((date(int(first[:4]), int(first[5:7]), 1), date(int(last[:4]), int(last[5:7]), 1), n))
        return out
    from .counts import cached, sql_key

    def compute():
        rows = (qs.annotate(first=TruncMonth("sort_date"), last=TruncMonth("end_date"))
                .values("first", "last").annotate(n=Count("key")).order_by())
        return [(date(r["first"].year, r["first"].month, 1), date(r["last"].year, r["last"].month, 1), r["n"])
                for r in rows]

    key = sql_key(qs)
    return cached("month_spans", key, lambda: _via_index(qs, lambda selection: selection.bin_spans("month"), compute))


def _next_month(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


# the other modules' public names, as selectors.<name> (imported last: they import this module's helpers)
from .entities import (ENCOUNTER_TYPES, MACHINE_FIELDS, actor_index, actor_names, actors_in_country_events,  # noqa: E402
                       actors_met_by_actor, actors_most_in, all_countries, article_detail, article_events,
                       country_index, country_names, database_is_empty, event_detail, event_history, issue_index,
                       machine_reading, thread_mentions, thread_mentions_queryset, topic_index)
from .facets import (Facet, actor_facets, actor_suggestions, choice_facets, country_facets, topic_facets,  # noqa: E402
                     topics_in_use, type_and_status_facets)

__all__ = [
    # base
    "Keys", "happenings", "in_keys", "mentions_of", "overlapping", "visible_events",
    # tallies
    "array_counts", "shared", "summary",
    # this module
    "PAGE_SIZE", "Cursor", "MonthBar", "MonthGroup", "TimelineItem", "TimelinePage", "month_counts", "month_spans",
    "timeline_count", "timeline_page",
    # facets
    "Facet", "actor_facets", "actor_suggestions", "choice_facets", "country_facets", "topic_facets", "topics_in_use",
    "type_and_status_facets",
    # entities
    "ENCOUNTER_TYPES", "MACHINE_FIELDS", "actor_index", "actor_names", "actors_in_country_events",
    "actors_met_by_actor", "actors_most_in", "all_countries", "article_detail", "article_events", "country_index",
    "country_names", "database_is_empty", "event_detail", "event_history", "issue_index", "machine_reading",
    "thread_mentions", "thread_mentions_queryset", "topic_index",
]
