"""The counts version (events/selectors/counts.py): one row, bumped in the same transaction as any write to the
happening table, which changes only when something countable changes (events/services/happenings.py). Cached
counts are keyed by it. A plain statement trigger (nothing deferred): the happening table is itself written
when the recompute runs (at commit, or when a reader in the writing transaction asks for it), and the row's
lock is held from then to the commit, as the tallies' rows already are."""
from django.db import migrations

SETUP = """
CREATE TABLE IF NOT EXISTS monitor_counts_version (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
INSERT INTO monitor_counts_version (id, n) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION monitor_bump_counts_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE monitor_counts_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS monitor_counts_version ON events_happening;
CREATE TRIGGER monitor_counts_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events_happening
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_bump_counts_version();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SETUP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS monitor_counts_version ON events_happening")
    schema_editor.execute("DROP FUNCTION IF EXISTS monitor_bump_counts_version()")
    schema_editor.execute("DROP TABLE IF EXISTS monitor_counts_version")


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0004_calendar_tables"), ("events", "0013_happening_recompute_dead_rows")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
