"""Template helpers for the timeline: dates shown with their precision, status labels, URL editing."""
import calendar
from datetime import date, timedelta

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

MONTH = [None] + [calendar.month_abbr[m] for m in range(1, 13)]
SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}  # meteorological, by first month


def _month_end(d):
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _day(d):
    return f"{d.day} {MONTH[d.month]} {d.year}"


def _day_range(start, end):
    if start.year != end.year:
        return f"{_day(start)} – {_day(end)}"
    if start.month != end.month:
        return f"{MONTH[start.month]} {start.day}–{MONTH[end.month]} {end.day} {end.year}"
    return f"{MONTH[start.month]} {start.day}-{end.day} {end.year}"


def format_interval(start, end, granularity):
    """A date interval in words at its precision: "28 Dec 2000", "late Jan 2001", "spring 2001"...

    Intervals that do not have the shape their granularity promises fall back to plain day ranges,
    so that the words never claim more than the stored dates say.
    """
    if start is None:
        return ""
    end = end or start
    g = granularity or "day"
    if g == "day" or start == end:
        return _day(start) if start == end else _day_range(start, end)
    if g == "week":
        if end - start == timedelta(days=6) and start.weekday() == 0:
            return f"week of {_day(start)}"
        if end - start == timedelta(days=1) and start.weekday() == 5:
            return f"weekend of {_day(start)}"
        return _day_range(start, end)
    if g == "month" and start.year == end.year and start.month == end.month:
        label = f"{MONTH[start.month]} {start.year}"
        last = _month_end(start).day
        if start.day == 1 and end.day == last:
            return label
        if start.day == 1 and end.day == 10:
            return f"early {label}"
        if start.day == 11 and end.day == 20:
            return f"mid {label}"
        if start.day == 21 and end.day == last:
            return f"late {label}"
        return _day_range(start, end)
    whole_months = start.day == 1 and end == _month_end(end)
    if g == "month" and whole_months:
        if start.year == end.year:
            return f"{MONTH[start.month]}–{MONTH[end.month]} {end.year}"
        return f"{MONTH[start.month]} {start.year} – {MONTH[end.month]} {end.year}"
    if g == "season" and whole_months and start.month in SEASONS:
        name = SEASONS[start.month]
        if start.month == 12:
            return f"winter {start.year}–{str(end.year)[-2:]}"
        return f"{name} {start.year}"
    if g == "quarter" and whole_months and start.month in (1, 4, 7, 10) and end.month == start.month + 2:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if g == "half" and whole_months and start.year == end.year:
        if (start.month, end.month) == (1, 6):
            return f"first half of {start.year}"
        if (start.month, end.month) == (7, 12):
            return f"second half of {start.year}"
    if g == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if g == "decade" and start.year % 10 == 0 and (end.year - start.year) == 9:
        return f"{start.year}s"
    if whole_months:
        if start.year == end.year:
            return f"{MONTH[start.month]}–{MONTH[end.month]} {end.year}"
        return f"{MONTH[start.month]} {start.year} – {MONTH[end.month]} {end.year}"
    return _day_range(start, end)


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
    for key in ("after", "actor_q"):
        params.pop(key, None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
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
        '<svg class="month-chart" viewBox="0 0 {} {}" width="{}" height="{}" style="max-width: {}px" role="group" '
        'aria-label="Events per month; choose a month to show only its events">{}</svg>',
        width, height, width, height, round(width * 1.6), mark_safe("".join(str(p) for p in parts)),
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
