"""The publication calendar and issue dating, on small texts written for the test."""
import datetime as dt

import pytest

from events.extraction.calendar import (
    CALENDAR, CONFIRMED, EVIDENCE, calendar_date, date_issue, is_publication_day, next_publication_day,
    publication_days, resolve_cited_date, year_of_volume,
)
from events.extraction.citations import CitedDate

D = dt.date


def test_volume_is_year_minus_1994():
    assert year_of_volume(6) == 2000
    assert year_of_volume(7) == 2001


def test_first_issue_of_2001_skips_new_years_day():
    # 1 Jan 2001 was a Monday and a federal holiday, so the first issue is Tuesday 2 January.
    assert publication_days(2001)[0] == D(2001, 1, 2)
    assert calendar_date(7, 1) == D(2001, 1, 2)


def test_federal_holidays_and_weekends_are_skipped():
    days = set(publication_days(2001))
    assert D(2001, 1, 15) not in days   # Martin Luther King Jr. Day
    assert D(2001, 2, 19) not in days   # Washington's Birthday
    assert D(2001, 7, 4) not in days    # Independence Day, a Wednesday
    assert D(2001, 11, 12) not in days  # Veterans Day fell on Sunday the 11th: observed Monday
    assert D(2001, 2, 10) not in days   # a Saturday
    assert D(2001, 2, 13) in days


def test_capacity_of_a_year():
    # 2001: 261 weekdays less 10 weekday holidays (Jan 1, Jan 15, Feb 19, May 28, Jul 4, Sep 3,
    # Oct 8, Nov 12 observed, Nov 22, Dec 25) = 251.
    assert len(publication_days(2001)) == 251
    assert calendar_date(7, 251) == D(2001, 12, 31)
    with pytest.raises(ValueError, match="issue 252 is beyond the 251 publication days of 2001"):
        calendar_date(7, 252)


@pytest.mark.parametrize("volume, number, message", [
    (7, 0, "issue number must be a positive whole number"),
    (7, -3, "issue number must be a positive whole number"),
    (0, 1, "volume must be a positive whole number"),
    (500, 1, "not a Monitor volume"),
])
def test_bad_volume_or_number(volume, number, message):
    with pytest.raises(ValueError, match=message):
        calendar_date(volume, number)


@pytest.mark.parametrize("volume, number, expected", [
    # Counted by hand on a 2000/2001 calendar (weekdays less federal holidays):
    (7, 30, D(2001, 2, 13)),   # Jan has 21 publication days (23 weekdays less Jan 1, Jan 15); +9 in Feb
    (6, 114, D(2000, 6, 13)),
    (6, 129, D(2000, 7, 5)),   # July 4 2000 (Tuesday) skipped
    (7, 79, D(2001, 4, 24)),
])
def test_calendar_dates_of_the_corpus_issues(volume, number, expected):
    assert calendar_date(volume, number) == expected


def test_next_publication_day():
    assert next_publication_day(D(2001, 2, 9)) == D(2001, 2, 12)    # Friday -> Monday
    assert next_publication_day(D(2001, 2, 16)) == D(2001, 2, 20)   # Friday -> Tuesday (Presidents' Day)
    assert next_publication_day(D(2000, 12, 29)) == D(2001, 1, 2)   # across the year and New Year's Day
    assert not is_publication_day(D(2000, 12, 25))


def test_yearless_december_citation_in_january_takes_previous_year():
    assert resolve_cited_date(CitedDate(0, 1, 12, 28), near=D(2001, 1, 2)) == D(2000, 12, 28)
    assert resolve_cited_date(CitedDate(0, 1, 1, 2), near=D(2000, 12, 29)) == D(2001, 1, 2)
    assert resolve_cited_date(CitedDate(0, 1, 12, 28, 29), near=D(2001, 1, 2)) == D(2000, 12, 29)  # range end
    assert resolve_cited_date(CitedDate(0, 1, 8, 30, None, 2000), near=D(2001, 2, 13)) == D(2000, 8, 30)


def test_no_cited_dates_means_calendar_with_medium_confidence():
    dating = date_issue(7, 30, ["Nothing here is dated (not even this)."])
    assert dating.date == D(2001, 2, 13)
    assert dating.method == CALENDAR
    assert 0.4 <= dating.confidence <= 0.7
    assert "30th publication day of 2001" in dating.note and "Tue 13 Feb 2001" in dating.note


def test_january_issue_citing_december_is_confirmed():
    texts = ["Talks were held in the capital (Wire, December 28-29).", "More (see the Monitor, December 27)."]
    dating = date_issue(7, 1, texts)
    assert (dating.date, dating.method) == (D(2001, 1, 2), CONFIRMED)
    assert dating.confidence >= 0.9
    assert "Fri 29 Dec 2000 agrees" in dating.note


def test_evidence_on_the_calendar_date_moves_the_issue():
    # Calendar says Tue 13 Feb 2001, but the text cites February 13 itself: the issue must be later,
    # on the next publication day, Wed 14 Feb 2001.
    dating = date_issue(7, 30, ["A report came out (Wire, February 12, 13)."])
    assert (dating.date, dating.method) == (D(2001, 2, 14), EVIDENCE)
    assert dating.confidence < date_issue(7, 30, ["(Wire, February 12)"]).confidence
    assert "moved" in dating.note and "Wed 14 Feb 2001" in dating.note


def test_evidence_over_a_weekend_and_holiday_moves_to_the_next_open_day():
    # Calendar Fri 16 Feb 2001; a citation of Saturday the 17th moves it past Monday 19th (holiday).
    assert calendar_date(7, 33) == D(2001, 2, 16)
    dating = date_issue(7, 33, ["(Wire, February 17)"])
    assert (dating.date, dating.method) == (D(2001, 2, 20), EVIDENCE)


def test_old_citations_are_consistent_but_do_not_confirm():
    dating = date_issue(7, 79, ["(see the Monitor, July 21, 2000)"])
    assert (dating.date, dating.method) == (D(2001, 4, 24), CALENDAR)
    assert "too old to confirm" in dating.note


def test_a_citation_far_after_the_calendar_does_not_move_it():
    # A year typo in a citation (2002 in a 2001 issue) must not drag the issue a year forward.
    dating = date_issue(7, 30, ["(Wire, March 3, 2002)"])
    assert (dating.date, dating.method) == (D(2001, 2, 13), CALENDAR)
    assert dating.confidence < 0.5
    assert "too far to trust" in dating.note
