from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "Monitor events"

    def ready(self):
        post_migrate.connect(_ensure_fulltext, sender=self)
        post_migrate.connect(_ensure_happening_triggers, sender=self)


def _ensure_fulltext(sender, using="default", **kwargs):
    """SQLite rebuilds a table to alter it, dropping its triggers: after every migrate, put the full-text
    table's triggers back (and re-index) if a later migration took them (migration 0009)."""
    from django.db import connections

    from events.selectors.search import ensure_sqlite_fulltext

    ensure_sqlite_fulltext(connections[using])


def _ensure_happening_triggers(sender, using="default", **kwargs):
    """The same for the happening table's marking triggers on SQLite (migration 0012)."""
    from django.db import connections

    from events.services.happenings import ensure_sqlite_triggers

    ensure_sqlite_triggers(connections[using])
