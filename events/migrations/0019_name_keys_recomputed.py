"""The name key learned that a "yo" after a consonant is ё, often written "e" ("Seleznyov" = "Seleznev",
events/extraction/namekey.py): the keys already stored are recomputed, so that search, the actor filter and the
merging of unknown persons meet old and new rows alike. Only rows whose key changes are written; running it again
changes nothing."""
from django.db import migrations


def recompute(apps, schema_editor):
    from events.extraction.namekey import name_key

    Actor, ActorAlias = apps.get_model("events", "Actor"), apps.get_model("events", "ActorAlias")
    for model, field in ((Actor, "name"), (ActorAlias, "text")):
        changed = []
        for row in model.objects.only("id", field, "name_key").iterator(chunk_size=2000):
            key = name_key(getattr(row, field))[:200]
            if key != row.name_key:
                row.name_key = key
                changed.append(row)
        model.objects.bulk_update(changed, ["name_key"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [("events", "0018_dirty_key_queue")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=False)]
