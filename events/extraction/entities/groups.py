"""Plural descriptions that stand for a group of people named before: "the five presidents", "the three men",
"all four ministers", "the three agreed", "the leaders", "the presidents' meeting".

    resolve_groups(text, sentences, entities, gazetteer, anchor, masked) -> list[ActorMention]

Run after anaphora (entities.actors then holds names, descriptions and pronouns, each standing for a person), so a
group can gather people named in any of those ways. "The two ..." is anaphora's (the two sides of a meeting).
- With a number ("the five presidents", "all three leaders", "the three met"): the that-many people named most
  recently (within GROUP_REACH characters) whose office fits the noun (anyone for "men" or a bare number); nothing
  when fewer are in reach (precision first).
- Without one ("the leaders agreed", "the presidents' fourth meeting", "the foreign ministers"): the fitting people
  named in the sentence before and in this one before the phrase, when they are two or more and act for two
  states or more (a group of one state's officials is not "the leaders"); never before "of" ("the leaders of the
  Duma factions" are others) or after a qualifier ("the Baltic presidents": not matched).
"""
from __future__ import annotations

import datetime
import re

from events.extraction.entities.anaphora import _attributive, _blocked, _fitting, _Named, _Spans
from events.extraction.entities.gazetteer import Gazetteer
from events.extraction.entities.mentions import ActorMention
from events.extraction.entities.subjects import _sentence_start
from events.extraction.mention import ActorRef
from events.extraction.phrases import TheWord
from events.extraction.timex_vocab import number_words

# How far back (characters) the people of a numbered group may be named: a group is often summed up a paragraph
# or two after its members were named ("The five presidents agreed to meet again").
GROUP_REACH = 3000
_NUMBERS = number_words(3, 10)
_NOUNS = (r"leaders|heads of state|heads of government|presidents|premiers|prime ministers|foreign ministers|"
          r"defen[cs]e ministers|ministers|men")
# (One choice of first letters, then the word's edge looked behind: re skips in C to the next t or a.)
_NUMBERED = re.compile(rf"[TtAa](?<!\w[TtAa])(?:(?<=[Tt])he|(?<=[Aa])ll)\s+(?P<number>{'|'.join(_NUMBERS)})\s+(?:(?P<noun>{_NOUNS})\b|"
                       r"(?=(?:agreed|signed|met|discussed|said|also|will|would|are|were|have|had|spoke|held|issued|"
                       r"pledged|expressed|decided|reached|promised|vowed|undertook|gave|called)\b))")
_UNNUMBERED = TheWord(rf"\s+(?P<noun>{_NOUNS})(?:['\u2019](?=\s)|\b(?!\s+of\b|-))")


def resolve_groups(text: str, sentences, entities, gazetteer: Gazetteer, anchor: datetime.date,
                   masked: list[tuple[int, int]] = ()) -> list[ActorMention]:
    """A mention of each member of each plural description of `text` (see the module's docstring)."""
    named = _Named(entities.actors)
    if len(named.mentions) < 2:
        return []
    taken = _Spans(_merged([(m.start, m.end) for m in named.mentions]))
    masked = _Spans(sorted(masked))
    starts = [s.start for s in sentences]
    view = (text, named, gazetteer, anchor)
    found: list[ActorMention] = []
    for match in _NUMBERED.finditer(text):
        if not _blocked(match, taken, masked):
            found += _numbered(match, view)
    for match in _UNNUMBERED.finditer(text):
        if not _blocked(match, taken, masked):
            found += _unnumbered(match, starts, view)
    return found


def _numbered(match, view) -> list[ActorMention]:
    """"the five presidents", "all three leaders", "the three agreed": the that-many latest fitting people."""
    text, named, gazetteer, anchor = view
    people = _members(text, named, match.start(), match.start() - GROUP_REACH, _noun(match.group("noun")),
                      gazetteer, anchor)
    count = _NUMBERS[match.group("number").lower()]
    if len(people) < count:
        return []
    end = match.end("noun") if match.group("noun") else match.end("number")
    return [ActorMention(match.start(), end, text[match.start():end], ref) for ref in people[:count]]


def _unnumbered(match, starts, view) -> list[ActorMention]:
    """"the leaders agreed": the fitting people of the sentence before and this one, of two states or more."""
    text, named, gazetteer, anchor = view
    sentence_start = _sentence_start(starts, match.start())
    since = _sentence_start(starts, sentence_start - 1) if sentence_start > 0 else 0
    since = max(since, match.start() - GROUP_REACH)  # (bounded: a "sentence" of junk may be very long)
    people = _members(text, named, match.start(), since, _noun(match.group("noun")), gazetteer, anchor)
    if len(people) < 2 or len({ref.country for ref in people if ref.country}) < 2:
        return []
    return [ActorMention(match.start(), match.end(), match.group(), ref) for ref in people]


def _noun(noun: str | None) -> str:
    return (noun or "men").lower().replace("defence", "defense")


def _members(text, named: _Named, position: int, since: int, noun: str, gazetteer, anchor) -> list[ActorRef]:
    """The distinct people named between `since` and `position` whose office fits `noun`, most recent first; not
    those named attributively ("since the Bush-Putin summit": the presidents' next meeting is not thereby theirs)."""
    before = [m for m in reversed(named.within(max(0, since), position)) if not _attributive(text, m)]
    return _fitting(before, noun, None, gazetteer, anchor, len(before))


def _merged(spans):
    """Sorted spans with overlapping ones joined (mentions of one pair share a span)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
