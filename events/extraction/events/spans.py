"""Character spans of a text: distances, the word before a position, quotations, clause breaks and dash
asides. Shared by every step of event extraction."""
from __future__ import annotations

import re

from events.extraction.events.verbs import AUXILIARIES, pasts
from events.extraction.events.windows import ASIDE_LENGTH, WORD_BEFORE_LOOKBACK

# Breaks between clauses: punctuation and the words that open another clause. The status rules'
# speculation break is the narrower set (a speculation cue reaches over "after", "before", "and then").
# The break patterns open with one class of every first character (a mark, or a word's first letter, the word's
# edge then looked behind: r"[Tt](?<!\w[Tt])he" is r"\b[Tt]he"), so that re skips in C to the next possible start
# instead of trying every position; they match exactly what the plain alternations below say.
# CLAUSE_BREAK: [,;:(–—] or a whole word: that when which who while after before but, "and then".
CLAUSE_BREAK = re.compile(r"[,;:(\u2013\u2014twab](?:(?<=[,;:(\u2013\u2014])|(?<!\w[twab])(?:(?<=t)hat|(?<=w)(?:hen|hich|ho|"
                          r"hile)|(?<=a)(?:fter|nd then)|(?<=b)(?:efore|ut))\b)")
# SPECULATION_BREAK: [,;:(–—] or a whole word: that when which who while but.
SPECULATION_BREAK = re.compile(r"[,;:(\u2013\u2014twb](?:(?<=[,;:(\u2013\u2014])|(?<!\w[twb])(?:(?<=t)hat|(?<=w)(?:hen|hich|ho|"
                               r"hile)|(?<=b)ut)\b)")
# A second verb of the same subject with its own words ("flies to Buenos Aires today and is to meet X
# tomorrow"): a trigger beyond it is that verb's, not the first one's.
# (present tenses of a traveller's next step only, from a closed list: "and returns to Havana on Tuesday"; an open
# "-s" would take nouns: "and heads of state", "and talks")
PRESENT_VERBS = "returns|flies|leaves|goes|travels|stays|arrives|comes|meets|sees"
AND_VERB = re.compile(r"a(?<!\wa)nd\s+(?:" + "|".join(AUXILIARIES) + r"|then|later|also|[a-z]+ed|" + "|".join(pasts())
                      + "|" + PRESENT_VERBS + r")\b")
APPOSITION_END = re.compile(r"\s*(?:[,;.(]|$)")
DASH_ASIDE = re.compile(r"[\u2013\u2014][^\u2013\u2014;]{1,%d}[\u2013\u2014]" % ASIDE_LENGTH)
ASIDE_BEFORE = re.compile(r"[\u2013\u2014][^\u2013\u2014;]{1,%d}[\u2013\u2014](?:\w+\s+){0,2}$" % ASIDE_LENGTH)
# What ends the phrase a reporting verb reports ("announced ...; but").
OBJECT_STOP = re.compile(r"[;(]|,\s+but\b|\s+but\s")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_QUOTATION = re.compile(r"\u201c[^\u201c\u201d\n]*\u201d")


def distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b_start - a_end, a_start - b_end)


def word_before(text: str, position: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, position - WORD_BEFORE_LOOKBACK), position)
    return match.group(1).lower() if match else ""


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Curly double quotations closed on the same line."""
    return [match.span() for match in _QUOTATION.finditer(text)]


def inside(spans, position: int) -> bool:
    for start, end in spans:  # (a plain loop: asked ~90 times an article, any() over a generator costs ~3x)
        if start <= position < end:
            return True
    return False


def same_span(spans, a: int, b: int) -> bool:
    for start, end in spans:
        if start <= a < end and start <= b < end:
            return True
    return False


# A non-restrictive relative clause between commas ("The two presidents, who met separately with Colin Powell
# on the first day, agreed to meet again in June"): what it tells is not the main clause's.
RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose|which)\b[^,;:()\u2013\u2014]{1,%d}," % ASIDE_LENGTH)


def asides_between(text: str, start: int, end: int, keep: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """The dash asides and non-restrictive relative clauses between `start` and `end`, less those holding a
    position of `keep` (the date, the trigger: an aside that holds them is the event's own clause)."""
    # (str.find in C first: most clauses hold no dash and no "wh", and then neither scan can match)
    low = max(start, 0)
    spans = []
    if text.find("\u2013", low, end) >= 0 or text.find("\u2014", low, end) >= 0:
        spans = [match.span() for match in DASH_ASIDE.finditer(text, start, end)]
    if text.find("wh", low, end) >= 0:
        spans += [match.span() for match in RELATIVE_ASIDE.finditer(text, start, end)]
    return [span for span in spans if not any(span[0] <= position < span[1] for position in keep)]


# A state named only in the cause of what happened ("was put off because of the Afghan war", "postponed because of
# the Kremlin's talks with Washington"): the cause's, not a party of the delayed event.
# ("is due to meet", "are due to hold talks": a schedule, no cause.)
_CAUSE_BEFORE = re.compile(r"\b(?:because of|owing to|on account of|(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)"
                           r"(?<!\bbe\s)(?<!\bbeen\s)due to)\s[^,;:.()\"\u201c\u201d]*$")
CAUSE_REACH = 40
# (in_cause tests for "because of", "owing to", "account of" and "due to" before the search: keep them in step)


def in_cause(text: str, sentence_start: int, at: int) -> bool:
    """Does the name at `at` stand in a cause phrase of its clause ("because of the Iraqi crisis")?"""
    start = max(sentence_start, at - CAUSE_REACH)
    window = text[start:at]
    # a cheap test before the search (most names stand in no cause phrase), spelled out: ~3x faster than any()
    if not ("because of" in window or "owing to" in window or "account of" in window or "due to" in window):
        return False
    return bool(_CAUSE_BEFORE.search(text, start, at))
