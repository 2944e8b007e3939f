"""The happenings' search documents (events/services/happening_text.py; PostgreSQL): a tsvector per
happening with a GIN index, the triggers that keep it with the mentions, filled from the existing data
(about 17 s at a million mentions). SQLite gets the (unused) tables only."""

import events.models
from django.db import migrations, models


def forwards(apps, schema_editor):
    from events.services import happening_text

    if schema_editor.connection.vendor == "postgresql":
        happening_text.install(schema_editor.connection)
        schema_editor.execute("SELECT events_happeningtext_refresh(NULL)")
        schema_editor.execute("ANALYZE events_happeningtext")


def backwards(apps, schema_editor):
    from events.services import happening_text

    happening_text.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0014_happening_mark_function'),
    ]

    operations = [
        migrations.CreateModel(
            name='HappeningText',
            fields=[
                ('key', models.BigIntegerField(primary_key=True, serialize=False)),
                ('document', events.models.TextDocumentField()),
            ],
        ),
        migrations.CreateModel(
            name='HappeningTextDirty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
