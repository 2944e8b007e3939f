"""The admin list filters: yes/no filters (corrected, actors to review, has a country, has mentions),
pick-one filters by article or issue, and low confidence."""
from django.contrib import admin
from django.db.models import Q

from events.models import Article, Event, Issue


class YesNoFilter(admin.SimpleListFilter):
    """A yes/no list filter: subclasses say which rows are "yes" as a Q on the model (`condition`)."""

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def condition(self, model):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(self.condition(queryset.model))
        if self.value() == "no":
            return queryset.exclude(self.condition(queryset.model))
        return queryset


class CorrectedFilter(YesNoFilter):
    title = "corrected by an editor"
    parameter_name = "corrected"

    def condition(self, model):
        return ~Q(corrected_fields=[])


class ActorsNeedReviewFilter(YesNoFilter):
    title = "actors need review"
    parameter_name = "actors_review"

    def condition(self, model):
        return Q(pk__in=Event.objects.filter(actors__needs_review=True).values("pk"))


class HasCountryFilter(YesNoFilter):
    title = "has a country"
    parameter_name = "has_country"

    def condition(self, model):
        # Subqueries, so that "yes" gives each row once and "no" is its exact complement.
        return Q(pk__in=Event.countries.through.objects.values("event_id"))


class HasEventsFilter(YesNoFilter):
    title = "has events"
    parameter_name = "has_events"

    def condition(self, model):  # actors, countries and topics alike
        return Q(pk__in=model.objects.filter(events__isnull=False).values("pk"))


class _PickOneFilter(admin.SimpleListFilter):
    """A filter by one related row given by id (?article=12): the sidebar lists the latest few and the chosen
    one, not every row of the archive; a value that is not an id filters nothing (never a 500)."""

    model = None
    latest = 15

    def _chosen(self):
        value = self.value()
        return int(value) if value and value.isdigit() and len(value) < 19 else None

    def lookups(self, request, model_admin):
        rows = list(self.model.objects.order_by("-pk")[:self.latest])
        chosen = self._chosen()
        if chosen is not None and chosen not in {row.pk for row in rows}:
            rows += list(self.model.objects.filter(pk=chosen))
        return [(str(row.pk), self.label(row)) for row in rows]

    def label(self, row):
        return str(row)

    def queryset(self, request, queryset):
        chosen = self._chosen()
        return queryset.filter(**{self.field: chosen}) if chosen is not None else queryset


class ArticleFilter(_PickOneFilter):
    title = "article"
    parameter_name = "article"
    model = Article
    field = "article_id"

    def label(self, row):
        return f"#{row.pk} {str(row)[:60]}"


class IssueFilter(_PickOneFilter):
    title = "issue"
    parameter_name = "issue"
    model = Issue
    field = "article__issue_id"


class LowConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", "below 0.6"), ("high", "0.6 or more")]

    def queryset(self, request, queryset):
        field = "date_confidence" if queryset.model is Issue else "confidence"
        if self.value() == "low":
            return queryset.filter(**{f"{field}__lt": 0.6})
        if self.value() == "high":
            return queryset.filter(**{f"{field}__gte": 0.6})
        return queryset
