"""The happening recompute without per-transaction scans of dead rows (events/services/happenings.py):
marked happenings carry their transaction id (indexed) and the flush deletes only its own; tallies that
reach zero are kept (readers skip them) instead of a scan of the tally table at every commit. PostgreSQL
only: the functions are replaced, the column and index added."""
from django.db import migrations


def forwards(apps, schema_editor):
    from events.services import happenings

    if schema_editor.connection.vendor == "postgresql":
        happenings.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [("events", "0012_happenings")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
