"""The Actor rows of the actors an article's mentions name (events.services.extraction's first step):
the gazetteer's by canonical name, stored ones by name or as the same person under another spelling, the
others created (needs_review unless the gazetteer knows them)."""
from __future__ import annotations

import threading

from django.db import transaction
from django.db.models import Q

from events.extraction.namekey import name_key
from events.models import Actor


# A batch ingest's actors outside the gazetteer snapshot, by name (only those stored under exactly that name:
# found so, or created): the next articles of the run that name them need no look-up. Per thread; a batch's own
# finds count from its commit on (on_commit), any failed batch forgets them all, and so does the run's end
# (forget_actors): an id is only trusted while the rows it was read with may still be the run's own view.
_remembered = threading.local()


class remembering:
    """Within it (article_store.batched), mention_actor_ids remembers the stored actors it finds by name."""

    def __enter__(self):
        self.previous = getattr(_remembered, "pending", None)
        _remembered.pending = {}
        return self

    def __exit__(self, exc_type, *exc):
        pending, _remembered.pending = _remembered.pending, self.previous
        if exc_type is None:
            transaction.on_commit(lambda: _confirmed().update(pending))
        else:
            forget_actors()
        return False


def _confirmed() -> dict:
    if getattr(_remembered, "confirmed", None) is None:
        _remembered.confirmed = {}
    return _remembered.confirmed


def forget_actors():
    _remembered.confirmed = {}


def mention_actor_ids(mentions, snapshot) -> dict:
    """Canonical name -> Actor id for every actor the mentions name; unknown ones created (needs_review)."""
    ids, wanted = _named_actors(mentions, snapshot)
    pending = getattr(_remembered, "pending", None)
    if wanted and pending is not None:
        wanted = _from_memory(wanted, pending, snapshot, ids)
    if wanted:
        found = _stored_actor_ids(wanted, snapshot, pending)
        ids.update(found)
    return ids


def _from_memory(wanted, pending, snapshot, ids) -> dict:
    """The names of `wanted` not remembered (the remembered ones' ids put in `ids`); forgets the memory when
    the snapshot changed (its actors take precedence)."""
    confirmed = _confirmed()
    if getattr(_remembered, "snapshot", None) is not snapshot:
        confirmed.clear()
        pending.clear()
        _remembered.snapshot = snapshot
    left = {}
    for name, ref in wanted.items():
        known = pending.get(name, confirmed.get(name))
        if known is None:
            left[name] = ref
        else:
            ids[name] = known
    return left


def _named_actors(mentions, snapshot) -> tuple[dict, dict]:
    """({name: id} of the gazetteer's actors the mentions name, {name: first reference} of the others)."""
    ids, wanted = {}, {}
    for mention in mentions:
        for ref in mention.actors:
            name = ref.name.strip()[:200]
            if not name:
                continue
            if name in snapshot.actor_ids:
                ids[name] = snapshot.actor_ids[name]
            else:
                wanted.setdefault(name, ref)
    return ids, wanted


def _stored_actor_ids(wanted, snapshot, remember=None) -> dict:
    """{name: id} of actors outside the snapshot: stored ones (same name, or the same person under another
    spelling), the rest created now. Those stored under exactly their name are put in `remember` too."""
    found = dict(Actor.objects.filter(name__in=list(wanted)).values_list("name", "id"))
    by_name = dict(found)
    missing = [name for name in wanted if name not in found]
    if missing:
        found.update(_same_persons(missing, wanted, snapshot))
        missing = [name for name in missing if name not in found]
    if missing:
        Actor.objects.bulk_create([_new_actor(name, wanted[name], snapshot) for name in missing], ignore_conflicts=True)
        created = dict(Actor.objects.filter(name__in=missing).values_list("name", "id"))
        found.update(created)
        by_name.update(created)
    if remember is not None:
        remember.update(by_name)
    return found


def _new_actor(name, ref, snapshot) -> Actor:
    return Actor(name=name, name_key=name_key(name)[:200], needs_review=not ref.known,
                 country_id=snapshot.country_ids.get(ref.country or ""), description=(ref.title or "")[:300])


def _same_persons(names, wanted, snapshot) -> dict:
    """Unknown persons already stored under another spelling, merged across the archive (one query):
    the same name key ("Kim Jong Il" = "Kim Jong-il"), or, among actors still to review, the same surname
    key with the same title and country ("Prime Minister Phan Van Khai" = "Prime Minister Phan Khai" of
    Vietnam). Name -> Actor id; the first stored actor wins."""
    keys, surnames, condition = _person_keys(names, wanted, snapshot)
    if not keys and not surnames:
        return {}
    rows = Actor.objects.filter(Q(name_key__in=list(keys)) | condition).order_by("id").values_list(
        "id", "name", "name_key", "country_id", "description")
    same = {}
    for actor_id, _name, key, country_id, description in rows:
        name = keys.get(key)
        if name is not None and name not in same:
            same[name] = actor_id
        _match_surnames(same, surnames, actor_id, key, country_id, description)
    return same


def _person_keys(names, wanted, snapshot):
    """({name key: name}, {(surname key, title, country id): name}, the query for the surnames' candidates)."""
    from events.extraction.entities import unknown_person_keys

    keys, surnames = {}, {}
    condition = Q()
    for name in names:
        ref = wanted[name]
        by_name, (_, surname, title, country) = unknown_person_keys(name, ref.title, ref.country)
        if by_name[1]:
            keys.setdefault(by_name[1], name)
        if not ref.known and surname and title and country in snapshot.country_ids:
            surnames.setdefault((surname, title, snapshot.country_ids[country]), name)
            condition |= Q(needs_review=True, name_key__endswith=surname, country_id=snapshot.country_ids[country])
    return keys, surnames, condition


def _match_surnames(same, surnames, actor_id, key, country_id, description) -> None:
    """A stored actor to review with a wanted surname key, title and country is that person."""
    for (surname, title, wanted_country), name in surnames.items():
        if (name not in same and country_id == wanted_country and key.endswith(surname)
                and " ".join(description.lower().split()) == title):
            same[name] = actor_id
