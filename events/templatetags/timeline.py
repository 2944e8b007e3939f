"""Template helpers for the timeline: dates shown with their precision, status labels, URL editing."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.extraction.periods import MONTH_ABBR, interval_words

register = template.Library()

# Month abbreviations and an interval in words at its precision ("late Jan 2001", "spring 2001") are
# calendar conventions: events/extraction/periods.py.
MONTH = MONTH_ABBR
format_interval = interval_words


@register.simple_tag
def when(start, end, granularity):
    return format_interval(start, end, granularity)


STATUS_ICONS = {"occurred": "✓", "planned": "◷", "postponed": "⊘", "reported": "?"}
STATUS_WORDS = {"occurred": "occurred", "planned": "planned", "postponed": "postponed or cancelled",
                "reported": "reported"}


@register.simple_tag
def status_label(status):
    """The status as text with an icon (never colour alone)."""
    return format_html(
        '<span class="status status-{}"><span aria-hidden="true">{}</span> {}</span>',
        status, STATUS_ICONS.get(status, "•"), STATUS_WORDS.get(status, status),
    )


def _query(request, changes):
    params = request.GET.copy()
    for key in ("after", "actor_q", "shown"):
        params.pop(key, None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _plural_events(count) -> str:
    return f"{count} event{'s' if count != 1 else ''}"


def _bar_height(count, peak, chart_h) -> int:
    return round(chart_h * count / peak) if count else 0


def _svg_text(x, y, css, text):
    return format_html('<text x="{}" y="{}" class="{}">{}</text>', x, y, css, text)


@register.simple_tag(takes_context=True)
def month_chart(context, bars, height=110):
    """Events per month as an inline SVG bar chart; each bar links to the timeline of its month."""
    if not bars:
        return ""
    request = context["request"]
    selected = (request.GET.get("date_from", ""), request.GET.get("date_to", ""))
    peak = max(b.count for b in bars) or 1
    width = _MONTH_SLOT * len(bars) + 8
    label_every = 1 if len(bars) <= 14 else 3 if len(bars) <= 48 else 12
    parts = [_month_bar(request, index, bar, peak, height, selected, label_every) for index, bar in enumerate(bars)]
    return format_html(
        '<svg class="month-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="group" '
        'aria-label="Events per month; choose a month to show only its events">{}</svg>',
        width, height, width, height, mark_safe("".join(str(p) for p in parts)),
    )


_MONTH_SLOT, _MONTH_BAR_W, _CHART_TOP = 24, 18, 14


def _month_bar(request, index, bar, peak, height, selected, label_every):
    """One month's bar: a link to its month, its count above it, and the month's label below."""
    chart_h = height - _CHART_TOP - 22
    x = 4 + index * _MONTH_SLOT
    h = _bar_height(bar.count, peak, chart_h)
    y = _CHART_TOP + chart_h - h
    start, end = bar.month.isoformat(), bar.last_day.isoformat()
    label = f"{MONTH[bar.month.month]} {bar.month.year}: {_plural_events(bar.count)}"
    text = ""
    if index % label_every == 0 or bar.month.month == 1:
        short = MONTH[bar.month.month] if bar.month.month != 1 else str(bar.month.year)
        text = _svg_text(x + _MONTH_BAR_W / 2, height - 6, "axis", short)
    count = _svg_text(x + _MONTH_BAR_W / 2, y - 3, "count", bar.count) if bar.count else ""
    href = _query(request, {"date_from": start, "date_to": end})
    return format_html(
        '<a href="{href}" class="bar{sel}" aria-label="{label}" hx-get="{href}" hx-target="#results" '
        'hx-swap="outerHTML" hx-push-url="true"><title>{label}</title>'
        '<rect class="hit" x="{hx}" y="{top}" width="{slot}" height="{full}"></rect>'
        '<rect class="fill" x="{x}" y="{y}" width="{w}" height="{h}"></rect>{count}{text}</a>',
        href=href, sel=" selected" if selected == (start, end) else "", label=label, hx=x - 3, top=_CHART_TOP,
        slot=_MONTH_SLOT, full=chart_h, x=x, y=y, w=_MONTH_BAR_W, h=max(h, 1), count=count, text=text,
    )


@register.simple_tag(takes_context=True)
def url_with(context, **changes):
    """The current path and query with some parameters changed (after and actor_q dropped)."""
    return _query(context["request"], changes)


@register.simple_tag
def entity_tags(event):
    """The card's actors, countries and topics as a list of links (built here: a card has many)."""
    from django.urls import reverse
    from django.utils.html import format_html_join
    from urllib.parse import quote

    timeline = reverse("events:timeline")
    actors = getattr(event, "actor_list", None)
    countries = getattr(event, "country_list", None)
    topics = getattr(event, "topic_list", None)
    items = [("actor", "Actor", a.get_absolute_url(), a.name)
             for a in (event.actors.all() if actors is None else actors)]
    items += [("country", "Country", c.get_absolute_url(), c.name)
              for c in (event.countries.all() if countries is None else countries)]
    items += [("topic", "Topic", f"{timeline}?topic={quote(t.slug)}", t.name)
              for t in (event.topics.all() if topics is None else topics)]
    if not items:
        return ""
    return format_html(
        '<ul class="tags">{}</ul>',
        format_html_join(
            "", '<li class="tag tag-{}"><span class="visually-hidden">{}: </span><a href="{}">{}</a></li>', items),
    )


PRECISION_WORDS = {"day": "exact day", "week": "within a week", "month": "within a month",
                   "season": "within a season", "quarter": "within a quarter", "half": "within half a year",
                   "year": "within a year", "decade": "within a decade"}


@register.simple_tag
def precision_label(start, end, granularity):
    """How precise a date is, in words (shown beside it, so "spring 2001" never looks like a day)."""
    if granularity == "day" and start != end:
        words = "range of days"
    else:
        words = PRECISION_WORDS.get(granularity, granularity)
    return format_html('<span class="precision precision-{}">{}</span>', granularity, words)


@register.simple_tag
def confidence_label(value):
    """The machine's confidence as a word and a number: high (≥ 0.8), medium (≥ 0.5), low."""
    value = float(value or 0)
    word = "high" if value >= 0.8 else "medium" if value >= 0.5 else "low"
    return format_html('<span class="confidence confidence-{}">{} confidence ({})</span>', word, word, f"{value:.2f}")


@register.filter
def article_name(article):
    """An article's headline, or "untitled article N" (never its first words dressed up as a title)."""
    if article.headline:
        return article.headline
    return f"untitled article {article.position}"


@register.simple_tag
def search_hit(text, query):
    """`text` escaped with the words matching the search `query` marked."""
    from events.selectors.search import highlight

    return highlight(text, query)


FIELD_LABELS = {"date_start": "date", "date_end": "date", "granularity": "date precision", "event_type": "type",
                "status": "status", "summary": "summary", "actors": "actors", "countries": "countries",
                "topics": "topics", "hidden": "visibility on the timeline", "thread": "grouping with other mentions",
                "confidence": "confidence", "corrected_fields": "correction record"}


@register.filter
def field_labels(fields):
    """Field names as readers' words, each once: ["date_start", "date_end", "status"] -> "date, status"."""
    labels = [FIELD_LABELS.get(f, f.replace("_", " ")) for f in fields or []]
    return ", ".join(dict.fromkeys(labels))


@register.simple_tag
def cite_event(event, permalink):
    """A citation line: the event, its source, and where it lives here."""
    from datetime import date as _date

    issue = event.article.issue
    return format_html(
        "“{}” ({}). <cite>Monitor</cite> (Jamestown Foundation), vol. {}, no. {}, {}; {}. Monitor Timeline, {} "
        "(accessed {}).",
        event.summary or event.sentence[:120], format_interval(event.date_start, event.date_end, event.granularity),
        issue.volume, issue.number, issue.date.strftime("%-d %B %Y"),
        event.article.headline or f"untitled article {event.article.position}", permalink,
        _date.today().strftime("%-d %B %Y"),
    )


@register.simple_tag
def cite_article(article, permalink):
    """A citation line for an article: its headline, the issue it appeared in, and where it lives here."""
    from datetime import date as _date

    issue = article.issue
    return format_html(
        "“{}”. <cite>Monitor</cite> (Jamestown Foundation), vol. {}, no. {}, {}. Monitor Timeline, {} (accessed {}).",
        article_name(article), issue.volume, issue.number, issue.date.strftime("%-d %B %Y"), permalink,
        _date.today().strftime("%-d %B %Y"),
    )


@register.simple_tag(takes_context=True)
def time_axis(context, axis, height=120):
    """The time axis as server-rendered SVG: a bar per bin (a link to that period, one zoom level in), the
    chosen period marked, and with few happenings each drawn as a span at its dates and precision.
    static/js/timeline.js adds dragging (and Shift+arrows) to choose a range of bins."""
    if not axis.bins:
        return ""
    shape = _AxisShape(axis, height)
    lanes = _lanes(axis.spans)
    spans_h = len(lanes) * (_LANE_H + 3) + (8 if lanes else 0)
    parts = _axis_bars(context["request"], axis, shape)
    for number, lane in enumerate(lanes):
        parts.extend(_axis_span(span, shape, height + 4 + number * (_LANE_H + 3)) for span in lane)
    return format_html(
        '<svg class="month-chart time-axis" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" '
        'data-unit="{unit}" aria-label="Events per {unit}; choose a bar to see that {unit}, or drag across bars '
        '(or Shift+arrow keys, then Enter) to choose a range">{parts}</svg>',
        w=shape.slot * len(axis.bins) + 8, h=height + spans_h, unit=axis.unit,
        parts=mark_safe("".join(str(p) for p in parts)),
    )


@register.simple_tag(takes_context=True)
def axis_lanes(context, axis, lanes, by):
    """The axis split by country or actor: one row per lane under the axis, its bins aligned with the axis's
    bars and drawn on one scale for every lane (so rows compare). A lane's name is a link to the timeline with
    that lane as the only country (actor); each row has a text summary for screen readers."""
    if not lanes or not axis.bins:
        return ""
    shape = _AxisShape(axis, 120)
    peak = max(max(lane.counts, default=0) for lane in lanes) or 1
    rows = [_lane_row(context["request"], lane, shape, peak, number * _LANE_ROW_H, by)
            for number, lane in enumerate(lanes)]
    return format_html(
        '<svg class="month-chart axis-lanes" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" '
        'aria-label="Events per {unit}, one row per {by}">{rows}</svg>',
        w=shape.slot * len(axis.bins) + 8, h=_LANE_ROW_H * len(lanes), unit=axis.unit, by=by,
        rows=mark_safe("".join(str(r) for r in rows)),
    )


_LANE_ROW_H, _LANE_BAR_H = 40, 22


def _lane_row(request, lane, shape, peak, top, by):
    busiest = max(range(len(lane.counts)), key=lambda i: lane.counts[i]) if lane.total else None
    summary = f"{lane.label}: {_plural_events(lane.total)} in this window"
    if busiest is not None and lane.counts[busiest]:
        summary += f"; most in {shape.axis.bins[busiest].label} ({lane.counts[busiest]})"
    href = _query(request, {by: lane.value})
    bars = []
    for index, (b, count) in enumerate(zip(shape.axis.bins, lane.counts)):
        if not count:
            continue
        h = max(round(_LANE_BAR_H * count / peak), 1)
        bars.append(format_html(
            '<rect class="fill" x="{}" y="{}" width="{}" height="{}"><title>{}, {}: {}</title></rect>',
            4 + index * shape.slot, top + 14 + _LANE_BAR_H - h, shape.bar_w, h, lane.label, b.label,
            _plural_events(count)))
    return format_html(
        '<a href="{href}" class="lane-name" hx-get="{href}" hx-target="#results" hx-swap="outerHTML" '
        'hx-push-url="true" aria-label="Only {label} on the timeline">'
        '<text x="4" y="{y}" class="lane-label">{label} ({total})</text></a>'
        '<g class="lane" role="img" aria-label="{summary}">{bars}'
        '<line class="lane-base" x1="4" x2="{x2}" y1="{base}" y2="{base}"></line></g>',
        summary=summary, href=href, label=lane.label, y=top + 11, total=lane.total,
        bars=mark_safe("".join(str(b) for b in bars)), x2=shape.slot * len(shape.axis.bins) + 4,
        base=top + 14 + _LANE_BAR_H,
    )


_LANE_H = 10


class _AxisShape:
    """The geometry of a time axis: the width of a bin's slot, the chart's height, where a day lies."""

    def __init__(self, axis, height):
        n = len(axis.bins)
        self.axis, self.height = axis, height
        self.slot = 24 if n <= 60 else 12 if n <= 120 else 8
        self.bar_w = max(self.slot - 4, 4)
        self.chart_h = height - 36
        self.label_every = 1 if n <= 14 else 4 if n <= 48 else 12 if axis.unit == "month" else 10

    def pos(self, day, *, end=False):
        """x of a day: its bin's slot plus the fraction of the bin before it (the end of a day for `end`)."""
        index = 0
        for i, b in enumerate(self.axis.bins):
            if b.start <= day:
                index = i
        b = self.axis.bins[index]
        length = (b.end - b.start).days + 1
        offset = min(max((day - b.start).days + (1 if end else 0), 0), length)
        return 4 + index * self.slot + (self.slot - 4) * offset / length


def _lanes(spans) -> list[list]:
    """Greedy lanes: a span goes to the first lane whose last span ended before it starts."""
    lanes = []
    for span in spans:
        for lane in lanes:
            if lane[-1].end < span.start:
                lane.append(span)
                break
        else:
            lanes.append([span])
    return lanes


def _axis_bars(request, axis, shape) -> list:
    from events.selectors.axis import finer

    selected = (request.GET.get("date_from", ""), request.GET.get("date_to", ""))
    zoom = finer(axis.unit)
    peak = axis.peak or 1
    return [_axis_bar(request, index, b, shape, peak, selected, zoom) for index, b in enumerate(axis.bins)]


def _axis_label(b, unit) -> str:
    if unit == "year" or b.start.month == 1 and unit == "month":
        return str(b.start.year)
    return MONTH[b.start.month] if unit == "month" else f"{b.start.day} {MONTH[b.start.month]}"


def _axis_bar(request, index, b, shape, peak, selected, zoom):
    """One bin's bar: a link to its period one zoom level in, its count above it (room permitting), its label."""
    x = 4 + index * shape.slot
    h = _bar_height(b.count, peak, shape.chart_h)
    y = _CHART_TOP + shape.chart_h - h
    start, end = b.start.isoformat(), b.end.isoformat()
    text = ""
    if index % shape.label_every == 0:
        text = _svg_text(x + shape.bar_w / 2, shape.height - 6, "axis", _axis_label(b, shape.axis.unit))
    count = _svg_text(x + shape.bar_w / 2, y - 3, "count", b.count) if b.count and shape.slot >= 20 else ""
    href = _query(request, {"date_from": start, "date_to": end, "axis": zoom})
    return format_html(
        '<a href="{href}" class="bar{sel}" aria-label="{label}" data-start="{start}" data-end="{end}" '
        'hx-get="{href}" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"><title>{label}</title>'
        '<rect class="hit" x="{hx}" y="{top}" width="{slot}" height="{full}"></rect>'
        '<rect class="fill" x="{x}" y="{y}" width="{w}" height="{h}"></rect>{count}{text}</a>',
        href=href, sel=" selected" if selected == (start, end) else "", label=f"{b.label}: {_plural_events(b.count)}",
        start=start, end=end, hx=x - 2, top=_CHART_TOP, slot=shape.slot, full=shape.chart_h, x=x, y=y,
        w=shape.bar_w, h=max(h, 1), count=count, text=text,
    )


def _axis_span(span, shape, y):
    """A happening drawn at its dates, clipped to the axis, in its lane at height y."""
    x0 = shape.pos(max(span.start, shape.axis.bins[0].start))
    x1 = shape.pos(min(span.end, shape.axis.bins[-1].end), end=True)
    words = format_interval(span.start, span.end, span.granularity)
    return format_html(
        '<a href="{url}" class="span precision-{g}" aria-label="{title}, {words}"><title>{title}: {words} '
        '({prec})</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2"></rect></a>',
        url=span.url, g=span.granularity, title=span.title, words=words,
        prec=PRECISION_WORDS.get(span.granularity, span.granularity), x=round(x0, 1), y=y,
        w=round(max(x1 - x0, 3), 1), h=_LANE_H,
    )
