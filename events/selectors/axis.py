"""The time axis: happenings counted in bins of a year, month, week or day, over a window of time.

    axis(events, window=None, unit=None) -> Axis

`events` are the filtered mentions WITHOUT the date filter (faceted: the axis shows where else there is
something to choose). The window is the date filter's range when there is one, else the extent of the
happenings; the unit is chosen from the window's length (zoomed out: years; zoomed in: days) unless given.
A bin counts the happenings whose interval overlaps it, which is what choosing the bin lists (the date
filter selects overlapping intervals). One aggregate query over the happening table whatever the number of
happenings: they are grouped by (first bin, last bin) in SQL and spread over the bins in Python (the whole
archive in years or months: from the tallies' month spans). With few happenings in the
window (at most SPANS_MAX), one more query fetches them to draw each as a span at its precision.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek, TruncYear

UNITS = ("year", "month", "week", "day")
ZOOM_WORDS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}
MAX_BINS = 160
SPANS_MAX = 40
_TRUNC = {"year": TruncYear, "month": TruncMonth, "week": TruncWeek, "day": TruncDay}


def bin_start(day, unit):
    if unit == "year":
        return date(day.year, 1, 1)
    if unit == "month":
        return date(day.year, day.month, 1)
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day


def bin_end(start, unit):
    if unit == "year":
        return date(start.year, 12, 31)
    if unit == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    if unit == "week":
        return start + timedelta(days=6)
    return start


def next_bin(start, unit):
    return bin_end(start, unit) + timedelta(days=1)


def auto_unit(first, last):
    days = (last - first).days
    return "year" if days > 365 * 4 else "month" if days > 120 else "week" if days > 28 else "day"


def finer(unit):
    return UNITS[min(UNITS.index(unit) + 1, len(UNITS) - 1)]


def coarser(unit):
    return UNITS[max(UNITS.index(unit) - 1, 0)]


@dataclass
class Bin:
    start: date
    end: date
    count: int
    unit: str

    @property
    def label(self):
        if self.unit == "year":
            return str(self.start.year)
        if self.unit == "month":
            return f"{calendar.month_abbr[self.start.month]} {self.start.year}"
        if self.unit == "week":
            return f"week of {self.start.day} {calendar.month_abbr[self.start.month]} {self.start.year}"
        return f"{self.start.day} {calendar.month_abbr[self.start.month]} {self.start.year}"


@dataclass
class Span:
    """One happening drawn at its dates (few in the window)."""

    start: date
    end: date
    granularity: str
    title: str
    url: str


@dataclass
class Axis:
    unit: str
    window: tuple  # (first day, last day) shown
    bins: list
    spans: list = field(default_factory=list)
    total: int = 0  # happenings overlapping the window

    @property
    def zoom_out(self):
        """(date_from, date_to, unit) one level out, or None at the top: the enclosing year, decade or all."""
        first, last = self.window
        if self.unit == "day":
            start = bin_start(first, "month")
            return start, bin_end(bin_start(last, "month"), "month"), "week"
        if self.unit == "week":
            return date(first.year, 1, 1), date(last.year, 12, 31), "month"
        if self.unit == "month":
            decade = first.year - first.year % 10
            return date(decade, 1, 1), date(max(last.year, decade + 9), 12, 31), "year"
        return None

    @property
    def peak(self):
        return max((b.count for b in self.bins), default=0)


def extent(events):
    """(first, last) start date of the happenings among `events`: one query (index ends)."""
    from . import _as_happenings, summary

    qs = _as_happenings(events)
    known = summary(qs)
    if known is not None:
        value = next(iter(known["extent"]), None)
        if value is None:
            return None, None
        first, last = value.split("/")
        return date.fromisoformat(first), date.fromisoformat(last)
    from .counts import cached, sql_key

    from .facet_index import via_index as _via_index

    def compute():
        return _via_index(qs, lambda selection: dict(zip(("first", "last"), selection.extent())),
                          lambda: qs.order_by().aggregate(first=Min("sort_date"), last=Max("sort_date")))

    row = cached("extent", sql_key(qs), compute)
    return row["first"], row["last"]


def axis(events, window=None, unit=None):
    """The Axis of the happenings among `events` (module doc)."""
    from . import _as_happenings, _unfiltered, overlapping, summary

    items = _as_happenings(events)
    whole = window is None
    if window is None:
        window = extent(items)
        if window[0] is None:
            return Axis(unit or "month", (None, None), [])
    first, last = window
    unit = _fitting_unit(first, last, unit)
    starts = _bin_starts(first, last, unit)
    in_window = overlapping(items, first, last)
    counts, total = _spread(starts, unit, _bin_spans(
        items, in_window, unit, whole and (_unfiltered(items) or summary(items) is not None)))
    bins = [Bin(s, bin_end(s, unit), c, unit) for s, c in zip(starts, counts)]
    spans = _spans(in_window) if 0 < total <= SPANS_MAX else []
    return Axis(unit, (first, last), bins, spans, total)


def _fitting_unit(first, last, unit):
    """The unit asked for (else chosen from the window's length), coarsened until the bins fit MAX_BINS."""
    unit = unit if unit in UNITS else auto_unit(first, last)
    while _bin_count(first, last, unit) > MAX_BINS and unit != "year":
        unit = coarser(unit)
    return unit


def _bin_starts(first, last, unit):
    starts = []
    current = bin_start(first, unit)
    while current <= last and len(starts) < MAX_BINS:
        starts.append(current)
        current = next_bin(current, unit)
    return starts


def _spread(starts, unit, bin_spans):
    """([happenings per bin], total): each (first bin, last bin, n) counted in every bin it overlaps."""
    index = {s: i for i, s in enumerate(starts)}
    counts = [0] * len(starts)
    total = 0
    for b0, b1, n in bin_spans:
        total += n
        current = max(b0, starts[0]) if starts else b0
        while starts and current <= b1 and current in index:
            counts[index[current]] += n
            current = next_bin(current, unit)
    return counts, total


# --- lanes: the axis split by country or actor, on request (?lanes=country|actor) --------------------------

LANE_KINDS = {"country": "country_ids", "actor": "actor_ids"}
MAX_LANES = 6


@dataclass
class Lane:
    """One country's or actor's row under the axis: its happenings per bin of the axis."""

    value: str  # the filter's value that selects it (a country code, an actor id)
    label: str
    counts: list
    total: int  # its happenings overlapping the window


def lanes(events, ax, by, selected=()):
    """The axis `ax` split into lanes by "country" or "actor": the selected ones (the filter's choices), else
    the MAX_LANES with the most happenings in the window. A lane's bin counts the happenings of `events`
    (the axis's own, without the date filter) that overlap the bin and name that country or actor in any
    mention: what the timeline lists for that period with the lane as its only country (or actor).
    Queries: one for the top values (none with a selection), one for their names, one per lane."""
    from . import _as_happenings, array_counts, overlapping

    column = LANE_KINDS.get(by)
    if column is None or not ax.bins:
        return []
    first, last = ax.window
    in_window = overlapping(_as_happenings(events), first, last)
    pks = [obj.pk for obj in selected][:MAX_LANES]
    if not pks:
        counts = array_counts(in_window, column)
        pks = sorted((pk for pk, n in counts.items() if n), key=lambda pk: (-counts[pk], pk))[:MAX_LANES]
    starts = [b.start for b in ax.bins]
    names = _lane_names(by, pks)
    out = []
    for pk in pks:
        if pk not in names:
            continue
        lane_items = in_window.filter(**{f"{column}__overlaps": [pk]})
        counts, total = _spread(starts, ax.unit, _bin_spans(lane_items, lane_items, ax.unit, False))
        out.append(Lane(names[pk][0], names[pk][1], counts, total))
    return out


def _lane_names(by, pks):
    """{pk: (filter value, label)} of the lanes' countries or actors: one query."""
    from ..models import Actor, Country

    if by == "country":
        return {pk: (code, name) for pk, code, name in Country.objects.filter(pk__in=pks).values_list("pk", "code", "name")}
    return {pk: (str(pk), name) for pk, name in Actor.objects.filter(pk__in=pks).values_list("pk", "name")}


def _bin_spans(items, in_window, unit, whole_archive):
    """[(first bin, last bin, happenings)]: all of `items` (the whole window) in years or months from their
    month spans (the tallies', or a shared queryset's summary), else one aggregate query over the window."""
    if whole_archive and unit in ("year", "month"):
        from . import month_spans

        return [(bin_start(first, unit), bin_start(last, unit), n) for first, last, n in month_spans(items)]
    from .facet_index import via_index as _via_index
    from .counts import cached, sql_key

    trunc = _TRUNC[unit]

    def in_sql():
        rows = (in_window.annotate(b0=trunc("sort_date"), b1=trunc("end_date"))
                .values("b0", "b1").annotate(n=Count("key")).order_by())
        return [(_as_date(r["b0"]), _as_date(r["b1"]), r["n"]) for r in rows]

    def compute():
        return _via_index(in_window, lambda selection: selection.bin_spans(unit), in_sql)

    key = sql_key(in_window)
    return cached("bin_spans", key and (key, unit), compute)


def _spans(in_window):
    """Each happening in the window drawn at its dates (few: at most SPANS_MAX)."""
    from ..models import Event

    rows = list(in_window.order_by("sort_date", "event_id")[:SPANS_MAX])
    events = Event.objects.select_related("thread").only(
        "id", "summary", "sentence", "thread__title").in_bulk([h.event_id for h in rows])
    spans = []
    for h in rows:
        event = events.get(h.event_id)
        if event is None:
            continue
        spans.append(Span(h.sort_date, h.end_date, h.granularity,
                          event.summary or (event.thread.title if event.thread else "") or event.sentence[:80],
                          event.get_absolute_url()))
    return spans


def _bin_count(first, last, unit):
    days = (last - first).days + 1
    return {"year": days / 365, "month": days / 30, "week": days / 7, "day": days}[unit]


def _as_date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value
