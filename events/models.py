"""The data model: issues, articles, gazetteers (countries, actors, topics), threads and event mentions.

Machine output and editors' corrections live side by side: every editable model keeps its history
(django-simple-history), and an Event records in `corrected_fields` which of its fields an editor set,
so that re-processing never overwrites them.
"""
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.extraction.namekey import name_key

from events.extraction.event_types import default_registry

# The largest id a BigAutoField holds: a larger number in a URL or a filter is invalid input, never a
# database error (SQLite overflows on it). The one limit for every id the site reads.
MAX_ID = 2**63 - 1


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
class Import(models.Model):
    """One ingest run (the command) or one upload (the import page): what it added, and its undo (issue 14)."""

    class Kind(models.TextChoices):
        COMMAND = "command", "manage.py ingest"
        UPLOAD = "upload", "import page"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    description = models.CharField(max_length=500, blank=True, help_text="The files or folders read.")
    articles_new = models.PositiveIntegerField(default=0)
    versions_new = models.PositiveIntegerField(default=0, help_text="Articles given a new version of their text.")
    summary = models.TextField(blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    undo_reason = models.TextField(blank=True)
    undo_summary = models.TextField(blank=True, help_text="What the undo removed.")
    job = models.ForeignKey("events.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="imports",
                            help_text="The import-page job that ran it.")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Import #{self.pk} ({self.get_kind_display()}, {self.started_at:%Y-%m-%d %H:%M})"


class Article(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="articles")
    position = models.PositiveSmallIntegerField(default=1, help_text="Order within the issue.")
    headline = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    source_name = models.CharField(max_length=255, help_text="File the article was read from.")
    content_hash = models.CharField(max_length=64, unique=True, help_text="sha256 of volume, issue and text.")
    ingested_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    calendar_evidence = models.JSONField(
        null=True, blank=True, help_text="Dating evidence in the text (events.extraction.calendar_evidence); "
                                         "null until read.")
    version = models.PositiveIntegerField(default=1, db_default=1, help_text="1 for the first text; older texts are its versions.")
    import_run = models.ForeignKey(Import, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles",
                                   help_text="The import that brought its current text.")

    class Meta:
        ordering = ["issue__volume", "issue__number", "position", "id"]

    def __str__(self):
        return self.headline or f"{self.issue}: article {self.position}"

    def get_absolute_url(self):
        return reverse("events:article", args=[self.pk])

    @property
    def title(self):
        return self.headline.rstrip(".").title() if self.headline else self.body[:80].rsplit(" ", 1)[0] + "…"


class ArticleVersion(models.Model):
    """An earlier text of an article, replaced by a re-ingested edited text (events.services.versions)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    headline = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    source_name = models.CharField(max_length=255)
    content_hash = models.CharField(max_length=64, db_index=True)
    ingested_at = models.DateTimeField()
    replaced_at = models.DateTimeField()
    import_run = models.ForeignKey(Import, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions")

    class Meta:
        ordering = ["article", "number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="article_version_unique")]

    def __str__(self):
        return f"{self.article} (version {self.number})"


class Country(models.Model):
    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166-1 alpha-2.")
    name = models.CharField(max_length=100, unique=True, help_text="Common English name as the news uses it.")
    official_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:country", args=[self.code])


class CountryAlias(models.Model):
    class Kind(models.TextChoices):
        NAME = "name", "name"
        ADJECTIVE = "adjective", "adjective"
        CAPITAL = "capital", "capital or seat of power"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NAME)

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "country aliases"
        constraints = [models.UniqueConstraint(fields=["text"], name="country_alias_unique_text")]

    def __str__(self):
        return self.text


class Organization(models.Model):
    """An international organization (UN, NATO, OSCE, CIS, SCO...): its own kind, not a country."""

    slug = models.SlugField(max_length=50, unique=True, help_text="Short key, used in URLs (?org=osce).")
    name = models.CharField(max_length=200, unique=True, help_text="Common English name as the news uses it.")
    kind = models.CharField(max_length=50, blank=True)
    founded = models.DateField(null=True, blank=True)
    dissolved = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Coverage and conventions of the membership data.")
    source = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField(Country, through="OrganizationMembership", related_name="organizations",
                                     blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizationAlias(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "organization aliases"
        constraints = [models.UniqueConstraint(fields=["text"], name="organization_alias_unique_text")]

    def __str__(self):
        return self.text


class OrganizationMembership(models.Model):
    """A state's membership of an organization over a date range (start empty: a member since before 1995,
    the data's coverage; end empty: still a member at the end of the coverage)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["organization", "country", "start"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "country"], name="organization_membership_unique"),
        ]

    def __str__(self):
        return f"{self.country} in {self.organization} ({self.start or '…'} – {self.end or '…'})"


class Actor(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="Canonical name.")
    # events.extraction.namekey.name_key(name): spelling variants meet ("Schroeder" = "Schröder"); set on save.
    # Search by it with name_key__contains=name_key(query) (the key has no spaces: a surname's key is inside).
    name_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="actors")
    description = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the gazetteer's facts come from.")
    needs_review = models.BooleanField(default=False, help_text="Found by the machine, not yet in the gazetteer.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:actor", args=[self.pk])


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)  # name_key(text)

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "actor aliases"
        constraints = [models.UniqueConstraint(fields=["actor", "text"], name="actor_alias_unique")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.text)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)


class ActorRole(models.Model):
    """An office held over a date range: "President of Russia", 2000-05-07 → (open)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["actor", "start"]

    def __str__(self):
        return f"{self.title} ({self.start or '…'} – {self.end or '…'})"


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TopicKeyword(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="keywords")
    text = models.CharField(max_length=100)

    class Meta:
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["topic", "text"], name="topic_keyword_unique")]

    def __str__(self):
        return self.text


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


class Job(models.Model):
    """A background job (events.services.jobs): an import of uploaded files, re-processing of articles, or
    the re-processing that follows an issue's new date. Its items are the units of progress and of the
    report (a file; a batch of articles). Run by `manage.py jobs_worker` processes (several may share the
    database), or at once in the request on SQLite (MONITOR_JOBS=inline)."""

    class Kind(models.TextChoices):
        IMPORT = "import", "import files"
        REPROCESS = "reprocess", "process articles again"
        REDATE = "redate", "re-date an issue"

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"
        CANCELLED = "cancelled", "cancelled"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    title = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life of its worker.")
    worker = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    cancel_requested = models.BooleanField(default=False)
    message = models.TextField(blank=True, help_text="Why it failed or stopped, in words.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    def get_absolute_url(self):
        return reverse("editor:job", args=[self.pk])


class JobItem(models.Model):
    """One unit of a job: an uploaded file (its bytes kept here, so a worker on any machine can read it) or
    a batch of article ids; with its outcome for the report."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        NEW = "new", "new"
        UNCHANGED = "unchanged", "unchanged"
        DONE = "done", "done"
        FAILED = "failed", "failed"
        SKIPPED = "skipped", "skipped (cancelled)"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    data = models.BinaryField(null=True, blank=True)
    article_ids = models.JSONField(default=list, blank=True)
    new = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="job_item_unique_position")]

    def __str__(self):
        return f"{self.name} ({self.status})"


# --- happenings: the timeline's unit, stored (events/services/happenings.py maintains it) -------------------

class IdArrayField(models.Field):
    """A list of ids: bigint[] on PostgreSQL (GIN-indexed, `&&` for "any of"), JSON text elsewhere."""

    description = "list of ids"

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        if isinstance(value, str):
            import json

            return json.loads(value)
        return list(value)

    def to_python(self, value):
        return self.from_db_value(value, None, None)

    def get_db_prep_value(self, value, connection, prepared=False):
        ids = [int(v) for v in (value or [])]
        if connection.vendor == "postgresql":
            return ids
        import json

        return json.dumps(ids)


@IdArrayField.register_lookup
class IdsOverlap(models.Lookup):
    """`field__overlaps=[ids]`: the list holds ANY of the ids."""

    lookup_name = "overlaps"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = [int(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} && %s::bigint[]", [*params, ids]
        if not ids:
            return "1 = 0", params
        marks = ", ".join(["%s"] * len(ids))
        return f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value IN ({marks}))", [*params, *ids]


class Happening(models.Model):
    """One card of the timeline: a thread, or a visible mention without a thread, with what the pages filter,
    sort and count by. Derived data: kept equal to its mentions in the same transaction as they change
    (events/services/happenings.py: triggers mark the changed happenings, they are recomputed at commit)."""

    # the thread's id, or minus the mention's id for a mention without thread
    key = models.BigIntegerField(primary_key=True)
    event_id = models.BigIntegerField(help_text="The representative mention: the earliest visible one.")
    thread_id = models.BigIntegerField(null=True)
    sort_date = models.DateField(help_text="The thread's start (a lone mention's own).")
    end_date = models.DateField()
    event_type = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    granularity = models.CharField(max_length=10)
    confidence = models.FloatField(help_text="Its most certain visible mention's.")
    mentions = models.PositiveIntegerField(help_text="Visible mentions.")
    country_ids = IdArrayField(default=list)
    actor_ids = IdArrayField(default=list)
    topic_ids = IdArrayField(default=list)
    org_ids = IdArrayField(default=list)

    class Meta:
        indexes = [
            models.Index(fields=["sort_date", "event_id"], name="happening_sort_idx"),
            models.Index(fields=["end_date"], name="happening_end_idx"),
        ]

    def __str__(self):
        return f"happening {self.key} ({self.sort_date})"


class HappeningDirty(models.Model):
    """Happenings whose mentions changed in the running transaction (written by triggers, emptied at
    commit by the recompute)."""

    key = models.BigIntegerField()


class HappeningTally(models.Model):
    """How many happenings of the whole archive have each country, actor, topic, organization, type, status
    and (first month, last month) span: the unfiltered counts, kept with the happenings."""

    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=40)
    n = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="happening_tally_unique")]
