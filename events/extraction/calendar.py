"""Publication dates of Monitor issues: the calendar, then the dates the text cites as evidence.

The Monitor appeared on weekdays, skipping US federal holidays; Volume N is the year 1994 + N and
Issue K is the K-th publication day of that year. That is only a model of the editors' habits, so
`date_issue` checks it against the newest date the issue's articles cite in source attributions and
cross-references: an issue cannot predate a report it cites.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from events.extraction.citations import CitedDate, find_attributions

FIRST_VOLUME_YEAR = 1994  # Volume 1 = 1995
MAX_VOLUME = 99  # far past the Monitor's real run; a larger volume is a typo, not a year

# Method names match events.models.Issue.DateMethod (kept as plain strings: no Django here).
CALENDAR = "calendar"
CONFIRMED = "calendar+evidence"
EVIDENCE = "evidence"

# Confidence in the date, by how it was reached.
CONFIDENCE_CALENDAR = 0.6        # the calendar model alone
CONFIDENCE_CONFIRMED = 0.95      # calendar, and the newest citation falls just before it
CONFIDENCE_DISTANT = 0.65        # calendar, and the citations are consistent but old
CONFIDENCE_MOVED = 0.5           # calendar contradicted by a citation; moved after it
CONFIDENCE_CONFLICT = 0.3        # a citation far after the calendar date: likely a typo in one of them
AGREEMENT_WINDOW_DAYS = 21       # newest citation within three weeks before: the evidence confirms
MAX_MOVE_DAYS = 31               # a citation more than a month past the calendar is not trusted to move it

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass(frozen=True)
class IssueDating:
    date: dt.date
    method: str
    confidence: float
    note: str


def year_of_volume(volume: int) -> int:
    if not isinstance(volume, int) or isinstance(volume, bool) or volume < 1:
        raise ValueError(f"volume must be a positive whole number, not {volume!r}")
    if volume > MAX_VOLUME:
        raise ValueError(f"volume {volume} is past {MAX_VOLUME} (year {FIRST_VOLUME_YEAR + volume}): "
                         "not a Monitor volume")
    return FIRST_VOLUME_YEAR + volume


@lru_cache(maxsize=64)
def us_federal_holidays(year: int) -> frozenset[dt.date]:
    # Observed days included: a Sunday holiday closes the Monday after, as the offices did.
    return frozenset(holidays.US(years=year, observed=True).keys())


@lru_cache(maxsize=64)
def publication_days(year: int) -> tuple[dt.date, ...]:
    """Every weekday of `year` that is not a US federal holiday, in order."""
    closed = us_federal_holidays(year)
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


def issues_in_volume(volume: int) -> int:
    return len(publication_days(year_of_volume(volume)))


def is_publication_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in us_federal_holidays(day.year)


def next_publication_day(day: dt.date) -> dt.date:
    """The first publication day strictly after `day`."""
    day += dt.timedelta(days=1)
    while not is_publication_day(day):
        day += dt.timedelta(days=1)
    return day


def calendar_date(volume: int, number: int) -> dt.date:
    year = year_of_volume(volume)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValueError(f"issue number must be a positive whole number, not {number!r}")
    days = publication_days(year)
    if number > len(days):
        raise ValueError(f"issue {number} is beyond the {len(days)} publication days of {year} (Volume {volume})")
    return days[number - 1]


def resolve_cited_date(cited: CitedDate, near: dt.date) -> dt.date | None:
    """The last day a citation names; a yearless one takes the year that puts it nearest to `near`."""
    day = cited.day_end or cited.day
    if cited.year is not None:
        return _safe_date(cited.year, cited.month, day)
    candidates = [d for y in (near.year - 1, near.year, near.year + 1) if (d := _safe_date(y, cited.month, day))]
    return min(candidates, key=lambda d: abs((d - near).days), default=None)


def cited_dates(texts, near: dt.date) -> list[dt.date]:
    """Every date cited in the texts' attributions, resolved near `near`, in text order."""
    found = []
    for text in texts:
        for attribution in find_attributions(text):
            found.extend(d for c in attribution.dates if (d := resolve_cited_date(c, near)) is not None)
    return found


def date_issue(volume: int, number: int, texts) -> IssueDating:
    """Date an issue from the calendar, checked against the newest date its articles cite."""
    planned = calendar_date(volume, number)
    basis = (f"calendar: {_ordinal(number)} publication day of {planned.year} "
             f"(weekdays less US federal holidays) = {_fmt(planned)}")
    evidence = cited_dates(texts, planned)
    if not evidence:
        return IssueDating(planned, CALENDAR, CONFIDENCE_CALENDAR, f"{basis}; no cited dates to check it against")
    newest = max(evidence)
    gap = (planned - newest).days
    if gap > AGREEMENT_WINDOW_DAYS:
        return IssueDating(planned, CALENDAR, CONFIDENCE_DISTANT, f"{basis}; newest cited date {_fmt(newest)} "
                                                                  f"is {gap} days earlier: consistent, too old to confirm")
    if gap > 0:
        return IssueDating(planned, CONFIRMED, CONFIDENCE_CONFIRMED,
                           f"{basis}; newest cited date {_fmt(newest)} agrees")
    if -gap > MAX_MOVE_DAYS:
        return IssueDating(planned, CALENDAR, CONFIDENCE_CONFLICT,
                           f"{basis}; kept, although a cited date {_fmt(newest)} is {-gap} days later "
                           "(too far to trust: check the issue number and the citation)")
    moved = next_publication_day(newest)
    return IssueDating(moved, EVIDENCE, CONFIDENCE_MOVED,
                       f"{basis}, but the text cites {_fmt(newest)}, on or after it; an issue cannot predate "
                       f"what it cites, so moved to the next publication day, {_fmt(moved)}")


def _safe_date(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def _fmt(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {day:%b %Y}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
