"""Issue 11, twelfth round, second half (cty21): states named only as a cause or a topic, and an organization
gathering of a neighbouring clause. Sentences written for this test (none from the corpus or the devset)."""
import datetime

import pytest

from tests.extraction._one_mention import countries_of

DAY = datetime.date(2001, 6, 12)


# -- a state named only in the cause of a delay is none of the delayed event's parties ---------------------------
@pytest.mark.parametrize("text, date_text, wanted, gone", [
    ("Defense Minister Ivanov's trip to Beijing, set for early this month, was put off because of the Iraqi "
     "crisis.", "early this month", {"RU", "CN"}, "IQ"),
    ("Foreign Minister Igor Ivanov's visit to Rome, planned for late May, was postponed because of the Kremlin's talks "
     "with Tokyo.", "late May", {"RU", "IT"}, "JP"),
    ("Kasyanov's trip to Madrid in April was cancelled due to the crisis over Belgrade.", "April", {"RU", "ES"}, "YU"),
])
def test_a_state_named_only_as_the_cause_of_a_delay_is_no_party(text, date_text, wanted, gone, gazetteer):
    found = countries_of(text, DAY, date_text, gazetteer)
    assert wanted <= found and gone not in found


# -- a topic after a quoted noun of talk ---------------------------------------------------------------------
def test_a_topic_after_a_quoted_noun_of_talk_is_no_party(gazetteer):
    text = 'The Syrian foreign minister arrived in Moscow on Monday for "urgent talks" on Iraq.'
    found = countries_of(text, DAY, "Monday", gazetteer)
    assert {"SY", "RU"} <= found and "IQ" not in found


# -- an organization's gathering in a neighbouring clause adds no members -----------------------------------------
@pytest.mark.parametrize("text, date_text", [
    # the gathering is dated in its own clause; the event's date follows in the next
    ("Kuchma is to attend the CIS summit in Minsk in late November, and the two prime ministers meet in Odessa in "
     "mid-September.", "mid-September"),
    # a coordinate clause whose subject is the gathering itself
    ("Kuchma was to have come in December, but the CIS summit in Minsk kept him at home.", "December"),
    ("Ivanov was to have met Kuchma in December, but the CIS summit in Minsk kept him at home.", "December"),
])
def test_a_neighbouring_clauses_gathering_adds_no_members(text, date_text, gazetteer):
    found = countries_of(text, DAY, date_text, gazetteer)
    assert "UA" in found and "KZ" not in found


# -- two people meeting during a summit: the summit is their venue ------------------------------------------------
def test_two_people_meeting_during_a_summit_of_the_leaders_is_theirs(gazetteer):
    text = "Putin and Kuchma met in Yalta on Saturday, during the informal summit of the CIS leaders."
    found = countries_of(text, DAY, "Saturday", gazetteer)
    assert {"RU", "UA"} <= found and "KZ" not in found


# -- "due to" of a schedule names the parties -------------------------------------------------------------------
def test_a_schedules_due_to_is_no_cause(gazetteer):
    text = "Putin is due to hold talks with Kim Jong Il this afternoon."
    assert "KP" in countries_of(text, DAY, "this afternoon", gazetteer)
