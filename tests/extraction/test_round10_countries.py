"""Issue 11, tenth round (imp17): which states an event takes. Sentences written for this test (none from the
corpus or the devset). The facts are data: state agencies and state companies as their state's metonyms
(events/extraction/data/countries.json, kind capital like a seat of power)."""
import datetime

import pytest

from events.extraction.pipeline import extract_article
from tests.extraction._one_mention import countries_of


# -- a state agency or a state company acts for its state ---------------------------------------------------------
@pytest.mark.parametrize("text, day, date_text, expected", [
    # The buyer's minister talks of the seller's gas company: the seller's state takes part.
    ("The Ukrainian fuel minister said on Tuesday that Kyiv would ask Gazprom for a lower price.",
     datetime.date(2001, 3, 8), "Tuesday", {"UA", "RU"}),
    ("Officers of the FBI arrested the diplomat's driver on Monday outside the Russian embassy.",
     datetime.date(2001, 3, 8), "Monday", {"US", "RU"}),
    ("India signed a contract with Rosoboronexport on Friday for forty more fighters.",
     datetime.date(2001, 3, 8), "Friday", {"IN", "RU"}),
])
def test_a_state_agency_or_company_is_its_states(text, day, date_text, expected, gazetteer):
    assert countries_of(text, day, date_text, gazetteer) == expected


def test_an_airline_is_no_party(gazetteer):
    # A flight's carrier names no state taking part in the arrest.
    text = "The banker landed in New York on Wednesday on an Aeroflot flight to attend the inauguration."
    assert countries_of(text, datetime.date(2001, 1, 22), "Wednesday", gazetteer) == {"US"}


# -- groups of states named by their number, and a young alliance (organizations.json) ----------------------------
CASPIAN_FIVE = {"RU", "IR", "KZ", "AZ", "TM"}
BLACK_SEA_SIX = {"TR", "RU", "UA", "GE", "RO", "BG"}


@pytest.mark.parametrize("text, date_text, expected", [
    ("The foreign ministers of the five Caspian states will meet in Baku in October.", "October", CASPIAN_FIVE),
    ("The leaders of the five littoral states are to hold their first summit in Ashgabat in March.", "March",
     CASPIAN_FIVE),
    ("The defence ministers of the Black Sea naval task group met in Sofia on Friday.", "Friday", BLACK_SEA_SIX),
])
def test_a_groups_own_gathering_takes_its_members(text, date_text, expected, gazetteer):
    assert countries_of(text, datetime.date(2001, 6, 4), date_text, gazetteer) == expected


def test_the_other_littoral_states_of_a_statement_are_no_gathering(gazetteer):
    text = "Iran said on Monday that the other littoral states could not divide the sea without it."
    assert countries_of(text, datetime.date(2001, 6, 4), "Monday", gazetteer) == {"IR"}


# -- an arrival with no destination, told in a new paragraph -------------------------------------------------------
def test_an_arrival_in_a_new_paragraph_is_where_the_pair_met(gazetteer):
    # The story's place is the home state's city the paragraph before named: the guest arrived there.
    text = ("The Japanese premier held talks with Putin in Novgorod on Saturday, and Japan and Russia agreed to "
            "meet again in Tokyo.\n\nThe Japanese premier arrived on Friday evening, a week after he took office.")
    assert countries_of(text, datetime.date(2000, 5, 2), "Friday evening", gazetteer) == {"JP", "RU"}


def test_an_arrival_in_a_new_paragraph_takes_no_third_states_place(gazetteer):
    # The paragraph before told a meeting in France, a state outside the article's pair: no place is implied.
    text = ("Japan and Russia agreed in April to hold talks; Japan's premier saw Chirac in Paris on Monday.\n\n"
            "The Japanese premier arrived on Friday evening, a week after he took office.")
    assert "FR" not in countries_of(text, datetime.date(2000, 5, 2), "Friday evening", gazetteer)


# -- the UN's organs sit in New York ----------------------------------------------------------------------------
def test_a_meeting_at_the_un_general_assembly_takes_its_host(gazetteer):
    # docs/annotation.md: a meeting at a session of an organ takes the host and the named participants.
    text = "Igor Ivanov and the Turkish foreign minister met on Monday at the session of the UN General Assembly."
    assert countries_of(text, datetime.date(2001, 9, 10), "Monday", gazetteer) == {"RU", "TR", "US"}


# -- a state's own election or appointment is never offered the article's other side -----------------------------
def test_an_election_is_offered_no_other_side(monkeypatch):
    from events.extraction.events import implied_side
    text = ("North Korea and Russia are to sign a treaty. Pyongyang wants it soon, and North Korean diplomats said so "
            "in Moscow. The two ministers agreed that a summit would follow the Russian presidential election on "
            "March 26. North Korea's press was kind.")
    offered = []
    monkeypatch.setattr(implied_side, "_recorder", offered)
    [mention] = [m for m in extract_article(text, datetime.date(2000, 2, 11)) if m.date_text == "March 26"]
    assert mention.event_type == "election"
    assert offered == [] and mention.countries == ["RU"]
