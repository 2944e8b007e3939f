"""Admin for the publication calendar: editors add or remove a no-issue day (or say a day had an issue).

Every save or delete goes through events.services.calendar, which fits the volume again and re-dates its
issues (relative dates re-resolved) in the same transaction; editor-pinned issue dates never move."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from events.forms import REASON_HELP
from events.models import CalendarDay, VolumeCalendar
from events.services import calendar as calendar_service


class CalendarDayForm(forms.ModelForm):
    kind = forms.ChoiceField(choices=[(CalendarDay.Kind.BREAK, "no issue that day (break)"),
                                      (CalendarDay.Kind.PUBLICATION, "an issue appeared that day")])
    reason = forms.CharField(required=False, max_length=200, help_text=REASON_HELP)

    class Meta:
        model = CalendarDay
        fields = ["volume", "date", "kind"]

    def clean(self):
        data = super().clean()
        volume, date = data.get("volume"), data.get("date")
        if volume and date:
            try:
                calendar_service._check_day(volume, date)
            except ValueError as error:
                raise ValidationError(str(error)) from None
        return data

    def validate_unique(self):
        pass  # an existing (fitted) row for the day is taken over by the editor's statement


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    form = CalendarDayForm
    list_display = ["date", "volume", "kind", "source", "number", "note"]
    list_filter = ["volume", "kind", "source"]
    search_fields = ["note", "=number"]
    date_hierarchy = "date"
    ordering = ["volume", "date"]

    def get_readonly_fields(self, request, obj=None):
        return ["volume", "date", "source", "number", "note"] if obj is not None else ["source", "number", "note"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["volume", "date", "kind", "reason"]
        return ["volume", "date", "kind", "source", "number", "note", "reason"]

    def save_model(self, request, obj, form, change):
        report = calendar_service.set_calendar_day(obj.volume, obj.date, form.cleaned_data["kind"], user=request.user,
                                                   reason=form.cleaned_data.get("reason", ""))
        saved = CalendarDay.objects.get(volume=obj.volume, date=obj.date)
        obj.pk = saved.pk
        obj.refresh_from_db()
        self.message_user(request, f"Volume {obj.volume} fitted again: {report.issues_redated} issue(s) re-dated, "
                                   f"{report.articles_reprocessed} article(s) re-resolved.")

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.source != CalendarDay.Source.EDITOR:
            return False  # the fit's own days are changed by stating the day, not deleted
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        report = calendar_service.clear_calendar_day(obj.volume, obj.date, user=request.user,
                                                     reason="editor's statement withdrawn")
        self.message_user(request, f"Editor's day withdrawn; Volume {obj.volume} fitted again: "
                                   f"{report.issues_redated} issue(s) re-dated.", messages.SUCCESS)

    def delete_queryset(self, request, queryset):
        for obj in queryset.filter(source=CalendarDay.Source.EDITOR):
            self.delete_model(request, obj)


@admin.register(VolumeCalendar)
class VolumeCalendarAdmin(admin.ModelAdmin):
    list_display = ["volume", "year", "last_number", "fitted_at"]
    readonly_fields = ["volume", "year", "last_number", "fitted_at", "warnings"]
    actions = ["fit_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Fit the selected volumes' calendars again")
    def fit_again(self, request, queryset):
        report = calendar_service.refit_volumes(list(queryset.values_list("volume", flat=True)))
        self.message_user(request, report.summary())
