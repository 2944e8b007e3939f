"""Issue 11, thirteenth round (tim21): dates and status of plans and their deadlines. Sentences are our own; the
expected intervals are reasoned in the comments. ANCHOR is Monday, August 27, 2001."""
import datetime

import pytest

from events.extraction.pipeline import extract_article
from events.extraction.timex import tag

ANCHOR = "2001-08-27"


def span(text, phrase, anchor=ANCHOR):
    [t] = [t for t in tag(text, anchor) if t["text"] == phrase]
    return t["earliest"], t["latest"]


@pytest.mark.parametrize("text, phrase, expected", [
    # "by" a date ahead: every day from the issue day to the date's last day
    ("The ministers were told to settle the debt by October 1.", "October 1", ("2001-08-27", "2001-10-01")),
    ("The fleet's property should be divided by December.", "December", ("2001-08-27", "2001-12-31")),
    ("The pipeline could be finished by the spring.", "the spring", ("2001-08-27", "2002-05-31")),
    # an opening quotation mark between the cue and the date
    ('Klebanov said the deal could be ready "by the end of the year."', "the end of the year",
     ("2001-08-27", "2001-12-31")),
    ('The premier wants the commission to meet "no later than October."', "October", ("2001-08-27", "2001-10-31")),
    ("The envoys must report not later than September 20.", "September 20", ("2001-08-27", "2001-09-20")),
    # "before" a period's end ahead: up to its end
    ("Kuchma hopes to see Bush before the end of the year.", "the end of the year", ("2001-08-27", "2001-12-31")),
])
def test_a_deadline_ahead_runs_from_the_issue_day(text, phrase, expected):
    assert span(text, phrase) == expected


@pytest.mark.parametrize("text, phrase, expected", [
    # a deadline already past keeps its own days
    ("The talks had ended by noon on Friday.", "Friday", ("2001-08-24", "2001-08-24")),
    ("The treaty was ratified by December 1999.", "December 1999", ("1999-12-01", "1999-12-31")),
    # "before" a whole period ahead hints at the period as often as at the days up to it: left alone
    ("Diplomats doubt the summit will be held before the winter.", "the winter", ("2001-12-01", "2002-02-28")),
    # a date ahead with no deadline cue keeps its own days
    ("The commission will convene in October.", "October", ("2001-10-01", "2001-10-31")),
    # "by" that is no deadline cue: "nearby" is one word
    ("Troops will hold exercises nearby October 1.", "October 1", ("2001-10-01", "2001-10-01")),
])
def test_other_dates_keep_their_days(text, phrase, expected):
    assert span(text, phrase) == expected


def test_a_deadline_dates_a_planned_event(gazetteer):
    text = "Putin and Kuchma agreed that their prime ministers would meet in Kharkiv no later than September."
    [mention] = [m for m in extract_article(text, datetime.date(2001, 8, 27), gazetteer) if m.date_text == "September"]
    assert (mention.date_start, mention.date_end) == (datetime.date(2001, 8, 27), datetime.date(2001, 9, 30))
    assert mention.status == "planned"


@pytest.mark.parametrize("text, year", [
    # a year naming a treaty dates its conclusion: an agreement that occurred over that year
    ("Washington wants to amend the 1972 ABM treaty, Ivanov told the Duma on Friday.", "1972"),
    ("Tokyo still holds to the 1987 Soviet-Japanese declaration on the islands.", "1987"),
    ("Moscow walked away from the 1995 memorandum on arms sales to Iran.", "1995"),
])
def test_a_year_naming_a_treaty_dates_an_agreement(gazetteer, text, year):
    [mention] = [m for m in extract_article(text, datetime.date(2001, 8, 27), gazetteer) if m.date_text == year]
    assert (mention.event_type, mention.status) == ("agreement", "occurred")
    assert (mention.date_start, mention.date_end) == (datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31))


@pytest.mark.parametrize("text, year", [
    # a year modifying what is no treaty stays a modifier
    ("Iran's 1979 revolution still shapes its ties with Moscow, Ivanov said on Friday.", "1979"),
    ("The 1998 crisis cost the ruble two thirds of its value, the minister said on Friday.", "1998"),
])
def test_a_year_naming_no_treaty_dates_nothing(gazetteer, text, year):
    assert not [m for m in extract_article(text, datetime.date(2001, 8, 27), gazetteer) if m.date_text == year]


@pytest.mark.parametrize("text, date_text, event_type", [
    # "saw" a person is a meeting; so are the perfect forms of the same verb, by construction
    ("Mishra came on Monday. In the morning he had seen Sergei Ivanov at the ministry.", "the morning", "meeting"),
    ("Ivanov arrived in Tehran on Monday and has seen Kharrazi on Tuesday.", "Tuesday", "meeting"),
])
def test_the_perfect_of_see_a_person_is_a_meeting(gazetteer, text, date_text, event_type):
    [mention] = [m for m in extract_article(text, datetime.date(2001, 10, 10), gazetteer) if m.date_text == date_text]
    assert mention.event_type == event_type


def test_the_perfect_of_see_a_thing_is_no_meeting(gazetteer):
    text = "Mishra came on Monday. In the morning he had seen the new memorial on Poklonnaya Hill."
    assert [m.event_type for m in extract_article(text, datetime.date(2001, 10, 10), gazetteer)
            if m.date_text == "the morning"] != ["meeting"]


@pytest.mark.parametrize("text, date_text, status", [
    # a date a happening was set for, and the sentence says it never came: the date given up
    ("Kasyanov met Perez Roque on Monday. The commission's last session, planned for this past December, never "
     "took place, Kasyanov said.", "this past December", "postponed"),
    ("Kasyanov met Perez Roque on Monday. The fishing accord with Japan, whose renewal was set for signing in March, "
     "has not been signed either.", "March", "postponed"),
    # a date no happening was set for keeps its status, whatever else never came
    ("Putin visited Tokyo in March; the treaty was never signed.", "March", "occurred"),
])
def test_a_date_set_for_what_never_came_is_given_up(gazetteer, text, date_text, status):
    [mention] = [m for m in extract_article(text, datetime.date(2001, 5, 10), gazetteer) if m.date_text == date_text]
    assert mention.status == status


@pytest.mark.parametrize("text, anchor, phrase, value", [
    # a happening named as the last of its kind is over, even when the nearest October is ahead
    ("Chirac asked, as he had at their last meeting in Paris in October, for a settlement.", "2001-07-10",
     "October", "2000-10"),
    ("Chirac raised it at their previous meeting in October.", "2001-07-10", "October", "2000-10"),
    # the next of its kind is ahead, even when the nearest October is over
    ("The next Russia-EU summit is to be held in Brussels in October.", "2001-11-20", "October", "2002-10"),
    # no ordinal: the nearest occurrence stays
    ("Chirac hopes for a meeting in Paris in October.", "2001-07-10", "October", "2001-10"),
])
def test_the_last_or_next_happening_fixes_the_year(text, anchor, phrase, value):
    [t] = [t for t in tag(text, anchor) if t["text"] == phrase]
    assert t["value"] == value


def test_a_future_meeting_after_a_put_off_is_the_new_date(gazetteer):
    # the session set for October was put off; the commission "would meet" early next year: that date is planned
    text = ('Khristenko met Paek Nam Sun on Monday. He said the commission, whose session in Pyongyang was set for '
            'October and then put off, would meet "early next year."')
    statuses = {m.date_text: m.status for m in extract_article(text, datetime.date(2001, 11, 20), gazetteer)}
    assert statuses["October"] == "postponed"
    assert statuses["early next year"] == "planned"
