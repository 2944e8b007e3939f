"""Admin for the gazetteers: actors (with aliases and roles; merge two actors), countries, topics and
organizations, each with its mentions count."""
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events.admin.base import EventCountMixin, SafeHistoryAdmin
from events.admin.filters import HasEventsFilter
from events.forms import MergeActorsForm
from events.models import (
    Actor, ActorAlias, ActorRole, Country, CountryAlias, Organization, OrganizationAlias, OrganizationMembership,
    Topic, TopicKeyword,
)
from events.services import corrections


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
