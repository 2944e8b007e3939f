"""Fitting a volume's publication calendar to the whole archive's evidence.

Model. Volume V is the year Y = 1994 + V; issue K is the K-th publication day of Y, so a calendar (which
weekdays had an issue) fixes every issue's date, and dates rise strictly with the number. The fitter
chooses the calendar of least cost:

* a weekday with no issue that nothing explains (no built-in fact, no prior, no editor) costs BREAK_DAY,
  and starting such a break costs BREAK_RUN more: the fewest unexplained breaks win;
* the prior: built-in facts (calendar_data), editors' days (hard), the neighbouring volume's calendar
  (the holidays it published on or skipped, its other breaks a year on), US federal holidays (weak);
* each piece of an issue's evidence (calendar_evidence) it contradicts costs its weight, so one wrong
  citation is outvoted rather than obeyed; each citation also costs LATE per open weekday the issue
  lies after the citation's bound (up to LATE_CAP days): reports are cited within days, so the more
  citations an issue has, the harder they pull it to the earliest date they allow (this is what places
  a break exactly between two issues);
* a cross-reference "(see the Monitor, June 26)" makes that day's having no issue cost XREF_DAY.

Solved exactly by dynamic programming over the days of the year with state (issues so far, in a break?),
beam-pruned (states costing BEAM more than the day's best are dropped). A forward and a backward pass
give every issue's min-marginal cost per day: the confidence of its date is the margin to the next best
day, and its plausible range the days within RANGE_MARGIN of the best.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from dateutil.easter import easter

from events.extraction import calendar_data as kb
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


# ------------------------------------------------------------------------------------------ priors

def _shift_year(day: dt.date, year: int) -> dt.date | None:
    """The same weekday about a year away, inside `year` (52 weeks on or back)."""
    step = 364 if year > day.year else -364
    moved = day
    while moved.year != year:
        moved += dt.timedelta(days=step)
        if abs(moved.year - year) > abs(day.year - year):  # pragma: no cover - cannot overshoot by weeks
            return None
    return moved


def build_prior(year: int, neighbour: VolumeFit | None = None, editor_days=()) -> dict[dt.date, DayPrior]:
    """The cost of an issue / of no issue on each day of `year`, before any evidence."""
    prior: dict[dt.date, DayPrior] = {}
    names = named_days(year)
    for day, name in names.items():
        if name in USUALLY_CLOSED:
            prior[day] = DayPrior(pub=1.5, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                                  note=f"{name} (usually no issue)")
        else:
            prior[day] = DayPrior(pub=0.3, skip=0.7, explained=True, source=PRIOR, note=f"{name} (federal calendar)")
    if neighbour is not None:
        by_name = {}
        other_names = named_days(neighbour.year)
        for entry in neighbour.days:
            name = other_names.get(entry.date)
            if name and entry.date.weekday() < 5:
                by_name.setdefault(name, []).append(entry.kind)
            elif entry.kind == BREAK:
                moved = _shift_year(entry.date, year)
                if moved is not None and moved.weekday() < 5 and moved not in names:
                    prior[moved] = DayPrior(pub=0.6, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                                            note=f"no issue a year {'before' if moved.year > entry.date.year else 'after'} "
                                                 f"({fmt(entry.date)}, Vol {neighbour.volume})")
        for day, name in names.items():
            kinds = by_name.get(name)
            if not kinds:
                continue
            if all(k == BREAK for k in kinds):
                prior[day] = DayPrior(pub=0.8, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                                      note=f"{name}: no issue on it in Vol {neighbour.volume}")
            elif all(k != BREAK for k in kinds):
                prior[day] = DayPrior(pub=0.0, skip=0.8, explained=True, source=PRIOR, kind=kb.PUBLISHED,
                                      note=f"{name}: published on it in Vol {neighbour.volume}")
    for start, end, count, note in kb.known_windows(year):
        cheap = WINDOW_ONCE_SKIP if count == 1 else WINDOW_SKIP  # a once-window's first break only (_solve)
        day = start
        while day <= end:
            p = prior.get(day)
            if day.weekday() < 5 and not (p is not None and p.kind == kb.BREAK):
                prior[day] = DayPrior(pub=p.pub if p else 0.0, skip=min(p.skip, cheap) if p else cheap,
                                      explained=True, source=BUILTIN, note=note, kind="")
            day += dt.timedelta(days=1)
    for start, end, note in kb.known_complete(year):
        day = start
        while day <= end:
            if day.weekday() < 5:
                prior[day] = DayPrior(pub=0.0, skip=2.0, explained=False, source=BUILTIN, kind=kb.PUBLISHED, note=note)
            day += dt.timedelta(days=1)
    for fact in kb.known_days(year):
        if fact.kind == kb.BREAK:
            cost = 8.0 if fact.strength == kb.STRONG else 2.0
            prior[fact.date] = DayPrior(pub=cost, skip=0.0, explained=True, source=BUILTIN, note=fact.note,
                                        kind=kb.BREAK)
        else:
            cost = 8.0 if fact.strength == kb.STRONG else 2.0
            prior[fact.date] = DayPrior(pub=0.0, skip=cost, explained=False, source=BUILTIN, note=fact.note,
                                        kind=kb.PUBLISHED)
    for rule in editor_days:
        if rule.date.year != year:
            continue
        if rule.kind == kb.BREAK:
            prior[rule.date] = DayPrior(pub=HARD, skip=0.0, explained=True, source=EDITOR, kind=kb.BREAK,
                                        note=rule.note or "no issue (editor)")
        else:
            prior[rule.date] = DayPrior(pub=0.0, skip=HARD, explained=False, source=EDITOR, kind=kb.PUBLISHED,
                                        note=rule.note or "an issue appeared (editor)")
    return prior


def prior_dates(year: int, prior: dict[dt.date, DayPrior], last: int) -> list[dt.date]:
    """Dates of issues 1..last from the prior alone: every weekday the prior does not call a break."""
    out, day = [], dt.date(year, 1, 1)
    while day.year == year and len(out) < last:
        p = prior.get(day)
        if day.weekday() < 5 and not (p and p.pub > p.skip):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


# ------------------------------------------------------------------------------------------ fitting

class _IssueCost:
    """Evidence cost of one issue on each day index of the year (one sweep over the year, on first use)."""

    def __init__(self, evidence: list[Evidence], first: dt.date, open_before: list[int]):
        self.lowers = sorted(((e.lower - first).days, WEIGHTS.get(e.kind, 1.0)) for e in evidence if e.lower)
        self.uppers = sorted(((e.upper - first).days, WEIGHTS.get(e.kind, 1.0)) for e in evidence if e.upper)
        self.cites = sorted((e.lower - first).days for e in evidence if e.lower and e.kind == CITATION)
        self.open_before = open_before
        self.first = first
        self.costs: list[float] | None = None

    def __call__(self, i: int) -> float:
        if self.costs is None:
            self.costs = self._sweep(len(self.open_before) - 1)
        return self.costs[i]

    def _sweep(self, n_days: int) -> list[float]:
        costs = [0.0] * n_days
        # A lower bound after day i is violated on day i: its weight on every day before it.
        for lower, weight in self.lowers:
            for i in range(0, min(max(lower, 0), n_days)):
                costs[i] += weight
        # An upper bound before day i is violated from the day after it on.
        for upper, weight in self.uppers:
            for i in range(max(upper + 1, 0), n_days):
                costs[i] += weight
        # Lateness: each citation pulls the issue towards its own bound (reports are cited within days):
        # LATE per open weekday between the bound and the issue, up to LATE_CAP days.
        ob = self.open_before
        tail = [0.0] * (n_days + 1)  # a capped pull, added from a day to the year's end (prefix-summed)
        for lower in self.cites:
            start = max(lower, 0)
            if start >= n_days:
                continue  # a bound after the year: the lower-bound weight above already says it all
            base = ob[start] - self._extra_before_year(lower)
            for i in range(start, n_days):
                gap = ob[i] - base
                if gap >= LATE_CAP:
                    tail[i] += LATE * LATE_CAP
                    break
                costs[i] += LATE * gap
        running = 0.0
        for i in range(n_days):
            running += tail[i]
            costs[i] += running
        return costs

    def _extra_before_year(self, a: int) -> int:
        """Weekdays in [a, 0) for a bound before the year's first day (counted as open)."""
        if a >= 0:
            return 0
        return sum(1 for j in range(max(a, -40), 0) if (self.first + dt.timedelta(days=j)).weekday() < 5)


def fit_volume(volume: int, issues: list[IssueInput], *, neighbour: VolumeFit | None = None,
               editor_days=(), outside_xrefs: list[Evidence] = (), previous: VolumeFit | None = None) -> VolumeFit:
    """The calendar of one volume that best explains its issues' evidence (see the module docstring).

    `outside_xrefs`: cross-references from other volumes' issues that name a day of this year.
    Never raises on bad evidence: each problem becomes a warning on the issue or the volume.

    `previous`: the volume's last fit. The search is then kept within INCREMENTAL_BAND issues of the
    previous calendar's count on every day (a few times faster); if the best calendar touches that band's
    edge anywhere, the fit is done again without it, so the result is the same as a full fit's unless
    the best calendar moved further than the band allows without touching its edge."""
    year = year_of(volume)
    first = dt.date(year, 1, 1)
    n_days = (dt.date(year + 1, 1, 1) - first).days
    all_days = [first + dt.timedelta(days=i) for i in range(n_days)]
    prior = build_prior(year, neighbour, editor_days)
    volume_warnings: list[str] = []
    issue_warnings: dict[int, list[str]] = {}

    by_number: dict[int, IssueInput] = {}
    for item in issues:
        if item.number in by_number:
            by_number[item.number].evidence.extend(item.evidence)
        else:
            by_number[item.number] = IssueInput(item.number, list(item.evidence), item.pinned, item.pin_note)
    for known in kb.known_issues(volume):
        entry = by_number.setdefault(known.number, IssueInput(known.number))
        if entry.pinned is None:
            entry.pinned, entry.pin_note = known.date, f"built-in: {known.note}"
            entry._builtin_pin = True  # type: ignore[attr-defined]

    # Pins: must lie in the year and rise with the number, leaving enough weekdays for the issues between;
    # a pin breaking that is not used to fit (warned), though the issue keeps its pinned date.
    weekday_before = [0] * (n_days + 1)
    for i, d in enumerate(all_days):
        weekday_before[i + 1] = weekday_before[i] + (d.weekday() < 5)
    pins: dict[int, int] = {}
    prev_n, prev_idx = 0, -1
    for number in sorted(by_number):
        entry = by_number[number]
        if entry.pinned is None:
            continue
        idx = (entry.pinned - first).days
        if not 0 <= idx < n_days:
            issue_warnings.setdefault(number, []).append(
                f"pinned date {fmt(entry.pinned)} is outside {year} (Volume {volume}): not used to fit the calendar")
            continue
        room = weekday_before[idx] - weekday_before[prev_idx + 1] + 1  # days in (prev, idx], the pin's own day too
        if idx <= prev_idx or number - prev_n > room:
            after = f"No {prev_n}'s pinned date" if prev_n else "the start of the year"
            issue_warnings.setdefault(number, []).append(
                f"pinned date {fmt(entry.pinned)} leaves too few weekdays after {after} for the issues numbered "
                "between: issue numbers out of order? Not used to fit the calendar")
            continue
        pins[number] = idx
        prev_n, prev_idx = number, idx
    pinned_day = {idx: n for n, idx in pins.items()}

    # Which days can hold an issue: weekdays, and any pinned day.
    is_open = [d.weekday() < 5 or i in pinned_day for i, d in enumerate(all_days)]
    capacity = sum(is_open)
    numbers = sorted(by_number)
    beyond = [n for n in numbers if n > capacity]
    for n in beyond:
        issue_warnings.setdefault(n, []).append(
            f"issue number {n} is beyond the {capacity} weekdays of {year}: no calendar of Volume {volume} can hold it; "
            "dated to the last weekday of the year with no confidence (check the number)")
    fitted_numbers = [n for n in numbers if n <= capacity]
    last = max(fitted_numbers, default=0)

    # Cross-references to days of this year (from this volume and others): that day had an issue.
    xref_cost = [0.0] * n_days
    xref_notes: dict[int, list[str]] = {}
    for number in fitted_numbers:
        for ev in by_number[number].evidence:
            if ev.kind == XREF and ev.date.year == year:
                _add_xref(ev, first, n_days, is_open, xref_cost, xref_notes, f"Vol {volume} No {number}",
                          issue_warnings.setdefault(number, []))
    for ev in outside_xrefs:
        if ev.date.year == year:
            _add_xref(ev, first, n_days, is_open, xref_cost, xref_notes, "another volume", [])

    # Weekdays that surely had an issue, before each index (the lateness of an issue after its citations
    # counts these: not weekends, not possible holidays, not the prior's breaks).
    holiday = named_days(year)
    open_before = [0] * (n_days + 1)
    for i, day in enumerate(all_days):
        p = prior.get(day)
        sure = is_open[i] and day not in holiday and not (p and p.source in (BUILTIN, EDITOR) and p.kind == kb.BREAK)
        open_before[i + 1] = open_before[i] + (1 if sure else 0)
    costs = {n: _IssueCost(by_number[n].evidence, first, open_before) for n in fitted_numbers if by_number[n].evidence}

    if len(fitted_numbers) == 1 and not kb.known_issues(volume):
        volume_warnings.append(f"only one issue of Volume {volume} in the archive: dated by the prior calendar "
                               "and its own evidence alone")
        issue_warnings.setdefault(fitted_numbers[0], []).append(
            f"the only issue of Volume {volume} in the archive: no neighbouring issue to check its date against")

    once = [False] * n_days
    for start, end, count, _note in kb.known_windows(year):
        if count == 1:
            for i in range((start - first).days, (end - first).days + 1):
                once[i] = True
    centre = _previous_counts(previous, first, n_days) if previous is not None else None
    path, marginals = _solve(n_days, last, is_open, all_days, prior, xref_cost, pins, pinned_day, costs, once,
                             centre)
    if path is None or (centre is not None and _touches_band(path, centre, n_days, last)):
        path, marginals = _solve(n_days, last, is_open, all_days, prior, xref_cost, pins, pinned_day, costs, once)
    if path is None:  # pragma: no cover - the hard costs are finite: always some calendar
        raise RuntimeError("no calendar")

    dates_by_number = {n: all_days[i] for n, i in path.items()}
    baseline = prior_dates(year, prior, last)
    fits: dict[int, IssueFit] = {}
    for number in fitted_numbers:
        fits[number] = _issue_fit(volume, number, by_number[number], dates_by_number[number], marginals.get(number),
                                  all_days, baseline, issue_warnings.get(number, []), number in pins)
    for number in beyond:
        last_weekday = max(i for i, o in enumerate(is_open) if o)
        day = all_days[last_weekday]
        fits[number] = IssueFit(volume, number, day, M_CALENDAR, 0.0, day, day,
                                "beyond any calendar of the year", issue_warnings[number],
                                [e.describe() for e in by_number[number].evidence])

    for number, entry in by_number.items():
        if entry.pinned is not None and number not in pins:
            # An editor's date never moves, even one the calendar cannot honour (warned above).
            old = fits[number]
            builtin = getattr(entry, "_builtin_pin", False)
            fits[number] = IssueFit(volume, number, entry.pinned, M_EVIDENCE if builtin else M_EDITOR,
                                    1.0 if not builtin else 0.5, entry.pinned, entry.pinned,
                                    entry.pin_note or f"pinned by an editor to {fmt(entry.pinned)}",
                                    old.warnings, old.evidence)
    days = _calendar_days(volume, year, all_days, is_open, prior, path, last, costs, by_number, xref_notes)
    for number in fitted_numbers:
        volume_warnings.extend(f"No {number}: {w}" for w in fits[number].warnings)
    return VolumeFit(volume, year, fits, days, volume_warnings, last)


def _add_xref(ev, first, n_days, is_open, xref_cost, xref_notes, who, warnings):
    idx = (ev.date - first).days
    if not 0 <= idx < n_days:
        return
    if not is_open[idx]:
        warnings.append(f"refers back to the issue of {fmt(ev.date)}, a weekend day: no issue then "
                        "(wrong date in the cross-reference?)")
        return
    xref_cost[idx] = min(XREF_DAY_CAP, xref_cost[idx] + XREF_DAY)
    xref_notes.setdefault(idx, []).append(f"{who} refers back to it")


INCREMENTAL_BAND = 3


def _previous_counts(previous: VolumeFit, first: dt.date, n_days: int) -> list[int]:
    """Issues published up to and including each day index, by a previous fit's calendar."""
    on = [0] * n_days
    for day in previous.days:
        idx = (day.date - first).days
        if 0 <= idx < n_days and day.kind != BREAK:
            on[idx] = 1
    counts, k = [0] * n_days, 0
    for i in range(n_days):
        k += on[i]
        counts[i] = k
    return counts


def _touches_band(path: dict[int, int], centre: list[int], n_days: int, last: int) -> bool:
    """Does the path's count reach the band's edge on some day (before it reaches the last issue)?"""
    k, day_of = 0, {i: n for n, i in path.items()}
    for i in range(n_days):
        if i in day_of:
            k = day_of[i]
        if k < last and abs(k - centre[i]) >= INCREMENTAL_BAND:
            return True
    return False


def _solve(n_days, last, is_open, all_days, prior, xref_cost, pins, pinned_day, costs, once=None, centre=None):
    """Forward and backward passes. Returns ({number: day index}, {number: {day index: min-marginal}}).

    State (k, r): k issues so far; r bit 1 = inside a break, bit 2 = the one cheap break of a "once" window
    (a period known to hold exactly one break, `once[i]` True on its days) is already used."""
    if last == 0:
        return {}, {}
    once = once or [False] * n_days
    # Per-day transition costs.
    pub_c, skip_c, expl = [0.0] * n_days, [0.0] * n_days, [False] * n_days
    for i, day in enumerate(all_days):
        p = prior.get(day)
        if p is not None:
            pub_c[i], skip_c[i], expl[i] = p.pub, p.skip, p.explained
        skip_c[i] += xref_cost[i]

    def allowed(n, i):
        """Issue n on day i: HARD when a pin says otherwise."""
        pin = pins.get(n)
        if pin is not None and pin != i:
            return HARD
        other = pinned_day.get(i)
        if other is not None and other != n:
            return HARD
        return 0.0

    memo: dict = {}
    any_pin = bool(pins or pinned_day)

    def pub_cost(n, i):
        key = n * 400 + i
        c = memo.get(key)
        if c is None:
            c = pub_c[i] + (allowed(n, i) if any_pin else 0.0)
            ev = costs.get(n)
            if ev is not None:
                c += ev(i)
            memo[key] = c
        return c

    def skip_cost(i, r):
        """(cost, next r) of no issue on day i."""
        c = skip_c[i]
        if any_pin and i in pinned_day:
            c += HARD
        if once[i]:
            if not r & 2:
                return c, r | 3
            c += BREAK_DAY + (0.0 if r & 1 else BREAK_RUN)  # a second break in a once-window: unexplained
            return c, r | 1
        if not expl[i]:
            c += BREAK_DAY + (0.0 if r & 1 else BREAK_RUN)
        return c, (r | 1) & (3 if once[i] else 1)

    # Feasibility band: k issues after day i needs k <= open days so far and last - k <= open days left.
    open_prefix = [0] * (n_days + 1)
    for i in range(n_days):
        open_prefix[i + 1] = open_prefix[i] + is_open[i]
    total_open = open_prefix[n_days]

    forward: list[dict] = [None] * (n_days + 1)  # type: ignore[list-item]
    back: list[dict] = [None] * (n_days + 1)  # type: ignore[list-item]
    forward[0] = {(0, 0): 0.0}
    for i in range(n_days):
        cur = forward[i]
        nxt: dict = {}
        bp: dict = {}
        if not is_open[i]:
            forward[i + 1] = cur
            back[i + 1] = None
            continue
        keep = 2 if once[i] else 0
        left_after = total_open - open_prefix[i + 1]
        for (k, r), c in cur.items():
            if k >= last:
                _relax(nxt, bp, (k, 0), c, (k, r, 0))
                continue
            # publish issue k + 1 today
            if last - (k + 1) <= left_after:
                _relax(nxt, bp, (k + 1, r & keep), c + pub_cost(k + 1, i), (k, r, 1))
            # no issue today
            if last - k <= left_after:
                cost, r2 = skip_cost(i, r)
                _relax(nxt, bp, (k, r2), c + cost, (k, r, 0))
        if nxt:
            best = min(nxt.values())
            if centre is not None:
                c0 = centre[i]
                nxt = {s: v for s, v in nxt.items()
                       if v <= best + BEAM and (s[0] >= last or abs(s[0] - c0) <= INCREMENTAL_BAND)}
            else:
                nxt = {s: v for s, v in nxt.items() if v <= best + BEAM}
            bp = {s: bp[s] for s in nxt}
        forward[i + 1] = nxt
        back[i + 1] = bp

    end = forward[n_days]
    finals = [(v, s) for s, v in end.items() if s[0] >= last]
    if not finals:
        return None, {}
    total, state = min(finals)
    # Decode the best path.
    path: dict[int, int] = {}
    for i in range(n_days, 0, -1):
        bp = back[i]
        if bp is None:
            continue
        k, r, published = bp[state]
        if published:
            path[k + 1] = i - 1
        state = (k, r)

    # Backward pass over the forward's kept states; min-marginal of "issue n on day i".
    marginals: dict[int, dict[int, float]] = {}
    after = {s: 0.0 for s in end if s[0] >= last}
    for i in range(n_days - 1, -1, -1):
        cur = forward[i]
        if not is_open[i]:
            continue
        keep = 2 if once[i] else 0
        new_after: dict = {}
        for (k, r), c in cur.items():
            if k >= last:
                a = after.get((k, 0))
                if a is not None:
                    _min_into(new_after, (k, r), a)
                continue
            best = INF
            a_pub = after.get((k + 1, r & keep))
            if a_pub is not None:
                pc = pub_cost(k + 1, i)
                best = pc + a_pub
                m = marginals.setdefault(k + 1, {})
                value = c + pc + a_pub
                if value < m.get(i, INF):
                    m[i] = value
            cost, r2 = skip_cost(i, r)
            a_skip = after.get((k, r2))
            if a_skip is not None:
                best = min(best, cost + a_skip)
            if best < INF:
                _min_into(new_after, (k, r), best)
        after = new_after
    return path, {n: {i: v - total for i, v in m.items()} for n, m in marginals.items()}


def _relax(table, bp, state, value, pointer):
    if value < table.get(state, INF):
        table[state] = value
        bp[state] = pointer


def _min_into(table, state, value):
    if value < table.get(state, INF):
        table[state] = value


def _issue_fit(volume, number, entry, date, marg, all_days, baseline, warnings, pinned):
    first = all_days[0]
    idx = (date - first).days
    evidence_lines = [e.describe() for e in entry.evidence]
    warnings = list(warnings)
    if pinned:
        builtin = getattr(entry, "_builtin_pin", False)
        return IssueFit(volume, number, date, M_EVIDENCE if builtin else M_EDITOR, 1.0, date, date,
                        entry.pin_note or f"pinned by an editor to {fmt(date)}", warnings, evidence_lines)
    marg = marg or {}
    others = [v for i, v in marg.items() if i != idx]
    margin = min(others, default=BEAM)
    confidence = 1.0 - 0.5 * math.exp(-max(margin, 0.0) / 1.2)
    near = sorted(all_days[i] for i, v in marg.items() if v <= RANGE_MARGIN) or [date]
    earliest, latest = min(near[0], date), max(near[-1], date)
    # Evidence the date contradicts.
    for ev in entry.evidence:
        if ev.lower and ev.lower > date:
            days_ahead = (ev.lower - date).days
            what = "cross-reference" if ev.kind == XREF else "citation"
            if days_ahead > 7:
                warnings.append(f"{what} {ev.text!r} is dated in the future of the fitted date {fmt(date)} "
                                f"({days_ahead} days): a wrong date in the text, or an issue number out of order")
            else:
                warnings.append(f"{what} {ev.text!r} needs a date on or after {fmt(ev.lower)}; the archive's other "
                                f"evidence puts the issue on {fmt(date)}: outvoted as likely wrong")
        if ev.upper and ev.upper < date:
            warnings.append(f"{ev.kind} evidence {ev.text!r} needs a date on or before {fmt(ev.upper)}; "
                            f"fitted {fmt(date)}: outvoted")
    own = [e for e in entry.evidence if e.lower or e.upper]
    base = baseline[number - 1] if number - 1 < len(baseline) else None
    count = f"the {_ordinal(number)} publication day of {date.year} in the fitted calendar"
    if not own:
        method = M_CALENDAR
        note = f"{count}; no dated evidence of its own"
        confidence = min(confidence, 0.9)
    else:
        newest = max((e.lower for e in own if e.kind == CITATION and e.lower), default=None)
        basis = f"newest citation allows {fmt(newest)}" if newest else "its cross-references"
        if base == date:
            method, note = M_CONFIRMED, f"{count}; {basis}: agrees"
        else:
            method = M_EVIDENCE
            note = (f"{count}; {basis}; the prior calendar alone would say "
                    f"{fmt(base) if base else 'nothing'}: the evidence moved it")
    if earliest != latest:
        note += f"; plausible {fmt(earliest)} to {fmt(latest)}"
    return IssueFit(volume, number, date, method, round(confidence, 3), earliest, latest, note, warnings,
                    evidence_lines)


def _calendar_days(volume, year, all_days, is_open, prior, path, last, costs, by_number, xref_notes):
    """The fitted calendar: every weekday, with its kind, its source and why."""
    issue_on = {i: n for n, i in path.items()}
    last_idx = max(path.values(), default=-1)
    first_idx = min(path.values(), default=len(all_days))
    out = []
    for i, day in enumerate(all_days):
        p = prior.get(day)
        if i in issue_on:
            n = issue_on[i]
            if p is not None and p.kind == kb.BREAK:
                out.append(CalendarDay(day, PUBLICATION, INFERRED, n,
                                       f"issue {n} appeared although the prior said no issue ({p.note})"))
            elif day in named_days(year):
                source = p.source if p is not None and p.kind == kb.PUBLISHED else INFERRED
                out.append(CalendarDay(day, PUBLISHED_HOLIDAY, source, n, p.note if p else named_days(year)[day]))
            elif p is not None and p.source in (BUILTIN, EDITOR) and p.kind == kb.PUBLISHED:
                out.append(CalendarDay(day, PUBLICATION, p.source, n, p.note))
            else:
                out.append(CalendarDay(day, PUBLICATION, INFERRED if n in by_number else PRIOR, n, ""))
            continue
        if not is_open[i] or day.weekday() >= 5:
            continue
        if i > last_idx:
            # Past the last issue fitted: the prior's answer, projected.
            if p is not None and p.pub > p.skip:
                out.append(CalendarDay(day, BREAK, p.source, None, p.note))
            else:
                out.append(CalendarDay(day, PUBLICATION, PRIOR, None, "projected past the last issue in the archive"))
            continue
        if p is not None and p.kind == kb.BREAK:
            out.append(CalendarDay(day, BREAK, p.source, None, p.note))
        else:
            reason = _break_reason(i, all_days, path, costs, by_number, first_idx)
            if p is not None and p.note:
                reason = f"{p.note}; {reason}"
            out.append(CalendarDay(day, BREAK, INFERRED, None, reason))
    return out


def _break_reason(i, all_days, path, costs, by_number, first_idx):
    """Why the fit put a break on day i: the evidence of the first issue after it."""
    after = min((n for n, j in path.items() if j > i), default=None)
    before = max((n for n, j in path.items() if j < i), default=None)
    if i < first_idx:
        return "before the volume's first issue"
    parts = []
    if after is not None:
        entry = by_number.get(after)
        newest = max((e for e in (entry.evidence if entry else []) if e.lower), key=lambda e: e.lower, default=None)
        if newest is not None:
            parts.append(f"No {after} {newest.describe()}")
        else:
            parts.append(f"No {after} follows (no evidence of its own)")
    if before is not None:
        parts.append(f"after No {before}")
    return "inferred: " + "; ".join(parts) if parts else "inferred"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ------------------------------------------------------------------------------------------ the archive

def fit_archive(volumes: dict[int, list[IssueInput]], editor_days: dict[int, list[DayRule]] | None = None,
                previous: dict[int, VolumeFit] | None = None, only: set[int] | None = None) -> dict[int, VolumeFit]:
    """Fit every volume in order; each volume's fit is the prior of the next (and the first volume's prior
    is the next one's built-in knowledge when it has none). Cross-references across volumes count in the
    volume they name.

    Incremental: with `previous` (the last fits) and `only` (volumes whose issues changed), only those
    volumes are fitted again, and a following volume only when the calendar it takes as prior changed.
    """
    editor_days = editor_days or {}
    previous = dict(previous or {})
    outside: dict[int, list[Evidence]] = {}
    for volume, items in volumes.items():
        for item in items:
            for ev in item.evidence:
                if ev.kind == XREF and ev.date.year != year_of(volume):
                    outside.setdefault(ev.date.year - FIRST_VOLUME_YEAR, []).append(ev)
    order = sorted(set(volumes) | {v for v in outside if v in volumes})
    fits: dict[int, VolumeFit] = {}
    dirty = set(order) if only is None else set(only)
    neighbour_changed = False
    for index, volume in enumerate(order):
        neighbour = fits.get(volume - 1) or previous.get(volume - 1) or _builtin_only(volume - 1)
        if neighbour is None and not kb.known_days(year_of(volume)):
            neighbour = _builtin_only(volume + 1)
        if volume in dirty or neighbour_changed or volume not in previous:
            fit = fit_volume(volume, volumes[volume], neighbour=neighbour, editor_days=editor_days.get(volume, ()),
                             outside_xrefs=outside.get(volume, []))
            old = previous.get(volume)
            neighbour_changed = old is None or _break_set(old) != _break_set(fit)
        else:
            fit = previous[volume]
            neighbour_changed = False
        fits[volume] = fit
    return fits


def _break_set(fit: VolumeFit):
    return {(d.date, d.kind) for d in fit.days if d.kind != PUBLICATION}


@lru_cache(maxsize=32)
def _builtin_only(volume: int) -> VolumeFit | None:
    """The calendar of a volume from built-in knowledge alone (None when there is none)."""
    if volume < 1:
        return None
    year = year_of(volume)
    if not kb.known_days(year):
        return None
    return fit_volume(volume, [])
