"""The gazetteer in the database: loading the data files idempotently, keeping editors' work, building from it."""
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from events.models import Actor, ActorAlias, ActorRole, Country, CountryAlias, Topic, TopicKeyword
from events.services import gazetteer as gz

pytestmark = pytest.mark.django_db

SMALL = {
    "countries": [
        {"code": "ZZ", "name": "Zedland", "aliases": [{"text": "Zedville", "kind": "capital"},
                                                      {"text": "Zedlandic", "kind": "adjective"}]},
        {"code": "ZY", "name": "Whyland", "aliases": [{"text": "Whyburg", "kind": "capital"}]},
    ],
    "actors": [
        {"name": "Anna Zedova", "aliases": ["Zedova"], "country": "ZZ",
         "roles": [{"title": "President of Zedland", "country": "ZZ", "start": "2000-05-07", "end": None}]},
    ],
    "topics": [{"name": "Zed affairs", "slug": "zed-affairs", "keywords": ["zed", "zeds"]}],
    "organizations": [
        {"slug": "zedpact", "name": "Zed Pact", "aliases": ["ZP"], "kind": "alliance", "founded": "1996-04-26",
         "members": [{"country": "ZZ", "start": None, "end": None},
                     {"country": "ZY", "start": "2001-06-15", "end": None, "note": "joined late"}],
         "note": "invented", "source": "made up for the test"},
    ],
}


def _sync(data=None):
    return gz.sync_gazetteer(_checked(SMALL if data is None else data))


def _checked(data):
    """Run the data through the same checks as the files (dates become date objects, codes upper-cased)."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    for kind, filename in gz.FILES.items():
        (folder / filename).write_text(json.dumps(data.get(kind, [])), encoding="utf-8")
    return gz.read_gazetteer_files(folder)


def test_fresh_database_has_the_data_files_loaded_by_the_migration():
    # Migration 0002 loads the files; every country code and actor/topic name in them is a row.
    data = gz.read_gazetteer_files()
    assert data["countries"], "countries.json should not be empty"
    assert set(Country.objects.values_list("code", flat=True)) >= {c["code"] for c in data["countries"]}
    assert set(Actor.objects.values_list("name", flat=True)) >= {a["name"] for a in data["actors"]}
    assert set(Topic.objects.values_list("name", flat=True)) >= {t["name"] for t in data["topics"]}
    # The news names: Russia is RU and Moscow one of its aliases, a capital (countries.json says so).
    russia = Country.objects.get(code="RU")
    assert russia.name == "Russia"
    assert CountryAlias.objects.get(text="Moscow").country == russia


def test_sync_creates_then_is_idempotent():
    first = _sync()
    assert first.created["countries"] == 2 and first.created["actors"] == 1 and first.created["topics"] == 1
    assert first.created["country aliases"] == 3 and first.created["actor roles"] == 1
    snapshot = (Country.objects.count(), CountryAlias.objects.count(), Actor.objects.count(),
                ActorAlias.objects.count(), ActorRole.objects.count(), Topic.objects.count(),
                TopicKeyword.objects.count())
    second = _sync()
    assert not second.changed, second.summary()
    assert snapshot == (Country.objects.count(), CountryAlias.objects.count(), Actor.objects.count(),
                        ActorAlias.objects.count(), ActorRole.objects.count(), Topic.objects.count(),
                        TopicKeyword.objects.count())
    anna = Actor.objects.get(name="Anna Zedova")
    assert anna.country.code == "ZZ" and not anna.needs_review
    role = anna.roles.get()
    assert role.title == "President of Zedland" and str(role.start) == "2000-05-07" and role.end is None


def test_editor_additions_are_never_deleted_and_file_changes_reach_machine_rows():
    _sync()
    anna = Actor.objects.get(name="Anna Zedova")
    ActorAlias.objects.create(actor=anna, text="Madame Z")  # an editor's alias
    CountryAlias.objects.create(country=Country.objects.get(code="ZZ"), text="Zed", kind="name")
    TopicKeyword.objects.create(topic=Topic.objects.get(name="Zed affairs"), text="zedness")
    changed = json.loads(json.dumps(SMALL))
    changed["countries"][1]["name"] = "Whyland Republic"  # the file renames a country nobody edited
    changed["actors"][0]["aliases"] = ["A. Zedova"]  # the file drops "Zedova" and adds another
    report = _sync(changed)
    assert report.updated == {"countries": 1}
    assert report.created == {"actor aliases": 1}
    assert Country.objects.get(code="ZY").name == "Whyland Republic"
    assert set(anna.aliases.values_list("text", flat=True)) == {"Zedova", "A. Zedova", "Madame Z"}
    assert CountryAlias.objects.filter(text="Zed").exists()
    assert TopicKeyword.objects.filter(text="zedness").exists()


def test_fields_an_editor_changed_are_kept():
    _sync()
    editor = get_user_model().objects.create_user("editor")
    anna = Actor.objects.get(name="Anna Zedova")
    anna.country = Country.objects.get(code="ZY")
    anna._history_user = editor  # what the admin's request middleware does
    anna.save()
    report = _sync()
    anna.refresh_from_db()
    assert anna.country.code == "ZY", "the editor's country must survive a reload of the files"
    assert report.kept == ["actor Anna Zedova"]
    assert not report.changed


def test_machine_guess_with_the_same_name_is_promoted():
    # process_article creates unknown actors with needs_review=True; once the file lists them they are known.
    Actor.objects.create(name="Anna Zedova", needs_review=True)
    _sync()
    anna = Actor.objects.get(name="Anna Zedova")
    assert not anna.needs_review and anna.country.code == "ZZ"


@pytest.mark.parametrize("content, message", [
    ("{not json", "not readable as JSON"),
    (json.dumps([{"code": "RUS", "name": "Russia"}]), "not ISO 3166-1 alpha-2"),
    (json.dumps([{"code": "RU"}]), "'name' must be a non-empty str"),
    (json.dumps([{"code": "RU", "name": "Russia", "aliases": [{"text": "Moscow", "kind": "city"}]}]),
     "has kind 'city'"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path, content, message):
    (tmp_path / "countries.json").write_text(content, encoding="utf-8")
    with pytest.raises(gz.GazetteerFileError) as excinfo:
        gz.read_gazetteer_files(tmp_path)
    assert "countries.json" in str(excinfo.value) and message in str(excinfo.value)
    with pytest.raises(CommandError, match=message):
        call_command("load_gazetteers", "--data-dir", str(tmp_path), stdout=StringIO())


def test_role_dates_are_checked(tmp_path):
    actors = [{"name": "X", "roles": [{"title": "T", "start": "2001-02-30"}]}]
    (tmp_path / "actors.json").write_text(json.dumps(actors), encoding="utf-8")
    with pytest.raises(gz.GazetteerFileError, match="not an ISO date"):
        gz.read_gazetteer_files(tmp_path)


def test_load_gazetteers_command_reports_and_is_idempotent(tmp_path):
    for kind, filename in gz.FILES.items():
        (tmp_path / filename).write_text(json.dumps(SMALL[kind]), encoding="utf-8")
    out = StringIO()
    call_command("load_gazetteers", "--data-dir", str(tmp_path), stdout=out)
    assert "created" in out.getvalue() and "2 countries" in out.getvalue()
    out = StringIO()
    call_command("load_gazetteers", "--data-dir", str(tmp_path), stdout=out)
    assert "created nothing; updated nothing" in out.getvalue()


def test_database_gazetteer_carries_editor_changes_and_leaves_out_unreviewed_guesses():
    _sync()
    anna = Actor.objects.get(name="Anna Zedova")
    ActorAlias.objects.create(actor=anna, text="Madame Z")
    Actor.objects.create(name="Guessed Person", needs_review=True)
    data = gz.gazetteer_data_from_db()
    actors = {a["name"]: a for a in data["actors"]}
    assert set(actors["Anna Zedova"]["aliases"]) == {"Zedova", "Madame Z"}
    assert actors["Anna Zedova"]["roles"] == [
        {"title": "President of Zedland", "country": "ZZ", "start": "2000-05-07", "end": None}]
    assert "Guessed Person" not in actors
    countries = {c["code"]: c for c in data["countries"]}
    assert {"text": "Zedville", "kind": "capital"} in countries["ZZ"]["aliases"]
    topics = {t["name"]: t for t in data["topics"]}
    assert set(topics["Zed affairs"]["keywords"]) == {"zed", "zeds"}


def test_cached_gazetteer_is_rebuilt_only_after_a_change():
    _sync()
    first = gz.get_gazetteer_snapshot()
    assert gz.get_gazetteer_snapshot() is first
    ActorAlias.objects.create(actor=Actor.objects.get(name="Anna Zedova"), text="Madame Z")
    second = gz.get_gazetteer_snapshot()
    assert second is not first
    assert gz.get_gazetteer_snapshot() is second
    # A machine guess (needs_review, created in bulk by the extraction service) does not force a rebuild.
    Actor.objects.bulk_create([Actor(name="Guessed Person", needs_review=True)])
    assert gz.get_gazetteer_snapshot() is second


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committed_snapshot_is_trusted_for_a_second_and_a_rolled_back_one_never():
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    gz.invalidate_gazetteer()
    # Built inside a transaction that rolls back (after adding an actor): not trusted without a check.
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Actor.objects.create(name="Rolled Back")
            inside = gz.get_gazetteer_snapshot()
            assert "Rolled Back" in inside.actor_ids
            raise RuntimeError("roll back")
    with CaptureQueriesContext(connection) as queries:
        after = gz.get_gazetteer_snapshot()
    assert after is not inside and "Rolled Back" not in after.actor_ids
    assert len(queries) > 1, "the fingerprint is read and the gazetteer rebuilt"
    # Built inside a transaction that commits: trusted without a query for RECHECK_SECONDS.
    gz.invalidate_gazetteer()
    with transaction.atomic():
        committed = gz.get_gazetteer_snapshot()
    with CaptureQueriesContext(connection) as queries:
        assert gz.get_gazetteer_snapshot() is committed
    assert len(queries) == 0


def test_organizations_sync_with_aliases_and_dated_members_idempotently():
    from events.models import Organization, OrganizationMembership

    report = _sync()
    assert report.created["organizations"] == 1 and report.created["memberships"] == 2
    pact = Organization.objects.get(slug="zedpact")
    assert set(pact.aliases.values_list("text", flat=True)) == {"Zed Pact", "ZP"}
    late = OrganizationMembership.objects.get(organization=pact, country__code="ZY")
    assert late.start.isoformat() == "2001-06-15" and late.note == "joined late"
    assert set(pact.members.values_list("code", flat=True)) == {"ZZ", "ZY"}
    assert not _sync().changed  # a second run changes nothing
    data = gz.gazetteer_data_from_db()
    [pact_data] = [o for o in data["organizations"] if o["slug"] == "zedpact"]
    assert pact_data["name"] == "Zed Pact" and set(pact_data["aliases"]) == {"Zed Pact", "ZP"}


def test_actors_get_their_name_key_and_source_from_the_sync():
    from events.extraction.namekey import name_key

    data = json.loads(json.dumps(SMALL))
    data["actors"][0]["source"] = "public record"
    data["actors"][0]["aliases"].append("Zedowa")
    gz.sync_gazetteer(_checked(data))
    anna = Actor.objects.get(name="Anna Zedova")
    assert anna.name_key == name_key("Anna Zedova") and anna.source == "public record"
    assert ActorAlias.objects.get(actor=anna, text="Zedowa").name_key == name_key("Zedowa")
    # Saved through the model (the admin), the key follows the name.
    anna.name = "Anna Zedowa-Ova"
    anna.save()
    assert Actor.objects.get(pk=anna.pk).name_key == name_key("Anna Zedowa-Ova")
