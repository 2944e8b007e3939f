"""The data version bumped without deferred triggers on the pages' tables.

0001 put deferred constraint triggers on the events tables. PostgreSQL refuses ALTER TABLE / CREATE
INDEX on a table with pending deferred trigger events, so any later migration that changes rows and then
the schema of one of those tables in one transaction failed ("cannot CREATE INDEX "events_actor" because
it has pending trigger events"). Now:

* each pages' table has a plain AFTER ... FOR EACH STATEMENT trigger (nothing pending) that, once per
  transaction, inserts the transaction id into the small table monitor_data_dirty;
* a deferred constraint trigger on monitor_data_dirty alone bumps the sequence monitor_data_version when
  the transaction commits (so a page rendered while the write is in progress is still never cached under
  the new version) and removes the row.

A rolled-back transaction (or savepoint) leaves nothing behind. Databases that applied 0001 before this
migration existed: run `manage.py migrate pagecache` before migrating other apps.
"""
from django.db import migrations

SEQUENCE = "monitor_data_version"
TABLES = ("events_issue", "events_article", "events_thread", "events_event", "events_event_actors",
          "events_event_countries", "events_event_topics", "events_actor", "events_actoralias",
          "events_country", "events_countryalias", "events_topic")

SETUP = f"""
CREATE SEQUENCE IF NOT EXISTS {SEQUENCE};
CREATE TABLE IF NOT EXISTS monitor_data_dirty (txid bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION monitor_mark_data_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('monitor.data_dirty', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('monitor.data_dirty', txid_current()::text, true);
        INSERT INTO monitor_data_dirty (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION monitor_bump_data_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('{SEQUENCE}');
    DELETE FROM monitor_data_dirty WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS monitor_data_version_bump ON monitor_data_dirty;
CREATE CONSTRAINT TRIGGER monitor_data_version_bump AFTER INSERT ON monitor_data_dirty
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION monitor_bump_data_version_at_commit();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SETUP)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_version_{table} ON {table}")  # 0001's
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_dirty_{table} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER monitor_data_dirty_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_data_dirty()")
    schema_editor.execute("DROP FUNCTION IF EXISTS monitor_bump_data_version()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_dirty_{table} ON {table}")
    schema_editor.execute("DROP TABLE IF EXISTS monitor_data_dirty")
    schema_editor.execute("DROP FUNCTION IF EXISTS monitor_mark_data_dirty()")
    schema_editor.execute("DROP FUNCTION IF EXISTS monitor_bump_data_version_at_commit()")


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0002_page_indexes")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
