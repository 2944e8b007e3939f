"""Marked-up text built safely: every piece of source text goes through escape()/format_html().

`annotate(text, spans)` takes non-overlapping-or-not spans [(start, end, kind, url_or_None, title)],
keeps the longest of any overlapping ones, and returns SafeString HTML with <mark> or <a> around them.
"""
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


def choose_spans(spans, length):
    """Drop spans that are out of range or overlap a longer (then earlier) span."""
    valid = [s for s in spans if 0 <= s[0] < s[1] <= length]
    valid.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken = []
    for span in valid:
        if all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s[0])


def annotate(text, spans):
    parts = []
    position = 0
    for start, end, kind, url, title in choose_spans(spans, len(text)):
        parts.append(escape(text[position:start]))
        piece = text[start:end]
        if url:
            parts.append(format_html('<a class="hl hl-{}" href="{}" title="{}">{}</a>', kind, url, title, piece))
        else:
            parts.append(format_html('<mark class="hl hl-{}" title="{}">{}</mark>', kind, title, piece))
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in parts))


def find_names(text, names):
    """Spans (start, end, surface) of whole-word occurrences of any of `names` in `text`."""
    names = sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def sentence_with_phrase(event):
    """The event's sentence with its date phrase marked, using the stored offsets (escaped)."""
    sentence = event.sentence
    start = event.date_text_start - event.sentence_start
    end = event.date_text_end - event.sentence_start
    if not (0 <= start < end <= len(sentence)) or sentence[start:end] != event.date_text:
        found = sentence.find(event.date_text) if event.date_text else -1
        if found < 0:
            return escape(sentence)
        start, end = found, found + len(event.date_text)
    return annotate(sentence, [(start, end, "timex", None, "the date phrase")])


@register.simple_tag
def highlighted_sentence(event):
    return sentence_with_phrase(event)


def paragraphs(text, spans):
    """Annotated text split into <p> at blank lines; spans use offsets into the whole text."""
    chosen = choose_spans(spans, len(text))
    out = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        p_start, p_end = match.start(), match.end()
        if not text[p_start:p_end].strip():
            continue
        local = [(s - p_start, e - p_start, k, u, t) for s, e, k, u, t in chosen if s >= p_start and e <= p_end]
        out.append(format_html("<p>{}</p>", annotate(text[p_start:p_end], local)))
    return mark_safe("\n".join(str(p) for p in out))


def _timex_fields(item):
    if isinstance(item, dict):
        return item.get("start"), item.get("end"), item.get("value") or "", item.get("role") or "event"
    return getattr(item, "start", None), getattr(item, "end", None), getattr(item, "value", "") or "", getattr(
        item, "role", "event") or "event"


def tag_times(body, anchor):
    """Time expressions from the temporal tagger, when it is installed: [(start, end, value, role)]."""
    try:
        from events.extraction import timex
    except ImportError:
        return []
    tagger = getattr(timex, "tag", None)
    if tagger is None:
        return []
    return [_timex_fields(item) for item in tagger(body, anchor)]


def article_spans(article, events, actor_names, country_names, event_url):
    """Spans for the article page: time expressions, actors (linked) and countries (linked)."""
    body = article.body
    spans = []
    for event in events:
        spans.append((event.date_text_start, event.date_text_end, "timex", event_url(event),
                      f"{event.date_text}: dates an event ({event.date_start:%Y-%m-%d} – {event.date_end:%Y-%m-%d})"))
    for start, end, value, role in tag_times(body, article.issue.date):
        if start is None or end is None:
            continue
        spans.append((start, end, "timex" if role == "event" else "timex-" + str(role), None, f"TIMEX3 {value} ({role})"))
    for start, end, surface in find_names(body, actor_names):
        actor = actor_names[surface]
        spans.append((start, end, "actor", actor.get_absolute_url(), actor.name))
    for start, end, surface in find_names(body, country_names):
        country = country_names[surface]
        spans.append((start, end, "country", country.get_absolute_url(), country.name))
    return spans
