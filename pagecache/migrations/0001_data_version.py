"""The data version sequence and its triggers (pagecache/version.py). PostgreSQL only; nothing elsewhere.

Superseded by 0003 (deferred triggers on the pages' tables blocked later migrations), which removes
these triggers; kept as it ran.

Each trigger is a deferred constraint trigger: it runs when the writing transaction commits (so a page
rendered while a write is in progress is never cached under the new version), and bumps the sequence
once per transaction whatever the number of rows (a transaction-local setting remembers it did).
"""
from django.db import migrations

SEQUENCE = "monitor_data_version"
# The tables the public pages read (as pagecache/version.py lists them at this migration).
TABLES = ("events_issue", "events_article", "events_thread", "events_event", "events_event_actors",
          "events_event_countries", "events_event_topics", "events_actor", "events_actoralias",
          "events_country", "events_countryalias", "events_topic")

FUNCTION = f"""
CREATE OR REPLACE FUNCTION monitor_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('monitor.data_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('monitor.data_version_bumped', txid_current()::text, true);
        PERFORM nextval('{SEQUENCE}');
    END IF;
    RETURN NULL;
END $$;
"""


def trigger_sql(table):
    return (f"CREATE CONSTRAINT TRIGGER monitor_data_version_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION monitor_bump_data_version();")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_version_{table} ON {table}")
        schema_editor.execute(trigger_sql(table))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_version_{table} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS monitor_bump_data_version()")
    schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
