"""Indexes for the public pages at archive scale (a million events), PostgreSQL only.

Raw SQL because the m2m link tables are Django's automatic ones (no Meta to declare them in), and kept in
this app so that they never collide with the events app's migration numbering.

* link tables (country_id, event_id), (actor_id, event_id), (topic_id, event_id): "events of these
  countries/actors/topics" (the filters, facets, entity pages) become index-only scans; the existing
  single-column indexes make PostgreSQL visit the heap for every link row (Bitmap Heap Scan).
* events: (COALESCE(thread_id, id * -1), date_start, id) INCLUDE (thread_id) WHERE NOT hidden: the
  "representative mention of each happening" window (ROW_NUMBER() OVER (PARTITION BY COALESCE(thread_id,
  -id) ORDER BY date_start, id), events/selectors) reads this index in order, index-only, instead of
  sorting every visible mention (which spilled to disk at a million: external merge, 33 MB). See
  docs/pages.md for EXPLAIN ANALYZE before and after.
"""
from django.db import migrations

INDEXES = {
    "events_event_countries_country_event_idx": "events_event_countries (country_id, event_id)",
    "events_event_actors_actor_event_idx": "events_event_actors (actor_id, event_id)",
    "events_event_topics_topic_event_idx": "events_event_topics (topic_id, event_id)",
    "event_happening_order_idx":
        "events_event ((COALESCE(thread_id, id * -1)), date_start, id) INCLUDE (thread_id) WHERE NOT hidden",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0001_data_version"), ("events", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
