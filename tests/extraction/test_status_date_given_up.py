"""A date the rest of its sentence gives up is postponed: short sentences of our own (issue day Tuesday
2001-05-15)."""
import datetime

from events.extraction.pipeline import extract_article

ANCHOR = datetime.date(2001, 5, 15)


def status_of(text, date_text):
    return next(m for m in extract_article(text, ANCHOR) if m.date_text == date_text).status


def test_a_date_that_has_passed_or_was_dropped_is_postponed():
    text = "Kim Jong Il accepted an invitation to visit Russia, and diplomats expected him in April; that date has passed."
    assert status_of(text, "April") == "postponed"
    text = ("Jacques Chirac was expected in Moscow in March and again in early April; both dates were dropped because "
            "of the crisis.")
    assert status_of(text, "March") == "postponed"
    assert status_of(text, "early April") == "postponed"


def test_without_the_cue_the_expected_visit_keeps_its_status():
    text = "Kim Jong Il accepted an invitation to visit Russia, and diplomats expected him in April."
    assert status_of(text, "April") != "postponed"


def test_a_happening_from_one_day_to_another_covers_both():
    # Friday 11 May to Sunday 13 May 2001 (the issue day is Tuesday 15 May).
    text = "The NATO summit in Washington, which ran from Friday to Sunday, approved a new strategic concept."
    m = next(m for m in extract_article(text, ANCHOR) if m.date_text == "Friday")
    assert (m.date_start, m.date_end) == (datetime.date(2001, 5, 11), datetime.date(2001, 5, 13))
    # Without "from" the two days are two dates: "on Friday to Sunday's crowds" is no range.
    text = "The NATO summit in Washington opened on Friday to Sunday's applause of the crowds."
    m = next(m for m in extract_article(text, ANCHOR) if m.date_text == "Friday")
    assert (m.date_start, m.date_end) == (datetime.date(2001, 5, 11), datetime.date(2001, 5, 11))
