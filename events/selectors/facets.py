"""Facets (countries, topics, actors, types, statuses) with the happenings matching each under the other
filters, and the actor type-ahead."""
from dataclasses import dataclass
from functools import partial

from django.db.models import Count, Exists, OuterRef, Q

from ..extraction.namekey import name_key
from ..models import Actor, ActorAlias, Country, HappeningTally, Topic
from .base import _as_happenings, _unfiltered, happenings
from .facet_index import via_index as _via_index
from .tallies import _ARRAY_KIND, _id_tally, _tally, array_counts, summary


# --- facets and type-ahead ------------------------------------------------------------------------

@dataclass
class Facet:
    """One choice of a filter with the number of matching happenings (under every OTHER active filter).
    `obj`: its model instance, or a partial() that makes it when first read (a country facet lists ~190
    choices on every page, whose instances only the index pages read)."""

    value: str
    label: str
    count: int
    _obj: object = None

    @property
    def obj(self):
        if isinstance(self._obj, partial):
            self._obj = self._obj()
        return self._obj


def _array_facets(model, column, events_without_this, *, fields=("name",), limit=None, keep=()):
    """[(target id, {field: value}, matching happenings)] for one id array of the happenings.

    Every target used by a visible mention is listed (count 0 when no matching happening has it), the most
    frequent first; with `limit`, the top ones with a count plus those in `keep` that are in use. Two queries:
    the counts (the tallies for the whole archive) and the targets in use with their fields (one more when a
    kept one is not among the top).
    """
    qs = _as_happenings(events_without_this)
    counts = array_counts(qs, column)
    kind = _ARRAY_KIND[column]
    if limit is not None:
        chosen = _top_targets(counts, kind, limit, keep)
        targets = model.objects.filter(pk__in=chosen)
    else:
        targets = _targets_in_use(model, kind, qs, counts)
    rows = {r["id"]: r for r in targets.values("id", *fields)}
    order = chosen if limit is not None else sorted(rows, key=lambda pk: (-counts.get(pk, 0), pk))
    return [(pk, {f: rows[pk][f] for f in fields}, counts.get(pk, 0)) for pk in order if pk in rows]


def _top_targets(counts, kind, limit, keep):
    """The `limit` ids with the most happenings (ties by id), then those of `keep` that are in use anywhere."""
    chosen = sorted((pk for pk, n in counts.items() if n > 0), key=lambda pk: (-counts[pk], pk))[:limit]
    missing = [pk for pk in keep if pk not in chosen]
    if missing:
        used = set(HappeningTally.objects.filter(kind=kind, value__in=[str(pk) for pk in missing], n__gt=0)
                   .values_list("value", flat=True))
        chosen += [pk for pk in missing if str(pk) in used]
    return chosen


def _targets_in_use(model, kind, qs, counts):
    """The targets any visible mention uses: for the whole archive the counted ones, else by the tallies."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    if _unfiltered(qs):
        return model.objects.filter(pk__in=list(counts))
    in_use = HappeningTally.objects.filter(kind=kind, n__gt=0).values("value")
    return model.objects.annotate(_value=Cast("id", CharField())).filter(_value__in=in_use)


def country_facets(events_without_country_filter):
    """Countries of any visible mention, each with its matching happenings: one query."""
    facets = [Facet(v["code"], v["name"], n, partial(Country, id=pk, **v))
              for pk, v, n in _array_facets(Country, "country_ids", events_without_country_filter,
                                            fields=("code", "name"))]
    return sorted(facets, key=lambda f: (-f.count, f.label))


def topic_facets(events_without_topic_filter):
    """Topics of any visible mention, by name, each with its matching happenings: one query."""
    facets = [Facet(v["slug"], v["name"], n, partial(Topic, id=pk, **v))
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
        counts = _via_index(qs, lambda selection: selection.field_counts(field),
                            lambda: dict(qs.values_list(field).annotate(n=Count("key")).order_by()))
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
        if known is None:
            known = {"ts": _via_index(qs, lambda selection: selection.ts_counts(), lambda: {
                f"{t}|{st}": n for t, st, n in qs.values_list("event_type", "status").annotate(n=Count("key")).order_by()})}
        pairs = [(*pair.split("|"), n) for pair, n in known["ts"].items()]
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
