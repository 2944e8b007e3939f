"""Issue 11, sixth round (evt13): general mechanisms for whether a happening is found, its date and its status,
each on sentences written for this test (never the development articles' text), with at least two differently
worded sentences per rule. DAY is Tuesday, June 12, 2001."""
import pytest

from events.extraction.entities import default_gazetteer
from tests.extraction._one_mention import one


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize("sentence, date_text", [
    # A postponement under a modal has not happened: the visit keeps its plan (the date lies ahead).
    ("Voronin, who is to visit Ankara in late July, warned on Friday that the trip could be postponed.",
     "late July"),
    ("Kuchma is due in Beijing next month, but his aides say the visit may yet be delayed.", "next month"),
])
def test_a_postponement_in_doubt_puts_nothing_off(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("sentence, date_text", [
    # "set for"/"scheduled for" a date, with a postponement of the same happening in the sentence: the date
    # is the one given up, past (last week) or not.
    ("A visit by Kuchma to Minsk, set for last week, was quietly called off.", "last week"),
    ("Aliev's talks in Baku with Ivanov, scheduled for Monday, were postponed at the last minute.", "Monday"),
])
def test_the_date_a_happening_was_set_for_is_given_up(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "postponed"


def test_the_new_date_after_now_set_for_is_planned(gazetteer):
    # "is now set for" names the new date (not given up); the putting-off itself is last week's.
    sentence = "Kuchma's visit to Minsk was postponed last week and is now set for July 3."
    assert one(sentence, gazetteer, "July 3").status == "planned"
    assert one(sentence, gazetteer, "last week").status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    # A span that holds the issue day ("this month", "this year") is planned when the sentence wants it.
    ("Kuchma said he hoped to see Putin again this month.", "this month"),
    ("Aliev wants to meet Kocharian in Paris this year.", "this year"),
])
def test_a_hope_or_wish_in_a_span_holding_the_issue_day_is_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("sentence, date_text", [
    # What lies wholly after the issue date has not occurred, whatever trigger of another clause typed it (here
    # a postponement of the second clause, which used to give "occurred").
    ("The Tengiz line is due to carry its first crude next summer, and Tokaev complained that Moscow keeps "
     "delaying the permits.", "next summer"),
    ("Kazakhstan hopes to export grain through Novorossiisk next spring, and its officials accuse Moscow of "
     "delaying the quotas.", "next spring"),
])
def test_a_date_wholly_ahead_is_never_occurred(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"
