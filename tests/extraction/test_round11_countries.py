"""Issue 11, eleventh round (imp18): which states an event takes. Sentences written for this test (none from the
corpus or the devset)."""
import datetime

import pytest

from events.extraction.entities import find_entities
from tests.extraction._one_mention import countries_of


def _codes(text, gazetteer):
    return [m.code for m in find_entities(text, datetime.date(2001, 3, 8), gazetteer).countries]


# -- a state's name as a person's surname ----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The talks were run by the deputy minister and Kazuhiko Togo, a department head in Tokyo.",
    "The banker Vernon Jordan called on the envoy.",
])
def test_a_surname_names_no_state(text, gazetteer):
    assert "TG" not in _codes(text, gazetteer) and "JO" not in _codes(text, gazetteer)


@pytest.mark.parametrize("text, code", [
    ("On Tuesday Japan protested.", "JP"),          # a date word before the name
    ("He grew up in Soviet Georgia before the war.", "GE"),  # a modifier of the state
    ("Visiting Togo is rare for a Russian minister.", "TG"),  # the sentence's first word
    ("The former East Germany owed Moscow money.", "DE"),
    ("The envoy flew to Togo and Benin.", "TG"),
])
def test_a_state_after_other_capitalised_words_stays(text, code, gazetteer):
    assert code in _codes(text, gazetteer)


def test_a_surname_state_is_no_party_of_the_event(gazetteer):
    text = "Deputy Foreign Minister Losyukov and Kazuhiko Togo drafted the statement in Moscow in early March."
    assert "TG" not in countries_of(text, datetime.date(2001, 3, 27), "early March", gazetteer)


# -- an organization's meeting and its ambassadors (organization_parties) -------------------------------------
G8_2001 = {"US", "CA", "FR", "DE", "IT", "JP", "GB", "RU"}


def test_the_organizations_meeting_is_its_own_gathering(gazetteer):
    # "the G-8 meeting" (no possessive) is the group's own gathering, like "the G-8 summit".
    text = "The next chance for a summit is the G-8 meeting in Genoa in July, which both leaders will attend."
    assert countries_of(text, datetime.date(2001, 3, 27), "July", gazetteer) == G8_2001


@pytest.mark.parametrize("text", [
    "The NATO-Ukraine Commission's meeting of ambassadors, set for February 21, will go ahead.",
    "The alliance's ambassadors will meet Ukraine's envoy on February 21 to review the charter.",
])
def test_an_ambassadors_meeting_sits_at_the_seat(text, gazetteer):
    if "alliance" in text:
        text = "NATO has kept its distance from Kyiv. " + text
    assert countries_of(text, datetime.date(2001, 2, 14), "February 21", gazetteer) == {"UA", "BE"}
