"""The timeline's filters (django-filter). The URL is the state: every filter is a plain GET parameter.

Many-valued filters (country, actor, topic) select events having ANY of the chosen values, through
subqueries on the link tables so that rows are never duplicated.
"""
import django_filters
from django import forms
from django.db.models import Q

from .extraction.namekey import name_key
from .models import Actor, Country, Event, EventType, Organization, Status, Topic

# Parameters that are not filters but that the timeline understands.
CONTROL_PARAMS = {"after", "actor_q"}
# The largest id a BigAutoField holds; larger numbers are invalid, not a database error (SQLite overflows).
from .models import MAX_ID  # noqa: E402 (models.MAX_ID)


class IdChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Model choices by id, rejecting ids no database column can hold before they reach a query."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isdigit() or int(text) > MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                            params={"pk": text[:40]})
        return super()._check_values(value)


class IdChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = IdChoiceField


class TimelineFilter(django_filters.FilterSet):
    country = django_filters.ModelMultipleChoiceFilter(
        queryset=Country.objects.all(), to_field_name="code", method="filter_countries", label="Countries",
    )
    actor = IdChoiceFilter(
        queryset=Actor.objects.all(), method="filter_actors", label="Actors",
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topics", label="Topics",
    )
    # International organizations named in the event's sentence (?org=osce): issue 11.
    org = django_filters.ModelMultipleChoiceFilter(
        queryset=Organization.objects.all(), to_field_name="slug", method="filter_organizations",
        label="Organizations",
    )
    type = django_filters.MultipleChoiceFilter(choices=EventType.choices, field_name="event_type", label="Event type")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, field_name="status", label="Status")
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

    def filter_countries(self, queryset, name, value):
        if not value:
            return queryset
        links = Event.countries.through.objects.filter(country__in=value).values("event_id")
        return queryset.filter(id__in=links)

    def filter_actors(self, queryset, name, value):
        if not value:
            return queryset
        links = Event.actors.through.objects.filter(actor__in=value).values("event_id")
        return queryset.filter(id__in=links)

    def filter_organizations(self, queryset, name, value):
        if not value:
            return queryset
        links = Event.organizations.through.objects.filter(organization__in=value).values("event_id")
        return queryset.filter(id__in=links)

    def filter_topics(self, queryset, name, value):
        if not value:
            return queryset
        links = Event.topics.through.objects.filter(topic__in=value).values("event_id")
        return queryset.filter(id__in=links)

    def filter_from(self, queryset, name, value):
        # Intervals overlapping [from, to]: an event in "spring 2001" matches a filter from 15 April.
        return queryset.filter(date_end__gte=value)

    def filter_to(self, queryset, name, value):
        return queryset.filter(date_start__lte=value)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Actors by name, or by name key so that spelling variants meet ("Schroeder" finds Schröder,
        # "Sergeyev" finds Igor Sergeev): events.extraction.namekey.name_key.
        actor_match = Q(actor__name__icontains=value)
        key = name_key(value)
        if len(key) >= 3:
            actor_match |= Q(actor__name_key__contains=key)
        actor_links = Event.actors.through.objects.filter(actor_match).values("event_id")
        return queryset.filter(
            Q(sentence__icontains=value)
            | Q(summary__icontains=value)
            | Q(thread__title__icontains=value)
            | Q(id__in=actor_links)
        )


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


def input_notes(params, filterset):
    """Human-readable notes about parameters that were ignored: unknown names and invalid values."""
    notes = []
    known = set(filterset.filters) | CONTROL_PARAMS
    for name in params:
        if name not in known:
            notes.append(f"Ignored unknown parameter “{name[:40]}”.")
    if filterset.is_bound and not filterset.form.is_valid():
        for name, errors in filterset.form.errors.items():
            label = filterset.form.fields[name].label if name in filterset.form.fields else name
            notes.append(f"Ignored {label}: {' '.join(errors)}")
    if filterset.is_bound and filterset.form.is_valid():
        start, end = filterset.form.cleaned_data.get("date_from"), filterset.form.cleaned_data.get("date_to")
        if start and end and start > end:
            notes.append(f"“From” ({start:%d %b %Y}) is after “To” ({end:%d %b %Y}): no event can fall in that range.")
    return notes


class ActorSuggestForm(forms.Form):
    actor_q = forms.CharField(max_length=100, required=False)
