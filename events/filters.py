"""The timeline's filters (django-filter). The URL is the state: every filter is a plain GET parameter.

THE UNIT IS THE HAPPENING. The timeline counts happenings (threads; an event mention without a thread is
a happening of its own); mentions are their evidence. Every filter therefore selects happenings, and the
queryset it returns holds *every* visible mention of each selected happening, so that whatever is
computed from it (the cards, the heading, the facet counts, the month bars, the exports) counts the
same thing:

  * country, actor, topic (link tables) and the text: a happening matches when ANY of its visible
    mentions has ANY of the chosen values (the happening's participants are its mentions' union);
  * type, status, dates, precision: the happening's own values (the thread's canonical type, status and
    interval, which its card shows), so a "reported" filter never returns a card marked "occurred";
  * dates select happenings whose interval overlaps [from, to] ("spring 2001" matches 15-20 April).
"""
import django_filters
from django import forms
from django.db.models import Q, QuerySet

from .models import Actor, Country, Event, EventType, Granularity, Organization, Status, Topic

# Parameters that are not filters but that the timeline understands.
CONTROL_PARAMS = {"after", "actor_q", "unit", "sort", "shown", "axis", "lanes"}
# The largest id a BigAutoField holds; larger numbers are invalid, not a database error (SQLite overflows).
from .models import MAX_ID  # noqa: E402 (models.MAX_ID)


def visible_mentions():
    return Event.objects.filter(hidden=False)


def of_happenings(queryset, mentions):
    """`queryset` narrowed to the mentions of the happenings that have a mention in `mentions`."""
    return queryset.filter(
        Q(thread_id__in=mentions.filter(thread__isnull=False).values("thread_id"))
        | Q(thread__isnull=True, id__in=mentions.filter(thread__isnull=True).values("id"))
    )


def happening_field(name):
    """The happening's value of an Event field that its thread also has (type, status, dates, precision)."""
    return {"event_type": "thread__event_type", "status": "thread__status", "date_start": "thread__date_start",
            "date_end": "thread__date_end", "granularity": "thread__granularity"}[name]


def happening_q(name, lookup, value):
    """Q for "the happening's `name` `lookup` `value`" (the thread's field, or the lone mention's own)."""
    return (Q(thread__isnull=False, **{f"{happening_field(name)}__{lookup}": value})
            | Q(thread__isnull=True, **{f"{name}__{lookup}": value}))


class IdChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Model choices by id, rejecting ids no database column can hold before they reach a query."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isdigit() or int(text) > MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                            params={"pk": text[:40]})
        return super()._check_values(value)


class LinkFilter(django_filters.ModelMultipleChoiceFilter):
    """Happenings with a visible mention linked (through the m2m field `field_name`) to ANY chosen object.

    One subquery on the link table: rows are never duplicated, whatever the number of values.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        field = Event._meta.get_field(self.field_name)
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        links = through.objects.filter(**{f"{target}__in": value}).values("event_id")
        return of_happenings(qs, visible_mentions().filter(id__in=links))


class IdLinkFilter(LinkFilter):
    field_class = IdChoiceField


class HappeningChoiceFilter(django_filters.MultipleChoiceFilter):
    """The happening's type or status is ANY of the chosen values."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(happening_q(self.field_name, "in", value))


MAX_TEXT_IDS = 5000  # a text search's matching mentions passed as literal ids up to this many

PRECISIONS = (("day", "exact day only"), ("week", "a week or better"), ("month", "a month or better"))
_FINER = {"day": [Granularity.DAY], "week": [Granularity.DAY, Granularity.WEEK],
          "month": [Granularity.DAY, Granularity.WEEK, Granularity.MONTH]}


class TimelineFilter(django_filters.FilterSet):
    country = LinkFilter(field_name="countries", queryset=Country.objects.all(), to_field_name="code",
                         label="Countries")
    actor = IdLinkFilter(field_name="actors", queryset=Actor.objects.all(), label="Actors")
    topic = LinkFilter(field_name="topics", queryset=Topic.objects.all(), to_field_name="slug", label="Topics")
    # International organizations named in the event's sentence (?org=osce): issue 11.
    org = LinkFilter(field_name="organizations", queryset=Organization.objects.all(), to_field_name="slug",
                     label="Organizations")
    type = HappeningChoiceFilter(choices=EventType.choices, field_name="event_type", label="Event type")
    status = HappeningChoiceFilter(choices=Status.choices, field_name="status", label="Status")
    precision = django_filters.ChoiceFilter(choices=PRECISIONS, method="filter_precision", label="Date precision",
                                            empty_label="any precision")
    min_confidence = django_filters.NumberFilter(method="filter_confidence", label="Minimum confidence",
                                                 min_value=0, max_value=1)
    date_from = django_filters.DateFilter(method="filter_from", label="From")
    date_to = django_filters.DateFilter(method="filter_to", label="To")
    q = django_filters.CharFilter(method="filter_text", label="Text", max_length=200)

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ISO dates only: the URL must mean the same thing in every locale.
        for name in ("date_from", "date_to"):
            self.form.fields[name].input_formats = ["%Y-%m-%d"]

    def filter_from(self, queryset, name, value):
        # Intervals overlapping [from, to]: an event in "spring 2001" matches a filter from 15 April.
        return queryset.filter(happening_q("date_end", "gte", value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(happening_q("date_start", "lte", value))

    def filter_precision(self, queryset, name, value):
        return queryset.filter(happening_q("granularity", "in", _FINER[value]))

    def filter_confidence(self, queryset, name, value):
        # a happening is as certain as its most certain visible mention
        if value is None:
            return queryset
        return of_happenings(queryset, visible_mentions().filter(confidence__gte=float(value)))

    def filter_text(self, queryset, name, value):
        # full text (events/selectors/search.py): words stemmed, "phrases", prefix*; the happenings whose
        # mentions together hold every term
        from django.db.models.expressions import RawSQL

        from .selectors.search import matching_keys_sql, parse

        if not value.strip():
            return queryset
        query = parse(value)
        if not query:  # nothing searchable ("!!!"): nothing matches
            return queryset.filter(id__in=[])
        sql, params = matching_keys_sql(query)
        threads = RawSQL(f"SELECT k FROM ({sql}) AS s WHERE k > 0", params)
        lone = RawSQL(f"SELECT -k FROM ({sql}) AS s WHERE k < 0", params)
        return queryset.filter(Q(thread_id__in=threads) | Q(thread__isnull=True, id__in=lone))


def filtered_without(filterset, queryset, without=()):
    """`queryset` filtered by `filterset`'s valid values except those named in `without`.

    Reuses the already cleaned values, so no further validation queries run (for facet counts and the
    month overview, which ignore their own filter).
    """
    filterset.errors  # noqa: B018 - make sure the form is cleaned
    for name, value in filterset.form.cleaned_data.items():
        if name not in without:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def filtered_happenings(filterset, without=()):
    """The happenings (events.models.Happening) `filterset`'s valid values select, except the filters named in
    `without`: the same selection as filtered_without(...) over mentions, read from the happening table (its
    own type, status, dates, precision and confidence; the union of its mentions' links in id arrays)."""
    from .selectors import happenings

    from .selectors import overlapping

    filterset.errors  # noqa: B018 - make sure the form is cleaned
    queryset = happenings()
    cleaned = {name: value for name, value in filterset.form.cleaned_data.items()
               if name not in without and _applied(value)}
    if cleaned.get("date_from") and cleaned.get("date_to"):  # both ends: one interval test (an index on it)
        queryset = overlapping(queryset, cleaned.pop("date_from"), cleaned.pop("date_to"))
    for name, value in cleaned.items():
        queryset = _HAPPENING_FILTERS[name](filterset, queryset, value)
    return queryset


def _ids(column):
    return lambda fs, qs, value: qs.filter(**{f"{column}__overlaps": [obj.pk for obj in value]})


def _text_happenings(filterset, queryset, value):
    """Happenings matching the text (search.matching_keys_sql).

    PostgreSQL: the match is a subquery on the happenings' search documents (GIN), never a list of keys: a
    page walks the (sort_date, event_id) index and tests its first rows' documents ("talks": about 180 rows
    for a page of 51), and what counts them reads the matching keys in its own statement. Elsewhere the
    keys are read once a request and reused by every count and facet (as a subquery when too many)."""
    from django.db import connection

    from .selectors import in_keys
    from .selectors.base import in_subquery
    from .selectors.search import matching_happenings, matching_keys, matching_keys_sql, parse

    if not value.strip():
        return queryset
    query = parse(value)
    if not query:  # nothing searchable ("!!!"): nothing matches
        return in_keys(queryset, [])
    cache = filterset.__dict__.setdefault("_text_keys", {})
    if connection.vendor == "postgresql":
        if value not in cache:  # the facets apply this filter up to eight times a page: its SQL built once
            cache[value] = matching_keys_sql(query)
        return in_subquery(queryset, *cache[value])
    if value not in cache:
        keys = matching_keys(query, MAX_TEXT_IDS)
        cache[value] = None if len(keys) > MAX_TEXT_IDS else keys
    if cache[value] is None:
        return matching_happenings(queryset, query)
    return in_keys(queryset, cache[value])


_HAPPENING_FILTERS = {
    "country": _ids("country_ids"),
    "actor": _ids("actor_ids"),
    "topic": _ids("topic_ids"),
    "org": _ids("org_ids"),
    "type": lambda fs, qs, value: qs.filter(event_type__in=value),
    "status": lambda fs, qs, value: qs.filter(status__in=value),
    "precision": lambda fs, qs, value: qs.filter(granularity__in=_FINER[value]),
    "min_confidence": lambda fs, qs, value: qs.filter(confidence__gte=float(value)),
    "date_from": lambda fs, qs, value: qs.filter(end_date__gte=value),
    "date_to": lambda fs, qs, value: qs.filter(sort_date__lte=value),
    "q": _text_happenings,
}


def applied_filters(filterset):
    """Names of the filters that actually narrow the view (valid and non-empty)."""
    filterset.errors  # noqa: B018
    return [name for name, value in filterset.form.cleaned_data.items() if _applied(value)]


def _applied(value):
    if isinstance(value, QuerySet):
        return not value.query.is_empty()
    return value not in (None, "", [], ())


def input_notes(params, filterset):
    """Human-readable notes about parameters that were ignored: unknown names and invalid values."""
    known = set(filterset.filters) | CONTROL_PARAMS
    notes = [f"Ignored unknown parameter “{name[:40]}”." for name in params if name not in known]
    if filterset.is_bound and not filterset.form.is_valid():
        notes.extend(_invalid_value_notes(filterset.form))
    if filterset.is_bound and filterset.form.is_valid():
        notes.extend(_reversed_range_note(filterset.form.cleaned_data))
    return notes


def _invalid_value_notes(form):
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        yield f"Ignored {label}: {' '.join(errors)}"


def _reversed_range_note(cleaned):
    start, end = cleaned.get("date_from"), cleaned.get("date_to")
    if start and end and start > end:
        yield f"“From” ({start:%d %b %Y}) is after “To” ({end:%d %b %Y}): no event can fall in that range."


class ActorSuggestForm(forms.Form):
    actor_q = forms.CharField(max_length=100, required=False)
