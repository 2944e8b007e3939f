"""The concrete interval (earliest, latest day) a resolved TIMEX3 DATE/TIME value covers.

Conventions (docs/timex.md has the table):
  day            that day; a TIME value (2000-06-09TEV) covers its day
  ISO week       Monday..Sunday; YYYY-Www-WE = Saturday..Sunday of that week
  month          whole month; early = days 1-10, mid = 11-20, late = 21-end
  season         meteorological: SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec(YYYY)-Feb(YYYY+1)
  quarter/half   Q1 Jan-Mar ... Q4 Oct-Dec; H1 Jan-Jun, H2 Jul-Dec
  year           whole year; early/mid/late = thirds (Jan-Apr, May-Aug, Sep-Dec)
  decade (199)   1990-1999; early = years 0-3, mid = 4-6, late = 7-9
  century (19)   1900-1999
  "earlier"/"later" (comparative): from the period's start to the anchor / from the anchor to its
                 end when the anchor falls inside the period, else its first / last two thirds
  "latter part", "second half": the second half; "first half": the first half
  PRESENT_REF    the anchor day; PAST_REF, FUTURE_REF and values with X: no interval (null)
"""
import datetime as dt
import functools
import re

from events.extraction.periods import month_end, month_part, season


def iso_week_monday(year, week):
    return dt.date.fromisocalendar(year, week, 1)


# Values repeat across a text and across texts of the same days: both functions are pure (their
# results are immutable), so they are cached.
@functools.lru_cache(maxsize=8192)
def base_interval(value, anchor):
    """(earliest, latest, unit) of a resolved value, or None when it names no fixed period
    (or no real one: "2001-02-29", a week 53 its year lacks, a winter running past 9999)."""
    try:
        return _base_interval(value, anchor)
    except (ValueError, OverflowError):
        return None


def _base_interval(value, anchor):
    v = value.split("T")[0] if "T" in value and not value.startswith("P") else value
    if v == "PRESENT_REF":
        return anchor, anchor, "day"
    if "X" in v or not v or not v[0].isdigit():
        return None
    for pattern, make in _VALUE_SHAPES:
        m = pattern.fullmatch(v)
        if m:
            return make(*m.groups())
    return None


def _day(y, mo, d):
    day = dt.date(int(y), int(mo), int(d))
    return day, day, "day"


def _week(y, w, weekend):
    monday = iso_week_monday(int(y), int(w))
    if weekend:
        return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend"
    return monday, monday + dt.timedelta(days=6), "week"


def _months(unit, size):
    """The interval of the n-th run of `size` months of a year (a month, quarter or half)."""
    def make(y, n):
        y, n = int(y), int(n)
        return dt.date(y, size * n - size + 1, 1), month_end(y, size * n), unit
    return make


def _years(unit, size):
    """A decade ("199") or century ("19"): `size` years from the value times `size`."""
    def make(digits):
        y = int(digits) * size
        return dt.date(max(y, 1), 1, 1), dt.date(y + size - 1, 12, 31), unit
    return make


# Each shape of a resolved value and the interval it covers (docstring table).
_VALUE_SHAPES = [(re.compile(pattern), make) for pattern, make in (
    (r"(\d{4})-(\d\d)-(\d\d)", _day),
    (r"(\d{4})-W(\d\d)(-WE)?", _week),
    (r"(\d{4})-(\d\d)", _months("month", 1)),
    (r"(\d{4})-(SP|SU|FA|WI)", lambda y, code: (*season(int(y), code), "season")),
    (r"(\d{4})-Q([1-4])", _months("quarter", 3)),
    (r"(\d{4})-H([12])", _months("half", 6)),
    (r"(\d{4})", lambda y: (dt.date(int(y), 1, 1), dt.date(int(y), 12, 31), "year")),
    (r"(\d{3})", _years("decade", 10)),
    (r"(\d{2})", _years("century", 100)),
)]


def _split_by_months(start, end, first, last):
    """Months [first, last) counted from `start`'s month (0-based), inclusive of whole months."""
    months = []
    y, m = start.year, start.month
    while dt.date(y, m, 1) <= end:
        months.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    chosen = months[first:last] or months
    return dt.date(chosen[0][0], chosen[0][1], 1), month_end(*chosen[-1])


def _split_by_years(start, end, first, last):
    years = list(range(start.year, end.year + 1))
    chosen = years[first:last] or years
    return dt.date(chosen[0], 1, 1), dt.date(chosen[-1], 12, 31)


def _third(n, part):
    """Index range of the early/mid/late third of n equal steps."""
    k = max(1, round(n / 3))
    if part == "early":
        return 0, k
    if part == "mid":
        return k, n - k if n - k > k else k + 1
    return n - k, n


def apply_part(start, end, unit, part, anchor):
    """Narrow (start, end) of a `unit` period to the `part` named by the expression."""
    if not part:
        return start, end
    if part in ("earlier", "later"):
        return _comparative(start, end, part, anchor)
    if part in ("latter", "first-half"):
        return _half(start, end, unit, part)
    if unit in ("day", "weekend"):
        return start, end
    if unit == "month":
        return month_part(start.year, start.month, part)
    if unit == "week":
        first, last = _WEEK_PARTS[part]
        return start + dt.timedelta(days=first), start + dt.timedelta(days=last)
    if unit == "decade":
        return _split_by_years(start, end, *_DECADE_PARTS[part])
    if unit == "century":
        return _split_by_years(start, end, *_third(end.year - start.year + 1, part))
    return _split_by_months(start, end, *_third(_month_count(start, end), part))


# Days of a week (from its Monday) and years of a decade that its early, mid and late parts cover.
_WEEK_PARTS = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}
_DECADE_PARTS = {"early": (0, 4), "mid": (4, 7), "late": (7, 10)}


def _month_count(start, end):
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _comparative(start, end, part, anchor):
    """"earlier"/"later": from the period's start to the anchor / from the anchor to its end when the
    anchor falls inside the period, else its first / last two thirds."""
    if start <= anchor <= end:
        return (start, anchor) if part == "earlier" else (anchor, end)
    cut = ((end - start).days + 1) // 3
    return (start, end - dt.timedelta(days=cut)) if part == "earlier" else (start + dt.timedelta(days=cut), end)


def _half(start, end, unit, part):
    """"the latter part of", "the second half of" / "the first half of": by whole months for periods of
    months, else by days."""
    if unit in ("year", "half", "quarter", "season"):
        n = _month_count(start, end)
        return _split_by_months(start, end, *((n // 2, n) if part == "latter" else (0, n // 2)))
    half = ((end - start).days + 1) // 2
    return (start + dt.timedelta(days=half), end) if part == "latter" else (start, start + dt.timedelta(days=half - 1))


@functools.lru_cache(maxsize=8192)
def interval(value, part, anchor):
    """(earliest, latest) ISO strings for a resolved DATE/TIME value, or (None, None)."""
    base = base_interval(value, anchor)
    if base is None:
        return None, None
    start, end, unit = base
    start, end = apply_part(start, end, unit, part, anchor)
    return start.isoformat(), end.isoformat()


def is_part_of_day(value) -> bool:
    """Is `value` a day's morning, afternoon, evening or night ("2001-05-21TNI")?"""
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\dT(?:MO|AF|EV|NI)", value))


def granularity(value):
    iv = base_interval(value, None) if value and value[0].isdigit() else None
    return iv[2] if iv else None


def fine_enough(value, unit):
    """Can `value` anchor an offset counted in `unit`? (a day offset needs a day)."""
    g = granularity(value)
    if g is None:
        return False
    if unit == "day":
        return g == "day"
    if unit in ("week", "weekend"):
        return g in ("day", "week", "weekend")
    if unit == "month":
        return g in ("day", "week", "month")
    return True
