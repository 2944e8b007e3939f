"""The people a traveller sees at the place a date's clause names, told in a "where" clause after it ("X flies to
Astana tomorrow, where he will see his counterpart, Y"; "X spent Monday in Hanoi, where he and his counterpart, Y,
began ..."; "X leaves for Kyiv tomorrow, where he is to meet Ukraine's defense minister, Y, before ..."): Y is the
date's party too, whatever Y's state (the place may be a third state's, the meeting a multilateral one's)."""
from __future__ import annotations

import re

from events.extraction.events.context import Reading, SentenceContext

# ", where he|she" not followed by a pluperfect (an earlier happening: "where he had held talks with ...").
_WHERE_HE = re.compile(r",\s+where\s+(?:he|she)\s+(?!had\b|has\b)")
# The where clause stops at a relative clause about its object, a semicolon or a dash aside.
_CLAUSE_END = re.compile(r",\s+(?:who|whom|whose|which|before|after|then|and|but)\b|;|\s[\u2013\u2014]\s|\s--\s")
# Before its first person the where clause tells an encounter ("he and ...", "he will see|meet|be received by ...");
# not a stand-in's or an attender's ("where he stood in for X").
_ENCOUNTER = re.compile(r"\b(?:and|see|saw|meet|met|talks?|held|hold|received|receive|conferred|confer|called\s+on|"
                        r"call\s+on|sign|signed)\b")
# How far after the date the "where" clause may open (characters): "tomorrow for the meeting of ..., where".
REACH = 110
# What joins the date to a later date of the same span ("Monday and Tuesday", "May 3 to 5").
_SAME_SPAN = re.compile(r"\s*(?:and|or|to|through|-|\u2013)\s*")
# A possessive after a name: the person owns a thing ("the documents for Putin's visit"), no one seen.
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def with_where_guests(actors: list, reading: Reading, ctx: SentenceContext) -> list:
    """`actors` and the people named in a "where he|she" clause opening soon after the date (no other date between),
    when the date's clause names one person (the traveller)."""
    if len(actors) != 1:
        return actors
    clause = _where_clause(reading, ctx)
    if clause is None:
        return actors
    return list(actors) + _guests(clause, names_of(actors), ctx)


def _guests(clause: tuple[int, int], names: set, ctx: SentenceContext) -> list:
    """The people the where clause names (no possessive owner: "for Putin's visit"), once each, when it tells an
    encounter before the first; else []."""
    named = [m for m in ctx.actor_mentions if clause[0] <= m.start < clause[1] and m.ref.name not in names]
    if not named or not _ENCOUNTER.search(ctx.text, clause[0], named[0].start):
        return []
    kept = [m.ref for m in named if not _POSSESSIVE.match(ctx.text, m.end)]
    return list({ref.name: ref for ref in kept}.values())


def _where_clause(reading: Reading, ctx: SentenceContext) -> tuple[int, int] | None:
    """Where the "where he|she" clause after the date runs (after its pronoun), when it opens within REACH of the
    date with no other date between (but the same span's: "Monday and Tuesday") and has no date of its own."""
    timex, text, sentence_end = reading.timex, ctx.text, ctx.sentence.end
    where = _WHERE_HE.search(text, timex["end"], min(sentence_end, timex["end"] + REACH))
    if where is None or any(timex["end"] <= t["start"] < where.start()
                            and not _SAME_SPAN.fullmatch(text, timex["end"], t["start"])
                            for t in ctx.claimants if t is not timex):
        return None
    stop = _CLAUSE_END.search(text, where.end(), sentence_end)
    end = stop.start() if stop else sentence_end
    if any(where.end() <= t["start"] < end for t in ctx.claimants):
        return None  # the clause's own date ("where he will be received by X this afternoon") has its people
    return where.end(), end


def names_of(actors: list) -> set:
    return {ref.name for ref in actors}
