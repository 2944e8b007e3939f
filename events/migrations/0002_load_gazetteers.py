"""Load the gazetteer data files (countries, actors, topics) so a fresh database has them.

Runs the same idempotent sync as `manage.py load_gazetteers`, with this migration's models. It reads the
files as they are when the migration runs; later changes to the files reach an existing database with
`manage.py load_gazetteers` (which never deletes what editors added). Reversing it leaves the rows.
"""
from django.db import migrations


def load(apps, schema_editor):
    from events.services.gazetteer import migration_models, read_gazetteer_files, sync_gazetteer

    sync_gazetteer(read_gazetteer_files(), migration_models(apps))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
