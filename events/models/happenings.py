"""Happenings, the timeline's unit, stored: one row per thread or thread-less visible mention, the dirty
keys the triggers mark and the archive's tallies (events/services/happenings.py maintains them), with the
id-array field they use."""
from django.db import models


class IdArrayField(models.Field):
    """A list of ids: bigint[] on PostgreSQL (GIN-indexed, `&&` for "any of"), JSON text elsewhere."""

    description = "list of ids"

    def deconstruct(self):
        # migrations name it by the package's path (events.models re-exports it), as before the split
        name, _, args, kwargs = super().deconstruct()
        return name, "events.models.IdArrayField", args, kwargs

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


class TextDocumentField(models.Field):
    """A full-text document: tsvector on PostgreSQL; plain text elsewhere (unused there: SQLite searches its
    FTS5 table of mentions)."""

    description = "full-text document"

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "events.models.TextDocumentField", args, kwargs

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class HappeningText(models.Model):
    """A happening's search document (PostgreSQL): the sentences and summaries of its visible mentions and
    their articles' headlines as one tsvector, each text kept apart from the next so that a phrase never
    spans two of them. Derived data, kept with the mentions in their transaction like the happening table
    (events/services/happening_text.py); searched through a GIN index (events/selectors/search.py)."""

    key = models.BigIntegerField(primary_key=True)
    document = TextDocumentField()


class HappeningTextDirty(models.Model):
    """Happenings whose search document the running transaction changed (written by triggers, emptied at
    commit by the recompute)."""

    key = models.BigIntegerField()
