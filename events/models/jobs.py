"""Background jobs and their items (events.services.jobs; run by `manage.py jobs_worker`)."""
from django.db import models
from django.urls import reverse


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
