"""Calendar conventions (events/extraction/periods.py): one meaning for "late January" or "winter 2000"
in the tagger, the citations, the editors' date box and the pages."""
import datetime as dt

import pytest

from events.extraction import periods
from events.extraction.timex import tag

D = dt.date


@pytest.mark.parametrize("word, number", [("January", 1), ("sept.", 9), ("Sep", 9), ("may", 5), ("DEC", 12)])
def test_every_written_month_has_its_number(word, number):
    assert periods.month_number(word) == number


def test_a_day_without_its_year_may_be_the_29th_of_february():
    assert periods.LONGEST_MONTH[2] == 29 and periods.days_in_month(2001, 2) == 28


@pytest.mark.parametrize("year, month, n, expected", [(2000, 12, 1, (2001, 1)), (2001, 1, -1, (2000, 12)),
                                                      (2001, 3, -15, (1999, 12)), (2001, 3, 0, (2001, 3))])
def test_month_arithmetic_crosses_years(year, month, n, expected):
    assert periods.add_months(year, month, n) == expected


def test_winter_runs_from_december_into_the_next_year():
    assert periods.season(2000, "WI") == (D(2000, 12, 1), D(2001, 2, 28))
    assert periods.season_of(D(2001, 2, 13)) == (2000, "WI")
    assert periods.season_of(D(2000, 12, 5)) == (2000, "WI")
    assert periods.season_of(D(2001, 9, 1)) == (2001, "FA")


@pytest.mark.parametrize("part, expected", [("early", (D(2001, 2, 1), D(2001, 2, 10))),
                                            ("mid", (D(2001, 2, 11), D(2001, 2, 20))),
                                            ("late", (D(2001, 2, 21), D(2001, 2, 28)))])
def test_parts_of_a_month_and_back(part, expected):
    assert periods.month_part(2001, 2, part) == expected
    assert periods.part_of_month(*expected) == part
    assert periods.part_of_month(D(2001, 2, 1), D(2001, 2, 28)) == ""
    assert periods.part_of_month(D(2001, 2, 3), D(2001, 2, 9)) is None


def test_the_nearest_year_of_a_month_without_one():
    # Seen from 13 February 2001, December is last December (49 days back, against 291 ahead) ...
    december = periods.nearest_year(lambda y: periods.whole_months(y, 12, 1), D(2001, 2, 13))
    assert december == (D(2000, 12, 1), D(2000, 12, 31))
    # ... and a tie goes to the earlier year: 1 July is 184 days from both 1 January and 31 December.
    january = periods.nearest_year(lambda y: periods.whole_months(y, 1, 1), D(2001, 7, 2))
    assert january[0].year == 2001


@pytest.mark.parametrize("start, end, grain, words", [
    (D(2001, 1, 21), D(2001, 1, 31), "month", "late Jan 2001"),
    (D(2001, 3, 1), D(2001, 5, 31), "season", "spring 2001"),
    (D(2000, 12, 1), D(2001, 2, 28), "season", "winter 2000–01"),
    (D(2001, 7, 1), D(2001, 9, 30), "quarter", "Q3 2001"),
    (D(2001, 7, 1), D(2001, 12, 31), "half", "second half of 2001"),
    (D(2001, 2, 12), D(2001, 2, 18), "week", "week of 12 Feb 2001"),
    (D(2001, 7, 21), D(2001, 7, 23), "day", "Jul 21-23 2001"),
    (D(1990, 1, 1), D(1999, 12, 31), "decade", "1990s"),
    # A shape its granularity does not promise falls back to what the dates say.
    (D(2001, 1, 3), D(2001, 1, 9), "month", "Jan 3-9 2001"),
    (D(2001, 1, 1), D(2001, 4, 30), "season", "Jan–Apr 2001"),
])
def test_an_interval_in_words(start, end, grain, words):
    assert periods.interval_words(start, end, grain) == words


def test_the_tagger_and_the_words_agree_on_late_january():
    text = "The envoy arrived in late January."
    [timex] = [t for t in tag(text, D(2001, 2, 13)) if t["text"].endswith("January")]
    start, end = D.fromisoformat(timex["earliest"]), D.fromisoformat(timex["latest"])
    assert (start, end) == periods.month_part(2001, 1, "late")
    assert periods.interval_words(start, end, "month") == "late Jan 2001"
