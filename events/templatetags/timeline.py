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


@register.simple_tag(takes_context=True)
def month_chart(context, bars, height=110):
    """Events per month as an inline SVG bar chart; each bar links to the timeline of its month."""
    if not bars:
        return ""
    request = context["request"]
    selected_from = request.GET.get("date_from", "")
    selected_to = request.GET.get("date_to", "")
    peak = max(b.count for b in bars) or 1
    slot = 24
    bar_w = 18
    top = 14
    chart_h = height - top - 22
    width = slot * len(bars) + 8
    label_every = 1 if len(bars) <= 14 else 3 if len(bars) <= 48 else 12
    parts = []
    for index, bar in enumerate(bars):
        x = 4 + index * slot
        h = round(chart_h * bar.count / peak) if bar.count else 0
        y = top + chart_h - h
        start, end = bar.month.isoformat(), bar.last_day.isoformat()
        label = f"{MONTH[bar.month.month]} {bar.month.year}: {bar.count} event{'s' if bar.count != 1 else ''}"
        selected = " selected" if (selected_from, selected_to) == (start, end) else ""
        href = _query(request, {"date_from": start, "date_to": end})
        text = ""
        if index % label_every == 0 or bar.month.month == 1:
            short = MONTH[bar.month.month] if bar.month.month != 1 else str(bar.month.year)
            text = format_html('<text x="{}" y="{}" class="axis">{}</text>', x + bar_w / 2, height - 6, short)
        count = format_html('<text x="{}" y="{}" class="count">{}</text>', x + bar_w / 2, y - 3, bar.count) if bar.count else ""
        parts.append(format_html(
            '<a href="{href}" class="bar{sel}" aria-label="{label}" hx-get="{href}" hx-target="#results" '
            'hx-swap="outerHTML" hx-push-url="true"><title>{label}</title>'
            '<rect class="hit" x="{hx}" y="{top}" width="{slot}" height="{full}"></rect>'
            '<rect class="fill" x="{x}" y="{y}" width="{w}" height="{h}"></rect>{count}{text}</a>',
            href=href, sel=selected, label=label, hx=x - 3, top=top, slot=slot, full=chart_h, x=x, y=y, w=bar_w, h=max(h, 1),
            count=count, text=text,
        ))
    return format_html(
        '<svg class="month-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="group" '
        'aria-label="Events per month; choose a month to show only its events">{}</svg>',
        width, height, width, height, mark_safe("".join(str(p) for p in parts)),
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


@register.simple_tag(takes_context=True)
def time_axis(context, axis, height=120):
    """The time axis as server-rendered SVG: a bar per bin (a link to that period, one zoom level in), the
    chosen period marked, and with few happenings each drawn as a span at its dates and precision.
    static/js/timeline.js adds dragging (and Shift+arrows) to choose a range of bins."""
    from events.selectors.axis import finer

    if not axis.bins:
        return ""
    request = context["request"]
    selected = (request.GET.get("date_from", ""), request.GET.get("date_to", ""))
    slot = 24 if len(axis.bins) <= 60 else 12 if len(axis.bins) <= 120 else 8
    bar_w = max(slot - 4, 4)
    top, chart_h = 14, height - 36
    lane_h, lanes = 10, []
    spans = axis.spans
    for span in spans:  # greedy lanes: a span goes to the first lane whose last span ended before it starts
        for lane in lanes:
            if lane[-1].end < span.start:
                lane.append(span)
                break
        else:
            lanes.append([span])
    spans_h = len(lanes) * (lane_h + 3) + (8 if lanes else 0)
    width = slot * len(axis.bins) + 8
    total_h = height + spans_h
    first_day = axis.bins[0].start
    label_every = 1 if len(axis.bins) <= 14 else 4 if len(axis.bins) <= 48 else 12 if axis.unit == "month" else 10
    parts = []
    peak = axis.peak or 1
    zoom = finer(axis.unit)
    for index, b in enumerate(axis.bins):
        x = 4 + index * slot
        h = round(chart_h * b.count / peak) if b.count else 0
        y = top + chart_h - h
        start, end = b.start.isoformat(), b.end.isoformat()
        label = f"{b.label}: {b.count} event{'s' if b.count != 1 else ''}"
        sel = " selected" if selected == (start, end) else ""
        href = _query(request, {"date_from": start, "date_to": end, "axis": zoom})
        text = ""
        if index % label_every == 0:
            short = (str(b.start.year) if axis.unit == "year" or b.start.month == 1 and axis.unit == "month"
                     else MONTH[b.start.month] if axis.unit == "month" else f"{b.start.day} {MONTH[b.start.month]}")
            text = format_html('<text x="{}" y="{}" class="axis">{}</text>', x + bar_w / 2, height - 6, short)
        count = (format_html('<text x="{}" y="{}" class="count">{}</text>', x + bar_w / 2, y - 3, b.count)
                 if b.count and slot >= 20 else "")
        parts.append(format_html(
            '<a href="{href}" class="bar{sel}" aria-label="{label}" data-start="{start}" data-end="{end}" '
            'hx-get="{href}" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"><title>{label}</title>'
            '<rect class="hit" x="{hx}" y="{top}" width="{slot}" height="{full}"></rect>'
            '<rect class="fill" x="{x}" y="{y}" width="{w}" height="{h}"></rect>{count}{text}</a>',
            href=href, sel=sel, label=label, start=start, end=end, hx=x - 2, top=top, slot=slot, full=chart_h,
            x=x, y=y, w=bar_w, h=max(h, 1), count=count, text=text,
        ))

    def pos(day, *, end=False):
        # x of a day: its bin's slot plus the fraction of the bin before it (the end of a day for `end`)
        index = 0
        for i, b in enumerate(axis.bins):
            if b.start <= day:
                index = i
        b = axis.bins[index]
        length = (b.end - b.start).days + 1
        offset = min(max((day - b.start).days + (1 if end else 0), 0), length)
        return 4 + index * slot + (slot - 4) * offset / length

    last_day = axis.bins[-1].end
    for number, lane in enumerate(lanes):
        y = height + 4 + number * (lane_h + 3)
        for span in lane:
            x0 = pos(max(span.start, first_day))
            x1 = pos(min(span.end, last_day), end=True)
            words = format_interval(span.start, span.end, span.granularity)
            parts.append(format_html(
                '<a href="{url}" class="span precision-{g}" aria-label="{title}, {words}"><title>{title}: {words} '
                '({prec})</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2"></rect></a>',
                url=span.url, g=span.granularity, title=span.title, words=words,
                prec=PRECISION_WORDS.get(span.granularity, span.granularity), x=round(x0, 1), y=y,
                w=round(max(x1 - x0, 3), 1), h=lane_h,
            ))
    return format_html(
        '<svg class="month-chart time-axis" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" '
        'data-unit="{unit}" aria-label="Events per {unit}; choose a bar to see that {unit}, or drag across bars '
        '(or Shift+arrow keys, then Enter) to choose a range">{parts}</svg>',
        w=width, h=total_h, unit=axis.unit, parts=mark_safe("".join(str(p) for p in parts)),
    )
