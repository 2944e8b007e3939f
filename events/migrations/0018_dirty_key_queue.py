"""One dirty-key queue for the happening table and the search documents (events/services/dirty_keys.py):
one set of functions parameterised by the target, each target's refresher and marking triggers unchanged; a
batch ingest now defers the happenings' recompute with the documents'. The link tables' marking looks each
event up by its primary key. PostgreSQL only: functions replaced, the constraint triggers re-pointed, the
targets' former queue functions dropped; the tables are unchanged."""
from django.db import migrations


def forwards(apps, schema_editor):
    from events.services import happening_text, happenings

    if schema_editor.connection.vendor == "postgresql":
        happenings.install(schema_editor.connection)
        happening_text.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [("events", "0017_happening_text_deferred")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
