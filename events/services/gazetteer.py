"""The gazetteer in the database: load the data files into it, and build the extraction Gazetteer from it.

Two directions:

* `sync_gazetteer()` (events.services.gazetteer_sync; the files are read and checked by
  events.services.gazetteer_files) writes events/extraction/data/{countries,actors,topics}.json into Country (+CountryAlias),
  Actor (+ActorAlias, ActorRole) and Topic (+TopicKeyword). Idempotent: rows are matched by their natural
  key (country code, actor name, topic name; alias text; role title + start) and only created or changed
  when they differ. It never deletes anything, so aliases, keywords, roles and whole rows that editors
  added stay. A row an editor has changed (a history record with a user on it, which is what the admin
  leaves) keeps its fields: the files only add its missing aliases, keywords and roles.
  The data migration 0002 runs the same code with the migration's historical models, so a fresh
  database has the gazetteer.

* `get_gazetteer()` builds `events.extraction.entities.Gazetteer` from the database, so an editor's change
  in the admin takes effect on the next ingest or reprocess. Built once per process and kept while a
  one-query fingerprint of the gazetteer tables (row counts, highest ids, newest history ids; read at
  most once a second once the snapshot is committed) and an in-process version (bumped by
  post_save/post_delete signals on those models) stay the same.
  Actors flagged needs_review (machine guesses from titles, not yet confirmed by an editor) are left out
  of the extraction gazetteer, so a wrong guess does not reinforce itself.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

# Reading the files and writing them into the database live in their own modules; the names stay
# importable from here (the data migrations 0002 and 0008 import them from this module).
from events.services.gazetteer_files import FILES, GazetteerFileError, read_gazetteer_files  # noqa: F401
from events.services.gazetteer_sync import SyncReport, migration_models, runtime_models, sync_gazetteer  # noqa: F401

__all__ = ["FILES", "GazetteerFileError", "read_gazetteer_files", "SyncReport", "migration_models",
           "runtime_models", "sync_gazetteer", "GazetteerSnapshot", "gazetteer_data_from_db", "build_gazetteer",
           "get_gazetteer_snapshot", "get_gazetteer", "invalidate_gazetteer", "bump_version"]


# ---------------------------------------------------------------------------- building from the database


@dataclass
class GazetteerSnapshot:
    """The extraction Gazetteer built from the database, with the id maps the storing code needs."""

    gazetteer: object
    country_ids: dict  # ISO code -> Country id
    actor_ids: dict  # canonical name -> Actor id, reviewed actors only (the fingerprint covers them; the
    # storing code looks machine guesses up by name each time, so a rolled-back guess is never cached)
    topic_ids: dict  # topic name -> Topic id
    country_names: dict  # ISO code -> common name
    organization_ids: dict = field(default_factory=dict)  # organization slug -> Organization id
    fingerprint: tuple = ()


def gazetteer_data_from_db() -> dict:
    """The database's gazetteer in the dict shapes of the data files (and of entities.Gazetteer)."""
    from events.models import Country

    codes = dict(Country.objects.values_list("id", "code"))
    return {"countries": _countries_from_db(), "actors": _actors_from_db(codes), "topics": _topics_from_db(),
            "organizations": _organizations_from_db()}


def _grouped(pairs) -> dict:
    """{key: [values]} from (key, value) pairs, in their order."""
    out: dict = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def _countries_from_db() -> list[dict]:
    from events.models import Country, CountryAlias

    aliases = _grouped((country_id, {"text": text, "kind": kind})
                       for country_id, text, kind in CountryAlias.objects.values_list("country_id", "text", "kind"))
    return [{"code": code, "name": name, "aliases": aliases.get(pk, [])}
            for pk, code, name in Country.objects.values_list("id", "code", "name").order_by("code")]


def _actors_from_db(codes) -> list[dict]:
    """Reviewed actors only (machine guesses stay out of the extraction gazetteer)."""
    from events.models import Actor, ActorAlias, ActorRole

    rows = list(Actor.objects.filter(needs_review=False).values_list("id", "name", "country_id").order_by("name"))
    wanted = {row[0] for row in rows}
    aliases = _grouped(ActorAlias.objects.filter(actor_id__in=wanted).values_list("actor_id", "text"))
    roles = _grouped(
        (actor_id, {"title": title, "country": codes.get(country_id), "start": _iso(start), "end": _iso(end)})
        for actor_id, title, country_id, start, end in ActorRole.objects.filter(actor_id__in=wanted).values_list(
            "actor_id", "title", "country_id", "start", "end").order_by("actor_id", "start", "id"))
    return [{"name": name, "aliases": aliases.get(pk, []), "country": codes.get(country_id),
             "roles": roles.get(pk, [])} for pk, name, country_id in rows]


def _iso(day):
    return day.isoformat() if day else None


def _topics_from_db() -> list[dict]:
    from events.models import Topic, TopicKeyword

    keywords = _grouped(TopicKeyword.objects.values_list("topic_id", "text"))
    return [{"name": name, "slug": slug, "keywords": keywords.get(pk, [])}
            for pk, name, slug in Topic.objects.values_list("id", "name", "slug").order_by("name")]


def _organizations_from_db() -> list[dict]:
    from events.models import Organization, OrganizationAlias

    aliases = _grouped(OrganizationAlias.objects.values_list("organization_id", "text"))
    return [{"slug": slug, "name": name, "aliases": aliases.get(pk, [])}
            for pk, slug, name in Organization.objects.values_list("id", "slug", "name").order_by("slug")]


def build_gazetteer(data: dict | None = None):
    """An extraction Gazetteer from the database (or from `data` of the same shape)."""
    from events.extraction.entities import Gazetteer

    data = data if data is not None else gazetteer_data_from_db()
    return Gazetteer(countries=data["countries"], actors=data["actors"], topics=data["topics"],
                     organizations=data.get("organizations", []))


_FINGERPRINT_SQL = {}


def _fingerprint() -> tuple:
    """One query that changes whenever the gazetteer tables change in a way that matters here."""
    sql = _FINGERPRINT_SQL.get(connection.vendor)
    if sql is None:
        from events.models import (Actor, ActorAlias, ActorRole, Country, CountryAlias, Organization,
                                   OrganizationAlias, Topic, TopicKeyword)

        parts = []
        for model, where in ((Country, ""), (CountryAlias, ""), (Actor, " WHERE needs_review = %s"),
                             (ActorAlias, ""), (ActorRole, ""), (Topic, ""), (TopicKeyword, ""),
                             (Organization, ""), (OrganizationAlias, "")):
            table = connection.ops.quote_name(model._meta.db_table)
            parts.append(f"(SELECT COUNT(*) FROM {table}{where})")
            parts.append(f"(SELECT MAX(id) FROM {table}{where})")
        for model in (Country, Actor, Topic, Organization):
            table = connection.ops.quote_name(model.history.model._meta.db_table)
            parts.append(f"(SELECT MAX(history_id) FROM {table})")
        sql = _FINGERPRINT_SQL[connection.vendor] = "SELECT " + ", ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [False, False])
        return tuple(cursor.fetchone())


_lock = threading.Lock()
_cache: dict = {"key": None, "snapshot": None, "checked": 0.0, "confirmed": False}
_version = [0]


def bump_version(*args, **kwargs):
    """Mark the cached gazetteer stale (signal receiver; also called after a sync)."""
    _version[0] += 1


def invalidate_gazetteer():
    bump_version()


RECHECK_SECONDS = 1.0


def get_gazetteer_snapshot() -> GazetteerSnapshot:
    """The database gazetteer, rebuilt only when it changed since the last call in this process.

    Changes made in this process are seen at once (signals bump the version). Changes made by another
    process are seen through the fingerprint, read at most once every RECHECK_SECONDS while the cached
    snapshot is known to be committed, and on every call otherwise: a snapshot built inside a transaction
    only counts as committed once that transaction commits (transaction.on_commit), so one built from rows
    a rollback then removed is never trusted without a check.
    """
    now = time.monotonic()
    with _lock:
        cached = _cache["snapshot"]
        if (cached is not None and _cache["confirmed"] and _cache["key"][:2] == (_version[0], connection.alias)
                and now - _cache["checked"] < RECHECK_SECONDS):
            return cached
    key = (_version[0], connection.alias, _fingerprint())
    with _lock:
        if _cache["key"] == key and _cache["snapshot"] is not None:
            _cache["checked"] = now
            return _cache["snapshot"]
    from events.models import Actor, Country, Organization, Topic

    data = gazetteer_data_from_db()
    snapshot = GazetteerSnapshot(
        gazetteer=build_gazetteer(data),
        country_ids=dict(Country.objects.values_list("code", "id")),
        actor_ids=dict(Actor.objects.filter(needs_review=False).values_list("name", "id")),
        topic_ids=dict(Topic.objects.values_list("name", "id")),
        organization_ids=dict(Organization.objects.values_list("slug", "id")),
        country_names=dict(Country.objects.values_list("code", "name")),
        fingerprint=key,
    )
    with _lock:
        # The recheck window runs from the end of the build: a build longer than RECHECK_SECONDS (a large
        # gazetteer on a busy machine) would otherwise be due for a check the moment it is done.
        _cache.update(key=key, snapshot=snapshot, checked=time.monotonic(),
                      confirmed=not connection.in_atomic_block)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _confirm(snapshot))
    return snapshot


def _confirm(snapshot):
    with _lock:
        if _cache["snapshot"] is snapshot:
            _cache["confirmed"] = True


def get_gazetteer():
    """The extraction Gazetteer built from the database (cached per process, see the module doc)."""
    return get_gazetteer_snapshot().gazetteer


def _connect_signals():
    from events import models

    for model in (models.Country, models.CountryAlias, models.Actor, models.ActorAlias, models.ActorRole,
                  models.Topic, models.TopicKeyword, models.Organization, models.OrganizationAlias,
                  models.OrganizationMembership):
        uid = f"gazetteer-cache-{model._meta.label_lower}"
        post_save.connect(bump_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=uid + "-delete")


_connect_signals()
