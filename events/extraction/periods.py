"""Calendar conventions, in one place: month names and lengths, seasons, the parts of a month, month
arithmetic, the year nearest a date, and an interval in words. Plain Python (no Django).

Read by the temporal tagger (timex_vocab, timex_interval, timex_resolve, timex_rules), source citations,
the editors' date box (services/corrections.py) and the templates (templatetags/timeline.py), so that
"late January" means the same days everywhere (docs/timex.md has the table):

  month parts   early = days 1-10, mid = 11-20, late = 21-end
  seasons       meteorological: spring Mar-May, summer Jun-Aug, autumn (fall) Sep-Nov,
                winter YYYY = Dec YYYY - Feb YYYY+1
  no year       a month or day written without a year may be 29 February (LONGEST_MONTH)

(Not the publication calendar: events/extraction/calendar.py dates the Monitor's issues.)
"""
from __future__ import annotations

import calendar
import datetime as dt

# -- months ----------------------------------------------------------------------------------------
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Every way a month is written (lower case, without the abbreviation's period) -> its number.
MONTH_WORDS = {**MONTHS, **MONTH_ABBREVIATIONS}
# Shown in dates: MONTH_ABBR[1] == "Jan" (index 0 unused).
MONTH_ABBR = [""] + [calendar.month_abbr[number] for number in range(1, 13)]
# The longest each month can be: a day written without its year may be 29 February.
LONGEST_MONTH = {month: calendar.monthrange(2000, month)[1] for month in range(1, 13)}


def month_number(word: str) -> int:
    """'Sept.' -> 9, 'December' -> 12 (KeyError for a word that is no month)."""
    return MONTH_WORDS[word.lower().rstrip(".")]


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) n months after (year, month); n may be negative."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def whole_months(year: int, month: int, count: int) -> tuple[dt.date, dt.date]:
    """The interval of `count` whole months starting with (year, month)."""
    end_year, end_month = add_months(year, month, count - 1)
    return dt.date(year, month, 1), month_end(end_year, end_month)


# -- parts of a month --------------------------------------------------------------------------------
# First and last day of each part; None: the month's last day.
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}


def month_part(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    """"late January 2001" -> (2001-01-21, 2001-01-31)."""
    first, last = MONTH_PARTS[part]
    return dt.date(year, month, first), dt.date(year, month, last or days_in_month(year, month))


def part_of_month(start: dt.date, end: dt.date) -> str | None:
    """The part of a month an interval inside one month is ("early", "mid", "late"), "" for the whole
    month, None for any other run of days."""
    if (start.year, start.month) != (end.year, end.month):
        return None
    last = days_in_month(start.year, start.month)
    if (start.day, end.day) == (1, last):
        return ""
    return next((part for part, (first, final) in MONTH_PARTS.items()
                 if (start.day, end.day) == (first, final or last)), None)


# -- seasons ---------------------------------------------------------------------------------------------
# Season words -> TIMEX3 code; each code's first month (a season is three months).
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_MONTHS = 3
# The season's name in dates shown, by its first month.
SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def season(year: int, code: str) -> tuple[dt.date, dt.date]:
    """The days of a season: winter YYYY runs from December YYYY to February YYYY+1."""
    return whole_months(year, SEASON_START[code], SEASON_MONTHS)


def season_of(day: dt.date) -> tuple[int, str]:
    """The season containing `day`: (year, code); January and February belong to last year's winter."""
    code = next(code for code, first in SEASON_START.items() if first <= day.month < first + SEASON_MONTHS) \
        if day.month >= 3 else "WI"
    return (day.year - 1 if day.month < 3 else day.year), code


# -- the year nearest a date -----------------------------------------------------------------------------
def distance_in_days(start: dt.date, end: dt.date, day: dt.date) -> int:
    """Days between `day` and the interval [start, end] (0 inside it)."""
    if start <= day <= end:
        return 0
    return (start - day).days if start > day else (day - end).days


def nearest_year(make, base: dt.date):
    """make(year) -> (start, end, ...); of last year's, this year's and next year's, the interval nearest
    `base` (ties: the earlier)."""
    candidates = [make(year) for year in (base.year - 1, base.year, base.year + 1)]
    return min(candidates, key=lambda interval: (distance_in_days(interval[0], interval[1], base), interval[0]))


# -- an interval in words -------------------------------------------------------------------------------
def day_words(day: dt.date) -> str:
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def day_range_words(start: dt.date, end: dt.date) -> str:
    if start == end:
        return day_words(start)
    if start.year != end.year:
        return f"{day_words(start)} – {day_words(end)}"
    if start.month != end.month:
        return f"{MONTH_ABBR[start.month]} {start.day}–{MONTH_ABBR[end.month]} {end.day} {end.year}"
    return f"{MONTH_ABBR[start.month]} {start.day}-{end.day} {end.year}"


def _months_words(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return f"{MONTH_ABBR[start.month]}–{MONTH_ABBR[end.month]} {end.year}"
    return f"{MONTH_ABBR[start.month]} {start.year} – {MONTH_ABBR[end.month]} {end.year}"


def _week_words(start: dt.date, end: dt.date) -> str | None:
    if end - start == dt.timedelta(days=6) and start.weekday() == 0:
        return f"week of {day_words(start)}"
    if end - start == dt.timedelta(days=1) and start.weekday() == 5:
        return f"weekend of {day_words(start)}"
    return None


def _month_words(start: dt.date, end: dt.date) -> str | None:
    part = part_of_month(start, end)
    if part is None:
        return None
    label = f"{MONTH_ABBR[start.month]} {start.year}"
    return f"{part} {label}" if part else label


def _season_words(start: dt.date, end: dt.date) -> str | None:
    if start.month not in SEASON_NAMES:
        return None
    if start.month == 12:
        return f"winter {start.year}–{str(end.year)[-2:]}"
    return f"{SEASON_NAMES[start.month]} {start.year}"


def _quarter_words(start: dt.date, end: dt.date) -> str | None:
    if start.month in (1, 4, 7, 10) and end.month == start.month + 2:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return None


def _half_words(start: dt.date, end: dt.date) -> str | None:
    if start.year == end.year and (start.month, end.month) in ((1, 6), (7, 12)):
        return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
    return None


def _year_words(start: dt.date, end: dt.date) -> str | None:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return None


def _decade_words(start: dt.date, end: dt.date) -> str | None:
    if start.year % 10 == 0 and (end.year - start.year) == 9:
        return f"{start.year}s"
    return None


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == month_end(end.year, end.month)


def _of_whole_months(words):
    """`words`, for an interval of whole months only."""
    return lambda start, end: words(start, end) if _whole_months(start, end) else None


# The words of each granularity for an interval of its shape (None: it does not have that shape).
_SHAPES = {"week": _week_words, "month": _month_words, "season": _of_whole_months(_season_words),
           "quarter": _of_whole_months(_quarter_words), "half": _of_whole_months(_half_words),
           "year": _year_words, "decade": _decade_words}


def interval_words(start: dt.date | None, end: dt.date | None, granularity: str | None) -> str:
    """A date interval in words at its precision: "28 Dec 2000", "late Jan 2001", "spring 2001"...

    Intervals that do not have the shape their granularity promises fall back to whole months or plain
    day ranges (a week always to days), so that the words never claim more than the stored dates say."""
    if start is None:
        return ""
    return _words(start, end or start, granularity or "day")


def _words(start: dt.date, end: dt.date, grain: str) -> str:
    if grain == "day" or start == end:
        return day_range_words(start, end)
    shaped = _SHAPES.get(grain)
    words = shaped(start, end) if shaped else None
    if words is None and grain != "week" and _whole_months(start, end):
        words = _months_words(start, end)
    return words or day_range_words(start, end)
