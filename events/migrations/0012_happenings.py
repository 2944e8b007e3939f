"""The happening table (events/services/happenings.py): one row per thread or thread-less visible mention with
what the pages filter, sort and count by, the archive's tallies, and the triggers that keep them equal to the
mentions in the same transaction; filled from the existing data here."""

import events.models
from django.db import migrations, models


def forwards(apps, schema_editor):
    from events.services import happenings

    happenings.install(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SELECT events_happening_refresh(NULL)")
    else:
        happenings.refresh_python(None, using=schema_editor.connection.alias)


def backwards(apps, schema_editor):
    from events.services import happenings

    happenings.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0011_article_versions_imports_review'),
    ]

    operations = [
        migrations.CreateModel(
            name='HappeningDirty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.BigIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='Happening',
            fields=[
                ('key', models.BigIntegerField(primary_key=True, serialize=False)),
                ('event_id', models.BigIntegerField(help_text='The representative mention: the earliest visible one.')),
                ('thread_id', models.BigIntegerField(null=True)),
                ('sort_date', models.DateField(help_text="The thread's start (a lone mention's own).")),
                ('end_date', models.DateField()),
                ('event_type', models.CharField(max_length=20)),
                ('status', models.CharField(max_length=20)),
                ('granularity', models.CharField(max_length=10)),
                ('confidence', models.FloatField(help_text="Its most certain visible mention's.")),
                ('mentions', models.PositiveIntegerField(help_text='Visible mentions.')),
                ('country_ids', events.models.IdArrayField(default=list)),
                ('actor_ids', events.models.IdArrayField(default=list)),
                ('topic_ids', events.models.IdArrayField(default=list)),
                ('org_ids', events.models.IdArrayField(default=list)),
            ],
            options={
                'indexes': [models.Index(fields=['sort_date', 'event_id'], name='happening_sort_idx'), models.Index(fields=['end_date'], name='happening_end_idx')],
            },
        ),
        migrations.CreateModel(
            name='HappeningTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=10)),
                ('value', models.CharField(max_length=40)),
                ('n', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('kind', 'value'), name='happening_tally_unique')],
            },
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
