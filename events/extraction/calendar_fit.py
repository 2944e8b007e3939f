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
from dataclasses import dataclass, field
from functools import lru_cache

from events.extraction import calendar_data as kb
from events.extraction.calendar_evidence import XREF, Evidence
from events.extraction.calendar_explain import calendar_days, issue_fit, pinned_fit
from events.extraction.calendar_model import (
    BREAK, BUILTIN, EDITOR, FIRST_VOLUME_YEAR, INFERRED, M_CALENDAR, PRIOR, PUBLICATION, PUBLISHED_HOLIDAY, XREF_DAY,
    XREF_DAY_CAP, CalendarDay, DayRule, IssueFit, IssueInput, VolumeFit, fmt, named_days, weekdays_of, year_of,
)
from events.extraction.calendar_prior import build_prior, prior_dates
from events.extraction.calendar_solver import IssueCost, previous_counts, solve, touches_band

__all__ = [  # the fitter, and the vocabulary its callers use with it
    "fit_volume", "fit_archive", "build_prior", "prior_dates", "BREAK", "BUILTIN", "EDITOR", "FIRST_VOLUME_YEAR",
    "INFERRED", "PRIOR", "PUBLICATION", "PUBLISHED_HOLIDAY", "CalendarDay", "DayRule", "IssueFit", "IssueInput",
    "VolumeFit", "fmt", "named_days", "weekdays_of", "year_of",
]


@dataclass
class _Year:
    """The days of a volume's year, and which of them can hold an issue (weekdays and pinned days)."""
    volume: int
    year: int
    first: dt.date
    all_days: list[dt.date]
    is_open: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, volume: int) -> "_Year":
        year = year_of(volume)
        first = dt.date(year, 1, 1)
        n_days = (dt.date(year + 1, 1, 1) - first).days
        return cls(volume, year, first, [first + dt.timedelta(days=i) for i in range(n_days)])

    @property
    def n_days(self) -> int:
        return len(self.all_days)

    def index(self, day: dt.date) -> int:
        return (day - self.first).days


def fit_volume(volume: int, issues: list[IssueInput], *, neighbour: VolumeFit | None = None,
               editor_days=(), outside_xrefs: list[Evidence] = (), previous: VolumeFit | None = None) -> VolumeFit:
    """The calendar of one volume that best explains its issues' evidence (see the module docstring).

    `outside_xrefs`: cross-references from other volumes' issues that name a day of this year.
    Never raises on bad evidence: each problem becomes a warning on the issue or the volume.

    `previous`: the volume's last fit. The search is then kept within INCREMENTAL_BAND issues of the
    previous calendar's count on every day (a few times faster); if the best calendar touches that band's
    edge anywhere, the fit is done again without it, so the result is the same as a full fit's unless
    the best calendar moved further than the band allows without touching its edge."""
    span = _Year.of(volume)
    prior = build_prior(span.year, neighbour, editor_days)
    warnings: dict[int, list[str]] = {}
    by_number = _merged_inputs(volume, issues)
    pins = _usable_pins(span, by_number, warnings)
    pinned_day = {idx: n for n, idx in pins.items()}
    span.is_open = [d.weekday() < 5 or i in pinned_day for i, d in enumerate(span.all_days)]
    fitted_numbers, beyond = _within_capacity(span, sorted(by_number), warnings)
    last = max(fitted_numbers, default=0)
    xref_cost = _xref_costs(span, by_number, fitted_numbers, outside_xrefs, warnings)
    open_before = _sure_open_before(span, prior)
    costs = {n: IssueCost(by_number[n].evidence, span.first, open_before) for n in fitted_numbers if by_number[n].evidence}
    volume_warnings = _lone_issue_warnings(volume, fitted_numbers, warnings)
    path, marginals = _best_calendar(span, last, prior, xref_cost, pins, pinned_day, costs, previous)

    fits = _issue_fits(span, by_number, fitted_numbers, path, marginals, prior_dates(span.year, prior, last), pins,
                       warnings)
    for number in beyond:
        fits[number] = _beyond_fit(span, number, by_number[number], warnings[number])
    _keep_unused_pins(volume, by_number, pins, fits)
    days = calendar_days(span.year, span.all_days, span.is_open, prior, path, by_number)
    for number in fitted_numbers:
        volume_warnings.extend(f"No {number}: {w}" for w in fits[number].warnings)
    return VolumeFit(volume, span.year, fits, days, volume_warnings, last)


def _issue_fits(span: _Year, by_number, fitted_numbers, path, marginals, baseline, pins, warnings):
    dates_by_number = {n: span.all_days[i] for n, i in path.items()}
    return {number: issue_fit(span.volume, number, by_number[number], dates_by_number[number], marginals.get(number),
                              span.all_days, baseline, warnings.get(number, []), number in pins)
            for number in fitted_numbers}


def _merged_inputs(volume, issues) -> dict[int, IssueInput]:
    """One input per issue number (the evidence of repeated numbers together), with the built-in pins."""
    by_number: dict[int, IssueInput] = {}
    for item in issues:
        if item.number in by_number:
            by_number[item.number].evidence.extend(item.evidence)
        else:
            by_number[item.number] = IssueInput(item.number, list(item.evidence), item.pinned, item.pin_note,
                                                item.builtin_pin)
    for known in kb.known_issues(volume):
        entry = by_number.setdefault(known.number, IssueInput(known.number))
        if entry.pinned is None:
            entry.pinned, entry.pin_note, entry.builtin_pin = known.date, f"built-in: {known.note}", True
    return by_number


def _usable_pins(span: _Year, by_number, warnings) -> dict[int, int]:
    """{number: day index} of the pins used to fit. A pin must lie in the year and rise with the number,
    leaving enough weekdays for the issues between; one breaking that is not used to fit (warned), though
    the issue keeps its pinned date."""
    weekday_before = [0] * (span.n_days + 1)
    for i, d in enumerate(span.all_days):
        weekday_before[i + 1] = weekday_before[i] + (d.weekday() < 5)
    pins: dict[int, int] = {}
    prev_n, prev_idx = 0, -1
    for number in sorted(n for n, entry in by_number.items() if entry.pinned is not None):
        pinned = by_number[number].pinned
        problem = _pin_problem(span, pinned, number, prev_n, prev_idx, weekday_before)
        if problem:
            warnings.setdefault(number, []).append(problem)
            continue
        pins[number] = prev_idx = span.index(pinned)
        prev_n = number
    return pins


def _pin_problem(span: _Year, pinned, number, prev_n, prev_idx, weekday_before) -> str:
    idx = span.index(pinned)
    if not 0 <= idx < span.n_days:
        return (f"pinned date {fmt(pinned)} is outside {span.year} (Volume {span.volume}): "
                "not used to fit the calendar")
    room = weekday_before[idx] - weekday_before[prev_idx + 1] + 1  # days in (prev, idx], the pin's own day too
    if idx <= prev_idx or number - prev_n > room:
        after = f"No {prev_n}'s pinned date" if prev_n else "the start of the year"
        return (f"pinned date {fmt(pinned)} leaves too few weekdays after {after} for the issues numbered "
                "between: issue numbers out of order? Not used to fit the calendar")
    return ""


def _within_capacity(span: _Year, numbers, warnings):
    """(numbers a calendar of the year can hold, numbers beyond its open days: warned)."""
    capacity = sum(span.is_open)
    beyond = [n for n in numbers if n > capacity]
    for n in beyond:
        warnings.setdefault(n, []).append(
            f"issue number {n} is beyond the {capacity} weekdays of {span.year}: no calendar of Volume "
            f"{span.volume} can hold it; dated to the last weekday of the year with no confidence (check the number)")
    return [n for n in numbers if n <= capacity], beyond


def _xref_costs(span: _Year, by_number, fitted_numbers, outside_xrefs, warnings):
    """Cross-references to days of this year (from this volume and others): that day had an issue."""
    xref_cost = [0.0] * span.n_days
    for number in fitted_numbers:
        for ev in by_number[number].evidence:
            if ev.kind == XREF and ev.date.year == span.year:
                _add_xref(ev, span, xref_cost, warnings.setdefault(number, []))
    for ev in outside_xrefs:
        if ev.date.year == span.year:
            _add_xref(ev, span, xref_cost, [])
    return xref_cost


def _add_xref(ev, span: _Year, xref_cost, warnings):
    idx = span.index(ev.date)
    if not 0 <= idx < span.n_days:
        return
    if not span.is_open[idx]:
        warnings.append(f"refers back to the issue of {fmt(ev.date)}, a weekend day: no issue then "
                        "(wrong date in the cross-reference?)")
        return
    xref_cost[idx] = min(XREF_DAY_CAP, xref_cost[idx] + XREF_DAY)


def _sure_open_before(span: _Year, prior) -> list[int]:
    """Weekdays that surely had an issue, before each index (the lateness of an issue after its citations
    counts these: not weekends, not possible holidays, not the prior's breaks)."""
    holiday = named_days(span.year)
    open_before = [0] * (span.n_days + 1)
    for i, day in enumerate(span.all_days):
        p = prior.get(day)
        sure = (span.is_open[i] and day not in holiday
                and not (p and p.source in (BUILTIN, EDITOR) and p.kind == kb.BREAK))
        open_before[i + 1] = open_before[i] + (1 if sure else 0)
    return open_before


def _lone_issue_warnings(volume, fitted_numbers, warnings) -> list[str]:
    """The volume's warnings before the issues' own: an archive with a single issue of the volume."""
    if len(fitted_numbers) != 1 or kb.known_issues(volume):
        return []
    warnings.setdefault(fitted_numbers[0], []).append(
        f"the only issue of Volume {volume} in the archive: no neighbouring issue to check its date against")
    return [f"only one issue of Volume {volume} in the archive: dated by the prior calendar "
            "and its own evidence alone"]


def _once_days(span: _Year) -> list[bool]:
    """Days of windows known to hold exactly one break."""
    once = [False] * span.n_days
    for start, end, count, _note in kb.known_windows(span.year):
        if count == 1:
            for i in range(span.index(start), span.index(end) + 1):
                once[i] = True
    return once


def _best_calendar(span: _Year, last, prior, xref_cost, pins, pinned_day, costs, previous):
    """(path, marginals) of the calendar of least cost; first within the band around the previous fit's
    calendar, again without it when the band's edge is touched."""
    once = _once_days(span)
    args = (span.n_days, last, span.is_open, span.all_days, prior, xref_cost, pins, pinned_day, costs, once)
    centre = previous_counts(previous, span.first, span.n_days) if previous is not None else None
    path, marginals = solve(*args, centre)
    if path is None or (centre is not None and touches_band(path, centre, span.n_days, last)):
        path, marginals = solve(*args)
    if path is None:  # pragma: no cover - the hard costs are finite: always some calendar
        raise RuntimeError("no calendar")
    return path, marginals


def _beyond_fit(span: _Year, number, entry, warnings) -> IssueFit:
    """An issue numbered past the year's open days: the last weekday, with no confidence."""
    day = span.all_days[max(i for i, o in enumerate(span.is_open) if o)]
    return IssueFit(span.volume, number, day, M_CALENDAR, 0.0, day, day, "beyond any calendar of the year", warnings,
                    [e.describe() for e in entry.evidence])


def _keep_unused_pins(volume, by_number, pins, fits):
    """An editor's date never moves, even one the calendar cannot honour (warned in _usable_pins)."""
    for number, entry in by_number.items():
        if entry.pinned is not None and number not in pins:
            old = fits[number]
            fits[number] = pinned_fit(volume, number, entry, entry.pinned, 1.0 if not entry.builtin_pin else 0.5,
                                      old.warnings, old.evidence)


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
    outside = _cross_volume_xrefs(volumes)
    order = sorted(set(volumes) | {v for v in outside if v in volumes})
    fits: dict[int, VolumeFit] = {}
    dirty = set(order) if only is None else set(only)
    neighbour_changed = False
    for volume in order:
        fits[volume], neighbour_changed = _fit_or_keep(
            volume, volumes[volume], previous.get(volume), volume in dirty or neighbour_changed,
            neighbour=_neighbour(volume, fits, previous), editor_days=editor_days.get(volume, ()),
            outside_xrefs=outside.get(volume, []))
    return fits


def _fit_or_keep(volume, issues, old, dirty, **context) -> tuple[VolumeFit, bool]:
    """(the volume's fit, whether its breaks changed): fitted again when dirty or never fitted."""
    if dirty or old is None:
        fit = fit_volume(volume, issues, **context)
        return fit, old is None or _break_set(old) != _break_set(fit)
    return old, False


def _cross_volume_xrefs(volumes) -> dict[int, list[Evidence]]:
    """Cross-references naming a day of another volume's year, by the volume they name."""
    outside: dict[int, list[Evidence]] = {}
    for volume, items in volumes.items():
        for item in items:
            for ev in item.evidence:
                if ev.kind == XREF and ev.date.year != year_of(volume):
                    outside.setdefault(ev.date.year - FIRST_VOLUME_YEAR, []).append(ev)
    return outside


def _neighbour(volume, fits, previous) -> VolumeFit | None:
    """The calendar a volume takes as prior: the previous volume's (fitted now, before, or built in), or
    the next volume's built-in one when the volume has no built-in days of its own."""
    neighbour = fits.get(volume - 1) or previous.get(volume - 1) or _builtin_only(volume - 1)
    if neighbour is None and not kb.known_days(year_of(volume)):
        neighbour = _builtin_only(volume + 1)
    return neighbour


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
