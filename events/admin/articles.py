"""Admin for issues (date corrections through events.services.corrections), articles (versions) and
imports (undo an import: events.services.versions.undo_import)."""
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from events.admin.base import SafeHistoryAdmin
from events.admin.filters import LowConfidenceFilter
from events.forms import IssueCorrectionForm, UndoImportForm
from events.models import Article, Event, Import, Issue
from events.services import corrections, versions


@admin.register(Issue)
class IssueAdmin(SafeHistoryAdmin):
    form = IssueCorrectionForm
    list_display = ["__str__", "volume", "number", "date", "date_method", "date_confidence", "article_count"]
    list_filter = ["volume", "date_method", LowConfidenceFilter]
    search_fields = ["=volume", "=number", "date_note"]
    readonly_fields = ["volume", "number", "date_method", "date_confidence", "created_at"]
    fields = ["volume", "number", "date", "date_method", "date_confidence", "date_note", "change_reason",
              "created_at"]
    date_hierarchy = "date"
    history_list_display = ["date", "date_method", "date_confidence"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    def has_add_permission(self, request):
        return False  # issues come from ingest

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        if change and "date" in form.changed_data:
            fresh = Issue.objects.get(pk=obj.pk)
            corrections.correct_issue_date(fresh, form.cleaned_data["date"], user=request.user, reason=reason,
                                           reprocess=False)
            if "date_note" in form.changed_data and form.cleaned_data["date_note"].strip():
                fresh.refresh_from_db()
                fresh.date_note = form.cleaned_data["date_note"]
                fresh._change_reason = reason or "note edited"
                fresh.save()
            obj.refresh_from_db()
            from events.services.jobs import create_redate_job

            job = create_redate_job(obj, request.user)
            if job.finished:
                self.message_user(request, "Date set by an editor; the issue's articles were processed again.")
            else:
                self.message_user(request, format_html(
                    'Date set by an editor; the issue\'s articles are processed again in <a href="{}">{}</a>.',
                    job.get_absolute_url(), job))
        else:
            obj._history_user = request.user
            obj._change_reason = reason or "edited"
            obj.save()


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "position", "source_name", "event_count", "processed_at"]
    list_filter = ["issue__volume", ("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["headline", "body", "source_name", "=issue__number"]
    list_select_related = ["issue"]
    readonly_fields = ["issue", "position", "headline", "body", "source_name", "content_hash",
                       "ingested_at", "processed_at", "version", "import_run", "events_link", "version_list"]
    actions = ["reprocess_articles", "delete_selected"]

    @admin.display(description="earlier versions")
    def version_list(self, obj):
        rows = [(v.number, f"{v.ingested_at:%Y-%m-%d %H:%M}", v.source_name) for v in obj.versions.all()]
        if not rows:
            return "—"
        return format_html_join(format_html("<br>"), "version {} — ingested {} from {}", rows)

    # Deleting an article deletes its event mentions with it (issue 14): allowed to whoever may delete
    # articles and events (the Event admin itself offers no delete: re-processing would bring a deleted
    # mention back; mark it "not an event" there instead).
    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("events.delete_article") and request.user.has_perm("events.delete_event")

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if request.user.has_perm("events.delete_event"):
            perms_needed = {name for name in perms_needed if name != Event._meta.verbose_name}
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        versions.delete_article(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            versions.delete_article(article, user=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_events=Count("events"))

    @admin.display(description="events", ordering="n_events")
    def event_count(self, obj):
        return obj.n_events

    @admin.display(description="events")
    def events_link(self, obj):
        url = reverse("admin:events_event_changelist") + f"?article__id__exact={obj.pk}"
        return format_html('<a href="{}">{} event mention(s)</a>', url, obj.events.count())

    def has_add_permission(self, request):
        return False  # articles come from ingest (or the import page)

    def has_change_permission(self, request, obj=None):
        return False  # the source text is never edited; correct its events instead

    def has_reprocess_permission(self, request):
        return request.user.has_perm("events.change_event")

    @admin.action(description="Process the selected articles again (corrections are kept)",
                  permissions=["reprocess"])
    def reprocess_articles(self, request, queryset):
        from events.services.jobs import create_reprocess_job

        job = create_reprocess_job(queryset.values_list("pk", flat=True), request.user)
        if job.finished:
            self.message_user(request, f"{len(job.items.values_list('pk'))} batch(es) of articles processed again "
                                       f"({job.message}).")
        else:
            self.message_user(request, format_html('Queued as <a href="{}">{}</a>: the articles are processed '
                                                   "again in the background.", job.get_absolute_url(), job))


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    """Each ingest run or upload, what it added, and "Undo this import" (events.services.versions.undo_import)."""

    list_display = ["__str__", "kind", "user", "description", "articles_new", "versions_new", "undone_at"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["kind", "user", "started_at", "description", "articles_new", "versions_new", "summary",
                       "article_list", "undone_at", "undone_by", "undo_reason", "undo_summary"]
    fields = readonly_fields
    actions = ["undo_import"]

    @admin.display(description="articles it brought")
    def article_list(self, obj):
        rows = [(reverse("admin:events_article_change", args=[a.pk]), a.pk, str(a)[:80], a.version)
                for a in obj.articles.all()[:200]]
        if not rows:
            return "—"
        return format_html_join(format_html("<br>"), '<a href="{}">#{} {}</a> (version {})', rows)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an import's record stays: undo it instead

    def has_undo_permission(self, request):
        return request.user.has_perm("events.delete_article") and request.user.has_perm("events.delete_event")

    @admin.action(description="Undo the selected import (remove what it added)…", permissions=["undo"])
    def undo_import(self, request, queryset):
        imports = list(queryset)
        if len(imports) != 1:
            self.message_user(request, "Select exactly one import to undo.", messages.WARNING)
            return None
        import_run = imports[0]
        form = UndoImportForm(request.POST if "undo_confirm" in request.POST else None)
        if "undo_confirm" in request.POST and form.is_valid():
            try:
                summary = versions.undo_import(import_run, user=request.user, reason=form.cleaned_data["reason"])
            except versions.UndoError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"{import_run} undone: {summary}")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo {import_run}", "opts": self.opts, "form": form, "import_run": import_run,
            "articles": import_run.articles.all()[:200],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/import/undo.html", context)
