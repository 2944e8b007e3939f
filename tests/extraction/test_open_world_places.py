"""Places beyond capitals (data/places.json): cities and regions give the state where an event happens;
they never speak for it; inside an organization's name they name no place. Data integrity of the file.
Sentences written for these tests."""
import json
from pathlib import Path

import pytest

from events.extraction.entities import DATA_DIR, find_entities
from events.extraction.pipeline import extract_article
from tests.extraction._one_mention import DAY, one


def test_a_city_that_is_no_capital_gives_the_state_where_the_event_happens(gazetteer):
    # Sochi is in Russia: the meeting of a Belarusian and a Ukrainian there is Russia's too.
    m = one("The Belarusian and Ukrainian prime ministers met in Sochi on Friday.", gazetteer, "Friday")
    assert set(m.countries) == {"BY", "UA", "RU"}
    # Key West, Florida: both the town and the state are American.
    m = one("The Armenian and Azerbaijani presidents ended their talks in Key West, Florida, on Saturday.",
            gazetteer, "Saturday")
    assert "US" in m.countries


def test_a_secessionist_region_is_its_states(gazetteer):
    m = one("Georgian officials visited Sukhumi, the capital of Abkhazia, on Monday.", gazetteer, "Monday")
    assert m.countries == ["GE"]
    kinds = {c.text: c.kind for c in find_entities("Tiraspol and the Transdniester region", DAY, gazetteer).countries}
    assert kinds == {"Tiraspol": "city", "Transdniester": "region"}


def test_a_city_inside_an_organization_name_is_no_place(gazetteer):
    text = "Kyrgyz officials said the Shanghai Cooperation Organization and the OSCE Minsk Group would meet."
    codes = [c.code for c in find_entities(text, DAY, gazetteer).countries]
    assert codes == ["KG"]  # not China (Shanghai) nor Belarus (Minsk)
    # The organization itself is found.
    assert {o.slug for o in find_entities(text, DAY, gazetteer).organizations} == {"sco", "osce"}


def test_a_city_never_speaks_for_its_state(gazetteer):
    # "Moscow announced" is Russia's voice (a seat of power); a town is only where something happens: the
    # summary names no agent for "Sochi announced", though the event is Russia's.
    moscow = one("Moscow announced on Monday that it would host the talks.", gazetteer, "Monday")
    sochi = one("Sochi announced on Monday that it would host the talks.", gazetteer, "Monday")
    assert moscow.summary == "Russia announces talks" and sochi.summary == "Talks announced"
    assert moscow.countries == sochi.countries == ["RU"]


PLACES = json.loads((Path(DATA_DIR) / "places.json").read_text(encoding="utf-8"))
COUNTRIES = json.loads((Path(DATA_DIR) / "countries.json").read_text(encoding="utf-8"))
ACTORS = json.loads((Path(DATA_DIR) / "actors.json").read_text(encoding="utf-8"))


def test_places_data_integrity():
    codes = {c["code"] for c in COUNTRIES}
    country_texts = {t for c in COUNTRIES for t in [c["name"], *(a["text"] for a in c["aliases"])]}
    seen = {}
    for group in ("cities", "regions"):
        for code, texts in PLACES[group].items():
            assert code in codes, code
            for text in texts:
                assert text == text.strip() and text[0].isupper(), text
                # One owner per text, and never a text a state already owns (that one would win).
                assert seen.setdefault(text, code) == code, (text, seen[text], code)
                assert text not in country_texts, text
    # No place is a word of a person's name in the gazetteer ("Vladimir" is a city, and Putin's first name).
    name_words = {word for actor in ACTORS for alias in [actor["name"], *actor.get("aliases", [])]
                  for word in alias.split()}
    assert {text for text in seen if text in name_words} == set()


def test_leaders_of_unrecognized_republics_act_for_the_state_the_region_lay_in(gazetteer):
    m = one("The Abkhaz leader, Vladislav Ardzinba, said in Sukhumi on Friday that the talks had failed.",
            gazetteer, "Friday")
    assert [(a.name, a.country) for a in m.actors] == [("Vladislav Ardzinba", "GE")] and m.countries == ["GE"]
    # The office rule ("the Georgian leader") is not theirs: no "President of" or "Leader of" title.
    holder = gazetteer.office_holder("GE", "leader", DAY)
    assert holder == "Eduard Shevardnadze"


@pytest.mark.parametrize("sentence, date_text, event_type", [
    ("Eduard Shevardnadze accused Moscow on Saturday of arming the separatists.", "Saturday", "protest"),
    ("Moscow's reply came on Saturday.", "Saturday", "statement"),
    ("Ariel Sharon, who had been in Moscow in February, will return next year.", "February", "visit"),
])
def test_accusations_replies_and_past_stays_are_events(gazetteer, sentence, date_text, event_type):
    assert one(sentence, gazetteer, date_text).event_type == event_type


def test_having_been_in_office_is_no_visit(gazetteer):
    mentions = extract_article("Eduard Shevardnadze, who has been in office since 1995, said in February that "
                               "he would run again.", DAY, gazetteer)
    assert [m.event_type for m in mentions if m.date_text == "February"] == ["statement"]
