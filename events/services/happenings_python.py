"""The happenings recomputed in Python: SQLite's recompute (events.services.happenings.ensure_current calls
refresh_python), and the reference the PostgreSQL recompute (events_happening_refresh, the SQL in
events/services/happenings.py) is tested against (compute_rows, table_rows, tallies, expected_tallies).
The rules are the module doc of events/services/happenings.py.
"""
from __future__ import annotations

from collections import defaultdict

from django.db import connections

# The mentions' columns a happening is computed from; its id arrays (column, link table, target column);
# the tallies' kinds for the id arrays. The SQL of events/services/happenings.py uses the same.
_COLUMNS = "id, thread_id, date_start, date_end, event_type, status, granularity, confidence"
_LINKS = (("country_ids", "events_event_countries", "country_id"), ("actor_ids", "events_event_actors", "actor_id"),
          ("topic_ids", "events_event_topics", "topic_id"), ("org_ids", "events_event_organizations", "organization_id"))
_TALLY_ARRAYS = (("country", "country_ids"), ("actor", "actor_ids"), ("topic", "topic_ids"), ("org", "org_ids"))


def _chunks(items, size=500):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _tally_items(h):
    """[(kind, value)] a happening (a row dict) adds to the tallies."""
    items = [(kind, str(x)) for kind, column in _TALLY_ARRAYS for x in h[column]]
    items += [("type", h["event_type"]), ("status", h["status"]),
              ("span", f"{h['sort_date']:%Y-%m}/{h['end_date']:%Y-%m}")]
    return items


def _member_rows(keys, using) -> dict:
    """{happening key: [visible mention rows]} of the happenings `keys` (all when None)."""
    from django.db.models import Q

    from events.models import Event

    events = Event.objects.using(using).filter(hidden=False)
    if keys is None:
        batches = [events]
    else:
        batches = []
        for chunk in _chunks(keys):
            threads, lone = [k for k in chunk if k > 0], [-k for k in chunk if k < 0]
            batches.append(events.filter(Q(thread_id__in=threads) | Q(thread__isnull=True, id__in=lone)))
    members = defaultdict(list)
    for batch in batches:
        for row in batch.values(*_COLUMNS.split(", ")):
            members[row["thread_id"] or -row["id"]].append(row)
    return members


def _thread_values(thread_ids, using) -> dict:
    """{thread id: the thread's interval, type, status and granularity}."""
    from events.models import Thread

    thread_rows = {}
    for chunk in _chunks(thread_ids):
        for t in Thread.objects.using(using).filter(pk__in=chunk).values(
                "id", "date_start", "date_end", "event_type", "status", "granularity"):
            thread_rows[t["id"]] = t
    return thread_rows


def _link_ids(members, using) -> dict:
    """{happening key: {id array column: set of linked ids}}, the union over its mentions' link rows."""
    event_key = {row["id"]: key for key, rows in members.items() for row in rows}
    links = {key: {column: set() for column, _, _ in _LINKS} for key in members}
    for column, table, target in _LINKS:
        with connections[using].cursor() as cursor:
            for chunk in _chunks(event_key):
                cursor.execute(f"SELECT event_id, {target} FROM {table} WHERE event_id IN "
                               f"({', '.join(['%s'] * len(chunk))})", chunk)
                for event_id, target_id in cursor.fetchall():
                    links[event_key[event_id]][column].add(target_id)
    return links


def compute_rows(keys=None, using="default") -> dict:
    """{key: row dict} of the happenings `keys` (all when None) computed from the mentions, in Python: the
    reference the SQL recompute is tested against, and SQLite's recompute."""
    members = _member_rows(keys, using)
    thread_rows = _thread_values([k for k in members if k > 0], using)
    links = _link_ids(members, using)
    out = {}
    for key, rows in members.items():
        rep = min(rows, key=lambda r: (r["date_start"], r["id"]))
        source = thread_rows.get(rep["thread_id"], rep)
        out[key] = {
            "key": key, "event_id": rep["id"], "thread_id": rep["thread_id"], "sort_date": source["date_start"],
            "end_date": source["date_end"], "event_type": source["event_type"], "status": source["status"],
            "granularity": source["granularity"], "confidence": max(r["confidence"] for r in rows),
            "mentions": len(rows), **{column: sorted(ids) for column, ids in links[key].items()},
        }
    return out


_FIELDS = ["key", "event_id", "thread_id", "sort_date", "end_date", "event_type", "status", "granularity",
           "confidence", "mentions", *[c for c, _, _ in _LINKS]]


def _delete_happenings(keys, using, delta) -> None:
    """Deletes the happenings `keys` (all, with every tally, when None); what each one added to the tallies is
    taken off `delta`."""
    from events.models import Happening, HappeningTally

    old = Happening.objects.using(using)
    if keys is None:
        HappeningTally.objects.using(using).all().delete()
        old.all().delete()
        return
    for chunk in _chunks(keys):
        for h in old.filter(key__in=chunk).values(*_FIELDS):
            for item in _tally_items(h):
                delta[item] -= 1
        old.filter(key__in=chunk).delete()


def _stored_tallies(tallies, items) -> dict:
    """{(kind, value): HappeningTally} of the stored tallies among `items`."""
    existing = {}
    for kind in {k for k, _ in items}:
        values = [v for k, v in items if k == kind]
        for chunk in _chunks(values):
            for t in tallies.filter(kind=kind, value__in=chunk):
                existing[(t.kind, t.value)] = t
    return existing


def _apply_tallies(delta, using) -> None:
    """Adds `delta` {(kind, value): change} to the stored tallies (new rows for new items)."""
    from events.models import HappeningTally

    tallies = HappeningTally.objects.using(using)
    changed = {item: n for item, n in delta.items() if n}
    existing = _stored_tallies(tallies, changed)
    new = []
    for (kind, value), n in sorted(changed.items()):
        tally = existing.get((kind, value))
        if tally is None:
            new.append(HappeningTally(kind=kind, value=value, n=n))
        else:
            tally.n += n
            tally.save(update_fields=["n"])
    tallies.bulk_create(new, batch_size=500)


def refresh_python(keys, using="default"):
    """Recompute the happenings `keys` (all when None) and their tallies in Python (SQLite; any database)."""
    from events.models import Happening

    delta = defaultdict(int)
    _delete_happenings(keys, using, delta)
    rows = compute_rows(keys, using=using)
    Happening.objects.using(using).bulk_create([Happening(**row) for row in rows.values()], batch_size=500)
    for row in rows.values():
        for item in _tally_items(row):
            delta[item] += 1
    _apply_tallies(delta, using)


def table_rows(using="default") -> dict:
    """{key: row dict} as stored (tests compare it with compute_rows())."""
    from events.models import Happening

    return {h["key"]: {**h, **{c: sorted(h[c]) for c, _, _ in _LINKS}}
            for h in Happening.objects.using(using).values(*_FIELDS)}


def tallies(using="default") -> dict:
    from events.models import HappeningTally

    return {(t.kind, t.value): t.n for t in HappeningTally.objects.using(using).exclude(n=0)}


def expected_tallies(rows) -> dict:
    out = defaultdict(int)
    for row in rows.values():
        for item in _tally_items(row):
            out[item] += 1
    return dict(out)
