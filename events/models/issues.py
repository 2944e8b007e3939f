"""Issues and their publication calendar: an issue's inferred (or editor-set) date with its evidence, the
weekdays of a volume's calendar (publication day or break, and who says so) and each volume's last fit
(events.services.calendar writes them)."""
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Issue(models.Model):
    class DateMethod(models.TextChoices):
        CALENDAR = "calendar", "fitted calendar (no dated evidence of its own)"
        CONFIRMED = "calendar+evidence", "fitted calendar, agrees with the dates the text cites"
        EVIDENCE = "evidence", "the archive's evidence moved it off the prior calendar"
        EDITOR = "editor", "set by an editor"

    volume = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    date = models.DateField(help_text="Inferred (or editor-set) publication date.")
    date_method = models.CharField(max_length=20, choices=DateMethod.choices, default=DateMethod.CALENDAR)
    date_confidence = models.FloatField(default=0.0)
    date_note = models.TextField(blank=True, help_text="How the date was obtained, in words.")
    date_earliest = models.DateField(null=True, blank=True, help_text="Earliest plausible date (calendar fit).")
    date_latest = models.DateField(null=True, blank=True, help_text="Latest plausible date (calendar fit).")
    # Nullable (no database default needed: bulk loaders that COPY issues leave them empty until the fit).
    date_evidence = models.JSONField(null=True, blank=True, default=list, help_text="The dating evidence, one line each.")
    date_warnings = models.JSONField(null=True, blank=True, default=list, help_text="Problems found while dating it.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["date_evidence", "date_warnings", "date_earliest", "date_latest"])

    class Meta:
        ordering = ["volume", "number"]
        constraints = [
            models.UniqueConstraint(fields=["volume", "number"], name="issue_unique_volume_number"),
        ]

    def __str__(self):
        return f"Vol {self.volume} No {self.number} ({self.date:%d %b %Y})"

    @property
    def date_set_by_editor(self):
        return self.date_method == self.DateMethod.EDITOR


class CalendarDay(models.Model):
    """One weekday of a volume's publication calendar: an issue or none, and who says so.

    Rows with source "editor" are editors' statements and are never changed by the fit; the others are
    the fit's output (events.services.calendar), rewritten when the volume is fitted again."""

    class Kind(models.TextChoices):
        PUBLICATION = "publication", "publication day"
        BREAK = "break", "no issue (break)"
        PUBLISHED_HOLIDAY = "published-holiday", "holiday with an issue"

    class Source(models.TextChoices):
        BUILTIN = "builtin", "built-in knowledge"
        INFERRED = "inferred", "inferred from the archive"
        PRIOR = "prior", "prior (neighbouring volume or federal calendar)"
        EDITOR = "editor", "editor"

    volume = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.INFERRED)
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Issue number on a publication day.")
    note = models.TextField(blank=True, help_text="Why: the fact, the evidence or the editor's reason.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["volume", "date"]
        constraints = [models.UniqueConstraint(fields=["volume", "date"], name="calendar_day_unique")]

    def __str__(self):
        return f"Vol {self.volume} {self.date:%a %d %b %Y}: {self.get_kind_display()} ({self.source})"


class VolumeCalendar(models.Model):
    """A volume's last fit: when, up to which issue, its warnings."""

    volume = models.PositiveSmallIntegerField(unique=True, validators=[MinValueValidator(1)])
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveSmallIntegerField(default=0)
    fitted_at = models.DateTimeField(auto_now=True)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["volume"]

    def __str__(self):
        return f"Volume {self.volume} ({self.year})"
