"""The other side of a two-sided happening, when the rules found only one.

A meeting, a summit, a telephone call, an agreement or a visit has two sides. The rules (participants.py) take the
states of the clause that governs the date; when that clause gives only one state, the other side is often named
elsewhere in the sentence: in a relative clause ("X, who came to Moscow on Sunday, agreed with ..."), an
apposition or an opening phrase, or by a person whose state is known ("the visit repaid one by the Russian
foreign minister, who ...").

    other_side(reading, ctx, countries) -> countries

Two general cases, neither tied to a word of any article:
1. the home state (event_rules.json home_state: the archive reports its dealings with the world) named anywhere
   in the sentence, or a person of it, is the other side of a two-sided happening whose clause gave one foreign
   state;
2. a two-sided happening whose one state is the home state ("the Russian minister, who flew in on Monday night,
   spent the next morning with the chancellor") takes the one other state named in its stretch of the sentence
   (between semicolons, colons, dashes, "since" and coordinated main clauses).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.attachment_coordinates import coordinate_breaks
from events.extraction.events.spans import in_cause


if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext


def other_side(reading: Reading, ctx: SentenceContext, countries: list) -> list:
    """`countries` with the other side of a two-sided happening added when the rules gave only one state."""
    rules = ctx.rules
    if len(countries) != 1 or reading.event_type not in rules.two_party | rules.encounters:
        return countries
    if _HOMEWARD.search(ctx.text, reading.main.start, reading.main.end + _HOMEWARD_REACH):
        return countries  # "who flies home tonight": a journey to one's own state meets no one
    home = rules.home_state
    if not home:
        return countries
    if countries[0] != home:
        named = _sentence_states(ctx, _relative_antecedent(reading, ctx), ctx.sentence.end)
        return countries + [home] if home in named else countries
    others = [code for code in _sentence_states(ctx, *segment(reading, ctx)) if code != home]
    return countries + others if len(others) == 1 else countries


_HOMEWARD = re.compile(r"\b(?:back\s+)?home\b")
_HOMEWARD_REACH = 12
_WHO = re.compile(r",\s+who\b")


def _relative_antecedent(reading: Reading, ctx: SentenceContext) -> int:
    """Where the person stands whose relative clause holds the date ("X, who came to Moscow on Sunday"): the
    clause's start; the sentence's start when the date is in no ", who" clause."""
    start = reading.clause[0]
    return start if _WHO.search(ctx.text, start, reading.timex["start"]) else ctx.sentence.start


# Where a stretch of a sentence ends: a semicolon, a colon, a dash, or "since" (another happening's time).
_STRONG = re.compile(r"[;:\u2013\u2014]|\bsince\b")


def segment(reading: Reading, ctx: SentenceContext) -> tuple[int, int]:
    """The stretch of the sentence around the date and its trigger between strong breaks (a semicolon, a colon, a
    dash, "since") and coordinated main clauses."""
    timex, main = reading.timex, reading.main
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    breaks = [m.start() for m in _STRONG.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end)]
    breaks += coordinate_breaks(ctx)
    start = max((at for at in breaks if at < low), default=ctx.sentence.start)
    end = min((at for at in breaks if at >= high), default=ctx.sentence.end)
    return start, end


def _sentence_states(ctx: SentenceContext, start: int, end: int) -> list:
    """The states the sentence names from `start` on (a relative clause's happening is its antecedent's: "he held
    talks with X, who moved into the ministry only in late January" names no state of his for January), by name,
    adjective, capital or town, and its people's states (also one named for whom an agent acts: "Yeltsin's envoy"
    is Russia's), in order."""
    sentence = ctx.sentence
    located = [(m.start, m.code) for m in ctx.country_mentions if start <= m.start < end
               and not in_cause(ctx.text, ctx.sentence.start, m.start)]
    located += [(m.start, m.ref.country) for m in ctx.entities.actors_in(max(start, sentence.start), end)
                if m.ref.country]
    return list(dict.fromkeys(code for _, code in sorted(located)))


# A state named as what is talked about ("a working group on Afghanistan", "compared notes on Kosovo", "talks
# about Iraq") or as where someone was born ("the Donetsk-born minister") is no party.
# ("on" only after a noun of talk: "sanctions on Yugoslavia" are a party's.)
_TOPIC_BEFORE = re.compile(r"(?:\b(?:about|concerning|regarding)|\b(?:group|talks|notes|views|consultations|"
                           r"discussions?|debate|commission|conference|dialogue|seminar|statement|declaration|"
                           r"resolution|report|envoy)[\"\u201d]?\s+on)\s+(?:the\s+)?$")
_TOPIC_REACH = 40
_BORN_AFTER = re.compile(r"-born\b")


def without_topics(ctx: SentenceContext, countries: list, actors: list) -> list:
    """`countries` less those the sentence names only as a topic or a birthplace (and no actor's state)."""
    if not countries:
        return countries
    own = {ref.country for ref in actors}
    party, topic = set(), set()
    for mention in ctx.country_mentions:
        (topic if _is_topic(mention, ctx) else party).add(mention.code)
    kept = [code for code in countries if code in own or code in party or code not in topic]
    return kept or countries


# The words _TOPIC_BEFORE's match ends with (then only space): a cheap test before its search.
_TOPIC_LAST_WORDS = ("about", "concerning", "regarding", "on", "the")


def _is_topic(mention, ctx: SentenceContext) -> bool:
    text = ctx.text
    before = text[max(ctx.sentence.start, mention.start - _TOPIC_REACH):mention.start]
    stripped = before.rstrip()
    return bool((len(stripped) < len(before) and stripped.endswith(_TOPIC_LAST_WORDS) and _TOPIC_BEFORE.search(before))
                or _BORN_AFTER.match(text, mention.end) or in_cause(text, ctx.sentence.start, mention.start))
