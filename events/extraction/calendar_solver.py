"""The exact search for a volume's calendar of least cost (see calendar_fit for the model).

Dynamic programming over the days of the year with state (k, r): k issues so far; r bit 1 = inside a
break, bit 2 = the one cheap break of a "once" window (a period known to hold exactly one break) is
already used. States costing BEAM more than the day's best are dropped. A forward pass finds the best
calendar; a backward pass over the forward's kept states gives the min-marginal cost of "issue n on
day i" for every issue and day.
"""
from __future__ import annotations

import datetime as dt

from events.extraction.calendar_evidence import CITATION, Evidence
from events.extraction.calendar_model import (
    BEAM, BREAK, BREAK_DAY, BREAK_RUN, HARD, INCREMENTAL_BAND, INF, LATE, LATE_CAP, WEIGHTS, VolumeFit,
)

LATE_LOOKBACK = 40  # days before the year's first day a citation's bound is counted back over


class IssueCost:
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
        self._add_lateness(costs, n_days)
        return costs

    def _add_lateness(self, costs: list[float], n_days: int) -> None:
        """Each citation pulls the issue towards its own bound (reports are cited within days):
        LATE per open weekday between the bound and the issue, up to LATE_CAP days."""
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

    def _extra_before_year(self, a: int) -> int:
        """Weekdays in [a, 0) for a bound before the year's first day (counted as open)."""
        if a >= 0:
            return 0
        return sum(1 for j in range(max(a, -LATE_LOOKBACK), 0) if (self.first + dt.timedelta(days=j)).weekday() < 5)


def previous_counts(previous: VolumeFit, first: dt.date, n_days: int) -> list[int]:
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


def touches_band(path: dict[int, int], centre: list[int], n_days: int, last: int) -> bool:
    """Does the path's count reach the band's edge on some day (before it reaches the last issue)?"""
    k, day_of = 0, {i: n for n, i in path.items()}
    for i in range(n_days):
        if i in day_of:
            k = day_of[i]
        if k < last and abs(k - centre[i]) >= INCREMENTAL_BAND:
            return True
    return False


class DayCosts:
    """The cost of publishing issue n on day i, and of no issue on day i, given the state's break bits."""

    def __init__(self, all_days, prior, xref_cost, pins, pinned_day, costs, once):
        n_days = len(all_days)
        self.pub_c, self.skip_c, self.expl = [0.0] * n_days, [0.0] * n_days, [False] * n_days
        for i, day in enumerate(all_days):
            p = prior.get(day)
            if p is not None:
                self.pub_c[i], self.skip_c[i], self.expl[i] = p.pub, p.skip, p.explained
            self.skip_c[i] += xref_cost[i]
        self.pins, self.pinned_day, self.costs, self.once = pins, pinned_day, costs, once
        self.any_pin = bool(pins or pinned_day)
        self.memo: dict[int, float] = {}

    def allowed(self, n: int, i: int) -> float:
        """Issue n on day i: HARD when a pin says otherwise."""
        pin = self.pins.get(n)
        if pin is not None and pin != i:
            return HARD
        other = self.pinned_day.get(i)
        if other is not None and other != n:
            return HARD
        return 0.0

    def pub(self, n: int, i: int) -> float:
        key = n * 400 + i
        c = self.memo.get(key)
        if c is None:
            c = self.pub_c[i] + (self.allowed(n, i) if self.any_pin else 0.0)
            ev = self.costs.get(n)
            if ev is not None:
                c += ev(i)
            self.memo[key] = c
        return c

    def skip(self, i: int, r: int) -> tuple[float, int]:
        """(cost, next r) of no issue on day i."""
        c = self.skip_c[i]
        if self.any_pin and i in self.pinned_day:
            c += HARD
        if self.once[i]:
            if not r & 2:
                return c, r | 3
            c += BREAK_DAY + (0.0 if r & 1 else BREAK_RUN)  # a second break in a once-window: unexplained
            return c, r | 1
        if not self.expl[i]:
            c += BREAK_DAY + (0.0 if r & 1 else BREAK_RUN)
        return c, (r | 1) & 1


def solve(n_days, last, is_open, all_days, prior, xref_cost, pins, pinned_day, costs, once=None, centre=None):
    """Forward and backward passes. Returns ({number: day index}, {number: {day index: min-marginal}}),
    or (None, {}) when no calendar holds the issues (within the band around `centre`)."""
    if last == 0:
        return {}, {}
    once = once or [False] * n_days
    search = _Search(n_days, last, is_open, DayCosts(all_days, prior, xref_cost, pins, pinned_day, costs, once),
                     once, centre)
    search.forward_pass()
    finals = [(v, s) for s, v in search.forward[n_days].items() if s[0] >= last]
    if not finals:
        return None, {}
    total, state = min(finals)
    path = search.decode(state)
    marginals = search.backward_pass()
    return path, {n: {i: v - total for i, v in m.items()} for n, m in marginals.items()}


class _Search:
    def __init__(self, n_days, last, is_open, day_costs: DayCosts, once, centre):
        self.n_days, self.last, self.is_open, self.cost, self.once, self.centre = (
            n_days, last, is_open, day_costs, once, centre)
        # Feasibility band: k issues after day i needs k <= open days so far and last - k <= open days left.
        self.open_prefix = [0] * (n_days + 1)
        for i in range(n_days):
            self.open_prefix[i + 1] = self.open_prefix[i] + is_open[i]
        self.total_open = self.open_prefix[n_days]
        self.keep = [2 if o else 0 for o in once]  # the break bits a published day keeps (bit 2 in a once-window)
        self.forward: list[dict] = [None] * (n_days + 1)  # type: ignore[list-item]
        self.back: list[dict | None] = [None] * (n_days + 1)

    def forward_pass(self) -> None:
        self.forward[0] = {(0, 0): 0.0}
        for i in range(self.n_days):
            if not self.is_open[i]:
                self.forward[i + 1] = self.forward[i]
                self.back[i + 1] = None
                continue
            nxt, bp = self._step(i, self.forward[i])
            if nxt:
                nxt = self._prune(i, nxt)
                bp = {s: bp[s] for s in nxt}
            self.forward[i + 1] = nxt
            self.back[i + 1] = bp

    def _step(self, i, cur):
        """The states after open day i from the states before it, with their back pointers."""
        nxt: dict = {}
        bp: dict = {}
        keep = self.keep[i]
        left_after = self.total_open - self.open_prefix[i + 1]
        last, pub, skip = self.last, self.cost.pub, self.cost.skip
        # (the hot loop of a fit, ~0.1 s a volume: _relax and the memo look-up of pub written in line, and
        # skip(i, r) asked once per r of the day; the same sums in the same order as before)
        memo, skips, get = self.cost.memo, {}, nxt.get
        for (k, r), c in cur.items():
            if k >= last:
                state = (k, 0)
                if c < get(state, INF):
                    nxt[state] = c
                    bp[state] = (k, r, 0)
                continue
            # publish issue k + 1 today
            if last - (k + 1) <= left_after:
                cost = memo.get((k + 1) * 400 + i)
                if cost is None:
                    cost = pub(k + 1, i)
                state, value = (k + 1, r & keep), c + cost
                if value < get(state, INF):
                    nxt[state] = value
                    bp[state] = (k, r, 1)
            # no issue today
            if last - k <= left_after:
                found = skips.get(r)
                if found is None:
                    found = skips[r] = skip(i, r)
                cost, r2 = found
                state, value = (k, r2), c + cost
                if value < get(state, INF):
                    nxt[state] = value
                    bp[state] = (k, r, 0)
        return nxt, bp

    def _prune(self, i, nxt):
        """Drop hopeless states, and with a centre those outside the band around it."""
        best = min(nxt.values())
        if self.centre is None:
            return {s: v for s, v in nxt.items() if v <= best + BEAM}
        c0, last = self.centre[i], self.last
        return {s: v for s, v in nxt.items()
                if v <= best + BEAM and (s[0] >= last or abs(s[0] - c0) <= INCREMENTAL_BAND)}

    def decode(self, state) -> dict[int, int]:
        """The best path from the final state: {issue number: day index}."""
        path: dict[int, int] = {}
        for i in range(self.n_days, 0, -1):
            bp = self.back[i]
            if bp is None:
                continue
            k, r, published = bp[state]
            if published:
                path[k + 1] = i - 1
            state = (k, r)
        return path

    def backward_pass(self) -> dict[int, dict[int, float]]:
        """Min-marginal (before subtracting the best total) of "issue n on day i"."""
        marginals: dict[int, dict[int, float]] = {}
        after = {s: 0.0 for s in self.forward[self.n_days] if s[0] >= self.last}
        for i in range(self.n_days - 1, -1, -1):
            if self.is_open[i]:
                after = self._step_back(i, after, marginals)
        return marginals

    def _step_back(self, i, after, marginals):
        keep = 2 if self.once[i] else 0
        new_after: dict = {}
        last, pub, skip, memo, skips, get = self.last, self.cost.pub, self.cost.skip, self.cost.memo, {}, after.get
        for (k, r), c in self.forward[i].items():
            if k >= last:
                a = get((k, 0))
                if a is not None:
                    _min_into(new_after, (k, r), a)
                continue
            best = INF
            a_pub = get((k + 1, r & keep))
            if a_pub is not None:
                pc = memo.get((k + 1) * 400 + i)
                if pc is None:
                    pc = pub(k + 1, i)
                best = pc + a_pub
                _min_into(marginals.setdefault(k + 1, {}), i, c + pc + a_pub)
            found = skips.get(r)
            if found is None:
                found = skips[r] = skip(i, r)
            cost, r2 = found
            a_skip = get((k, r2))
            if a_skip is not None:
                best = min(best, cost + a_skip)
            if best < INF:
                _min_into(new_after, (k, r), best)
        return new_after


def _min_into(table, state, value):
    if value < table.get(state, INF):
        table[state] = value
