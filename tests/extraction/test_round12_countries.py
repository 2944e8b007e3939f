"""Issue 11, twelfth round (cty20): which states an event takes. Sentences written for this test (none from the
corpus or the devset)."""
import datetime

import pytest

from tests.extraction._one_mention import countries_of

DAY = datetime.date(2001, 6, 12)


# -- one event, one place: a state named only as another happening's place is none of the event's ---------------
@pytest.mark.parametrize("text, date_text, wanted, gone", [
    ("Putin arrived in Hungary fresh from the summit in Oslo on Friday.", "Friday", "NO", "HU"),
    ("The premier opened his tour with a summit with Chirac in Paris last week and took Amato to Rome on Tuesday.",
     "last week", "FR", "IT"),
])
def test_another_happenings_place_is_no_party(text, date_text, wanted, gone, gazetteer):
    found = countries_of(text, DAY, date_text, gazetteer)
    assert wanted in found and gone not in found


@pytest.mark.parametrize("text, date_text, kept", [
    # a journey's own destination stays where another place is named nearer the date
    ("Chirac's state visit to Russia, first planned for April, was put off because of the strikes in Paris and may "
     "now take place in October.", "October", "RU"),
    # a journey home ends at no event's place: the stay before it keeps its state
    ("Sharif flew home to Islamabad yesterday after three days in China.", "yesterday", "CN"),
])
def test_a_destination_or_a_stay_before_going_home_stays(text, date_text, kept, gazetteer):
    assert kept in countries_of(text, DAY, date_text, gazetteer)


# -- a coordinate main clause of its own: the first clause's speaker lends it no state --------------------------
@pytest.mark.parametrize("text, date_text, wanted, gone", [
    ('Spokesman Richard Boucher said on Friday that Washington was "watching closely," and the Japanese Foreign '
     'Ministry asked the Russian ambassador in Tokyo the same day for an explanation.', "the same day", {"JP", "RU"},
     "US"),
    ("Chancellor Schroeder said on Monday that the debt could wait, and the Polish Foreign Ministry called in the "
     "Russian charge the next day to complain.", "the next day", {"PL", "RU"}, "DE"),
])
def test_a_coordinate_clause_takes_no_state_of_the_first_clauses_speaker(text, date_text, wanted, gone, gazetteer):
    found = countries_of(text, DAY, date_text, gazetteer)
    assert wanted <= found and gone not in found


# -- a summit dated right after its name, gone to or come from, is the organization's own ------------------------
CIS_2001 = {"RU", "UA", "BY", "MD", "AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ"}


@pytest.mark.parametrize("text", [
    "Kuchma flew on to the CIS summit in Minsk on Friday.",
    "Putin came home fresh from the CIS summit in Minsk on Friday.",
])
def test_a_summit_gone_to_or_come_from_takes_its_members(text, gazetteer):
    assert countries_of(text, DAY, "Friday", gazetteer) == CIS_2001


@pytest.mark.parametrize("text", [
    "Putin has invited Kuchma to a CIS summit in Minsk on Friday.",  # the invitee's attendance
    "Putin met Kuchma at the CIS summit in Minsk on Friday.",  # a meeting at the summit
])
def test_an_invitation_to_or_a_meeting_at_a_summit_takes_the_named_and_the_host(text, gazetteer):
    assert countries_of(text, DAY, "Friday", gazetteer) == {"RU", "UA", "BY"}


# -- a state's body as the subject before an adverb aside ------------------------------------------------------
@pytest.mark.parametrize("text, date_text, wanted", [
    ("The Polish government, for its part, said on Sunday that it would raise the matter with Moscow.", "Sunday",
     {"PL", "RU"}),
    ("The Turkish Foreign Ministry, meanwhile, said on Monday that it would ask Moscow for an explanation.", "Monday",
     {"TR", "RU"}),
])
def test_a_states_body_before_an_aside_is_the_statements_party(text, date_text, wanted, gazetteer):
    assert countries_of(text, DAY, date_text, gazetteer) == wanted


# -- an opening phrase of place ("In Warsaw, ...") places the main clause's event -------------------------------
@pytest.mark.parametrize("text, date_text, wanted", [
    ('In Warsaw, opposition deputies said on Sunday that the deal had been "rushed" through by Moscow.', "Sunday",
     {"PL", "RU"}),
    ("In Tokyo, officials said on Monday that Russia had not replied.", "Monday", {"JP", "RU"}),
])
def test_an_opening_place_phrase_places_the_main_clause(text, date_text, wanted, gazetteer):
    assert countries_of(text, DAY, date_text, gazetteer) == wanted
