"""Index pages (actors, countries, topics, issues), who met whom, and single objects (an event with its
thread's mentions and history, an article, names of actors and countries)."""
from datetime import date

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce

from events.extraction.event_types import default_registry

from ..models import Actor, ActorAlias, Article, Country, CountryAlias, Event
from .base import happenings, visible_events
from .facets import country_facets, topic_facets
from .tallies import _id_tally, array_counts


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
