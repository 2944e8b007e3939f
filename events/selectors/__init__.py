"""Read-side queries for the timeline pages (HackSoft style: selectors read, services write).

The unit of every count is the happening (a thread; a mention without a thread is its own): see
events/filters.py. The filtered querysets hold every visible mention of each matching happening, so the
heading (timeline_count), the facets (*_facets), the month bars (month_counts), the entity pages and the
exports (selectors.export) all count happenings the same way.

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

from ..extraction.namekey import name_key
from ..models import Actor, ActorAlias, Article, Country, CountryAlias, Event, EventType, Topic

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


def happening_key():
    """An expression naming a mention's happening: its thread id, or minus its own id without thread."""
    return _group_key()


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
        return EventType(self.event_type).label if self.event_type in EventType.values else self.event_type

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

    Always five queries: the items, their actors, countries, topics, and their threads' mentions.
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
    # Choose the page's ids first (window, thread join, top-N sort), then load just those rows with
    # their article, issue and thread: joining those for every candidate row is what costs at scale.
    keys = _sorted_items(events)
    order = ("-sort_date", "-id") if newest_first else ("sort_date", "id")
    if after is not None and newest_first:
        keys = keys.filter(Q(sort_date__lt=after.date) | Q(sort_date=after.date, id__lt=after.id))
    elif after is not None:
        keys = keys.filter(Q(sort_date__gt=after.date) | Q(sort_date=after.date, id__gt=after.id))
    page_ids = keys.order_by(*order).values("id")[: limit + 1]
    qs = (
        Event.objects.filter(id__in=page_ids)
        .annotate(sort_date=Coalesce(F("thread__date_start"), F("date_start")))
        .select_related("article__issue", "thread")
        .defer("article__body", "article__issue__date_note")
        .prefetch_related(mentions)
        .order_by(*order)
    )
    rows = list(qs)
    _attach_participants(rows)
    more = len(rows) > limit
    items = [_item(e) for e in rows[:limit]]
    previous = date(after.date.year, after.date.month, 1) if after is not None else None
    return TimelinePage(items=items, next_cursor=items[-1].cursor if more and items else None, previous_month=previous)


def _attach_participants(rows):
    """Give each card's event actor_list, country_list and topic_list: the union over every visible mention
    of its happening (what the filters match), by name. Three queries, one per link table."""
    threads = {e.thread_id for e in rows if e.thread_id}
    lone = {e.pk for e in rows if not e.thread_id}
    scope = visible_events().filter(Q(thread_id__in=threads) | Q(thread__isnull=True, id__in=lone)).values("id")
    tables = (
        ("actor_list", Event.actors.through, "actor", Actor, ("id", "name")),
        ("country_list", Event.countries.through, "country", Country, ("id", "code", "name")),
        ("topic_list", Event.topics.through, "topic", Topic, ("id", "slug", "name")),
    )
    for attr, through, target, model, fields in tables:
        found = {}
        links = through.objects.filter(event_id__in=scope).values_list(
            "event__thread_id", "event_id", *[f"{target}__{f}" for f in fields])
        for thread_id, event_id, *values in links:
            obj = model(**dict(zip(fields, values)))
            found.setdefault(thread_id or -event_id, {})[obj.pk] = obj
        for event in rows:
            objects = found.get(event.thread_id or -event.pk, {})
            setattr(event, attr, sorted(objects.values(), key=lambda o: o.name))


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
    """Happenings per month: a month's bar counts the happenings whose interval overlaps it, which is what
    choosing the bar lists (the date filter selects overlapping intervals). One query: happenings grouped
    by (first month, last month), spread over the months in Python.

    The chart runs from the first to the last month in which a happening starts (at most `max_months`).
    """
    rows = (
        _sorted_items(events)
        .annotate(first=TruncMonth("sort_date"),
                  last=TruncMonth(Coalesce(F("thread__date_end"), F("date_end"))))
        .values("first", "last")
        .annotate(n=Count("id"))
        .order_by()
    )
    spans = []
    for row in rows:
        first, last = row["first"], row["last"]
        spans.append((date(first.year, first.month, 1), date(last.year, last.month, 1), row["n"]))
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


def _link_facets(link_model, target, events_without_this, *, fields=("name",), limit=None, keep=()):
    """[(target id, {field: value}, matching happenings)] for one link table over the visible mentions,
    in one query (the target's fields come in the same GROUP BY).

    Every target used by a visible mention is listed (count 0 when no matching happening has it), the
    most frequent first; with `limit`, the top ones plus those in `keep` (one more query when a kept one
    is not among them).
    """
    matching = events_without_this.values("id")
    columns = [f"{target}__{f}" for f in fields]
    rows = (
        link_model.objects.filter(event__hidden=False)
        .annotate(h=Coalesce(F("event__thread_id"), Value(0) - F("event_id")))
        .values(f"{target}_id", *columns)
        .annotate(n=Count("h", distinct=True, filter=Q(event_id__in=matching)))
        .order_by("-n", f"{target}_id")
    )

    def unpack(r):
        return r[f"{target}_id"], {f: r[c] for f, c in zip(fields, columns)}, r["n"]

    if limit is None:
        return [unpack(r) for r in rows]
    out = [unpack(r) for r in rows.filter(n__gt=0)[:limit]]
    missing = set(keep) - {pk for pk, _, _ in out}
    if missing:
        extra = (
            link_model.objects.filter(**{f"{target}_id__in": missing}, event__hidden=False)
            .annotate(h=Coalesce(F("event__thread_id"), Value(0) - F("event_id")))
            .values(f"{target}_id", *columns)
            .annotate(n=Count("h", distinct=True, filter=Q(event_id__in=matching))).order_by()
        )
        out += [unpack(r) for r in extra]
    return out


def country_facets(events_without_country_filter):
    """Countries of any visible mention, each with its matching happenings: one query."""
    facets = [Facet(v["code"], v["name"], n, Country(id=pk, **v))
              for pk, v, n in _link_facets(Event.countries.through, "country", events_without_country_filter,
                                           fields=("code", "name"))]
    return sorted(facets, key=lambda f: (-f.count, f.label))


def topic_facets(events_without_topic_filter):
    """Topics of any visible mention, by name, each with its matching happenings: one query."""
    facets = [Facet(v["slug"], v["name"], n, Topic(id=pk, **v))
              for pk, v, n in _link_facets(Event.topics.through, "topic", events_without_topic_filter,
                                           fields=("slug", "name"))]
    return sorted(facets, key=lambda f: f.label)


def actor_facets(events_without_actor_filter, *, limit=8, selected=()):
    """The `limit` actors with the most matching happenings, plus the selected ones: one query (two when a
    selected actor is not among the top)."""
    facets = []
    for pk, v, n in _link_facets(Event.actors.through, "actor", events_without_actor_filter, limit=limit,
                                 keep=[a.pk for a in selected]):
        actor = Actor(id=pk, **v)
        actor.n = n  # the templates read actor.n
        facets.append(Facet(str(pk), actor.name, n, actor))
    return facets


def choice_facets(events_without_this, field, choices):
    """Happenings per type (field="event_type") or status under the other filters: one query."""
    rows = (
        _sorted_items(events_without_this)
        .annotate(v=Coalesce(F(f"thread__{field}"), F(field)))
        .values("v").annotate(n=Count("id")).order_by()
    )
    counts = {r["v"]: r["n"] for r in rows}
    return [Facet(value, label, counts.get(value, 0)) for value, label in choices]


def type_and_status_facets(events, type_choices, status_choices):
    """Both facets from one query, for when neither a type nor a status filter is active (then each counts
    under the same filters)."""
    rows = (
        _sorted_items(events)
        .annotate(t=Coalesce(F("thread__event_type"), F("event_type")), s=Coalesce(F("thread__status"), F("status")))
        .values("t", "s").annotate(n=Count("id")).order_by()
    )
    types, statuses = {}, {}
    for r in rows:
        types[r["t"]] = types.get(r["t"], 0) + r["n"]
        statuses[r["s"]] = statuses.get(r["s"], 0) + r["n"]
    return ([Facet(v, label, types.get(v, 0)) for v, label in type_choices],
            [Facet(v, label, statuses.get(v, 0)) for v, label in status_choices])


def topics_in_use():
    used = Event.topics.through.objects.filter(topic=OuterRef("pk"), event__hidden=False)
    return list(Topic.objects.filter(Exists(used)).order_by("name"))


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
    matching = (events if events is not None else visible_events()).values("id")
    counts = dict(
        Event.actors.through.objects.filter(actor_id__in=[a.pk for a in actors], event_id__in=matching)
        .annotate(h=Coalesce(F("event__thread_id"), Value(0) - F("event_id")))
        .values_list("actor_id").annotate(n=Count("h", distinct=True)).order_by()
    )
    for actor in actors:
        actor.n = counts.get(actor.pk, 0)
    return sorted(actors, key=lambda a: (-a.n, a.name))[:limit]


# --- index pages ----------------------------------------------------------------------------------------

def actor_index():
    """Every actor in a visible happening: [(actor with .n happenings and .role_list, .first, .last)], most first.
    Four queries: counts, actors, roles, first/last dates."""
    from django.db.models import Max, Min

    counts = {pk: n for pk, _, n in _link_facets(Event.actors.through, "actor", visible_events()) if n}
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
    return country_facets(visible_events())


def topic_index():
    return sorted(topic_facets(visible_events()), key=lambda f: (-f.count, f.label))


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
    mentions names): one aggregate query."""
    from ..filters import of_happenings

    shared = of_happenings(visible_events(), visible_events().filter(countries=country)).values("id")
    happening = Coalesce("events__thread_id", Value(0) - F("events__id"))
    return list(
        Actor.objects.filter(events__in=shared)
        .annotate(n=Count(happening, distinct=True)).order_by("-n", "name")[:limit]
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
