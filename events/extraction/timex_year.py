"""Year choice for a date written without one: a month-day, month or season ("December 28", "in March",
"the summer"; docs/timex.md, "Year choice"):
  1. a citation or cross-reference never lies after the anchor: the latest occurrence on or before it;
  2. if the occurrence nearest the anchor is within NEAR_DAYS of it, take it (news talks about
     the recent past and the near future: "December 28" on 2 January is last December);
  3. else the tense/modality cue nearest the mention decides: future (will, planned, expected,
     scheduled, next ...) takes the next occurrence, past (was, had, said, -ed ...) the last one;
  4. with no cue, the nearest occurrence.
Before 2 and 3, a definite tense of the verb governing the date (timex_tense.definite_tense: a simple past
verb, a future auxiliary) excludes the occurrences on the other side of the anchor, near or not.
Plain Python, no Django imports.
"""
import datetime as dt
import re

from .periods import add_months, distance_in_days
from .timex_interval import apply_part, base_interval

NEAR_DAYS = 92


def _distance(anchor, start, end):
    return distance_in_days(start, end, anchor)


def choose_occurrence(make_value, anchor, role, cue, definite=None, part=None):
    """Pick the year for a value written without one (rules in the module docstring).
    cue: (tense, strong) from tense_cue_strength, or None; definite: timex_tense.definite_tense, or None;
    part: the part of the period named ("late September": its last third), whose days are the ones measured."""
    cands = _occurrences(make_value, anchor, part)
    if not cands:
        return make_value(anchor.year)
    if role in ("citation", "crossref"):
        return _latest_not_after(cands, anchor) or cands[0][0]
    nearest = min(cands, key=lambda c: (_distance(anchor, c[1], c[2]), c[1] > anchor))
    return _definite(cands, anchor, nearest, definite) or _by_cue(cands, anchor, nearest, cue[0] if cue else None)


def _by_cue(cands, anchor, nearest, tense):
    """The nearest occurrence when it is near or there is no cue, else the one the cue's tense points to."""
    # Measured on TimeBank: letting even a strong cue override a near occurrence loses (0.832 vs 0.835); a
    # definite tense of the governing verb (_definite, first) gains (0.8424 -> 0.8456).
    # A season is the exception: "may now take place in the autumn" in January is the coming autumn, not
    # the one just over (a season lasts three months; the one nearest in days is often the wrong one).
    # So is a past-tense clause's season: "relations stayed cool through the autumn" in June is the autumn over,
    # not the one three months ahead.
    near = _distance(anchor, nearest[1], nearest[2]) <= NEAR_DAYS and not (
        tense == "future" and _SEASON.search(str(nearest[0])))
    if tense is None or near:
        return nearest[0]
    return _by_tense(cands, anchor, tense) or nearest[0]


_SEASON = re.compile(r"-(?:SP|SU|FA|WI)$")


def _definite(cands, anchor, nearest, definite):
    """A definite tense (a simple past verb, a future auxiliary: timex_tense.definite_tense) outweighs the
    nearest occurrence when that lies on the other side of the anchor: "the fiscal year ended Jan. 31" on
    31 October is the January past, "will command a mission in December" in March the December ahead."""
    if definite == "past" and nearest[1] > anchor:
        return _latest_not_after(cands, anchor) or nearest[0]
    if definite == "future" and nearest[2] < anchor:
        return _by_tense(cands, anchor, "future") or nearest[0]
    return None


def _by_tense(cands, anchor, tense):
    """The first occurrence not over before the anchor (future), else the latest begun by it; None if none."""
    if tense == "future":
        later = [c for c in cands if c[2] >= anchor]
        return min(later, key=lambda c: c[1])[0] if later else None
    return _latest_not_after(cands, anchor)


def _latest_not_after(cands, anchor):
    """The value of the latest occurrence starting on or before the anchor, or None."""
    past = [c for c in cands if c[1] <= anchor]
    return max(past, key=lambda c: c[1])[0] if past else None


def _occurrences(make_value, anchor, part=None):
    """(value, first day, last day) of last year's, this year's and next year's occurrence (those that exist);
    the days are those of the part named, if any."""
    cands = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        value = make_value(year)
        iv = base_interval(value, anchor) if value else None
        if iv:
            first, last = apply_part(iv[0], iv[1], iv[2], part, anchor) if part else iv[:2]
            cands.append((value, first, last))
    return cands


def day_of_month(day, anchor, tense):
    """The date of "on the 12th" (a day of a month not named), as an ISO string: the first such day on or
    after the anchor when the governing verb looks ahead, else the latest on or before it (a bare weekday's
    convention), among the anchor's month and the months either side (the 31st skips short months)."""
    days = []
    for offset in (-2, -1, 0, 1, 2):
        year, month = add_months(anchor.year, anchor.month, offset)
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    if tense == "future":
        return min(d for d in days if d >= anchor).isoformat()
    return max(d for d in days if d <= anchor).isoformat()
