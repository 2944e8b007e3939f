"""The publication calendar's tables (events 0009) bump the data version too: the /calendar/ page reads them
(an editor's calendar day may change no issue row)."""
from django.db import migrations

TABLES = ("events_calendarday", "events_volumecalendar")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    import importlib

    trigger_sql = importlib.import_module("pagecache.migrations.0001_data_version").trigger_sql
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_version_{table} ON {table}")
        schema_editor.execute(trigger_sql(table))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS monitor_data_version_{table} ON {table}")


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0002_page_indexes"), ("events", "0009_publication_calendar")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
