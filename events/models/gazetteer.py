"""The gazetteers as stored: countries with their aliases, international organizations with their
aliases and dated memberships, actors with their aliases and dated roles, topics with their keywords
(events.services.gazetteer_sync loads them from events/extraction/data/)."""
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.extraction.namekey import name_key


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
