"""The gazetteer in the database: load the data files into it, and build the extraction Gazetteer from it.

Two directions:

* `sync_gazetteer()` writes events/extraction/data/{countries,actors,topics}.json into Country (+CountryAlias),
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

import datetime
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify

from events.extraction.namekey import name_key

DATA_DIR = Path(__file__).resolve().parent.parent / "extraction" / "data"
FILES = {"countries": "countries.json", "actors": "actors.json", "topics": "topics.json",
         "organizations": "organizations.json"}
ALIAS_KINDS = {"name", "adjective", "capital"}


class GazetteerFileError(ValueError):
    """A gazetteer data file that cannot be loaded; the message names the file, the entry and the reason."""


# --------------------------------------------------------------------------------------------- reading


def read_gazetteer_files(data_dir: Path | str | None = None) -> dict:
    """The three data files as {"countries": [...], "actors": [...], "topics": [...]}, checked.

    A missing file gives an empty list (the extraction engineer may not have written it yet); a file that
    is not valid JSON or has entries of the wrong shape raises GazetteerFileError.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    data = {}
    for kind, filename in FILES.items():
        path = folder / filename
        if not path.exists():
            data[kind] = []
            continue
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GazetteerFileError(f"{path}: not readable as JSON: {exc}") from exc
        if isinstance(entries, dict) and isinstance(entries.get(kind), list):
            entries = entries[kind]
        if not isinstance(entries, list):
            raise GazetteerFileError(f"{path}: expected a list of {kind}, found {type(entries).__name__}")
        data[kind] = [_CHECKERS[kind](path, index, entry) for index, entry in enumerate(entries)]
    return data


def _need(path, index, entry, key, kind=str, optional=False):
    value = entry.get(key) if isinstance(entry, dict) else None
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        name = entry.get("name", "") if isinstance(entry, dict) else ""
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: {key!r} must be a non-empty {kind.__name__}")
    return value.strip() if kind is str else value


def _iso_date(path, index, value, what):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GazetteerFileError(f"{path}: entry {index}: {what} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_country(path, index, entry):
    code = _need(path, index, entry, "code").upper()
    if len(code) != 2 or not code.isalpha():
        raise GazetteerFileError(f"{path}: entry {index}: country code {code!r} is not ISO 3166-1 alpha-2")
    aliases = []
    for alias in entry.get("aliases") or []:
        if isinstance(alias, str):
            alias = {"text": alias, "kind": "name"}
        text = _need(path, index, alias, "text")
        kind = alias.get("kind") or "name"
        if kind not in ALIAS_KINDS:
            raise GazetteerFileError(f"{path}: entry {index}: alias {text!r} has kind {kind!r}, not one of "
                                     f"{sorted(ALIAS_KINDS)}")
        aliases.append({"text": text, "kind": kind})
    return {"code": code, "name": _need(path, index, entry, "name"),
            "official_name": (entry.get("official_name") or "").strip(), "aliases": aliases}


def _check_actor(path, index, entry):
    name = _need(path, index, entry, "name")
    aliases = [a.strip() for a in entry.get("aliases") or [] if isinstance(a, str) and a.strip()]
    roles = []
    for role in entry.get("roles") or []:
        title = _need(path, index, role, "title")
        start = _iso_date(path, index, role.get("start"), "role start")
        end = _iso_date(path, index, role.get("end"), "role end")
        if start and end and end < start:
            raise GazetteerFileError(f"{path}: entry {index} {name!r}: role {title!r} ends before it starts")
        roles.append({"title": title, "country": (role.get("country") or "").upper() or None,
                      "start": start, "end": end})
    return {"name": name, "aliases": aliases, "country": (entry.get("country") or "").upper() or None,
            "description": (entry.get("description") or "").strip(), "roles": roles,
            "source": (entry.get("source") or "").strip()[:300]}


def _check_organization(path, index, entry):
    name = _need(path, index, entry, "name")
    slug = _need(path, index, entry, "slug")
    if slug != slugify(slug):
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: slug {slug!r} is not a slug")
    aliases = [a.strip() for a in entry.get("aliases") or [] if isinstance(a, str) and a.strip()]
    members = []
    for member in entry.get("members") or []:
        code = _need(path, index, member, "country").upper()
        start = _iso_date(path, index, member.get("start"), "membership start")
        end = _iso_date(path, index, member.get("end"), "membership end")
        if start and end and end < start:
            raise GazetteerFileError(f"{path}: entry {index} {name!r}: membership of {code} ends before it starts")
        members.append({"country": code, "start": start, "end": end, "note": (member.get("note") or "").strip()[:300]})
    return {"slug": slug, "name": name, "aliases": aliases, "kind": (entry.get("kind") or "").strip()[:50],
            "founded": _iso_date(path, index, entry.get("founded"), "founded"),
            "dissolved": _iso_date(path, index, entry.get("dissolved"), "dissolved"),
            "note": (entry.get("note") or "").strip(), "source": (entry.get("source") or "").strip()[:300],
            "members": members}


def _check_topic(path, index, entry):
    name = _need(path, index, entry, "name")
    keywords = [k.strip() for k in entry.get("keywords") or [] if isinstance(k, str) and k.strip()]
    return {"name": name, "slug": (entry.get("slug") or "").strip() or slugify(name), "keywords": keywords}


_CHECKERS = {"countries": _check_country, "actors": _check_actor, "topics": _check_topic,
             "organizations": _check_organization}


# --------------------------------------------------------------------------------------------- syncing


@dataclass
class SyncReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)  # rows an editor changed, whose fields the files left alone
    skipped: list = field(default_factory=list)  # file entries that clash with the database, with why

    def count(self, bucket, kind, n=1):
        getattr(self, bucket)[kind] = getattr(self, bucket).get(kind, 0) + n

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def summary(self):
        def fmt(d):
            return ", ".join(f"{v} {k}" for k, v in sorted(d.items())) or "nothing"
        text = f"created {fmt(self.created)}; updated {fmt(self.updated)}"
        if self.kept:
            text += f"; kept editors' values on {len(self.kept)} rows"
        if self.skipped:
            text += f"; skipped {len(self.skipped)}: " + "; ".join(self.skipped)
        return text


def runtime_models():
    from events import models

    return SimpleNamespace(
        Country=models.Country, CountryAlias=models.CountryAlias, Actor=models.Actor,
        ActorAlias=models.ActorAlias, ActorRole=models.ActorRole, Topic=models.Topic,
        TopicKeyword=models.TopicKeyword, Organization=models.Organization,
        OrganizationAlias=models.OrganizationAlias, OrganizationMembership=models.OrganizationMembership,
        HistoricalCountry=models.Country.history.model, HistoricalActor=models.Actor.history.model,
        HistoricalTopic=models.Topic.history.model, HistoricalOrganization=models.Organization.history.model,
    )


def migration_models(apps):
    """The migration's historical models; those not created yet at that migration (organizations before
    0008) are None, and their part of the sync is skipped."""
    names = ["Country", "CountryAlias", "Actor", "ActorAlias", "ActorRole", "Topic", "TopicKeyword",
             "HistoricalCountry", "HistoricalActor", "HistoricalTopic", "Organization", "OrganizationAlias",
             "OrganizationMembership", "HistoricalOrganization"]
    found = {}
    for name in names:
        try:
            found[name] = apps.get_model("events", name)
        except LookupError:
            found[name] = None
    return SimpleNamespace(**found)


def _has_field(model, name) -> bool:
    """Whether `model` (maybe a migration's historical model) has the field `name`."""
    try:
        model._meta.get_field(name)
        return True
    except Exception:  # FieldDoesNotExist
        return False


def _editor_touched(history_model):
    """Ids of rows whose history has a record made by a user (an editor in the admin)."""
    return set(history_model.objects.filter(history_user__isnull=False).values_list("id", flat=True))


def sync_gazetteer(data: dict | None = None, m=None) -> SyncReport:
    """Write the gazetteer files (or `data` of the same shape) into the database; see the module doc."""
    if data is None:
        data = read_gazetteer_files()
    m = m or runtime_models()
    report = SyncReport()
    with transaction.atomic():
        countries = _sync_countries(data.get("countries", []), m, report)
        _sync_actors(data.get("actors", []), m, report, countries)
        _sync_topics(data.get("topics", []), m, report)
        if getattr(m, "Organization", None) is not None:
            _sync_organizations(data.get("organizations", []), m, report, countries)
    if report.changed:
        bump_version()
    return report


def _set_fields(obj, values):
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _sync_countries(entries, m, report):
    by_code = {c.code: c for c in m.Country.objects.all()}
    by_name = {c.name: c for c in by_code.values()}
    touched = _editor_touched(m.HistoricalCountry)
    alias_owner = dict(m.CountryAlias.objects.values_list("text", "country_id"))
    for entry in entries:
        country = by_code.get(entry["code"])
        values = {"name": entry["name"]}
        if entry["official_name"]:
            values["official_name"] = entry["official_name"]
        if country is None:
            clash = by_name.get(entry["name"])
            if clash is not None:
                report.skipped.append(f"country {entry['code']}: name {entry['name']!r} belongs to {clash.code}")
                continue
            country = m.Country.objects.create(code=entry["code"], **values)
            by_code[country.code] = by_name[country.name] = country
            report.count("created", "countries")
        elif country.pk in touched:
            if _set_fields(SimpleNamespace(**{k: getattr(country, k) for k in values}), values):
                report.kept.append(f"country {country.code}")
        elif entry["name"] != country.name and entry["name"] in by_name:
            report.skipped.append(f"country {entry['code']}: name {entry['name']!r} is taken")
        else:
            old_name = country.name
            changed = _set_fields(country, values)
            if changed:
                country.save()
                by_name.pop(old_name, None)
                by_name[country.name] = country
                report.count("updated", "countries")
        new_aliases = []
        for alias in entry["aliases"]:
            owner = alias_owner.get(alias["text"])
            if owner is None:
                new_aliases.append(m.CountryAlias(country=country, text=alias["text"], kind=alias["kind"]))
                alias_owner[alias["text"]] = country.pk
            elif owner != country.pk:
                report.skipped.append(f"country alias {alias['text']!r}: already an alias of another country")
        if new_aliases:
            m.CountryAlias.objects.bulk_create(new_aliases)
            report.count("created", "country aliases", len(new_aliases))
    return by_code


def _sync_actors(entries, m, report, countries):
    by_name = {a.name: a for a in m.Actor.objects.all()}
    touched = _editor_touched(m.HistoricalActor)
    aliases = set(m.ActorAlias.objects.values_list("actor_id", "text"))
    roles = {(r.actor_id, r.title, r.start): r for r in m.ActorRole.objects.all()}

    def country_of(code, where):
        if code is None:
            return None
        country = countries.get(code)
        if country is None:
            report.skipped.append(f"{where}: unknown country code {code!r} (left empty)")
        return country

    keyed = _has_field(m.Actor, "name_key")
    for entry in entries:
        actor = by_name.get(entry["name"])
        values = {"country": country_of(entry["country"], f"actor {entry['name']!r}"), "needs_review": False}
        if entry["description"]:
            values["description"] = entry["description"]
        if keyed and entry.get("source"):
            values["source"] = entry["source"]
        if keyed:  # historical models have no save() of their own: the key is written here
            values["name_key"] = name_key(entry["name"])[:200]
        if actor is None:
            actor = m.Actor.objects.create(name=entry["name"], **values)
            by_name[actor.name] = actor
            report.count("created", "actors")
        elif actor.pk in touched:
            current = {"country": actor.country, "needs_review": actor.needs_review}
            current.update({k: getattr(actor, k) for k in values if k not in current})
            if _set_fields(SimpleNamespace(**current), values):
                report.kept.append(f"actor {actor.name}")
        elif _set_fields(actor, values):
            actor.save()
            report.count("updated", "actors")
        new_aliases = [m.ActorAlias(actor=actor, text=text, **({"name_key": name_key(text)[:200]} if keyed else {}))
                       for text in dict.fromkeys(entry["aliases"])
                       if text != actor.name and (actor.pk, text) not in aliases]
        if new_aliases:
            m.ActorAlias.objects.bulk_create(new_aliases)
            aliases.update((actor.pk, a.text) for a in new_aliases)
            report.count("created", "actor aliases", len(new_aliases))
        for role in entry["roles"]:
            role_values = {"country": country_of(role["country"], f"role {role['title']!r}"), "end": role["end"]}
            existing = roles.get((actor.pk, role["title"], role["start"]))
            if existing is None:
                roles[(actor.pk, role["title"], role["start"])] = m.ActorRole.objects.create(
                    actor=actor, title=role["title"], start=role["start"], **role_values)
                report.count("created", "actor roles")
            elif actor.pk not in touched and _set_fields(existing, role_values):
                existing.save()
                report.count("updated", "actor roles")


def _sync_organizations(entries, m, report, countries):
    by_slug = {o.slug: o for o in m.Organization.objects.all()}
    names = {o.name for o in by_slug.values()}
    touched = _editor_touched(m.HistoricalOrganization)
    alias_owner = dict(m.OrganizationAlias.objects.values_list("text", "organization_id"))
    memberships = {(ms.organization_id, ms.country_id): ms for ms in m.OrganizationMembership.objects.all()}
    for entry in entries:
        org = by_slug.get(entry["slug"])
        values = {name: entry[name] for name in ("name", "kind", "founded", "dissolved", "note", "source")}
        if org is None:
            if entry["name"] in names:
                report.skipped.append(f"organization {entry['slug']}: name {entry['name']!r} is taken")
                continue
            org = m.Organization.objects.create(slug=entry["slug"], **values)
            by_slug[org.slug] = org
            names.add(org.name)
            report.count("created", "organizations")
        elif org.pk in touched:
            if _set_fields(SimpleNamespace(**{k: getattr(org, k) for k in values}), values):
                report.kept.append(f"organization {org.slug}")
        elif entry["name"] != org.name and entry["name"] in names:
            report.skipped.append(f"organization {entry['slug']}: name {entry['name']!r} is taken")
        else:
            old_name = org.name
            if _set_fields(org, values):
                org.save()
                names.discard(old_name)
                names.add(org.name)
                report.count("updated", "organizations")
        new_aliases = []
        for text in dict.fromkeys([entry["name"], *entry["aliases"]]):
            owner = alias_owner.get(text)
            if owner is None:
                new_aliases.append(m.OrganizationAlias(organization=org, text=text))
                alias_owner[text] = org.pk
            elif owner != org.pk:
                report.skipped.append(f"organization alias {text!r}: already an alias of another organization")
        if new_aliases:
            m.OrganizationAlias.objects.bulk_create(new_aliases)
            report.count("created", "organization aliases", len(new_aliases))
        for member in entry["members"]:
            country = countries.get(member["country"])
            if country is None:
                report.skipped.append(f"organization {entry['slug']}: unknown member country {member['country']!r}")
                continue
            member_values = {"start": member["start"], "end": member["end"], "note": member["note"]}
            existing = memberships.get((org.pk, country.pk))
            if existing is None:
                memberships[(org.pk, country.pk)] = m.OrganizationMembership.objects.create(
                    organization=org, country=country, **member_values)
                report.count("created", "memberships")
            elif org.pk not in touched and _set_fields(existing, member_values):
                existing.save()
                report.count("updated", "memberships")


def _sync_topics(entries, m, report):
    by_name = {t.name: t for t in m.Topic.objects.all()}
    slugs = {t.slug for t in by_name.values()}
    touched = _editor_touched(m.HistoricalTopic)
    keywords = set(m.TopicKeyword.objects.values_list("topic_id", "text"))
    for entry in entries:
        topic = by_name.get(entry["name"])
        if topic is None:
            if entry["slug"] in slugs:
                report.skipped.append(f"topic {entry['name']!r}: slug {entry['slug']!r} is taken")
                continue
            topic = m.Topic.objects.create(name=entry["name"], slug=entry["slug"])
            by_name[topic.name] = topic
            slugs.add(topic.slug)
            report.count("created", "topics")
        elif topic.pk not in touched and topic.slug != entry["slug"] and entry["slug"] not in slugs:
            slugs.discard(topic.slug)
            topic.slug = entry["slug"]
            slugs.add(topic.slug)
            topic.save()
            report.count("updated", "topics")
        new_keywords = [m.TopicKeyword(topic=topic, text=text) for text in dict.fromkeys(entry["keywords"])
                        if (topic.pk, text) not in keywords]
        if new_keywords:
            m.TopicKeyword.objects.bulk_create(new_keywords)
            keywords.update((topic.pk, k.text) for k in new_keywords)
            report.count("created", "topic keywords", len(new_keywords))


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
    from events.models import Actor, ActorAlias, ActorRole, Country, CountryAlias, Topic, TopicKeyword

    codes = dict(Country.objects.values_list("id", "code"))
    country_aliases = {}
    for country_id, text, kind in CountryAlias.objects.values_list("country_id", "text", "kind"):
        country_aliases.setdefault(country_id, []).append({"text": text, "kind": kind})
    countries = [{"code": code, "name": name, "aliases": country_aliases.get(pk, [])}
                 for pk, code, name in Country.objects.values_list("id", "code", "name").order_by("code")]

    actor_rows = list(Actor.objects.filter(needs_review=False).values_list("id", "name", "country_id").order_by("name"))
    wanted = {row[0] for row in actor_rows}
    actor_aliases, actor_roles = {}, {}
    for actor_id, text in ActorAlias.objects.filter(actor_id__in=wanted).values_list("actor_id", "text"):
        actor_aliases.setdefault(actor_id, []).append(text)
    for actor_id, title, country_id, start, end in ActorRole.objects.filter(actor_id__in=wanted).values_list(
            "actor_id", "title", "country_id", "start", "end").order_by("actor_id", "start", "id"):
        actor_roles.setdefault(actor_id, []).append({
            "title": title, "country": codes.get(country_id),
            "start": start.isoformat() if start else None, "end": end.isoformat() if end else None})
    actors = [{"name": name, "aliases": actor_aliases.get(pk, []), "country": codes.get(country_id),
               "roles": actor_roles.get(pk, [])} for pk, name, country_id in actor_rows]

    topic_keywords = {}
    for topic_id, text in TopicKeyword.objects.values_list("topic_id", "text"):
        topic_keywords.setdefault(topic_id, []).append(text)
    topics = [{"name": name, "slug": slug, "keywords": topic_keywords.get(pk, [])}
              for pk, name, slug in Topic.objects.values_list("id", "name", "slug").order_by("name")]
    from events.models import Organization, OrganizationAlias

    org_aliases = {}
    for org_id, text in OrganizationAlias.objects.values_list("organization_id", "text"):
        org_aliases.setdefault(org_id, []).append(text)
    organizations = [{"slug": slug, "name": name, "aliases": org_aliases.get(pk, [])}
                     for pk, slug, name in Organization.objects.values_list("id", "slug", "name").order_by("slug")]
    return {"countries": countries, "actors": actors, "topics": topics, "organizations": organizations}


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
        _cache.update(key=key, snapshot=snapshot, checked=now, confirmed=not connection.in_atomic_block)
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
