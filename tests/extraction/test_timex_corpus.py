"""The tagger on the five real Monitor articles (read at run time from ../shared/corpus/monitor).

Anchors are the issue dates by the publication calendar (docs/calendar.md; counted in tests/test_ingest.py):
Vol 7 No 1 = Tue 2001-01-02, Vol 7 No 30 = Tue 2001-02-13, Vol 6 No 114 = Mon 2000-06-12, Vol 6 No 129 =
Mon 2000-07-03, Vol 7 No 79 = Tue 2001-04-24. Expected values are reasoned in the comments.
"""
import re
from pathlib import Path

import pytest

from events.extraction.timex import tag

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "monitor"
ISSUE_DATES = {(7, 1): "2001-01-02", (7, 30): "2001-02-13", (6, 114): "2000-06-12",
               (6, 129): "2000-07-03", (7, 79): "2001-04-24"}


def article(volume, issue):
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"Volume:\s*(\d+)\s+Issue:\s*(\d+)", text)
        if m and (int(m.group(1)), int(m.group(2))) == (volume, issue):
            return text
    pytest.fail(f"no article of volume {volume} issue {issue} in {CORPUS}")


def tagged(volume, issue):
    return tag(article(volume, issue), ISSUE_DATES[(volume, issue)])


def occurrences(timexes, text):
    return [t for t in timexes if t["text"] == text]


def assert_expected(timexes, expected):
    """expected: (text, occurrence index, value, role[, earliest, latest])."""
    for text, k, value, role, *interval in expected:
        found = occurrences(timexes, text)
        assert len(found) > k, f"{text!r} #{k} not tagged; tagged: {[t['text'] for t in timexes]}"
        t = found[k]
        assert (t["value"], t["role"]) == (value, role), (text, k, t)
        if interval:
            assert (t["earliest"], t["latest"]) == tuple(interval), (text, k, t)


def test_corpus_is_there():
    assert len(list(CORPUS.glob("*.txt"))) == 5


def test_vol7_no1_december_dates_are_2000():
    # Issue of Tue 2 January 2001: every "December NN" is December 2000; "A day earlier" follows
    # "December 28" so it is 27 December 2000; "last week" = W52 of 2000 (25..31 December).
    t = tagged(7, 1)
    assert_expected(t, [
        ("last week", 0, "2000-W52", "event", "2000-12-25", "2000-12-31"),
        ("1979", 0, "1979", "event"),
        ("November", 0, "2000-11", "event"),       # repudiation "in November": two months back
        ("December 28", 0, "2000-12-28", "event"),
        ("A day earlier", 0, "2000-12-27", "event"),
        ("December 28-29", 0, "2000-12", "citation", "2000-12-28", "2000-12-29"),
        ("December 29", 0, "2000-12-29", "citation"),
        ("December 27", 0, "2000-12-27", "citation"),
        ("the coming years", 0, "FUTURE_REF", "event"),
    ])
    # No date in this issue lies in 2001 after the issue date.
    for x in t:
        if x["latest"] and x["value"] != "PRESENT_REF":
            assert x["latest"] <= "2001-01-02", x


def test_vol7_no30():
    # Tue 13 February 2001, ISO week W07 (12..18 Feb).
    t = tagged(7, 30)
    assert_expected(t, [
        ("recent days", 0, "PAST_REF", "event"),
        ("this spring", 0, "2001-SP", "event", "2001-03-01", "2001-05-31"),
        ("last week", 0, "2001-W06", "event", "2001-02-05", "2001-02-11"),
        ("February 6", 0, "2001-02-06", "citation"),
        ("March", 0, "2001-03", "event"),               # planned visit "sometime in March"
        ("last fall", 0, "2000-FA", "event", "2000-09-01", "2000-11-30"),
        ("late last month", 0, "2001-01", "event", "2001-01-21", "2001-01-31"),
        ("January 25", 0, "2001-01-25", "crossref"),
        ("earlier this week", 0, "2001-W07", "event", "2001-02-12", "2001-02-13"),
        ("the end of this year", 0, "2001", "event"),
        ("per year", 0, "P1Y", "event"),
        ("this past December", 0, "2000-12", "event"),
        ("that time", 0, "2000-12", "event"),           # "at that time" = that December
        ("currently", 0, "PRESENT_REF", "event"),
        ("the coming years", 0, "FUTURE_REF", "event"),
        ("February 11", 0, "2001-02-11", "citation"),
        ("February 12", 0, "2001-02-12", "citation"),
        ("January 2", 0, "2001-01-02", "crossref"),
        ("April", 0, "2001-04", "event"),               # talks "sometime in April", ahead
        ("February 9", 0, "2001-02-09", "citation"),
        ("last July", 0, "2000-07", "event"),
        ("August 30, 2000", 0, "2000-08-30", "crossref"),
        ("the latter part of last year", 0, "2000", "event", "2000-07-01", "2000-12-31"),
        ("now", 0, "PRESENT_REF", "event"),
        ("the end of this month", 0, "2001-02", "event", "2001-02-21", "2001-02-28"),
    ])


def test_vol6_no114():
    # Mon 12 June 2000, W24 (12..18 June); last week W23 = 5..11 June. (Until the publication calendar this
    # issue was dated Tue 13 June: the same weeks and months, so only "later this year", which starts on the
    # issue date, moved a day.)
    t = tagged(6, 114)
    assert_expected(t, [
        ("late last week", 0, "2000-W23", "event", "2000-06-08", "2000-06-11"),
        ("next month", 0, "2000-07", "event"),
        ("this week", 0, "2000-W24", "event"),
        ("July 21-23", 0, "2000-07", "event", "2000-07-21", "2000-07-23"),
        ("1972", 0, "1972", "event"),
        ("the weekend", 0, "2000-W23-WE", "event", "2000-06-10", "2000-06-11"),
        ("June 9", 0, "2000-06-09", "event"),
        ("June 10", 0, "2000-06-10", "event"),
        ("the day before", 0, "2000-06-09", "event"),   # the day before June 10
        ("June 8-11", 0, "2000-06", "citation", "2000-06-08", "2000-06-11"),
        ("last month", 0, "2000-05", "event"),
        ("later this year", 0, "2000", "event", "2000-06-12", "2000-12-31"),   # from the issue date
    ])


def test_vol6_no129():
    # Mon 3 July 2000, W27 (3..9 July); last week W26 = 26 June .. 2 July. (Dated Wed 5 July before the
    # publication calendar: the same weeks and months, so only "later this month", which starts on the issue
    # date, moved.)
    t = tagged(6, 129)
    assert_expected(t, [
        ("last week", 0, "2000-W26", "event", "2000-06-26", "2000-07-02"),
        ("earlier last month", 0, "2000-06", "event"),
        ("July 19", 0, "2000-07-19", "event"),
        ("July 21-23", 0, "2000-07", "event", "2000-07-21", "2000-07-23"),
        ("July 3", 0, "2000-07-03", "citation"),
        ("June 28", 0, "2000-06-28", "citation"),
        ("June 13-15", 0, "2000-06", "event", "2000-06-13", "2000-06-15"),
        ("1990", 0, "1990", "event"),
        ("February of this year", 0, "2000-02", "event"),
        ("later this month", 0, "2000-07", "event", "2000-07-03", "2000-07-31"),   # from the issue date
        ("Friday, June 30", 0, "2000-06-30", "event"),   # 30 June 2000 was a Friday
        ("July 1", 0, "2000-07-01", "event"),
        ("the same day", 0, "2000-06-30", "event"),       # follows "said on June 30"
        ("One day after", 0, "2000-06-28", "event"),      # one day after the June 27 talks
        ("two days", 0, "P2D", "event"),
        ("February", 0, "2000-02", "event"),              # "his February visit", past
    ])


def test_vol7_no79():
    # Tue 24 April 2001, W17; last week W16 = 16..22 April.
    t = tagged(7, 79)
    assert_expected(t, [
        ("last week", 0, "2001-W16", "event", "2001-04-16", "2001-04-22"),
        ("April 16", 0, "2001-04-16", "event"),
        ("April 17-18", 0, "2001-04", "event", "2001-04-17", "2001-04-18"),
        ("later this month", 0, "2001-04", "event", "2001-04-24", "2001-04-30"),
        ("20", 0, "2001-04-20", "citation"),              # "April 16, 20" in a citation
        ("the beginning of this year", 0, "2001", "event"),
        ("last July", 0, "2000-07", "event"),
        ("this past February", 0, "2001-02", "event"),
        ("July 21, 2000", 0, "2000-07-21", "crossref"),
        ("March 1", 0, "2001-03-01", "crossref"),
        ("this month", 0, "2001-04", "event"),
    ])


@pytest.mark.parametrize("key", sorted(ISSUE_DATES))
def test_no_citation_or_crossref_after_the_issue(key):
    anchor = ISSUE_DATES[key]
    for t in tagged(*key):
        if t["role"] != "event":
            assert t["latest"] <= anchor, t
