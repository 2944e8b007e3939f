"""What every editors' admin page shares: simple_history's admin answering 404 for ids that are not
primary keys, the sortable "mentions" count column, and the helpers for error messages and history diffs."""
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from events.models import Event


def _readable(change):
    """A history diff entry with m2m rows as names, for the revert page."""
    field = Event._meta.get_field(change.field)
    if not field.many_to_many:
        return {"field": change.field, "old": change.old, "new": change.new}
    model, key = field.related_model, field.m2m_reverse_field_name()
    names = dict(model.objects.filter(pk__in={row[key] for row in [*change.old, *change.new]})
                 .values_list("pk", "name"))

    def text(rows):
        return ", ".join(sorted(names.get(row[key], f"#{row[key]} (deleted)") for row in rows)) or "—"

    return {"field": change.field, "old": text(change.old), "new": text(change.new)}


def _object_id_or_404(model_admin, object_id):
    """A history or revert URL's object id, 404 (not a 500) when it is not a valid primary key ("abc", "1x")."""
    from django.http import Http404

    try:
        model_admin.model._meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404(f"No {model_admin.model._meta.verbose_name} with id {object_id!r}.") from None
    return object_id


class SafeHistoryAdmin(SimpleHistoryAdmin):
    """simple_history's admin, with non-numeric ids in its history URLs answered 404 instead of a 500."""

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, _object_id_or_404(self, object_id), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return super().history_form_view(request, _object_id_or_404(self, object_id), version_id, extra_context)


def _errors(exc):
    return "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


class EventCountMixin:
    """A sortable "mentions" column: how many event mentions each row has, counted in the list's own query
    (one annotation, no query per row). list_prefetch: relations the list shows, fetched alongside."""
    list_prefetch = []

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(n_events=Count("events", distinct=True))
        return queryset.prefetch_related(*self.list_prefetch) if self.list_prefetch else queryset

    @admin.display(description="mentions", ordering="n_events")
    def event_count(self, obj):
        return obj.n_events
