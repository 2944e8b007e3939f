"""Read-side queries for the timeline pages (HackSoft style: selectors read, services write).

The timeline shows threads: every thread appears once, through its earliest mention that passes the
filters (its "representative"); an event without a thread stands for itself. Hidden events never show.
Pages are cut with keyset pagination on (sort_date, id), where sort_date is the thread's canonical
start (or the event's own start when it has no thread), so the cost of a page does not grow with its
position, and the number of queries per page is fixed whatever the number of events.
"""
import calendar
import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce, RowNumber, TruncMonth
from django.db.models.expressions import Window

from events.extraction.event_types import default_registry

from .extraction.namekey import name_key
from .models import Actor, ActorAlias, Article, Country, CountryAlias, Event, Topic

PAGE_SIZE = 50


def visible_events():
    return Event.objects.filter(hidden=False)


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

def _group_key():
    # Events of one thread share the thread id; an event without thread is its own group (negative id).
    return Coalesce(F("thread_id"), -F("id"))


def representative_ids(events):
    """Ids of the earliest event of each thread (and of each thread-less event) within `events`."""
    ranked = events.annotate(
        _rank=Window(RowNumber(), partition_by=[_group_key()], order_by=[F("date_start").asc(), F("id").asc()])
    )
    return ranked.filter(_rank=1).values("id")


def _sorted_items(events):
    return (
        Event.objects.filter(id__in=representative_ids(events))
        .annotate(sort_date=Coalesce(F("thread__date_start"), F("date_start")))
    )


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


def timeline_page(events, *, after=None, limit=PAGE_SIZE):
    """One page of timeline items from the (filtered) `events`, after the keyset cursor `after`.

    Always five queries: the items, their actors, countries, topics, and their threads' mentions.
    """
    mentions = Prefetch(
        "thread__events",
        queryset=visible_events()
        .select_related("article__issue")
        .only("id", "thread_id", "article_id", "article__issue_id", "article__issue__volume",
              "article__issue__number", "article__issue__date")
        .order_by("article__issue__date", "id"),
        to_attr="visible_mentions",
    )
    # Choose the page's ids first (window, thread join, top-N sort), then load just those rows with
    # their article, issue and thread: joining those for every candidate row is what costs at scale.
    keys = _sorted_items(events)
    if after is not None:
        keys = keys.filter(Q(sort_date__gt=after.date) | Q(sort_date=after.date, id__gt=after.id))
    page_ids = keys.order_by("sort_date", "id").values("id")[: limit + 1]
    qs = (
        Event.objects.filter(id__in=page_ids)
        .annotate(sort_date=Coalesce(F("thread__date_start"), F("date_start")))
        .select_related("article__issue", "thread")
        .defer("article__body", "article__issue__date_note")
        .prefetch_related(
            # plain lists (to_attr): no related manager is built per card when the template reads them
            Prefetch("actors", queryset=Actor.objects.only("id", "name"), to_attr="actor_list"),
            Prefetch("countries", queryset=Country.objects.only("id", "code", "name"), to_attr="country_list"),
            Prefetch("topics", queryset=Topic.objects.only("id", "name", "slug"), to_attr="topic_list"),
            mentions,
        )
        .order_by("sort_date", "id")
    )
    rows = list(qs)
    more = len(rows) > limit
    items = [_item(e) for e in rows[:limit]]
    previous = date(after.date.year, after.date.month, 1) if after is not None else None
    return TimelinePage(items=items, next_cursor=items[-1].cursor if more and items else None, previous_month=previous)


def timeline_count(events):
    return Event.objects.filter(id__in=representative_ids(events)).count()


@dataclass
class MonthBar:
    month: date
    count: int

    @property
    def last_day(self):
        return date(self.month.year, self.month.month, calendar.monthrange(self.month.year, self.month.month)[1])


def month_counts(events, *, max_months=240):
    """Timeline items per month (by sort date), with the empty months in between: one query."""
    rows = (
        _sorted_items(events)
        .annotate(month=TruncMonth("sort_date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    counts = {}
    for row in rows:
        month = row["month"]
        month = date(month.year, month.month, 1)
        counts[month] = row["n"]
    if not counts:
        return []
    first, last = min(counts), max(counts)
    bars = []
    month = first
    while month <= last and len(bars) < max_months:
        bars.append(MonthBar(month, counts.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return bars


# --- facets and type-ahead ------------------------------------------------------------------------

def country_facets(events_without_country_filter):
    """Countries that appear in any visible event, each with the number of matching events: one query."""
    return list(
        Country.objects.annotate(
            total=Count("events", filter=Q(events__hidden=False)),
            matching=Count("events", filter=Q(events__in=events_without_country_filter.values("id"))),
        )
        .filter(total__gt=0)
        .order_by("-matching", "name")
    )


def topics_in_use():
    used = Event.topics.through.objects.filter(topic=OuterRef("pk"), event__hidden=False)
    return list(Topic.objects.filter(Exists(used)).order_by("name"))


def actor_suggestions(text, *, limit=10):
    """Actors whose name or an alias contains `text`, most mentioned first."""
    text = (text or "").strip()
    if not text:
        return []
    match, alias_match = Q(name__icontains=text), Q(text__icontains=text)
    key = name_key(text)  # spelling variants meet: "Schroeder" suggests Gerhard Schröder (issue 11)
    if len(key) >= 3:
        match, alias_match = match | Q(name_key__contains=key), alias_match | Q(name_key__contains=key)
    alias_hit = ActorAlias.objects.filter(alias_match, actor=OuterRef("pk"))
    return list(
        Actor.objects.filter(match | Exists(alias_hit))
        .annotate(n=Count("events", filter=Q(events__hidden=False)))
        .order_by("-n", "name")[:limit]
    )


def top_actors(*, limit=8):
    return list(
        Actor.objects.annotate(n=Count("events", filter=Q(events__hidden=False)))
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )


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
    """Actors named most often in the visible events about `country`: one aggregate query."""
    shared = visible_events().filter(countries=country).values("id")
    return list(
        Actor.objects.filter(events__in=shared).annotate(n=Count("events")).order_by("-n", "name")[:limit]
    )


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


def thread_mentions(event):
    if event.thread_id is None:
        return []
    return list(
        visible_events()
        .filter(thread_id=event.thread_id)
        .exclude(pk=event.pk)
        .select_related("article__issue")
        .order_by("article__issue__date", "date_start", "id")
    )


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


# --- export ---------------------------------------------------------------------------------------

def export_rows(events):
    """Contract rows (export_events, DESIGN.md section 5) of the filtered `events`, in timeline order."""
    from .services.export import event_export_rows

    return event_export_rows(events.order_by("date_start", "date_end", "id"))
