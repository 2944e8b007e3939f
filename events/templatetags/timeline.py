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
