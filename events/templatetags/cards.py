"""`{% timeline_cards items focus_first first_group %}`: a month's timeline cards, built in Python.

A timeline page has up to 50 cards (500 after a reload with ?shown=), each with a dozen values, tags and
links: as an `{% include %}` per card the template engine's lookups, tags and `reverse()` calls cost about
1 ms a card, more than everything else on the page. This renders the same markup (byte for byte what the
former partials/card.html rendered; tests/test_views.py checks the parts, docs/pages.md says how it was
compared) with one `reverse()` per URL name and page, every text escaped as `{{ }}` escapes it.
"""
import html
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe

from events.extraction.periods import MONTH_ABBR

from .timeline import confidence_label, format_interval, precision_label, status_label

register = template.Library()

_SENTINEL = 987654321987


class Urls:
    """URLs for one rendering: each URL name reversed once (per URL configuration and script prefix), an
    integer id put in its place afterwards (what the int path converter prints); other arguments (a
    country's code) reversed once per value."""

    _cache = {}

    def __init__(self):
        key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        self._memo = self._cache.setdefault(key, {})
        if len(self._memo) > 10_000:  # country codes and names only: never this many, but stay bounded
            self._memo.clear()

    def by_id(self, name, pk):
        shape = self._memo.get(name)
        if shape is None:
            shape = self._memo[name] = reverse(name, args=[_SENTINEL]).split(str(_SENTINEL))
        if len(shape) != 2:  # the marker appears twice: an unusual route, reverse it every time
            return reverse(name, args=[pk])
        return f"{shape[0]}{int(pk)}{shape[1]}"

    def by_arg(self, name, arg):
        key = (name, arg)
        url = self._memo.get(key)
        if url is None:
            url = self._memo[key] = reverse(name, args=[arg])
        return url

    def plain(self, name):
        key = (name,)
        url = self._memo.get(key)
        if url is None:
            url = self._memo[key] = reverse(name)
        return url


def _e(value):
    """What `{{ value }}` prints: django.utils.html.conditional_escape without its lazy-string wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


_status = lru_cache(maxsize=64)(status_label)
_confidence = lru_cache(maxsize=1024)(confidence_label)


@lru_cache(maxsize=64)
def _precision(granularity, ranged):
    return precision_label(0, 1 if ranged else 0, granularity)


def _issue_date(issue, urls):
    """calendar_links.issue_date(issue, "j M Y"): the issue's date, linked to its day in the calendar."""
    if issue is None or not getattr(issue, "date", None):
        return ""
    day = issue.date
    url = f"{urls.plain('events:calendar')}?volume={issue.volume}#issue-{issue.number}"
    return (f'<a class="issue-date" href="{_e(url)}" title="How this issue was dated: the publication calendar">'
            f'{day.day} {MONTH_ABBR[day.month]} {day.year}</a>')


def _date(value):
    """`{{ value|date:'Y-m-d' }}` for a date (empty for None)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}" if value else ""


def entity_tags_html(event, urls):
    """The card's actors, countries and topics as a list of links (as timeline.entity_tags builds them)."""
    actors = getattr(event, "actor_list", None)
    countries = getattr(event, "country_list", None)
    topics = getattr(event, "topic_list", None)
    items = [("actor", "Actor", urls.by_id("events:actor", a.pk), a.name)
             for a in (event.actors.all() if actors is None else actors)]
    items += [("country", "Country", urls.by_arg("events:country", c.code), c.name)
              for c in (event.countries.all() if countries is None else countries)]
    timeline = urls.plain("events:timeline")
    items += [("topic", "Topic", f"{timeline}?topic={quote(t.slug)}", t.name)
              for t in (event.topics.all() if topics is None else topics)]
    if not items:
        return ""
    return '<ul class="tags">' + "".join(
        f'<li class="tag tag-{_e(kind)}"><span class="visually-hidden">{_e(label)}: </span>'
        f'<a href="{_e(url)}">{_e(name)}</a></li>' for kind, label, url, name in items) + "</ul>"


def _hit_html(hit):
    if not hit:
        return ""
    return f'<p class="hit-sentence"><span class="visually-hidden">Matching sentence: </span>{_e(hit)}</p>'


def card_html(item, urls, *, autofocus=False):
    """One timeline card (a TimelineItem) as HTML."""
    event = item.event
    pk = int(event.pk)
    article = event.article
    issue = article.issue
    hit = getattr(item, "hit", None)
    others = item.other_issues
    mentions = len(item.mentions)
    source = (f'From <a href="{_e(urls.by_id("events:article", article.pk))}">Monitor Vol. {_e(issue.volume)}, '
              f'Issue {_e(issue.number)}</a> ({_issue_date(issue, urls)})')
    if others:
        source += ";\n      also in " + ", ".join(
            f'<a href="{_e(urls.by_id("events:event", m.pk))}">Vol. {_e(m.article.issue.volume)}, '
            f'Issue {_e(m.article.issue.number)}</a>' for m in others)
    return (
        f'\n<li class="card status-{_e(item.status)}">\n'
        f'  <article aria-labelledby="card-{pk}">\n'
        f'    <p class="card-date">\n'
        f'      <time datetime="{_date(item.date_start)}">'
        f'{_e(format_interval(item.date_start, item.date_end, item.granularity))}</time>\n'
        f'      {_precision(item.granularity, item.date_start != item.date_end)}\n'
        f'      {_status(item.status)}\n'
        f'      <span class="type">{_e(item.event_type_label)}</span>\n'
        f'      {_confidence(item.confidence)}\n'
        f'    </p>\n'
        f'    <h4 class="card-title" id="card-{pk}"><a href="{_e(urls.by_id("events:event", event.pk))}"'
        f'{" autofocus" if autofocus else ""}>{_e(item.title)}</a></h4>\n'
        f'    {_hit_html(hit)}\n'
        f'    {entity_tags_html(event, urls)}\n'
        f'    <p class="card-source">\n'
        f'      {source}\n'
        f'      {f"""<span class="mention-count">· {mentions} mentions</span>""" if mentions > 1 else ""}\n'
        f'    </p>\n'
        f'  </article>\n'
        f'</li>\n'
    )


@register.simple_tag
def timeline_cards(items, focus_first=None, first_group=False):
    """The cards of one month group; the first card of the page's first group gets `autofocus` when the page
    continues an earlier one (`focus_first`: "load more" moves the focus to the first new card)."""
    urls = Urls()
    return mark_safe("".join(card_html(item, urls, autofocus=bool(focus_first) and first_group and index == 0)
                             for index, item in enumerate(items)))
