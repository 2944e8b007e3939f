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
"""
import calendar
import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce, TruncMonth

from events.extraction.event_types import default_registry

from ..extraction.namekey import name_key
from ..models import (Actor, ActorAlias, Article, Country, CountryAlias, Event, EventType, Happening, HappeningTally,
                      Topic)

PAGE_SIZE = 50
_TYPE_LABELS = dict(EventType.choices)  # EventType(value).label, without building the enum each time


def visible_events():
    return Event.objects.filter(hidden=False)


# --- happenings ----------------------------------------------------------------------------------------

def happenings(events=None):
    """Happenings: all of them, or (`events`, an Event queryset holding every visible mention of its
    happenings) those with a mention in `events`. Brought up to date with the open transaction's writes."""
    from ..services.happenings import ensure_current

    ensure_current()
    qs = Happening.objects.all()
    if events is None:
        return qs
    return qs.filter(Q(thread_id__in=events.filter(thread__isnull=False).values("thread_id"))
                     | Q(thread_id__isnull=True, event_id__in=events.filter(thread__isnull=True).values("id")))


def overlapping(qs, first, last):
    """Happenings whose interval overlaps [first, last].

    Also bounds the start from below by the earliest month in which a happening still running in `first`'s
    month began (from the tallies' month spans): a page of one month then reads the (sort_date, event_id)
    index from there, not every happening before it. PostgreSQL: the overlap as `daterange && daterange`,
    which the GiST index happening_span_gist answers for the aggregates."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    if first > last:  # a reversed range: nothing overlaps it
        return qs.none()
    month = date(first.year, first.month, 1)
    starts = [start for start, end, _ in month_spans(happenings()) if end >= month]
    qs = qs.filter(sort_date__gte=min(starts, default=first), sort_date__lte=last)
    if connection.vendor == "postgresql":
        return qs.filter(RawSQL("daterange(sort_date, end_date, '[]') && daterange(%s, %s, '[]')", (first, last),
                                output_field=BooleanField()))
    return qs.filter(end_date__gte=first)


def in_keys(qs, keys):
    """Happenings among `qs` whose key is in `keys` (a list of any length: one array parameter on PostgreSQL)."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    if connection.vendor == "postgresql":
        # the array's text ("{1,2,3}"), not a list: psycopg would quote each of tens of thousands of numbers in
        # Python (about 100 ms for a search matching 35,000 happenings); PostgreSQL reads the text once
        literal = (keys if isinstance(keys, Keys) else Keys(keys)).literal
        return qs.filter(RawSQL("key = ANY(%s::bigint[])", (literal,), output_field=BooleanField()))
    return qs.filter(key__in=keys)


class Keys(list):
    """Happening keys, with their PostgreSQL array text built once (in_keys)."""

    @cached_property
    def literal(self):
        return "{" + ",".join(str(int(key)) for key in self) + "}"


def _as_happenings(qs):
    return qs if qs.model is Happening else happenings(qs)


def _unfiltered(qs):
    """True for the whole archive (no condition): its counts come from the tallies."""
    return qs.model is Happening and not qs.query.where.children


def _tally(kind):
    """{value: happenings} of the whole archive for one kind (country, actor, topic, org, type, status, span):
    from the counts cache (every kind, one query per counts version), else one query."""
    from ..services.happenings import ensure_current
    from .counts import cached, version

    ensure_current()
    if version() is not None:
        return cached("tallies", "all", _all_tallies).get(kind, {})
    return dict(HappeningTally.objects.filter(kind=kind, n__gt=0).values_list("value", "n"))


def _all_tallies():
    out = {}
    for kind, value, n in HappeningTally.objects.filter(n__gt=0).values_list("kind", "value", "n"):
        out.setdefault(kind, {})[value] = n
    return out


def _id_tally(kind):
    return {int(value): n for value, n in _tally(kind).items()}


_ARRAY_KIND = {"country_ids": "country", "actor_ids": "actor", "topic_ids": "topic", "org_ids": "org"}


def shared(qs, filters=()):
    """Mark a filtered happening queryset that several selectors read in one request (the heading, the facets
    that count under the same filters, the month bars, the time axis): they then take their numbers from one
    summary query over it (summary()) instead of one aggregate each. `filters`: the names of the filters it
    applies (a facet never counts under its own filter, so the summary leaves those out). The mark is on
    this object only (a QuerySet's clones do not carry it)."""
    qs._summary = None
    qs._summary_skip = {_FILTER_KIND[name] for name in filters if name in _FILTER_KIND}
    return qs


_FILTER_KIND = {"country": "country", "actor": "actor", "topic": "topic", "org": "org"}


def summary(qs):
    """{kind: {value: happenings}} among a shared() queryset, for the kinds "ts" ("type|status"), "span" ((first
    month, last month) as "YYYY-MM/YYYY-MM"), "actor", "topic", "country", "org" (ids) and "extent" ("first/last"
    start): one query that reads the happenings once (a materialized CTE) and aggregates them each way (kept in
    the counts cache: selectors/counts.py). None when `qs` is not shared or is the whole archive (the tallies
    hold that)."""
    if qs.model is not Happening or not hasattr(qs, "_summary") or _unfiltered(qs):
        return None
    if qs._summary is not None:
        return qs._summary
    from .counts import cached, sql_key

    key = sql_key(qs)
    qs._summary = cached("summary", key and (key, sorted(qs._summary_skip)), lambda: _summary(qs))
    return qs._summary


def _summary(qs):
    from datetime import timedelta

    from django.db import connection

    out = {kind: {} for kind in ("ts", "span", "actor", "topic", "country", "org", "extent")}
    try:
        sql, params = qs.order_by().values("event_type", "status", "sort_date", "end_date", "actor_ids",
                                           "topic_ids", "country_ids", "org_ids").query.sql_with_params()
    except EmptyResultSet:
        return out
    # every branch gives (kind, text, integer, integer, n): integers group faster than text
    epoch = date(1900, 1, 1)
    if connection.vendor == "postgresql":
        head = f"WITH h AS MATERIALIZED ({sql}) "
        month = "(EXTRACT(YEAR FROM {0})::int * 12 + EXTRACT(MONTH FROM {0})::int - 1)"
        arrays = ("SELECT '{kind}', NULL, x, NULL::bigint, COUNT(*) FROM (SELECT unnest(h.{column}) AS x FROM h) s "
                  "GROUP BY x")
        days = "({} - DATE '1900-01-01')"
    else:
        head = f"WITH h AS ({sql}) "
        month = "(CAST(strftime('%%Y', {0}) AS INTEGER) * 12 + CAST(strftime('%%m', {0}) AS INTEGER) - 1)"
        arrays = ("SELECT '{kind}', NULL, j.value, NULL, COUNT(*) FROM h, json_each(h.{column}) j GROUP BY j.value")
        days = "CAST(julianday({}) - julianday('1900-01-01') AS INTEGER)"
    parts = [
        "SELECT 'ts', event_type || '|' || status, NULL, NULL, COUNT(*) FROM h GROUP BY 2",
        f"SELECT 'span', NULL, {month.format('sort_date')}, {month.format('end_date')}, COUNT(*) FROM h "
        f"GROUP BY 3, 4",
        *[arrays.format(kind=kind, column=column) for column, kind in _ARRAY_KIND.items()
          if kind not in qs._summary_skip],
        f"SELECT 'extent', NULL, MIN({days.format('sort_date')}), MAX({days.format('sort_date')}), COUNT(*) FROM h",
    ]
    with connection.cursor() as cursor:
        cursor.execute(head + " UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for kind, text, i, j, n in rows:
        if kind == "ts":
            out[kind][text] = n
        elif kind == "span":
            out[kind][f"{i // 12:04d}-{i % 12 + 1:02d}/{j // 12:04d}-{j % 12 + 1:02d}"] = n
        elif kind == "extent":
            if i is not None:
                out[kind][f"{epoch + timedelta(days=int(i))}/{epoch + timedelta(days=int(j))}"] = n
        else:
            out[kind][str(int(i))] = n
    return out


def array_counts(qs, column, only=None):
    """{id: happenings among `qs`} for one id array column (country_ids, actor_ids, topic_ids, org_ids): one
    query (the tallies for the whole archive). `only`: count just these ids."""
    qs = _as_happenings(qs)
    kind = _ARRAY_KIND[column]
    known = summary(qs) if kind not in getattr(qs, "_summary_skip", ()) else None
    if _unfiltered(qs) or known is not None:
        counts = (_id_tally(_ARRAY_KIND[column]) if known is None
                  else {int(pk): n for pk, n in known[_ARRAY_KIND[column]].items()})
        return counts if only is None else {pk: counts[pk] for pk in only if pk in counts}
    if only is not None:
        only = [int(pk) for pk in only]
        if not only:
            return {}
        qs = qs.filter(**{f"{column}__overlaps": only})
    from .counts import cached, sql_key

    key = sql_key(qs)
    return cached("array_counts", key and (key, column, only), lambda: _array_counts(qs, column, only))


def _array_counts(qs, column, only):
    from django.db import connection

    try:
        sql, params = qs.order_by().values(column).query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (an empty text query)
        return {}
    params = list(params)
    if connection.vendor == "postgresql":
        query = f"SELECT x, COUNT(*) FROM ({sql}) s CROSS JOIN LATERAL unnest(s.{column}) AS x"
        if only is not None:
            query += " WHERE x = ANY(%s)"
            params.append(only)
        query += " GROUP BY x"
    else:
        query = f"SELECT j.value, COUNT(*) FROM ({sql}) s, json_each(s.{column}) j"
        if only is not None:
            query += f" WHERE j.value IN ({', '.join(['%s'] * len(only))})"
            params += only
        query += " GROUP BY j.value"
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {int(pk): n for pk, n in cursor.fetchall()}


def mentions_of(qs):
    """Every visible mention (an Event queryset) of the happenings `qs`: their keys are read once, then the
    mentions found by thread id or id (index scans; for the exports)."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    qs = _as_happenings(qs)
    mentions = visible_events()
    if connection.vendor != "postgresql":
        return mentions.filter(Q(thread_id__in=qs.filter(thread_id__isnull=False).values("thread_id"))
                               | Q(thread__isnull=True, id__in=qs.filter(thread_id__isnull=True).values("event_id")))
    keys = list(qs.values_list("key", flat=True))
    threads, lone = [k for k in keys if k > 0], [-k for k in keys if k < 0]
    return mentions.filter(RawSQL(
        "(events_event.thread_id = ANY(%s::bigint[]) OR (events_event.thread_id IS NULL "
        "AND events_event.id = ANY(%s::bigint[])))", (threads, lone), output_field=BooleanField()))


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
    mentions = Prefetch(
        "thread__events",
        queryset=visible_events()
        .select_related("article__issue")
        .only("id", "thread_id", "article_id", "confidence", "article__issue_id", "article__issue__volume",
              "article__issue__number", "article__issue__date")
        .order_by("article__issue__date", "id"),
        to_attr="visible_mentions",
    )
    # Choose the page's representatives first (the happening table's (sort_date, event_id) index), then load
    # just those rows with their article, issue and thread.
    keys = _as_happenings(events)
    order = ("-sort_date", "-id") if newest_first else ("sort_date", "id")
    if after is not None and newest_first:
        keys = keys.filter(Q(sort_date__lt=after.date) | Q(sort_date=after.date, event_id__lt=after.id))
    elif after is not None:
        keys = keys.filter(Q(sort_date__gt=after.date) | Q(sort_date=after.date, event_id__gt=after.id))
    key_order = ("-sort_date", "-event_id") if newest_first else ("sort_date", "event_id")
    page = {row["event_id"]: row for row in keys.order_by(*key_order).values(
        "event_id", "actor_ids", "country_ids", "topic_ids")[: limit + 1]}
    qs = (
        Event.objects.filter(id__in=list(page))
        .annotate(sort_date=Coalesce(F("thread__date_start"), F("date_start")))
        .select_related("article__issue", "thread")
        .defer("article__body", "article__issue__date_note")
        .prefetch_related(mentions)
        .order_by(*order)
    )
    rows = list(qs)
    _attach_participants(rows, page)
    more = len(rows) > limit
    items = [_item(e) for e in rows[:limit]]
    previous = date(after.date.year, after.date.month, 1) if after is not None else None
    return TimelinePage(items=items, next_cursor=items[-1].cursor if more and items else None, previous_month=previous)


def _attach_participants(rows, page):
    """Give each card's event actor_list, country_list and topic_list: the union over every visible mention
    of its happening (what the filters match: the happening's id arrays, in `page` by representative id),
    by name. One query for the names of all three."""
    from django.db import connection

    wanted = {column: sorted({pk for row in page.values() for pk in row[column]})
              for column in ("actor_ids", "country_ids", "topic_ids")}
    parts, params = [], []
    for column, (table, extra) in (("actor_ids", ("events_actor", "''")), ("country_ids", ("events_country", "code")),
                                   ("topic_ids", ("events_topic", "slug"))):
        if wanted[column]:
            parts.append(f"SELECT '{column}', id, name, {extra} FROM {table} WHERE id IN "
                         f"({', '.join(['%s'] * len(wanted[column]))})")
            params += wanted[column]
    found = {"actor_ids": {}, "country_ids": {}, "topic_ids": {}}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for column, pk, name, extra in cursor.fetchall():
                found[column][pk] = (Actor(id=pk, name=name) if column == "actor_ids"
                                     else Country(id=pk, code=extra, name=name) if column == "country_ids"
                                     else Topic(id=pk, slug=extra, name=name))
    for event in rows:
        row = page.get(event.pk, {})
        for attr, column in (("actor_list", "actor_ids"), ("country_list", "country_ids"), ("topic_list", "topic_ids")):
            objects = [found[column][pk] for pk in row.get(column, []) if pk in found[column]]
            setattr(event, attr, sorted(objects, key=lambda o: o.name))


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
    return cached("count", key, qs.count)


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
    first_month = min(s[0] for s in spans)
    last_month = max(s[0] for s in spans)
    months = []
    month = first_month
    while month <= last_month and len(months) < max_months:
        months.append(month)
        month = _next_month(month)
    index = {m: i for i, m in enumerate(months)}
    counts = [0] * len(months)
    for start, end, n in spans:
        month = max(start, first_month)
        while month <= end and month in index:
            counts[index[month]] += n
            month = _next_month(month)
    return [MonthBar(m, c) for m, c in zip(months, counts)]


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
    return cached("month_spans", key, compute)


def _next_month(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


# --- facets and type-ahead ------------------------------------------------------------------------

@dataclass
class Facet:
    """One choice of a filter with the number of matching happenings (under every OTHER active filter)."""

    value: str
    label: str
    count: int
    obj: object = None


def _array_facets(model, column, events_without_this, *, fields=("name",), limit=None, keep=()):
    """[(target id, {field: value}, matching happenings)] for one id array of the happenings.

    Every target used by a visible mention is listed (count 0 when no matching happening has it), the most
    frequent first; with `limit`, the top ones with a count plus those in `keep` that are in use. Two queries:
    the counts (the tallies for the whole archive) and the targets in use with their fields (one more when a
    kept one is not among the top).
    """
    from django.db.models import CharField
    from django.db.models.functions import Cast

    qs = _as_happenings(events_without_this)
    counts = array_counts(qs, column)
    kind = _ARRAY_KIND[column]
    targets = model.objects.all()
    if limit is not None:
        chosen = sorted((pk for pk, n in counts.items() if n > 0), key=lambda pk: (-counts[pk], pk))[:limit]
        missing = [pk for pk in keep if pk not in chosen]
        if missing:
            used = set(HappeningTally.objects.filter(kind=kind, value__in=[str(pk) for pk in missing], n__gt=0)
                       .values_list("value", flat=True))
            chosen += [pk for pk in missing if str(pk) in used]
        targets = targets.filter(pk__in=chosen)
    elif _unfiltered(qs):
        targets = targets.filter(pk__in=list(counts))
    else:
        in_use = HappeningTally.objects.filter(kind=kind, n__gt=0).values("value")
        targets = targets.annotate(_value=Cast("id", CharField())).filter(_value__in=in_use)
    rows = {r["id"]: r for r in targets.values("id", *fields)}
    order = chosen if limit is not None else sorted(rows, key=lambda pk: (-counts.get(pk, 0), pk))
    return [(pk, {f: rows[pk][f] for f in fields}, counts.get(pk, 0)) for pk in order if pk in rows]


def country_facets(events_without_country_filter):
    """Countries of any visible mention, each with its matching happenings: one query."""
    facets = [Facet(v["code"], v["name"], n, Country(id=pk, **v))
              for pk, v, n in _array_facets(Country, "country_ids", events_without_country_filter,
                                            fields=("code", "name"))]
    return sorted(facets, key=lambda f: (-f.count, f.label))


def topic_facets(events_without_topic_filter):
    """Topics of any visible mention, by name, each with its matching happenings: one query."""
    facets = [Facet(v["slug"], v["name"], n, Topic(id=pk, **v))
              for pk, v, n in _array_facets(Topic, "topic_ids", events_without_topic_filter,
                                            fields=("slug", "name"))]
    return sorted(facets, key=lambda f: f.label)


def actor_facets(events_without_actor_filter, *, limit=8, selected=()):
    """The `limit` actors with the most matching happenings, plus the selected ones: one query (two when a
    selected actor is not among the top)."""
    facets = []
    for pk, v, n in _array_facets(Actor, "actor_ids", events_without_actor_filter, limit=limit,
                                  keep=[a.pk for a in selected]):
        actor = Actor(id=pk, **v)
        actor.n = n  # the templates read actor.n
        facets.append(Facet(str(pk), actor.name, n, actor))
    return facets


def choice_facets(events_without_this, field, choices):
    """Happenings per type (field="event_type") or status under the other filters: one query."""
    qs = _as_happenings(events_without_this)
    known = summary(qs)
    if _unfiltered(qs):
        counts = _tally("type" if field == "event_type" else "status")
    elif known is not None:
        counts = {}
        for pair, n in known["ts"].items():
            value = pair.split("|")[0 if field == "event_type" else 1]
            counts[value] = counts.get(value, 0) + n
    else:
        counts = dict(qs.values_list(field).annotate(n=Count("key")).order_by())
    return [Facet(value, label, counts.get(value, 0)) for value, label in choices]


def type_and_status_facets(events, type_choices, status_choices):
    """Both facets from one query, for when neither a type nor a status filter is active (then each counts
    under the same filters); two small queries of the tallies for the whole archive."""
    qs = _as_happenings(events)
    known = summary(qs)
    if _unfiltered(qs):
        types, statuses = _tally("type"), _tally("status")
    else:
        types, statuses = {}, {}
        pairs = ([(*pair.split("|"), n) for pair, n in known["ts"].items()] if known is not None
                 else qs.values_list("event_type", "status").annotate(n=Count("key")).order_by())
        for t, st, n in pairs:
            types[t] = types.get(t, 0) + n
            statuses[st] = statuses.get(st, 0) + n
    return ([Facet(v, label, types.get(v, 0)) for v, label in type_choices],
            [Facet(v, label, statuses.get(v, 0)) for v, label in status_choices])


def topics_in_use():
    return list(Topic.objects.filter(pk__in=list(_id_tally("topic"))).order_by("name"))


def actor_suggestions(text, *, limit=10, events=None):
    """Actors whose name or an alias contains `text`, with their matching happenings (all visible ones
    when `events` is None), most first."""
    text = (text or "").strip()
    if not text:
        return []
    match, alias_match = Q(name__icontains=text), Q(text__icontains=text)
    key = name_key(text)  # spelling variants meet: "Schroeder" suggests Gerhard Schröder (issue 11)
    if len(key) >= 3:
        match, alias_match = match | Q(name_key__contains=key), alias_match | Q(name_key__contains=key)
    alias_hit = ActorAlias.objects.filter(alias_match, actor=OuterRef("pk"))
    actors = list(Actor.objects.filter(match | Exists(alias_hit)).order_by("name")[:200])
    if not actors:
        return []
    counts = array_counts(events if events is not None else happenings(), "actor_ids", only=[a.pk for a in actors])
    for actor in actors:
        actor.n = counts.get(actor.pk, 0)
    return sorted(actors, key=lambda a: (-a.n, a.name))[:limit]


# --- index pages ----------------------------------------------------------------------------------------

def actor_index():
    """Every actor in a visible happening: [(actor with .n happenings and .role_list, .first, .last)], most first.
    Four queries: counts, actors, roles, first/last dates."""
    from django.db.models import Max, Min

    counts = _id_tally("actor")
    actors = Actor.objects.filter(pk__in=counts).select_related("country").prefetch_related("roles")
    spans = {
        row["actor_id"]: (row["first"], row["last"])
        for row in Event.actors.through.objects.filter(event__hidden=False, actor_id__in=counts)
        .values("actor_id").annotate(first=Min("event__date_start"), last=Max("event__date_end")).order_by()
    }
    out = []
    for actor in actors:
        actor.n = counts[actor.pk]
        actor.first, actor.last = spans.get(actor.pk, (None, None))
        out.append(actor)
    return sorted(out, key=lambda a: (-a.n, a.name))


def country_index():
    return country_facets(happenings())


def topic_index():
    return sorted(topic_facets(happenings()), key=lambda f: (-f.count, f.label))


def issue_index():
    """Issues by volume, grouped by month of their date, with their articles and visible happenings."""
    from django.db.models import Count as _Count

    from ..models import Issue

    issues = list(
        Issue.objects.annotate(
            articles_n=_Count("articles", distinct=True),
            events_n=_Count("articles__events", filter=Q(articles__events__hidden=False), distinct=True),
        ).order_by("volume", "number")
    )
    months = {}
    for issue in issues:
        months.setdefault((issue.volume, date(issue.date.year, issue.date.month, 1)), []).append(issue)
    return [(volume, month, items) for (volume, month), items in sorted(months.items())]


def database_is_empty():
    return not Article.objects.exists()


# --- co-occurrence ---------------------------------------------------------------------------------

# Event types in which the actors named together actually met (not letters, statements or threats): the
# registry's encounters (visit, meeting, summit) and joint acts (agreement).
ENCOUNTER_TYPES = default_registry().codes(encounter=True) + default_registry().codes(joint_act=True)


def actors_met_by_actor(actor, *, limit=10):
    """Other actors who met `actor` in visible encounters (meetings, summits, visits, agreements), with how
    many distinct happenings (threads; a mention without thread counts alone): one aggregate query."""
    shared = visible_events().filter(actors=actor, event_type__in=ENCOUNTER_TYPES).values("id")
    happening = Coalesce("events__thread_id", Value(0) - F("events__id"))
    return list(
        Actor.objects.exclude(pk=actor.pk)
        .filter(events__in=shared)
        .annotate(n=Count(happening, distinct=True))
        .order_by("-n", "name")[:limit]
    )


def actors_in_country_events(country, *, limit=10):
    """Actors in the most visible happenings that involve `country` (a happening involves what any of its
    mentions names): two queries (the counts over the happenings' id arrays, the names)."""
    return actors_most_in(happenings().filter(country_ids__overlaps=[country.pk]), limit=limit)


def actors_most_in(happening_qs, *, limit=10):
    """The actors of the most happenings among `happening_qs`, each with .n: two queries."""
    counts = array_counts(happening_qs, "actor_ids")
    ranked = sorted(counts.values(), reverse=True)
    floor = ranked[limit - 1] if len(ranked) >= limit else 0  # ties at the last place are ordered by name
    actors = list(Actor.objects.filter(pk__in=[pk for pk, n in counts.items() if n >= floor]))
    for actor in actors:
        actor.n = counts[actor.pk]
    return sorted(actors, key=lambda a: (-a.n, a.name))[:limit]


# --- single objects -------------------------------------------------------------------------------

def event_detail(pk):
    """A visible event with everything its page shows, or None."""
    return (
        visible_events()
        .select_related("article__issue", "thread")
        .prefetch_related("actors", "countries", "topics")
        .filter(pk=pk)
        .first()
    )


def thread_mentions_queryset(event):
    """The other visible mentions of `event`'s happening, in issue order (none for a thread-less event)."""
    if event.thread_id is None:
        return Event.objects.none()
    return (visible_events().filter(thread_id=event.thread_id).exclude(pk=event.pk)
            .select_related("article__issue").order_by("article__issue__date", "date_start", "id"))


def thread_mentions(event):
    return list(thread_mentions_queryset(event))


MACHINE_FIELDS = ("date_start", "date_end", "granularity", "event_type", "status", "summary", "hidden")


def machine_reading(event):
    """The machine's values of `event`'s scalar fields before any editor touched them: its earliest
    history record (the corrections service records the machine's version first). {} without history."""
    first = event.history.order_by("history_date", "history_id").only(*MACHINE_FIELDS).first()
    if first is None:
        return {}
    return {field: getattr(first, field) for field in MACHINE_FIELDS}


def event_history(event, *, limit=20):
    """Editor changes to `event`, newest first: [(record, [changed field names])]."""
    records = list(event.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    out = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changed = []
        if previous is not None:
            try:
                changed = record.diff_against(previous).changed_fields
            except Exception:  # noqa: BLE001 - a history that cannot be diffed still shows its reason
                changed = []
        out.append((record, changed))
    return out


def article_detail(pk):
    return Article.objects.select_related("issue").filter(pk=pk).first()


def article_events(article):
    return list(
        visible_events()
        .filter(article=article)
        .prefetch_related("actors", "countries")
        .order_by("sentence_start", "id")
    )


def actor_names(actors):
    """{surface text: actor} for the canonical names and aliases of `actors` (one query)."""
    return _surface_names(actors, ActorAlias.objects.filter(actor__in=[a.pk for a in actors]), "actor")


def all_countries():
    return list(Country.objects.all())


def country_names(countries):
    """{surface text: country} for the names and aliases of `countries` (one query)."""
    return _surface_names(countries, CountryAlias.objects.filter(country__in=[c.pk for c in countries]), "country")


def _surface_names(objects, aliases, owner):
    names = {obj.name: obj for obj in objects}
    for alias in aliases.select_related(owner):
        names.setdefault(alias.text, getattr(alias, owner))
    return names
