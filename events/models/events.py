"""Event mentions and threads: one Event per mention of a happening in one sentence of one article, one
Thread per real happening its mentions share (events.services.threads links them), with the choices
they use (granularity, the event types of the registry, status)."""
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.extraction.event_types import default_registry
from events.models.articles import Article
from events.models.gazetteer import Actor, Country, Organization, Topic


class Granularity(models.TextChoices):
    DAY = "day", "day"
    WEEK = "week", "week"
    MONTH = "month", "month"
    SEASON = "season", "season"
    QUARTER = "quarter", "quarter"
    HALF = "half", "half year"
    YEAR = "year", "year"
    DECADE = "decade", "decade"


# The event types are the registry's (events/extraction/data/event_types.json: code, label, flags,
# triggers); a type added there needs a migration for these choices (makemigrations --check fails until then).
EventType = models.TextChoices(
    "EventType", [(code.upper(), (code, label)) for code, label in default_registry().choices()])


class Status(models.TextChoices):
    OCCURRED = "occurred", "occurred"
    PLANNED = "planned", "planned"
    POSTPONED = "postponed", "postponed or cancelled"
    REPORTED = "reported", "reported or speculated"


class Thread(models.Model):
    """One real happening, mentioned by one or more Events, possibly across issues."""

    title = models.CharField(max_length=300)
    event_type = models.CharField(max_length=20, choices=EventType.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    date_start = models.DateField()
    date_end = models.DateField()
    granularity = models.CharField(max_length=10, choices=Granularity.choices)
    set_by_editor = models.BooleanField(default=False, help_text="Interval set by an editor: never recomputed.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_start", "date_end", "id"]
        indexes = [
            models.Index(fields=["date_start", "id"], name="thread_date_idx"),
            # Linking's candidate read: editors' threads may be of any length, so they are found apart.
            models.Index(fields=["date_start"], name="thread_editor_date_idx", condition=Q(set_by_editor=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(date_end__gte=models.F("date_start")), name="thread_interval_ordered"),
        ]

    def __str__(self):
        return self.title


class Event(models.Model):
    """One mention of a happening in one sentence of one article."""

    # Fields an editor may correct; re-processing leaves any listed in `corrected_fields` alone.
    CORRECTABLE_FIELDS = (
        "date_start", "date_end", "granularity", "event_type", "status", "summary",
        "actors", "countries", "topics", "hidden", "thread",
    )

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    # Identity of a machine mention inside its article, stable across re-processing runs.
    extraction_key = models.CharField(max_length=100)
    sentence_start = models.PositiveIntegerField(help_text="Offset of the sentence in the article body.")
    sentence_end = models.PositiveIntegerField()
    sentence = models.TextField(help_text="The whole source sentence, exactly as in the article.")
    date_text = models.CharField(max_length=200, help_text="The time expression that dates the event.")
    date_text_start = models.PositiveIntegerField(help_text="Offset of the phrase in the article body.")
    date_text_end = models.PositiveIntegerField()
    timex_value = models.CharField(max_length=50, blank=True)
    timex_mod = models.CharField(max_length=20, blank=True)
    anchor_date = models.DateField(help_text="Issue date the phrase was resolved against.")
    date_start = models.DateField()
    date_end = models.DateField()
    granularity = models.CharField(max_length=10, choices=Granularity.choices)
    event_type = models.CharField(max_length=20, choices=EventType.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    summary = models.CharField(max_length=300, blank=True)
    actors = models.ManyToManyField(Actor, blank=True, related_name="events")
    countries = models.ManyToManyField(Country, blank=True, related_name="events")
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    # Machine-set from the organizations named in the event's sentence (not an editor's field).
    organizations = models.ManyToManyField(Organization, blank=True, related_name="events")
    reported_dates = models.JSONField(default=list, blank=True, help_text="ISO dates of the source attributions.")
    confidence = models.FloatField(default=0.5)
    hidden = models.BooleanField(default=False, help_text="Not an event: hidden from the timeline.")
    # db_default: the bulk inserts (extraction, bulk_load) name their columns and leave these out.
    needs_review = models.BooleanField(default=False, db_default=False,
                                       help_text="An editor should look at it (see the note).")
    review_note = models.CharField(max_length=300, blank=True, db_default="")
    corrected_fields = models.JSONField(default=list, blank=True, help_text="Fields an editor set.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[actors, countries, topics])

    class Meta:
        ordering = ["date_start", "id"]
        indexes = [
            models.Index(fields=["date_start", "id"], name="event_date_idx"),
            models.Index(fields=["hidden", "date_start"], name="event_visible_date_idx"),
            # A thread's latest visible members (thread linking reads the participants of the last few).
            models.Index(fields=["thread", "id"], name="event_thread_visible_idx", condition=Q(hidden=False)),
            # A thread's latest visible member and its first with a summary (thread recompute).
            models.Index(fields=["thread", "anchor_date", "article", "sentence_start", "id"],
                         name="event_thread_order_idx", condition=Q(hidden=False)),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "extraction_key"], name="event_unique_mention"),
            models.CheckConstraint(condition=Q(date_end__gte=models.F("date_start")), name="event_interval_ordered"),
        ]

    def __str__(self):
        return f"{self.date_text}: {self.summary or self.sentence[:60]}"

    def get_absolute_url(self):
        return reverse("events:event", args=[self.pk])

    @property
    def corrected(self):
        return bool(self.corrected_fields)

    def is_corrected(self, field):
        return field in (self.corrected_fields or [])
