"""The words and shapes of a fitted publication calendar (see calendar_fit for the model).

Constants (sources, kinds of day, dating methods, the costs of the model), the inputs (IssueInput,
DayRule), the prior of one day (DayPrior), the outputs (IssueFit, CalendarDay, VolumeFit) and the
calendar helpers every step shares: a volume's year, the days that may be holidays, a day's short name.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from dateutil.easter import easter

from events.extraction.calendar_evidence import CITATION, XREF, Evidence

FIRST_VOLUME_YEAR = 1994

BUILTIN = "builtin"
INFERRED = "inferred"
EDITOR = "editor"
PRIOR = "prior"  # not contradicted, carried over from the neighbouring volume or the federal calendar

# Calendar-day kinds in a fitted calendar.
PUBLICATION = "publication"
BREAK = "break"
PUBLISHED_HOLIDAY = "published-holiday"

# Issue dating methods (the strings of events.models.Issue.DateMethod).
M_CALENDAR = "calendar"
M_CONFIRMED = "calendar+evidence"
M_EVIDENCE = "evidence"
M_EDITOR = "editor"

BREAK_DAY = 1.0
BREAK_RUN = 3.0
LATE = 0.3         # per citation and open weekday between its bound and the issue ...
LATE_CAP = 4       # ... up to this many days (an old report cited in a background paragraph is normal)
WEIGHTS = {CITATION: 2.0, XREF: 1.0, "yesterday": 1.5, "today": 1.0, "weekday": 1.0}
XREF_DAY = 1.0
XREF_DAY_CAP = 3.0
WINDOW_SKIP = 0.3  # no issue on a day of a window known to hold breaks (calendar_data.KNOWN_WINDOWS)
WINDOW_ONCE_SKIP = 0.1  # the one break of a window known to hold exactly one
HARD = 1000.0
BEAM = 500.0  # prune only hopeless states (e.g. against an editor pin): dense evidence builds large legitimate gaps
RANGE_MARGIN = 1.0
INF = math.inf
INCREMENTAL_BAND = 3  # a refit stays within this many issues of the previous calendar's count (calendar_solver)

# Holidays with no issue unless a volume shows otherwise (as in 2000 and 2001).
USUALLY_CLOSED = {"New Year's Day", "Independence Day", "Thanksgiving Day", "Christmas Day"}

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def fmt(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {day:%b %Y}"


def year_of(volume: int) -> int:
    return FIRST_VOLUME_YEAR + volume


@lru_cache(maxsize=128)
def named_days(year: int) -> dict[dt.date, str]:
    """Days that may be holidays: US federal holidays (observed), Good Friday, the Friday after
    Thanksgiving and the weekdays from Christmas Eve to New Year's Eve, by name."""
    names = {}
    for day, name in holidays.US(years=year, observed=True).items():
        names[day] = name.replace(" (observed)", "").replace(" (Observed)", "")
    names[easter(year) - dt.timedelta(days=2)] = "Good Friday"
    for day, name in list(names.items()):
        if name.startswith("Thanksgiving"):
            names[day + dt.timedelta(days=1)] = "Friday after Thanksgiving"
    for d in range(24, 32):
        day = dt.date(year, 12, d)
        if day not in names:
            names[day] = "Christmas week"
    return {d: n for d, n in names.items() if d.year == year and d.weekday() < 5}


def weekdays_of(year: int) -> int:
    day, n = dt.date(year, 1, 1), 0
    while day.year == year:
        n += day.weekday() < 5
        day += dt.timedelta(days=1)
    return n


# ------------------------------------------------------------------------------------------ inputs

@dataclass(frozen=True)
class DayRule:
    """An editor's (or anyone's) statement about one day: BREAK (no issue) or PUBLISHED (an issue)."""
    date: dt.date
    kind: str  # calendar_data.BREAK or calendar_data.PUBLISHED
    source: str = EDITOR
    note: str = ""


@dataclass
class IssueInput:
    number: int
    evidence: list[Evidence] = field(default_factory=list)
    pinned: dt.date | None = None  # an editor's date: never moves
    pin_note: str = ""
    builtin_pin: bool = False  # pinned by calendar_data's known issues, not by an editor


@dataclass
class DayPrior:
    pub: float = 0.0          # cost of an issue that day
    skip: float = 0.0         # cost of no issue that day (besides the break costs of an unexplained one)
    explained: bool = False   # no issue that day needs no explaining (no BREAK_DAY / BREAK_RUN)
    source: str = ""          # where the prior came from
    note: str = ""
    kind: str = ""            # the prior's own answer: BREAK, PUBLISHED or ""


# ------------------------------------------------------------------------------------------ outputs

@dataclass
class IssueFit:
    volume: int
    number: int
    date: dt.date
    method: str
    confidence: float
    earliest: dt.date
    latest: dt.date
    note: str
    warnings: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # one line per piece of evidence

    def to_json(self) -> dict:
        return {"volume": self.volume, "number": self.number, "date": self.date.isoformat(),
                "method": self.method, "confidence": round(self.confidence, 3),
                "earliest": self.earliest.isoformat(), "latest": self.latest.isoformat(), "note": self.note,
                "warnings": self.warnings, "evidence": self.evidence}


@dataclass
class CalendarDay:
    date: dt.date
    kind: str            # PUBLICATION, BREAK or PUBLISHED_HOLIDAY
    source: str          # BUILTIN, INFERRED, EDITOR or PRIOR
    number: int | None   # the issue number on a publication day
    note: str = ""

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "source": self.source, "number": self.number,
                "note": self.note}

    @classmethod
    def from_json(cls, data: dict) -> "CalendarDay":
        return cls(dt.date.fromisoformat(data["date"]), data["kind"], data["source"], data.get("number"),
                   data.get("note", ""))


@dataclass
class VolumeFit:
    volume: int
    year: int
    issues: dict[int, IssueFit]
    days: list[CalendarDay]      # every weekday of the year (and any weekend day with an issue)
    warnings: list[str] = field(default_factory=list)
    last_number: int = 0         # the highest issue number the calendar was fitted up to

    def breaks(self) -> list[CalendarDay]:
        return [d for d in self.days if d.kind == BREAK]

    def date_of(self, number: int) -> dt.date | None:
        for day in self.days:
            if day.number == number:
                return day.date
        return None

    def to_json(self) -> dict:
        return {"volume": self.volume, "year": self.year, "last_number": self.last_number,
                "warnings": self.warnings, "days": [d.to_json() for d in self.days]}

    @classmethod
    def from_json(cls, data: dict) -> "VolumeFit":
        return cls(data["volume"], data["year"], {}, [CalendarDay.from_json(d) for d in data["days"]],
                   list(data.get("warnings", [])), data.get("last_number", 0))
