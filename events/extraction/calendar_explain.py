"""What a fitted calendar says, in words: each issue's date, method, confidence, range and note, and each
day of the year with its kind, its source and why (see calendar_fit for the model)."""
from __future__ import annotations

import math

from events.extraction import calendar_data as kb
from events.extraction.calendar_evidence import CITATION, XREF
from events.extraction.calendar_model import (
    BEAM, BREAK, BUILTIN, EDITOR, INFERRED, M_CALENDAR, M_CONFIRMED, M_EDITOR, M_EVIDENCE, PRIOR, PUBLICATION,
    PUBLISHED_HOLIDAY, RANGE_MARGIN, CalendarDay, IssueFit, fmt, named_days,
)

FUTURE_DAYS = 7  # a citation more than this many days after the fitted date: a wrong date, not a late issue


def pinned_fit(volume, number, entry, date, confidence, warnings, evidence_lines) -> IssueFit:
    """An issue with a pinned date: an editor's (or a built-in fact's) date never moves."""
    method = M_EVIDENCE if entry.builtin_pin else M_EDITOR
    return IssueFit(volume, number, date, method, confidence, date, date,
                    entry.pin_note or f"pinned by an editor to {fmt(date)}", warnings, evidence_lines)


def issue_fit(volume, number, entry, date, marg, all_days, baseline, warnings, pinned) -> IssueFit:
    """One issue's fit: its date, how sure, the plausible range, and the evidence it contradicts."""
    evidence_lines = [e.describe() for e in entry.evidence]
    warnings = list(warnings)
    if pinned:
        return pinned_fit(volume, number, entry, date, 1.0, warnings, evidence_lines)
    confidence, earliest, latest = _certainty(marg or {}, (date - all_days[0]).days, all_days, date)
    warnings.extend(_contradictions(entry.evidence, date))
    own = [e for e in entry.evidence if e.lower or e.upper]
    base = baseline[number - 1] if number - 1 < len(baseline) else None
    count = f"the {_ordinal(number)} publication day of {date.year} in the fitted calendar"
    if not own:
        method, note = M_CALENDAR, f"{count}; no dated evidence of its own"
        confidence = min(confidence, 0.9)
    else:
        method, note = _evidence_method(own, count, base, date)
    if earliest != latest:
        note += f"; plausible {fmt(earliest)} to {fmt(latest)}"
    return IssueFit(volume, number, date, method, round(confidence, 3), earliest, latest, note, warnings,
                    evidence_lines)


def _certainty(marg, idx, all_days, date):
    """(confidence, earliest, latest): the margin to the next best day, and the days within RANGE_MARGIN."""
    others = [v for i, v in marg.items() if i != idx]
    margin = min(others, default=BEAM)
    confidence = 1.0 - 0.5 * math.exp(-max(margin, 0.0) / 1.2)
    near = sorted(all_days[i] for i, v in marg.items() if v <= RANGE_MARGIN) or [date]
    return confidence, min(near[0], date), max(near[-1], date)


def _contradictions(evidence, date) -> list[str]:
    """A warning for each piece of evidence the fitted date contradicts."""
    out = []
    for ev in evidence:
        if ev.lower and ev.lower > date:
            out.append(_too_early(ev, date))
        if ev.upper and ev.upper < date:
            out.append(f"{ev.kind} evidence {ev.text!r} needs a date on or before {fmt(ev.upper)}; "
                       f"fitted {fmt(date)}: outvoted")
    return out


def _too_early(ev, date) -> str:
    days_ahead = (ev.lower - date).days
    what = "cross-reference" if ev.kind == XREF else "citation"
    if days_ahead > FUTURE_DAYS:
        return (f"{what} {ev.text!r} is dated in the future of the fitted date {fmt(date)} "
                f"({days_ahead} days): a wrong date in the text, or an issue number out of order")
    return (f"{what} {ev.text!r} needs a date on or after {fmt(ev.lower)}; the archive's other "
            f"evidence puts the issue on {fmt(date)}: outvoted as likely wrong")


def _evidence_method(own, count, base, date):
    """(method, note) of an issue with dated evidence: confirmed when the prior alone agrees."""
    newest = max((e.lower for e in own if e.kind == CITATION and e.lower), default=None)
    basis = f"newest citation allows {fmt(newest)}" if newest else "its cross-references"
    if base == date:
        return M_CONFIRMED, f"{count}; {basis}: agrees"
    return M_EVIDENCE, (f"{count}; {basis}; the prior calendar alone would say "
                        f"{fmt(base) if base else 'nothing'}: the evidence moved it")


def calendar_days(year, all_days, is_open, prior, path, by_number) -> list[CalendarDay]:
    """The fitted calendar: every weekday, with its kind, its source and why."""
    issue_on = {i: n for n, i in path.items()}
    last_idx = max(path.values(), default=-1)
    first_idx = min(path.values(), default=len(all_days))
    out = []
    for i, day in enumerate(all_days):
        p = prior.get(day)
        if i in issue_on:
            out.append(_issue_day(day, issue_on[i], p, year, by_number))
        elif is_open[i] and day.weekday() < 5:
            out.append(_projected_day(day, p) if i > last_idx else _break_day(day, p, i, path, by_number, first_idx))
    return out


def _issue_day(day, n, p, year, by_number) -> CalendarDay:
    if p is not None and p.kind == kb.BREAK:
        return CalendarDay(day, PUBLICATION, INFERRED, n, f"issue {n} appeared although the prior said no issue ({p.note})")
    holidays = named_days(year)
    if day in holidays:
        return _holiday_issue_day(day, n, p, holidays[day])
    if p is not None and p.source in (BUILTIN, EDITOR) and p.kind == kb.PUBLISHED:
        return CalendarDay(day, PUBLICATION, p.source, n, p.note)
    return CalendarDay(day, PUBLICATION, INFERRED if n in by_number else PRIOR, n, "")


def _holiday_issue_day(day, n, p, name) -> CalendarDay:
    source = p.source if p is not None and p.kind == kb.PUBLISHED else INFERRED
    return CalendarDay(day, PUBLISHED_HOLIDAY, source, n, p.note if p else name)


def _break_day(day, p, i, path, by_number, first_idx) -> CalendarDay:
    """A weekday with no issue within the fitted issues: the prior's break, or one the fit inferred."""
    if p is not None and p.kind == kb.BREAK:
        return CalendarDay(day, BREAK, p.source, None, p.note)
    reason = _break_reason(i, path, by_number, first_idx)
    if p is not None and p.note:
        reason = f"{p.note}; {reason}"
    return CalendarDay(day, BREAK, INFERRED, None, reason)


def _projected_day(day, p) -> CalendarDay:
    """A weekday past the last issue fitted: the prior's answer, projected."""
    if p is not None and p.pub > p.skip:
        return CalendarDay(day, BREAK, p.source, None, p.note)
    return CalendarDay(day, PUBLICATION, PRIOR, None, "projected past the last issue in the archive")


def _break_reason(i, path, by_number, first_idx) -> str:
    """Why the fit put a break on day i: the evidence of the first issue after it."""
    if i < first_idx:
        return "before the volume's first issue"
    after = min((n for n, j in path.items() if j > i), default=None)
    before = max((n for n, j in path.items() if j < i), default=None)
    parts = []
    if after is not None:
        parts.append(_next_issue_part(after, by_number.get(after)))
    if before is not None:
        parts.append(f"after No {before}")
    return "inferred: " + "; ".join(parts) if parts else "inferred"


def _next_issue_part(number, entry) -> str:
    newest = max((e for e in (entry.evidence if entry else []) if e.lower), key=lambda e: e.lower, default=None)
    if newest is not None:
        return f"No {number} {newest.describe()}"
    return f"No {number} follows (no evidence of its own)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
