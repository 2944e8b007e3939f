"""The happening marking triggers share one function (events_happening_mark(keys)) that records the keys a
statement touched and pends the recompute; the triggers only say which keys (events/services/happenings.py).
PostgreSQL only: the functions are replaced; behaviour unchanged."""
from django.db import migrations


def forwards(apps, schema_editor):
    from events.services import happenings

    if schema_editor.connection.vendor == "postgresql":
        happenings.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [("events", "0013_happening_recompute_dead_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
