"""Writing the gazetteer files into the database (see events.services.gazetteer for the contract).

Idempotent: rows are matched by their natural key (country code, actor name, topic name, organization
slug; alias text; role title + start; member country) and only created or changed when they differ.
Nothing is ever deleted. A row an editor changed (a history record with a user on it) keeps its fields:
the files only add its missing aliases, keywords, roles and members. The data migrations run the same
code with their historical models (migration_models).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction

from events.extraction.namekey import name_key
from events.services.gazetteer_files import read_gazetteer_files


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
    from events.services.gazetteer import bump_version

    if data is None:
        data = read_gazetteer_files()
    m = m or runtime_models()
    report = SyncReport()
    with transaction.atomic():
        countries = _sync_countries(data.get("countries", []), m, report)
        _ActorSync(m, report, countries).run(data.get("actors", []))
        _sync_topics(data.get("topics", []), m, report)
        if getattr(m, "Organization", None) is not None:
            _OrganizationSync(m, report, countries).run(data.get("organizations", []))
    if report.changed:
        bump_version()
    return report


# ------------------------------------------------------------------------------ shared by every kind


def _set_fields(obj, values):
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _update_row(row, values, touched, report, label, clash="") -> bool:
    """Write the files' `values` into an existing row and save it; returns whether it changed. A row an
    editor changed keeps its fields (noted in report.kept when the files differ); with `clash` (the new
    name belongs to another row) nothing is written and the clash is reported."""
    if row.pk in touched:
        if any(getattr(row, name) != value for name, value in values.items()):
            report.kept.append(label)
        return False
    if clash:
        report.skipped.append(clash)
        return False
    if _set_fields(row, values):
        row.save()
        return True
    return False


def _claim_aliases(texts, owner_of, row, what, report) -> list:
    """The alias texts (text, extra fields) not yet anyone's, now claimed for `row`; a text another row
    owns is skipped and reported."""
    new = []
    for text, extra in texts:
        owner = owner_of.get(text)
        if owner is None:
            new.append((text, extra))
            owner_of[text] = row.pk
        elif owner != row.pk:
            report.skipped.append(f"{what} alias {text!r}: already an alias of another {what}")
    return new


def _create_all(model, rows, report, label):
    if rows:
        model.objects.bulk_create(rows)
        report.count("created", label, len(rows))


def _sync_dated(existing_rows, key, values, create, editable, report, label):
    """A dated child row (an actor's role, an organization's member): created when missing, updated
    when `editable` (its parent not changed by an editor) and the files differ."""
    existing = existing_rows.get(key)
    if existing is None:
        existing_rows[key] = create(**values)
        report.count("created", label)
    elif editable and _set_fields(existing, values):
        existing.save()
        report.count("updated", label)


# ------------------------------------------------------------------------------------------ countries


def _sync_countries(entries, m, report):
    by_code = {c.code: c for c in m.Country.objects.all()}
    by_name = {c.name: c for c in by_code.values()}
    touched = _editor_touched(m.HistoricalCountry)
    alias_owner = dict(m.CountryAlias.objects.values_list("text", "country_id"))
    for entry in entries:
        country = _country_row(entry, m, report, by_code, by_name, touched)
        if country is None:
            continue
        texts = [(alias["text"], {"kind": alias["kind"]}) for alias in entry["aliases"]]
        new = _claim_aliases(texts, alias_owner, country, "country", report)
        _create_all(m.CountryAlias, [m.CountryAlias(country=country, text=text, **extra) for text, extra in new],
                    report, "country aliases")
    return by_code


def _country_row(entry, m, report, by_code, by_name, touched):
    """The country of a file entry, created or updated (None when its name is another country's)."""
    country = by_code.get(entry["code"])
    values = {"name": entry["name"]}
    if entry["official_name"]:
        values["official_name"] = entry["official_name"]
    if country is None:
        clash = by_name.get(entry["name"])
        if clash is not None:
            report.skipped.append(f"country {entry['code']}: name {entry['name']!r} belongs to {clash.code}")
            return None
        country = m.Country.objects.create(code=entry["code"], **values)
        by_code[country.code] = by_name[country.name] = country
        report.count("created", "countries")
        return country
    old_name = country.name
    taken = entry["name"] != country.name and entry["name"] in by_name
    clash = f"country {entry['code']}: name {entry['name']!r} is taken" if taken else ""
    if _update_row(country, values, touched, report, f"country {country.code}", clash):
        by_name.pop(old_name, None)
        by_name[country.name] = country
        report.count("updated", "countries")
    return country


# --------------------------------------------------------------------------------------------- actors


class _ActorSync:
    def __init__(self, m, report, countries):
        self.m, self.report, self.countries = m, report, countries
        self.by_name = {a.name: a for a in m.Actor.objects.all()}
        self.touched = _editor_touched(m.HistoricalActor)
        self.aliases = set(m.ActorAlias.objects.values_list("actor_id", "text"))
        self.roles = {(r.actor_id, r.title, r.start): r for r in m.ActorRole.objects.all()}
        self.keyed = _has_field(m.Actor, "name_key")  # historical models before 0008 have no name keys

    def run(self, entries):
        for entry in entries:
            actor = self.row(entry)
            self.add_aliases(actor, entry["aliases"])
            for role in entry["roles"]:
                self.sync_role(actor, role)

    def country_of(self, code, where):
        if code is None:
            return None
        country = self.countries.get(code)
        if country is None:
            self.report.skipped.append(f"{where}: unknown country code {code!r} (left empty)")
        return country

    def values(self, entry) -> dict:
        values = {"country": self.country_of(entry["country"], f"actor {entry['name']!r}"), "needs_review": False}
        if entry["description"]:
            values["description"] = entry["description"]
        if self.keyed and entry.get("source"):
            values["source"] = entry["source"]
        if self.keyed:  # historical models have no save() of their own: the key is written here
            values["name_key"] = name_key(entry["name"])[:200]
        return values

    def row(self, entry):
        actor = self.by_name.get(entry["name"])
        values = self.values(entry)
        if actor is None:
            actor = self.m.Actor.objects.create(name=entry["name"], **values)
            self.by_name[actor.name] = actor
            self.report.count("created", "actors")
        elif _update_row(actor, values, self.touched, self.report, f"actor {actor.name}"):
            self.report.count("updated", "actors")
        return actor

    def add_aliases(self, actor, texts):
        new = [self.m.ActorAlias(actor=actor, text=text, **({"name_key": name_key(text)[:200]} if self.keyed else {}))
               for text in dict.fromkeys(texts) if text != actor.name and (actor.pk, text) not in self.aliases]
        _create_all(self.m.ActorAlias, new, self.report, "actor aliases")
        self.aliases.update((actor.pk, a.text) for a in new)

    def sync_role(self, actor, role):
        values = {"country": self.country_of(role["country"], f"role {role['title']!r}"), "end": role["end"]}

        def create(**fields):
            return self.m.ActorRole.objects.create(actor=actor, title=role["title"], start=role["start"], **fields)

        _sync_dated(self.roles, (actor.pk, role["title"], role["start"]), values, create,
                    actor.pk not in self.touched, self.report, "actor roles")


# -------------------------------------------------------------------------------------- organizations


class _OrganizationSync:
    def __init__(self, m, report, countries):
        self.m, self.report, self.countries = m, report, countries
        self.by_slug = {o.slug: o for o in m.Organization.objects.all()}
        self.names = {o.name for o in self.by_slug.values()}
        self.touched = _editor_touched(m.HistoricalOrganization)
        self.alias_owner = dict(m.OrganizationAlias.objects.values_list("text", "organization_id"))
        self.memberships = {(ms.organization_id, ms.country_id): ms for ms in m.OrganizationMembership.objects.all()}

    def run(self, entries):
        for entry in entries:
            org = self.row(entry)
            if org is None:
                continue
            texts = [(text, {}) for text in dict.fromkeys([entry["name"], *entry["aliases"]])]
            new = _claim_aliases(texts, self.alias_owner, org, "organization", self.report)
            _create_all(self.m.OrganizationAlias, [self.m.OrganizationAlias(organization=org, text=text)
                                                   for text, _extra in new], self.report, "organization aliases")
            for member in entry["members"]:
                self.sync_member(org, entry["slug"], member)

    def row(self, entry):
        """The organization of a file entry, created or updated (None when its name is taken)."""
        org = self.by_slug.get(entry["slug"])
        values = {name: entry[name] for name in ("name", "kind", "founded", "dissolved", "note", "source")}
        taken = f"organization {entry['slug']}: name {entry['name']!r} is taken"
        if org is None:
            if entry["name"] in self.names:
                self.report.skipped.append(taken)
                return None
            org = self.m.Organization.objects.create(slug=entry["slug"], **values)
            self.by_slug[org.slug] = org
            self.names.add(org.name)
            self.report.count("created", "organizations")
            return org
        old_name = org.name
        clash = taken if entry["name"] != org.name and entry["name"] in self.names else ""
        if _update_row(org, values, self.touched, self.report, f"organization {org.slug}", clash):
            self.names.discard(old_name)
            self.names.add(org.name)
            self.report.count("updated", "organizations")
        return org

    def sync_member(self, org, slug, member):
        country = self.countries.get(member["country"])
        if country is None:
            self.report.skipped.append(f"organization {slug}: unknown member country {member['country']!r}")
            return

        def create(**fields):
            return self.m.OrganizationMembership.objects.create(organization=org, country=country, **fields)

        values = {"start": member["start"], "end": member["end"], "note": member["note"]}
        _sync_dated(self.memberships, (org.pk, country.pk), values, create, org.pk not in self.touched, self.report,
                    "memberships")


# --------------------------------------------------------------------------------------------- topics


def _sync_topics(entries, m, report):
    by_name = {t.name: t for t in m.Topic.objects.all()}
    slugs = {t.slug for t in by_name.values()}
    touched = _editor_touched(m.HistoricalTopic)
    keywords = set(m.TopicKeyword.objects.values_list("topic_id", "text"))
    for entry in entries:
        topic = _topic_row(entry, m, report, by_name, slugs, touched)
        if topic is not None:
            _add_keywords(topic, entry["keywords"], m, report, keywords)


def _add_keywords(topic, texts, m, report, keywords):
    """The topic's keywords it does not have yet (`keywords`: the (topic id, text) pairs stored)."""
    new = [m.TopicKeyword(topic=topic, text=text) for text in dict.fromkeys(texts) if (topic.pk, text) not in keywords]
    _create_all(m.TopicKeyword, new, report, "topic keywords")
    keywords.update((topic.pk, k.text) for k in new)


def _topic_row(entry, m, report, by_name, slugs, touched):
    """The topic of a file entry, created or given the file's slug (None when its slug is taken)."""
    topic = by_name.get(entry["name"])
    if topic is None:
        if entry["slug"] in slugs:
            report.skipped.append(f"topic {entry['name']!r}: slug {entry['slug']!r} is taken")
            return None
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
    return topic
