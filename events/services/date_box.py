"""The editors' date box: an editor's text ("late January 2001", "spring", "12-14 March") read as a date
interval against the issue's date (``parse_date_text``). Plain Python; the calendar conventions come from
events.extraction.periods."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from events.extraction.periods import (MONTH_WORDS, SEASON_MONTHS, SEASON_START, SEASONS, add_months, month_part,
                                      nearest_year, season, whole_months)
from events.models import Granularity

MONTHS = MONTH_WORDS
MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR_RE = r"(?P<year>\d{4})"

# Words for the parts of a month (whose days are the project-wide convention: periods.MONTH_PARTS).
MONTH_PART_WORDS = {
    "early": "early", "beginning of": "early", "start of": "early", "the beginning of": "early",
    "mid": "mid", "middle of": "mid", "the middle of": "mid", "mid-": "mid",
    "late": "late", "end of": "late", "the end of": "late",
}
MONTH_PART_RE = r"(?P<part>the beginning of|beginning of|start of|the middle of|middle of|the end of|end of|early|mid|late)"

# Meteorological seasons (periods.season): winter YYYY starts in December of YYYY.
SEASON_RE = r"(?P<season>spring|summer|fall|autumn|winter)"
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

GRANULARITY_RANK = {g: i for i, g in enumerate(
    [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.SEASON,
     Granularity.QUARTER, Granularity.HALF, Granularity.YEAR, Granularity.DECADE])}


class DateParseError(ValueError):
    """The text is not a date this parser understands."""


@dataclass(frozen=True)
class DateInterval:
    start: date
    end: date  # inclusive
    granularity: str

    def __str__(self):
        if self.start == self.end:
            return f"{self.start:%d %b %Y} ({self.granularity})"
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y} ({self.granularity})"


_months = whole_months
_nearest_year = nearest_year


def _with_year(year, make, base):
    return make(int(year)) if year else _nearest_year(make, base)


def _month_part(month, part, year, base):
    return _with_year(year, lambda y: month_part(y, month, MONTH_PART_WORDS[part]), base)


def _season(name, year, base):
    return _with_year(year, lambda y: season(y, SEASONS[name]), base)


def _dateparser_day(text, base):
    """An explicit or relative day via dateparser; the reading nearest the base date wins."""
    from dateparser.date import DateDataParser

    results = []
    for prefer in ("past", "future"):
        data = DateDataParser(languages=["en"], settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": prefer,
            "STRICT_PARSING": False,
        }).get_date_data(text)
        if data.date_obj is not None:
            results.append((data.date_obj.date(), data.period))
    if not results:
        return None
    day, period = min(results, key=lambda r: (abs((r[0] - base).days), r[0]))
    if period == "month":
        return (*_months(day.year, day.month, 1), Granularity.MONTH)
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), Granularity.YEAR
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), Granularity.WEEK
    return day, day, Granularity.DAY


def _relative_offset(word):
    return {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[word]


def _parse_single(text, base):
    """One date expression (no range) -> (start, end, granularity) or None: the first of the shapes
    below that reads the whole text, else dateparser's day."""
    for pattern, read in _SHAPES:
        m = pattern.fullmatch(text)
        if m:
            return read(m, base)
    if not re.search(r"[a-z0-9]", text):
        return None
    return _dateparser_day(text, base)


def _year(m, base):
    y = int(m["year"])
    return date(y, 1, 1), date(y, 12, 31), Granularity.YEAR


def _decade(m, base):
    y = int(m["decade"]) * 10
    return date(y, 1, 1), date(y + 9, 12, 31), Granularity.DECADE


def _part_of_month(m, base):
    return (*_month_part(MONTHS[m["month"]], m["part"], m["year"], base), Granularity.MONTH)


def _season_words(m, base):
    """"spring 2001"; "early/mid/late summer": its first, second or third month."""
    start, end = _season(m["season"], m["year"], base)
    if not m["part"]:
        return start, end, Granularity.SEASON
    index = {"early": 0, "mid": 1, "late": 2}[m["part"]]
    return (*_months(*_add_months(start, index), 1), Granularity.MONTH)


def _relative_season(m, base):
    month, count = SEASON_START[SEASONS[m["season"]]], SEASON_MONTHS
    this = _months(base.year if base.month >= 3 or month != 12 else base.year - 1, month, count)
    y = this[0].year + _relative_offset(m["rel"])
    return (*_months(y, month, count), Granularity.SEASON)


def _relative_year_or_month(m, base):
    offset = _relative_offset(m["rel"])
    if m["unit"] == "year":
        y = base.year + offset
        return date(y, 1, 1), date(y, 12, 31), Granularity.YEAR
    y, mo = _add_months(date(base.year, base.month, 1), offset)
    return (*_months(y, mo, 1), Granularity.MONTH)


def _month_of_year(m, base):
    return (*_months(int(m["year"]), MONTHS[m["month"]], 1), Granularity.MONTH)


def _month_nearest(m, base):
    month = MONTHS[m["month"]]
    return (*_nearest_year(lambda y: _months(y, month, 1), base), Granularity.MONTH)


def _run_of_months(size, granularity):
    """The n-th quarter (size 3) or half (size 6) of a year."""
    def read(m, base):
        n = ORDINALS.get(m["n"]) or int(m["n"])
        return (*_months(int(m["year"]), size * (n - 1) + 1, size), granularity)
    return read


_QUARTER, _HALF = _run_of_months(3, Granularity.QUARTER), _run_of_months(6, Granularity.HALF)
# The shapes of one date, in the order they are tried, and how each is read.
_SHAPES = [(re.compile(pattern), read) for pattern, read in (
    (YEAR_RE, _year),
    (r"(?:the )?(?P<decade>\d{3})0'?s", _decade),
    (MONTH_PART_RE + r"[ -]?" + MONTH_RE + r"(?:,? " + YEAR_RE + r")?", _part_of_month),
    (r"(?:(?P<part>early|mid|late) )?" + SEASON_RE + r"(?:,? (?:of )?" + YEAR_RE + r")?", _season_words),
    (r"(?P<rel>this|last|past|previous|next|coming) " + SEASON_RE, _relative_season),
    (r"(?P<rel>this|last|past|previous|next|coming) (?P<unit>year|month)", _relative_year_or_month),
    (r"(?:in )?" + MONTH_RE + r",? " + YEAR_RE, _month_of_year),
    (r"(?:in )?" + MONTH_RE, _month_nearest),
    (r"(?:the )?(?P<n>first|1st|second|2nd|third|3rd|fourth|4th) quarter(?: of)? " + YEAR_RE, _QUARTER),
    (r"q(?P<n>[1-4]) " + YEAR_RE, _QUARTER),
    (YEAR_RE + r"-?q(?P<n>[1-4])", _QUARTER),
    (r"(?:the )?(?P<n>first|1st|second|2nd) half(?: of)? " + YEAR_RE, _HALF),
    (r"h(?P<n>[12]) " + YEAR_RE, _HALF),
    (YEAR_RE + r"-?h(?P<n>[12])", _HALF),
)]


def _add_months(first_of_month, offset):
    return add_months(first_of_month.year, first_of_month.month, offset)


DAY = r"(?P<d{n}>\d{{1,2}})(?:st|nd|rd|th)?"
DASH = r"\s*(?:-|–|—|to|through|until)\s*"


def _day_range(t, base):
    """Day ranges inside one month: "12-14 March 2001", "March 12-14, 2001", "12 to 14 March"."""
    m = re.fullmatch(DAY.format(n=1) + DASH + DAY.format(n=2) + r" (?:of )?" + MONTH_RE + r"(?:,? " + YEAR_RE + r")?", t) \
        or re.fullmatch(MONTH_RE + r" " + DAY.format(n=1) + DASH + DAY.format(n=2) + r"(?:,? " + YEAR_RE + r")?", t)
    if not m:
        return None
    month, d1, d2 = MONTHS[m["month"]], int(m["d1"]), int(m["d2"])

    def make(y):
        return date(y, month, d1), date(y, month, d2)

    try:
        start, end = _with_year(m["year"], make, base)
    except ValueError as exc:
        raise DateParseError(f"not a valid day: {exc}") from exc
    return start, end, Granularity.DAY


RANGE_SPLIT = re.compile(r"^(?:from |between )?(?P<a>.+?)(?: to | until | through | and | – | — | - |–|—)(?P<b>.+)$")


def _parse_range(t, base):
    """"28 Dec 2000 to 3 Jan 2001", "28 December to 3 January 2001" (the left side takes the right's
    year, or the year before when it would end after the right): (start, end, coarser granularity)."""
    m = RANGE_SPLIT.match(t)
    if not m:
        return None
    right = _parse_single(m["b"].strip(), base)
    left_text = m["a"].strip()
    if right and not re.search(r"\d{4}", left_text):
        year = right[0].year
        left = _parse_single(f"{left_text} {year}", base)
        if left and left[0] > right[1]:  # "28 December to 3 January 2001"
            left = _parse_single(f"{left_text} {year - 1}", base)
        left = left or _parse_single(left_text, base)
    else:
        left = _parse_single(left_text, base)
    if left and right:
        return left[0], right[1], max(left[2], right[2], key=GRANULARITY_RANK.__getitem__)
    return None


def parse_date_text(text: str, base: date) -> DateInterval:
    """Parse an editor's date text relative to `base` (the issue date) into an inclusive interval.

    Understands: explicit days ("28 Dec 2000", "December 28", "2001-01-28"), relative days
    ("yesterday", "last Tuesday") via dateparser; month parts ("late January 2001": early = 1-10,
    mid = 11-20, late = 21-end); meteorological seasons ("spring 2001" = Mar-May; winter 2001 =
    Dec 2001-Feb 2002); "January 2001" (whole month); "2001" (whole year); "1990s"; quarters and
    halves ("Q1 2001", "second half of 2000"); "this/last/next spring|month|year"; day ranges
    ("12-14 March 2001") and ranges of any two of these ("28 Dec 2000 to 3 Jan 2001").
    A missing year is the one that puts the date nearest the base date (so "December 28" in an
    issue of 2 January 2001 is 28 Dec 2000, and "late January" is late January 2001).
    Raises DateParseError for anything else.
    """
    t = re.sub(r"\s+", " ", (text or "").strip().lower()).strip(" .,")
    if not t:
        raise DateParseError("Enter a date.")
    if isinstance(base, datetime):
        base = base.date()
    try:
        found = _day_range(t, base) or _parse_single(t, base) or _parse_range(t, base)
    except ValueError as exc:  # impossible calendar dates ("30 February 2001")
        raise DateParseError(f"“{text}” is not a valid date: {exc}") from exc
    if found is None:
        raise DateParseError(
            f"Could not read “{text}” as a date. Try “28 Dec 2000”, “late January 2001”, "
            "“spring 2001”, “January 2001”, “2001” or “12-14 March 2001”.")
    start, end, granularity = found
    if end < start:
        raise DateParseError(f"“{text}” ends before it starts.")
    return DateInterval(start, end, str(granularity))
