"""The editors' date box and the pages use the calendar conventions of events/extraction/periods.py."""
import datetime as dt

from events.extraction import periods
from events.services.corrections import parse_date_text
from events.templatetags.timeline import when

BASE = dt.date(2001, 2, 13)


def test_the_date_box_reads_parts_and_seasons_as_the_tagger_does():
    late = parse_date_text("late January 2001", BASE)
    assert (late.start, late.end) == periods.month_part(2001, 1, "late")
    winter = parse_date_text("winter 2000", BASE)
    assert (winter.start, winter.end) == periods.season(2000, "WI")
    # No year: the nearest December to 13 February 2001 is last December.
    december = parse_date_text("December", BASE)
    assert (december.start, december.end) == periods.nearest_year(lambda y: periods.whole_months(y, 12, 1), BASE)


def test_the_pages_show_what_the_date_box_reads():
    late = parse_date_text("late January 2001", BASE)
    assert when(late.start, late.end, late.granularity) == "late Jan 2001"
