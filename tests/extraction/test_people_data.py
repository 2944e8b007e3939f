"""The people gazetteer (actors.json): dated roles with sources, coverage of the Monitor's countries for
1995-2005, and who holds an office on a given day ("the German chancellor", "the Vietnamese leader")."""
import datetime
import json
from pathlib import Path

import pytest

from events.extraction.entities import DATA_DIR, find_actors

ACTORS = json.loads((Path(DATA_DIR) / "actors.json").read_text(encoding="utf-8"))
COUNTRIES = {c["code"] for c in json.loads((Path(DATA_DIR) / "countries.json").read_text(encoding="utf-8"))}
HEAD_TITLES = ("President", "Prime Minister", "Premier", "Chancellor", "Leader", "Head of State",
               "Chairman of the Interim Administration", "Chief Executive", "Queen", "Emperor", "Supreme Leader")
# The countries the Monitor covers most (the brief of issue 11): a head of state or government every day.
MONITOR_COUNTRIES = ("RU UA BY MD GE AM AZ KZ UZ TM KG TJ EE LV LT US JP DE FR GB IT CA CN KP KR IN PK IR IQ TR IL "
                     "PL CZ HU SK RO BG VN CU MN AF").split()


def holders(code, day, prefixes):
    found = []
    for actor in ACTORS:
        for role in actor["roles"]:
            title = role["title"].removeprefix("Acting ")
            if role["country"] == code and title.startswith(prefixes) and (role["start"] or "") <= day <= (
                    role["end"] or "9999"):
                found.append(actor["name"])
    return found


def test_every_entry_has_a_source_and_sound_roles():
    assert len(ACTORS) >= 400
    for actor in ACTORS:
        assert actor.get("source"), actor["name"]
        assert actor["roles"], actor["name"]
        for role in actor["roles"]:
            assert role["country"] is None or role["country"] in COUNTRIES
            assert role["start"] and datetime.date.fromisoformat(role["start"]) <= datetime.date(2005, 12, 31), (
                actor["name"], role)  # nothing that began after the coverage
            assert not role["end"] or role["start"] <= role["end"]


@pytest.mark.parametrize("code", MONITOR_COUNTRIES)
def test_a_head_of_state_or_government_on_every_day_of_the_period(code):
    day = datetime.date(1995, 1, 1)
    missing = []
    while day <= datetime.date(2005, 12, 31):
        if not holders(code, day.isoformat(), HEAD_TITLES):
            missing.append(day)
        day += datetime.timedelta(days=7)
    if code == "IQ":  # the occupation authority (CPA), 9 April 2003 - 28 June 2004, had no Iraqi head
        missing = [d for d in missing if not datetime.date(2003, 4, 9) < d < datetime.date(2004, 6, 28)]
    assert missing == []


def test_one_president_at_a_time():
    for code in MONITOR_COUNTRIES:
        for year in range(1995, 2006):
            day = f"{year}-03-01"
            presidents = holders(code, day, ("President of",))
            assert len(set(presidents)) <= 1 or code in ("KG",), (code, day, presidents)


@pytest.mark.parametrize("text, day, expected", [
    ("Officials said the German chancellor would come.", "1997-05-01", "Helmut Kohl"),
    ("Officials said the German chancellor would come.", "1999-05-01", "Gerhard Schroeder"),
    ("Officials said the German leader would come.", "2001-05-01", "Gerhard Schroeder"),
    ("Officials said the French foreign minister would come.", "2003-05-01", "Dominique de Villepin"),
    ("Officials said the Ukrainian prime minister would come.", "2000-05-01", "Viktor Yushchenko"),
    ("Officials said the Japanese prime minister would come.", "1997-05-01", "Ryutaro Hashimoto"),
    ("Officials said the British defence secretary would come.", "2000-05-01", "Geoff Hoon"),
    ("Officials said the Chinese leader would come.", "2001-05-01", "Jiang Zemin"),
    ("Officials said the Vietnamese leader would come.", "1999-05-01", "Le Kha Phieu"),
    ("Officials said the Georgian president would come.", "2004-05-01", "Mikheil Saakashvili"),
    ("Officials said the Kazakh foreign minister would come.", "2000-05-01", "Yerlan Idrissov"),
])
def test_office_holders_on_the_issue_date(gazetteer, text, day, expected):
    assert [m.ref.name for m in find_actors(text, datetime.date.fromisoformat(day), gazetteer)] == [expected]


def test_people_of_the_wider_world_by_name_and_variant(gazetteer):
    text = "Kwasniewski met Vaira Vike-Freiberga, Lukashenko and Chrétien; Nazarbaev phoned Tokaev."
    names = [m.ref.name for m in find_actors(text, datetime.date(2000, 5, 1), gazetteer)]
    assert names == ["Aleksander Kwasniewski", "Vaira Vike-Freiberga", "Alyaksandr Lukashenka", "Jean Chretien",
                     "Nursultan Nazarbaev", "Kassym-Jomart Tokayev"]


def test_an_official_of_an_organization_acts_for_no_state(gazetteer):
    # George Robertson is British, but as NATO's Secretary General (1999-2003) he acts for no state; as
    # Defence Secretary (1997-1999) for the United Kingdom.
    [nato] = find_actors("George Robertson arrived.", datetime.date(2001, 2, 20), gazetteer)
    assert (nato.ref.country, nato.ref.title) == (None, "Secretary General of NATO")
    [uk] = find_actors("George Robertson arrived.", datetime.date(1998, 2, 20), gazetteer)
    assert (uk.ref.country, uk.ref.title) == ("GB", "Defence Secretary of the United Kingdom")


def test_the_country_of_a_title_with_office_words_between(gazetteer):
    # "U.S. Energy Secretary": up to two capitalised office words between the country and the title word.
    found = find_actors("It was signed by U.S. Energy Secretary Samuel Testman on Monday.", datetime.date(2001, 3, 1),
                        gazetteer)
    assert [(m.ref.name, m.ref.country, m.ref.known) for m in found] == [("Samuel Testman", "US", False)]
