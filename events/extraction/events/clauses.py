"""The clause that governs an event's date: the span whose countries and people are the event's."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.spans import APPOSITION_END, DASH_ASIDE, SPECULATION_BREAK
from events.extraction.events.triggers import Trigger
from events.extraction.events.windows import REPORTED_REACH

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

_BETWEEN = re.compile(r"\bbetween\b")


def event_clause(timex: dict, main: Trigger, ctx: SentenceContext) -> tuple[int, int]:
    """The clause that governs the date: from the date to its trigger, widened to the nearest clause
    breaks the status rules use (SPECULATION_BREAK: punctuation, "that", "when", "which", "who",
    "while", "but"), stepping over dash asides. Widenings: an opening phrase that names no person
    ("Following talks in Tehran on Monday, a Russian official told ...") runs on into the main clause,
    whose subject it shares; what a reporting verb of the clause reports ("Moscow announced that Putin
    will go to Pyongyang") is part of the statement; and a country after a comma ("in Okinawa, Japan")
    stays with its place."""
    text, sentence = ctx.text, ctx.sentence
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    start = sentence.start
    for match in SPECULATION_BREAK.finditer(text, sentence.start, low):
        start = match.end()
    names = ctx.country_names
    end = clause_end(text, high, sentence.end, names)
    if start == sentence.start and end < sentence.end and text[end] == "," \
            and not any(start <= m.start < end for m in ctx.actor_mentions):
        end = clause_end(text, end + 1, sentence.end, names)
    if text.startswith("that", end) and any(
            t.event_type in ctx.rules.statements and start <= t.start and 0 <= end - t.end <= REPORTED_REACH
            for t in ctx.triggers):
        end = clause_end(text, end + len("that"), sentence.end, names)
    return start, end


def opening_phrase_end(timex: dict, main: Trigger, clause: tuple[int, int], ctx: SentenceContext) -> int:
    """Where the event's own parties end: "One day after the June 27 talks between Russian and North
    Korean officials, Lee arrived ...": an opening phrase that names its own parties ("between") does
    not share the main clause's subject, so the phrase ends there; otherwise the clause's end."""
    start, end = clause
    if start == ctx.sentence.start:
        first_end = clause_end(ctx.text, max(timex["end"], main.end), ctx.sentence.end, ctx.country_names)
        if first_end < end and _BETWEEN.search(ctx.text, main.end, first_end):
            return first_end
    return end


def clause_end(text: str, position: int, limit: int, names) -> int:
    """The first clause break after `position`, stepping over a dash aside; a comma before a bare country
    name that ends a phrase ("in Okinawa, Japan (") is an apposition, no break."""
    while True:
        match = SPECULATION_BREAK.search(text, position, limit)
        if not match:
            return limit
        aside = DASH_ASIDE.match(text, match.start(), limit)
        if aside:
            position = aside.end()
            continue
        if match.group() == "," and any(
                not text[match.end():m.start].strip() and APPOSITION_END.match(text, m.end, limit) for m in names):
            position = match.end()
            continue
        return match.start()
