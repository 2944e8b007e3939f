"""Articles, the earlier texts of re-ingested articles (versions) and the ingest runs (imports) that
brought them, with their undo (events.services.ingest; events.services.versions: versions and undo_import)."""
from django.db import models
from django.urls import reverse

from events.models.issues import Issue


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
