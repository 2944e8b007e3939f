"""Full-text search over event mentions' sentences and summaries (events/selectors/search.py).

PostgreSQL: a GIN index on to_tsvector('english', sentence || ' ' || summary), the exact expression the
search queries use. SQLite: an FTS5 table (porter stemmer) over the same two columns, kept in step with
events_event by triggers. Other databases: nothing (search falls back to substring matching).
"""
from django.db import migrations

PG_INDEX = ("CREATE INDEX IF NOT EXISTS event_fulltext_idx ON events_event USING gin "
            "(to_tsvector('english'::regconfig, coalesce(sentence, '') || ' ' || coalesce(summary, '')))")
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_event_fts USING fts5(sentence, summary, content='events_event', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS events_event_fts_ai AFTER INSERT ON events_event BEGIN "
    "INSERT INTO events_event_fts(rowid, sentence, summary) VALUES (new.id, new.sentence, new.summary); END",
    "CREATE TRIGGER IF NOT EXISTS events_event_fts_ad AFTER DELETE ON events_event BEGIN "
    "INSERT INTO events_event_fts(events_event_fts, rowid, sentence, summary) "
    "VALUES ('delete', old.id, old.sentence, old.summary); END",
    "CREATE TRIGGER IF NOT EXISTS events_event_fts_au AFTER UPDATE OF sentence, summary ON events_event BEGIN "
    "INSERT INTO events_event_fts(events_event_fts, rowid, sentence, summary) "
    "VALUES ('delete', old.id, old.sentence, old.summary); "
    "INSERT INTO events_event_fts(rowid, sentence, summary) VALUES (new.id, new.sentence, new.summary); END",
    "INSERT INTO events_event_fts(events_event_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS events_event_fts_ai", "DROP TRIGGER IF EXISTS events_event_fts_ad",
    "DROP TRIGGER IF EXISTS events_event_fts_au", "DROP TABLE IF EXISTS events_event_fts",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [PG_INDEX] if vendor == "postgresql" else SQLITE if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (["DROP INDEX IF EXISTS event_fulltext_idx"] if vendor == "postgresql"
                  else SQLITE_DROP if vendor == "sqlite" else [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0008_organizations_name_keys"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
