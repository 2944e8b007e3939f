"""Issue 11, thirteenth round (cty22): an organization's own gathering told less directly. A group as the subject
of a verb of gathering, a put-off gathering, and groups the data lacked. Sentences written for this test (none
from the corpus or the devset)."""
import datetime

import pytest

from tests.extraction._one_mention import countries_of

DAY = datetime.date(2001, 6, 12)
CONTACT_GROUP = {"US", "RU", "GB", "FR", "DE", "IT"}
CASPIAN = {"RU", "IR", "KZ", "AZ", "TM"}
SHANGHAI = {"CN", "RU", "KZ", "KG", "TJ"}


# -- a group that meets: the group itself is the subject of the gathering's verb ----------------------------------
@pytest.mark.parametrize("text, date_text, wanted", [
    ("The Contact Group, which meets in Rome at the end of the month, should say so.", "the end of the month",
     CONTACT_GROUP),
    ("The Contact Group met in London on Thursday and called for talks.", "Thursday", CONTACT_GROUP),
    ("The Shanghai Five, which convened in Dushanbe on July 5, issued a joint declaration.", "July 5", SHANGHAI),
])
def test_a_group_that_meets_gathers_all_its_members(text, date_text, wanted, gazetteer):
    assert wanted <= countries_of(text, DAY, date_text, gazetteer)


@pytest.mark.parametrize("text, date_text", [
    # somebody speaking to the group: its members are no parties
    ("Ivanov told the Contact Group in London on Thursday that Moscow would not agree.", "Thursday"),
    # the group meets in another clause than the event's date
    ("Ivanov flew to London on Thursday, where the Contact Group met.", "Thursday"),
])
def test_a_group_addressed_or_met_elsewhere_adds_no_members(text, date_text, gazetteer):
    assert "DE" not in countries_of(text, DAY, date_text, gazetteer)


# -- a put-off gathering of the group's own is still all its members' ---------------------------------------------
@pytest.mark.parametrize("text, date_text", [
    ("The summit of the five littoral states, set for Baku in March, has been put off once more.", "March"),
    ("The meeting of the five Caspian states, planned for Tehran in October, was postponed again.", "October"),
])
def test_a_put_off_gathering_keeps_all_its_members(text, date_text, gazetteer):
    assert CASPIAN <= countries_of(text, DAY, date_text, gazetteer)


def test_a_gathering_named_as_the_cause_of_a_delay_adds_no_members(gazetteer):
    text = "Putin's trip to Kyiv in May was put off because of the summit of the five littoral states in Baku."
    found = countries_of(text, DAY, "May", gazetteer)
    assert {"RU", "UA"} <= found and "TM" not in found


# -- groups and spellings the data lacked ----------------------------------------------------------------------
def test_the_shanghai_forum_in_lower_case_is_the_shanghai_five(gazetteer):
    text = "The five presidents of the Shanghai forum meet in Almaty in mid-June."
    assert SHANGHAI <= countries_of(text, DAY, "mid-June", gazetteer)


def test_the_six_plus_two_meeting_takes_its_eight_states(gazetteer):
    text = 'The ministers of the "Six plus Two" meet in Tashkent next week.'
    assert {"CN", "IR", "PK", "TJ", "TM", "UZ", "RU", "US"} <= countries_of(text, DAY, "next week", gazetteer)
