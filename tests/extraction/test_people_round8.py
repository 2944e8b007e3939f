"""Issue 11, eighth round (people): the dated gazetteer widened to every state of 1995-2005 and to the heads of
international organizations (actors.json), its integrity, and a full-named gazetteer person's bare surname.
Every sentence is written for this test."""
import datetime
import json
from pathlib import Path

import pytest

from events.extraction.entities import DATA_DIR, find_actors
from tests.extraction import people_coverage

ACTORS = json.loads((Path(DATA_DIR) / "actors.json").read_text(encoding="utf-8"))


def people(text, gazetteer, day):
    return [(m.text, m.ref.name, m.ref.country) for m in find_actors(text, datetime.date.fromisoformat(day),
                                                                       gazetteer)]


# -- integrity ---------------------------------------------------------------------------------------------------
def test_every_role_is_dated_in_order_and_every_entry_has_a_source():
    for actor in ACTORS:
        assert actor.get("source", "").strip(), actor["name"]
        for role in actor["roles"]:
            start = datetime.date.fromisoformat(role["start"])
            end = datetime.date.fromisoformat(role["end"]) if role["end"] else None
            assert end is None or start <= end, (actor["name"], role)


def _office_kind(title):
    title = title.removeprefix("Acting ")
    if title.startswith("Presidential"):  # "Presidential Aide", "Presidential Envoy": many at a time
        return None
    return next((kind for kind, prefixes in people_coverage.ROLES.items() if title.startswith(prefixes)), None)


def test_no_two_persons_hold_one_office_of_one_state_at_once():
    # A handover counted to the day on each side, or an acting holder, may overlap by a few weeks; more is an error.
    holders = {}
    for actor in ACTORS:
        for role in actor["roles"]:
            if role["country"] and _office_kind(role["title"]) and not role["title"].startswith("Acting "):
                holders.setdefault((role["country"], role["title"]), []).append(
                    (role["start"], role["end"] or "9999-12-31", actor["name"]))
    overlapping = []
    for office, spans in holders.items():
        spans.sort()
        for (_, end1, name1), (start2, _, name2) in zip(spans, spans[1:]):
            days = (datetime.date.fromisoformat(min(end1, "9999-12-30")) - datetime.date.fromisoformat(start2)).days
            if name1 != name2 and days > 31 and {name1, name2} != {"Wolfgang Schuessel", "Wolfgang Schussel"}:
                overlapping.append((office, name1, name2, days))
    assert overlapping == []


def test_the_coverage_of_every_state_does_not_shrink():
    # 49.3% of the state-role-days of 1995-2005 (every state of countries.json; head of state, head of government
    # where there is one, foreign and defence minister) before the eighth round, 67.7% after it.
    table = people_coverage.world_coverage()
    covered, days = sum(c for c, _ in table.values()), sum(d for _, d in table.values())
    assert covered / days >= 0.675
    assert table["head"][0] / table["head"][1] >= 0.94


# -- the wider world by description and name ---------------------------------------------------------------------
@pytest.mark.parametrize("text, day, expected", [
    ("Officials said the Georgian state minister would come.", "1999-05-01", "Vazha Lortkipanidze"),
    ("Officials said the South Korean defense minister would come.", "2000-05-01", "Cho Seong-tae"),
    ("Officials said the Swiss president would come.", "2001-05-01", "Moritz Leuenberger"),
    ("Officials said the Maltese leader would come.", "2000-05-01", "Eddie Fenech Adami"),
    ("Officials said the Irish defence minister would come.", "2001-05-01", "Michael Smith"),
    ("Officials said the Taiwanese foreign minister would come.", "2003-05-01", "Eugene Chien"),
])
def test_office_holders_of_the_wider_world(gazetteer, text, day, expected):
    assert [name for _, name, _ in people(text, gazetteer, day)] == [expected]


def test_heads_of_international_organizations_act_for_no_state(gazetteer):
    found = people("Camdessus met Wolfensohn and Ruggiero in Washington.", gazetteer, "1997-04-20")
    assert found == [("Camdessus", "Michel Camdessus", None), ("Wolfensohn", "James Wolfensohn", None),
                     ("Ruggiero", "Renato Ruggiero", None)]


def test_a_country_s_possessive_is_no_person(gazetteer):
    assert people("Cuba's envoy left on Monday.", gazetteer, "1998-12-01") == []
    assert people("Cubas and Wasmosy met on Monday.", gazetteer, "1998-12-01") == [
        ("Cubas", "Raúl Cubas Grau", "PY"), ("Wasmosy", "Juan Carlos Wasmosy", "PY")]


# -- the bare surname of a gazetteer person named in full --------------------------------------------------------
def test_the_bare_surname_of_a_person_named_in_full_is_that_person(gazetteer):
    # The data lists no bare "Butler" or "Moore" (common words), but after the full name the article means him.
    found = people("The inspectors' chief, Richard Butler, flew in. Butler is to report next week.",
                   gazetteer, "1998-02-01")
    assert [name for _, name, _ in found] == ["Richard Butler", "Richard Butler"]
    found = people("Mike Moore opened the talks in Geneva; on Tuesday Moore said they would go on.",
                   gazetteer, "2001-06-01")
    assert [(text, name) for text, name, _ in found] == [("Mike Moore", "Mike Moore"), ("Moore", "Mike Moore")]


def test_a_surname_that_is_also_a_given_name_names_the_person_named_in_full(gazetteer):
    found = people("Secretary of State Warren Christopher flew to Cairo. Christopher said on Monday that he "
                   "would stay two days.", gazetteer, "1996-03-01")
    assert [(text, name) for text, name, _ in found] == [("Warren Christopher", "Warren Christopher"),
                                                         ("Christopher", "Warren Christopher")]
    found = people("Paul Martin spoke first; Martin then left for Ottawa.", gazetteer, "2004-03-01")
    assert [(text, name) for text, name, _ in found] == [("Paul Martin", "Paul Martin"), ("Martin", "Paul Martin")]


def test_a_bare_surname_before_the_full_name_or_a_given_name_is_not_taken(gazetteer):
    # Before the full name "Moore" names nobody yet; "Paul" after "Pope John Paul II" is a given name.
    found = people("Moore was not there. Later Mike Moore arrived.", gazetteer, "2001-06-01")
    assert [text for text, _, _ in found] == ["Mike Moore"]
    found = people("Pope John Paul II said Mass; Paul Smith, a pilgrim, watched.", gazetteer, "2001-06-01")
    assert ("Paul", "John Paul II", "VA") not in found


# -- a shared surname far from every bearer: the one the article names most ----------------------------------
def test_a_shared_surname_far_from_its_bearers_is_the_one_the_article_names_most(gazetteer):
    filler = " The talks went on for hours behind closed doors and nobody came out to speak to the press." * 4
    text = ("Kim Jong Il received the Russian guest in Pyongyang. Kim spoke of missiles." + filler +
            " On Thursday the guest also saw Kim Yong Nam, the formal head of state." + filler +
            " Seoul wants to know whether Kim meant what he said.")
    kims = [name for _, name, _ in people(text, gazetteer, "2000-07-21") if name.startswith("Kim")]
    assert kims == ["Kim Jong-il", "Kim Jong-il", "Kim Yong-nam", "Kim Jong-il"]


def test_a_shared_surname_near_one_bearer_only_is_that_bearer(gazetteer):
    filler = " The talks went on for hours behind closed doors and nobody came out to speak to the press." * 4
    text = ("Kim Jong Il received the guest. Kim spoke first." + filler +
            " The next day the guest met Kim Yong Nam; Kim told him the assembly would meet.")
    kims = [name for _, name, _ in people(text, gazetteer, "2000-07-21") if name.startswith("Kim")]
    assert kims == ["Kim Jong-il", "Kim Jong-il", "Kim Yong-nam", "Kim Yong-nam"]


# -- heads of international organizations by description (roles.json described_offices) -----------------------
@pytest.mark.parametrize("text, day, expected", [
    ("Officials said the IMF chief would come.", "1997-05-01", "Michel Camdessus"),
    ("Officials said the IMF managing director would come.", "2002-05-01", "Horst Koehler"),
    ("Talks with the World Bank president ended late.", "2001-05-01", "James Wolfensohn"),
    ("The chief UN weapons inspector left Baghdad.", "1998-02-01", "Richard Butler"),
    ("NATO's supreme commander flew to Skopje.", "1999-04-01", "Wesley Clark"),
    ("The UN administrator in Kosovo met the Serbs.", "2002-06-01", "Michael Steiner"),
])
def test_heads_of_organizations_by_description(gazetteer, text, day, expected):
    assert [name for _, name, _ in people(text, gazetteer, day)] == [expected]
