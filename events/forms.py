"""Editors' forms: the admin's Event and Issue forms, the import upload and the actor merge."""
from django import forms

from events.models import Actor, Event, Issue
from events.services.corrections import DateParseError, parse_date_text

REASON_HELP = "Why you make this change (kept in the history with your name and the time)."
REASON_MAX_CHARS = 5000  # a paragraph or two; stored in a TextField


def reason_field(required=True, label="Reason for the change"):
    return forms.CharField(label=label, required=required, max_length=REASON_MAX_CHARS, help_text=REASON_HELP,
                           widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
                           error_messages={"required": "Give a reason: it is kept in the history."})

# Upload limits for the import page.
MAX_UPLOAD_BYTES = 1024 * 1024  # per file; a Monitor article is a few kilobytes
MAX_UPLOAD_FILES = 100  # Django's DATA_UPLOAD_MAX_NUMBER_FILES default


class EventCorrectionForm(forms.ModelForm):
    """Admin form for an Event: a date as text (or explicit start and end) and a change reason."""

    date_entry = forms.CharField(
        label="Date as text", required=False, max_length=200,
        help_text="For example “28 Dec 2000”, “December 28”, “late January 2001”, “spring 2001”, "
                  "“January 2001”, “2001”, “12-14 March 2001”; read relative to the issue date. "
                  "Leave empty to use the start and end below.")
    change_reason = reason_field()
    confirm = forms.BooleanField(
        label="Confirm the machine's values", required=False,
        help_text="Tick when the values shown are right: recorded as a correction (with your reason), it "
                  "takes the event off the review queue and protects the values from re-processing.")

    class Meta:
        model = Event
        fields = ["date_entry", "date_start", "date_end", "granularity", "event_type", "status",
                  "summary", "actors", "countries", "topics", "thread", "hidden", "confirm", "change_reason"]
        labels = {"hidden": "Not an event (hide from the timeline)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_interval = None

    def base_date(self):
        if self.instance.pk and self.instance.article_id:
            return self.instance.article.issue.date
        return None

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("date_entry") or "").strip()
        if text:
            self._read_date_entry(text, cleaned)
        start, end = cleaned.get("date_start"), cleaned.get("date_end")
        if start and end and end < start:
            self.add_error("date_end", "The end date is before the start date.")
        if self.instance.pk and not self.errors and not cleaned.get("confirm") and not self.changed_fields():
            # Not "changed successfully" with the reason silently dropped: the form comes back, reason kept.
            raise forms.ValidationError(
                "Nothing changed: change a value, or tick “Confirm the machine's values” to record that they "
                "are right. Your reason is still in the box below.", code="unchanged")
        return cleaned

    def _read_date_entry(self, text, cleaned):
        """The date box's text read against the issue date: it sets the interval (and clears the interval
        fields' own errors), or is the error."""
        try:
            interval = parse_date_text(text, self.base_date())
        except DateParseError as exc:
            self.add_error("date_entry", str(exc))
            return
        self.parsed_interval = interval
        cleaned["date_start"] = interval.start
        cleaned["date_end"] = interval.end
        cleaned["granularity"] = interval.granularity
        for field in ("date_start", "date_end", "granularity"):
            self.errors.pop(field, None)

    def changed_fields(self):
        """The correctable fields whose value differs from the stored one."""
        from events.services.corrections import _current, _normalise

        event = self.instance
        return [f for f, v in self.correction_values().items() if _normalise(f, v) != _current(event, f)]

    def correction_values(self):
        """The correctable fields as the editor left them (the service keeps only real changes)."""
        return {f: self.cleaned_data[f] for f in Event.CORRECTABLE_FIELDS if f in self.cleaned_data}


class IssueCorrectionForm(forms.ModelForm):
    change_reason = reason_field()

    class Meta:
        model = Issue
        fields = ["date", "date_note", "change_reason"]
        help_texts = {"date": "Changing the date marks it as set by an editor (confidence 1.0) and "
                              "re-resolves every relative date in the issue's articles."}


class ReasonForm(forms.Form):
    reason = reason_field(required=False, label="Reason")


class UndoImportForm(forms.Form):
    reason = reason_field(label="Reason for undoing this import")


class MergeActorsForm(ReasonForm):
    target = forms.ModelChoiceField(queryset=Actor.objects.none(), widget=forms.RadioSelect,
                                    label="Keep this actor", empty_label=None)

    def __init__(self, *args, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = actors if actors is not None else Actor.objects.none()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        # An empty file is one file's failure, reported by the ingest service, not the whole form's.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Monitor .txt files",
        help_text=f"One or more plain-text Monitor files, at most {MAX_UPLOAD_BYTES // 1024} KB each "
                  f"and {MAX_UPLOAD_FILES} at a time.")

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError("Choose at least one file.")
        if len(files) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(f"At most {MAX_UPLOAD_FILES} files at a time.")
        return files


__all__ = ["EventCorrectionForm", "ImportForm", "IssueCorrectionForm",
           "MergeActorsForm", "ReasonForm", "MAX_UPLOAD_BYTES", "MAX_UPLOAD_FILES"]
