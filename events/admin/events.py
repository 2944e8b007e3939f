"""Admin for event mentions and threads: every change goes through events.services.corrections (recorded,
protected from re-processing); an event's history can be reverted field by field."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from events.admin.base import EventCountMixin, SafeHistoryAdmin, _errors, _object_id_or_404, _readable
from events.admin.filters import (
    ActorsNeedReviewFilter, ArticleFilter, CorrectedFilter, HasCountryFilter, IssueFilter, LowConfidenceFilter,
)
from events.forms import EventCorrectionForm, ReasonForm
from events.models import Event, Thread
from events.services import corrections


@admin.register(Event)
class EventAdmin(SafeHistoryAdmin):
    form = EventCorrectionForm
    list_display = ["__str__", "date_start", "date_end", "granularity", "event_type", "status", "issue",
                    "confidence", "is_corrected", "hidden"]
    list_filter = ["status", "event_type", "granularity", ("countries", admin.RelatedOnlyFieldListFilter),
                   HasCountryFilter, ActorsNeedReviewFilter, CorrectedFilter, "hidden", "needs_review",
                   LowConfidenceFilter, "article__issue__volume", IssueFilter, ArticleFilter]
    search_fields = ["sentence", "summary", "date_text", "actors__name", "countries__name", "topics__name"]
    list_select_related = ["article__issue"]
    autocomplete_fields = ["actors", "countries", "topics", "thread"]
    readonly_fields = ["source", "sentence", "date_text", "timex", "anchor_date", "interval", "confidence",
                       "reported_dates", "corrected_fields", "extraction_key", "review_note"]
    fieldsets = [
        ("Source", {"fields": ["source", "sentence", "date_text", "timex", "anchor_date", "confidence",
                               "reported_dates"]}),
        ("Date", {"fields": ["interval", "date_entry", ("date_start", "date_end"), "granularity"]}),
        ("Event", {"fields": ["event_type", "status", "summary", "actors", "countries", "topics", "thread",
                              "hidden"]}),
        ("Correction", {"fields": ["confirm", "change_reason", "corrected_fields", "review_note", "extraction_key"]}),
    ]
    actions = ["mark_not_event", "mark_is_event", "revert_latest"]
    history_list_display = ["date_start", "date_end", "granularity", "hidden"]
    object_history_list_template = "admin/events/event/history_list.html"

    # -- display
    @admin.display(description="issue", ordering="article__issue__date")
    def issue(self, obj):
        return obj.article.issue

    @admin.display(description="corrected", boolean=True)
    def is_corrected(self, obj):
        return obj.corrected

    @admin.display(description="article")
    def source(self, obj):
        url = reverse("admin:events_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a> — {}', url, obj.article, obj.article.issue)

    @admin.display(description="TIMEX3")
    def timex(self, obj):
        return " ".join(v for v in [obj.timex_value, obj.timex_mod] if v) or "—"

    @admin.display(description="current interval")
    def interval(self, obj):
        if not obj.pk:
            return "—"
        return str(corrections.DateInterval(obj.date_start, obj.date_end, obj.granularity))

    # -- permissions
    def has_add_permission(self, request):
        return False  # mentions come from extraction; editors correct them

    def has_delete_permission(self, request, obj=None):
        return False  # re-processing would bring a deleted mention back: mark it "not an event" instead

    def revert_disabled(self, request, obj=None):
        # simple_history's own revert form would bypass the corrections service: use our revert view.
        return True

    # -- saving: one history record per correction, through the service
    def save_model(self, request, obj, form, change):
        pass  # saved in save_related, together with the m2m fields

    def save_related(self, request, form, formsets, change):
        event = Event.objects.get(pk=form.instance.pk)
        reason = form.cleaned_data.get("change_reason", "")
        try:
            changed = corrections.correct_event(event, form.correction_values(), user=request.user,
                                                reason=reason)
            confirmed = corrections.confirm_event(event, user=request.user, reason=reason) \
                if form.cleaned_data.get("confirm") and not changed else []
        except ValidationError as exc:
            self.message_user(request, _errors(exc), messages.ERROR)
            return
        form.instance.refresh_from_db()
        if confirmed:
            self.message_user(request, "The machine's values are confirmed (recorded with your reason); the event "
                                       "leaves the review queue.")
        elif changed:
            event.refresh_from_db()
            note = f"Corrected: {', '.join(changed)}."
            if form.parsed_interval:
                note += f" “{form.cleaned_data['date_entry']}” → {form.parsed_interval}."
            self.message_user(request, note)
        else:
            self.message_user(request, "Nothing changed.", messages.WARNING)

    def construct_change_message(self, request, form, formsets, add=False):
        return [{"changed": {"fields": [f for f in form.changed_data if f not in ("change_reason", "confirm")]}}]

    # -- actions
    @admin.action(description="Mark the selected mentions as not an event (hide them)", permissions=["change"])
    def mark_not_event(self, request, queryset):
        n = corrections.mark_not_event(queryset, user=request.user, reason="marked as not an event from the list")
        self.message_user(request, f"{n} mention(s) hidden from the timeline.")

    @admin.action(description="Show the selected mentions on the timeline again", permissions=["change"])
    def mark_is_event(self, request, queryset):
        n = corrections.mark_not_event(queryset, user=request.user, hidden=False,
                                       reason="shown again from the list")
        self.message_user(request, f"{n} mention(s) shown on the timeline again.")

    @admin.action(description="Revert the latest editor change of the selected mentions", permissions=["change"])
    def revert_latest(self, request, queryset):
        done, failed = 0, []
        for event in queryset:
            try:
                corrections.revert_event(event, user=request.user, reason="reverted from the list")
                done += 1
            except ValidationError as exc:
                failed.append(f"#{event.pk}: {_errors(exc)}")
        if done:
            self.message_user(request, f"{done} mention(s) reverted.")
        if failed:
            self.message_user(request, "Not reverted: " + "; ".join(failed), messages.WARNING)

    # -- the revert view (linked from each row of the history page)
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("<path:object_id>/revert/<int:history_id>/", self.admin_site.admin_view(self.revert_view),
                 name="%s_%s_revert" % info),
        ] + super().get_urls()

    def revert_view(self, request, object_id, history_id):
        event = get_object_or_404(Event, pk=_object_id_or_404(self, object_id))
        if not self.has_change_permission(request, event):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        record = get_object_or_404(event.history.model, history_id=history_id, id=event.pk)
        previous = record.prev_record
        delta = record.diff_against(previous, included_fields=list(Event.CORRECTABLE_FIELDS)) if previous else None
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                fields = corrections.revert_event(event, user=request.user, reason=form.cleaned_data["reason"],
                                                  history_id=history_id)
            except ValidationError as exc:
                self.message_user(request, _errors(exc), messages.ERROR)
            else:
                self.message_user(request, f"Reverted: {', '.join(fields)}.")
                return HttpResponseRedirect(reverse("admin:events_event_history", args=[event.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revert a change of “{event}”",
            "opts": self.opts, "object": event, "original": event, "record": record, "previous": previous,
            "changes": [_readable(change) for change in delta.changes] if delta else [], "form": form,
        }
        return TemplateResponse(request, "admin/events/event/revert.html", context)


@admin.register(Thread)
class ThreadAdmin(EventCountMixin, SafeHistoryAdmin):
    list_display = ["title", "date_start", "date_end", "granularity", "event_type", "status", "set_by_editor",
                    "event_count"]
    list_filter = ["event_type", "status", "granularity", "set_by_editor"]
    search_fields = ["title", "events__sentence"]
    date_hierarchy = "date_start"
    fields = ["title", "event_type", "status", ("date_start", "date_end"), "granularity", "set_by_editor"]
    readonly_fields = ["set_by_editor"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_by_editor = True
            obj._history_user = request.user
            obj._change_reason = "created by an editor"
            obj.save()
            return
        fresh = Thread.objects.get(pk=obj.pk)
        try:
            corrections.correct_thread(fresh, {f: form.cleaned_data[f] for f in form.changed_data},
                                       user=request.user)
        except ValidationError as exc:
            self.message_user(request, _errors(exc), messages.ERROR)
        obj.refresh_from_db()
