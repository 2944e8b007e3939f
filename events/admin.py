"""The editors' admin. Every change to an Event, Issue or Thread goes through
events.services.corrections, so it is recorded (who, when, what, why) and protected from
re-processing; the history of every model is browsable (SimpleHistoryAdmin)."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events.forms import EventCorrectionForm, IssueCorrectionForm, MergeActorsForm, ReasonForm, UndoImportForm
from events.models import (
    Actor, ActorAlias, ActorRole, Article, Country, CountryAlias, Event, Import, Issue, Organization, OrganizationAlias,
    OrganizationMembership, Thread, Topic, TopicKeyword,
)
from events.services import corrections, versions

admin.site.site_header = "Monitor Timeline — editors"
admin.site.site_title = "Monitor Timeline editors"
admin.site.index_title = "Corrections and gazetteers"


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


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Issues and articles
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Events and threads
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Gazetteers
# ---------------------------------------------------------------------------------------------

class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


class ActorRoleInline(admin.TabularInline):
    model = ActorRole
    extra = 1
    fk_name = "actor"
    autocomplete_fields = ["country"]


@admin.register(Actor)
class ActorAdmin(EventCountMixin, SafeHistoryAdmin):
    inlines = [ActorAliasInline, ActorRoleInline]
    list_display = ["name", "country", "needs_review", "alias_list", "event_count"]
    list_filter = ["needs_review", ("country", admin.RelatedOnlyFieldListFilter), HasEventsFilter]
    search_fields = ["name", "aliases__text", "roles__title", "description"]
    autocomplete_fields = ["country"]
    actions = ["merge_actors", "mark_reviewed"]

    list_prefetch = ["aliases"]

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(a.text for a in obj.aliases.all())

    def save_model(self, request, obj, form, change):
        obj._change_reason = "edited in the admin"
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark the selected actors as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        n = 0
        for actor in queryset.filter(needs_review=True):
            actor.needs_review = False
            actor._history_user = request.user
            actor._change_reason = "reviewed"
            actor.save()
            n += 1
        self.message_user(request, f"{n} actor(s) marked as reviewed.")

    @admin.action(description="Merge the selected actors into one…", permissions=["change", "delete"])
    def merge_actors(self, request, queryset):
        actors = queryset.order_by("name")
        if actors.count() < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        form = MergeActorsForm(request.POST if "merge_confirm" in request.POST else None, actors=actors)
        if "merge_confirm" in request.POST and form.is_valid():
            target = form.cleaned_data["target"]
            others = [a for a in actors if a.pk != target.pk]
            names = ", ".join(a.name for a in others)
            n = corrections.merge_actors(target, others, user=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, f"Merged {names} into {target.name} ({n} mention(s) updated).")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors", "opts": self.opts, "form": form, "actors": actors,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/actor/merge.html", context)


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(EventCountMixin, SafeHistoryAdmin):
    inlines = [CountryAliasInline]
    list_display = ["name", "code", "official_name", "alias_list", "event_count"]
    list_filter = [HasEventsFilter, "aliases__kind"]
    search_fields = ["name", "=code", "official_name", "aliases__text"]

    list_prefetch = ["aliases"]

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return format_html_join(", ", "{}", ((a.text,) for a in obj.aliases.all()))


class TopicKeywordInline(admin.TabularInline):
    model = TopicKeyword
    extra = 1


@admin.register(Topic)
class TopicAdmin(EventCountMixin, SafeHistoryAdmin):
    inlines = [TopicKeywordInline]
    list_display = ["name", "slug", "keyword_list", "event_count"]
    list_filter = [HasEventsFilter]
    search_fields = ["name", "slug", "keywords__text"]
    prepopulated_fields = {"slug": ["name"]}

    list_prefetch = ["keywords"]

    @admin.display(description="keywords")
    def keyword_list(self, obj):
        return ", ".join(k.text for k in obj.keywords.all())



class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1


class OrganizationMembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    """International organizations (issue 11): aliases matched in the text, members with their dates."""

    inlines = [OrganizationAliasInline, OrganizationMembershipInline]
    list_display = ["name", "slug", "kind", "member_count", "event_count"]
    list_filter = [HasEventsFilter, "kind"]
    search_fields = ["name", "slug", "aliases__text"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_events=Count("events", distinct=True), n_members=Count("memberships", distinct=True))

    @admin.display(description="mentions", ordering="n_events")
    def event_count(self, obj):
        return obj.n_events

    @admin.display(description="members", ordering="n_members")
    def member_count(self, obj):
        return obj.n_members
from events import admin_calendar  # noqa: E402,F401  (publication calendar admin)
