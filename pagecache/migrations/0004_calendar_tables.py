"""The publication calendar's tables (events 0010) mark the data dirty too, as 0003 does for the others:
the /calendar/ page reads them, and an editor's calendar day may change no issue row."""
from django.db import migrations

TABLES = ("events_calendarday", "events_volumecalendar")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_dirty_{table} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER monitor_data_dirty_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_data_dirty()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_dirty_{table} ON {table}")


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0003_data_version_statement_triggers"), ("events", "0010_publication_calendar")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
