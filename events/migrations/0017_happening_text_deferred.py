"""Search documents: a batch ingest may defer their recompute to once per batch
(events_happeningtext_flush_deferred; events/services/happening_text.py), and a recompute upserts."""

from django.db import migrations


def forwards(apps, schema_editor):
    from events.services import happening_text

    happening_text.install(schema_editor.connection)  # CREATE OR REPLACE of the functions, triggers again


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0016_event_type_election'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
