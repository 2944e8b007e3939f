"""The prior of a volume's calendar: the cost of an issue / of no issue on each day, before any evidence.

Layers, each overriding the one before on the days it speaks of: US federal holidays (weak), the
neighbouring volume's calendar (the holidays it published on or skipped, its other breaks a year on),
windows known to hold breaks, periods known complete, built-in days (calendar_data) and editors' days
(hard).
"""
from __future__ import annotations

import datetime as dt

from events.extraction import calendar_data as kb
from events.extraction.calendar_model import (
    BREAK, BUILTIN, EDITOR, HARD, PRIOR, USUALLY_CLOSED, WINDOW_ONCE_SKIP, WINDOW_SKIP, DayPrior, VolumeFit, fmt,
    named_days,
)

STRONG_COST = 8.0    # a built-in day known for sure
PROBABLE_COST = 2.0  # a built-in day known probably


def build_prior(year: int, neighbour: VolumeFit | None = None, editor_days=()) -> dict[dt.date, DayPrior]:
    """The cost of an issue / of no issue on each day of `year`, before any evidence."""
    prior: dict[dt.date, DayPrior] = {}
    names = named_days(year)
    _holiday_prior(prior, names)
    if neighbour is not None:
        _neighbour_prior(prior, year, names, neighbour)
    _window_prior(prior, year)
    _complete_prior(prior, year)
    _known_day_prior(prior, year)
    _editor_prior(prior, year, editor_days)
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


def _holiday_prior(prior, names):
    for day, name in names.items():
        if name in USUALLY_CLOSED:
            prior[day] = DayPrior(pub=1.5, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                                  note=f"{name} (usually no issue)")
        else:
            prior[day] = DayPrior(pub=0.3, skip=0.7, explained=True, source=PRIOR, note=f"{name} (federal calendar)")


def _neighbour_prior(prior, year, names, neighbour):
    """The neighbouring volume's answer on the same holidays, and its other breaks a year on."""
    by_name: dict[str, list[str]] = {}
    other_names = named_days(neighbour.year)
    for entry in neighbour.days:
        name = other_names.get(entry.date)
        if name and entry.date.weekday() < 5:
            by_name.setdefault(name, []).append(entry.kind)
        elif entry.kind == BREAK:
            _carry_break(prior, entry.date, year, names, neighbour.volume)
    for day, name in names.items():
        answer = _neighbour_holiday(name, by_name.get(name), neighbour.volume)
        if answer is not None:
            prior[day] = answer


def _carry_break(prior, date, year, names, volume):
    """A break of the neighbouring volume on no holiday: likely again on the same weekday a year on."""
    moved = _shift_year(date, year)
    if moved is not None and moved.weekday() < 5 and moved not in names:
        prior[moved] = DayPrior(pub=0.6, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                                note=f"no issue a year {'before' if moved.year > date.year else 'after'} "
                                     f"({fmt(date)}, Vol {volume})")


def _neighbour_holiday(name, kinds, volume) -> DayPrior | None:
    """The prior of a holiday the neighbouring volume always skipped or always published on."""
    if not kinds:
        return None
    if all(k == BREAK for k in kinds):
        return DayPrior(pub=0.8, skip=0.0, explained=True, source=PRIOR, kind=kb.BREAK,
                        note=f"{name}: no issue on it in Vol {volume}")
    if all(k != BREAK for k in kinds):
        return DayPrior(pub=0.0, skip=0.8, explained=True, source=PRIOR, kind=kb.PUBLISHED,
                        note=f"{name}: published on it in Vol {volume}")
    return None


def _shift_year(day: dt.date, year: int) -> dt.date | None:
    """The same weekday about a year away, inside `year` (52 weeks on or back)."""
    step = 364 if year > day.year else -364
    moved = day
    while moved.year != year:
        moved += dt.timedelta(days=step)
        if abs(moved.year - year) > abs(day.year - year):  # pragma: no cover - cannot overshoot by weeks
            return None
    return moved


def _weekdays_between(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def _window_prior(prior, year):
    """Windows known to hold breaks: no issue there is cheap and explained (a prior break is kept)."""
    for start, end, count, note in kb.known_windows(year):
        cheap = WINDOW_ONCE_SKIP if count == 1 else WINDOW_SKIP  # a once-window's first break only (calendar_solver)
        for day in _weekdays_between(start, end):
            p = prior.get(day)
            if p is None:
                prior[day] = DayPrior(pub=0.0, skip=cheap, explained=True, source=BUILTIN, note=note, kind="")
            elif p.kind != kb.BREAK:
                prior[day] = DayPrior(pub=p.pub, skip=min(p.skip, cheap), explained=True, source=BUILTIN, note=note,
                                      kind="")


def _complete_prior(prior, year):
    """Periods known to have had an issue every weekday."""
    for start, end, note in kb.known_complete(year):
        for day in _weekdays_between(start, end):
            prior[day] = DayPrior(pub=0.0, skip=2.0, explained=False, source=BUILTIN, kind=kb.PUBLISHED, note=note)


def _known_day_prior(prior, year):
    for fact in kb.known_days(year):
        cost = STRONG_COST if fact.strength == kb.STRONG else PROBABLE_COST
        if fact.kind == kb.BREAK:
            prior[fact.date] = DayPrior(pub=cost, skip=0.0, explained=True, source=BUILTIN, note=fact.note,
                                        kind=kb.BREAK)
        else:
            prior[fact.date] = DayPrior(pub=0.0, skip=cost, explained=False, source=BUILTIN, note=fact.note,
                                        kind=kb.PUBLISHED)


def _editor_prior(prior, year, editor_days):
    for rule in editor_days:
        if rule.date.year != year:
            continue
        if rule.kind == kb.BREAK:
            prior[rule.date] = DayPrior(pub=HARD, skip=0.0, explained=True, source=EDITOR, kind=kb.BREAK,
                                        note=rule.note or "no issue (editor)")
        else:
            prior[rule.date] = DayPrior(pub=0.0, skip=HARD, explained=False, source=EDITOR, kind=kb.PUBLISHED,
                                        note=rule.note or "an issue appeared (editor)")
