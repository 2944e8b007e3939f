"""People of the tenth round: persons of one surname across eras (the issue date decides which gazetteer person a
shared name is), and an object pronoun that is not its own verb's subject. Sentences written for these tests."""
import datetime

import pytest

from events.extraction.entities import find_entities
from events.extraction.entities.gazetteer import Gazetteer, default_gazetteer
from events.extraction.entities.people import find_actors


def names(text, day, gazetteer):
    return [m.ref.name for m in find_actors(text, datetime.date.fromisoformat(day), gazetteer)]


@pytest.mark.parametrize("day, expected", [
    ("1997-03-20", "George H. W. Bush"),  # the father: the son's first office is years away
    ("2000-09-01", "George W. Bush"),  # the candidate, months before taking office
    ("2002-05-01", "George W. Bush"),  # the son, in office
])
def test_george_bush_by_the_issue_date(gazetteer, day, expected):
    assert names("The treaty George Bush signed was ratified; Bush said so.", day, gazetteer) == [expected, expected]


def test_a_korean_surname_goes_to_the_holder_of_the_era(gazetteer):
    assert names("He was the first since Roh Tae-woo came; Roh had met him.", "1999-05-28", gazetteer) == [
        "Roh Tae-woo", "Roh Tae-woo"]
    assert names("Roh said the talks went well.", "2004-05-28", gazetteer) == ["Roh Moo-hyun"]


def test_an_unlisted_form_is_not_forced_onto_a_future_holder():
    # The data knows "Mikhail V. Petrov", in office from 2004; "Mikhail Petrov" in 1995 is another man of that name.
    base = default_gazetteer()
    petrov = {"name": "Mikhail V. Petrov", "aliases": ["Mikhail V. Petrov", "Petrov"], "country": "RU", "source": "test",
              "roles": [{"title": "Finance Minister of Russia", "country": "RU", "start": "2004-01-01", "end": None}]}
    gazetteer = Gazetteer(countries=base.countries, actors=[petrov])
    assert [(m.text, m.ref.name, m.ref.known) for m in find_actors("Mikhail Petrov arrived.", datetime.date(1995, 3, 1),
                                                                   gazetteer)] == [("Mikhail Petrov", "Mikhail Petrov", False)]
    assert [m.ref.name for m in find_actors("Mikhail Petrov arrived.", datetime.date(2004, 3, 1), gazetteer)] == [
        "Mikhail V. Petrov"]


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb(gazetteer):
    # "him" is the man the Vietnamese premier received, not the premier: the first clause's Ivanov.
    text = "Igor Ivanov landed in Hanoi on Sunday, and the Vietnamese prime minister received him the next morning."
    entities = find_entities(text, datetime.date(2001, 6, 12), gazetteer)
    [him] = [m for m in entities.actors if m.text == "him"]
    assert him.ref.name == "Igor Ivanov"
