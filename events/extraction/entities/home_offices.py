""""The president", "the prime minister" with no person of that office named before (anaphora found none): the holder
of the office, on the issue day, in the state the clause is about (the brief of issue 11: "the president" of the
article's or the clause's state).

    resolve_home_offices(text, sentences, entities, gazetteer, anchor, masked) -> list[ActorMention]

The state: the one state the sentence names (by name, demonym or capital); with none, the state the article names
most; with two or more, none (precision first: "the president" of "Kuchma told Moscow ..." is not guessed). Not
"the former president", nor a phrase after a name and a comma or before a name or "of" (an apposition, or an office
of something else).
"""
from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter

from events.extraction.entities.gazetteer import Gazetteer
from events.extraction.entities.mentions import ActorMention
from events.extraction.phrases import TheWord

_BARE_OFFICE = TheWord(r"\s+(?P<noun>president|prime minister|premier|foreign minister|defen[cs]e minister|"
                       r"chancellor)\b(?![-\w]|['\u2019]s\s+(?:brother|sister|wife|son|daughter|family)\b|\s*,?\s*"
                       r"(?:[A-Z]|of\b))")
# "Igor Ivanov, the foreign minister, ...": an apposition to the name before it, not another man.
_APPOSITION_BEFORE = re.compile(r"[A-Z][\w'\u2019-]+,\s+$")
_STATE_KINDS = frozenset({"name", "adjective", "capital"})


def resolve_home_offices(text: str, sentences, entities, gazetteer: Gazetteer, anchor: datetime.date,
                         masked: list[tuple[int, int]] = ()) -> list[ActorMention]:
    """A mention of the holder of each bare office phrase no other rule resolved (see the module's docstring)."""
    taken = {m.start for m in entities.actors}
    found: list[ActorMention] = []
    home = None
    starts = [s.start for s in sentences]
    for match in _BARE_OFFICE.finditer(text):
        if _skipped(match, text, taken, masked):
            continue
        if home is None:
            home = _article_state(entities)
        state = _place_of_reception(match.start(), text, entities) or \
            _clause_state(match.start(), sentences, starts, entities, home)
        holder = gazetteer.office_holder(state, match.group("noun").lower(), anchor) if state else None
        if holder:
            found.append(ActorMention(match.start(), match.end(), match.group(), gazetteer.actor_ref(holder, anchor)))
    return found + _kremlin_hosts(text, gazetteer, anchor, masked)


# "the guest was received in the Kremlin", "was welcomed the next morning in the Kremlin's St. George Hall": a
# reception in the Kremlin with no agent named (no "by" after it in its clause) is the Russian president's.
_KREMLIN_RECEPTION = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:received|welcomed|greeted)\b"
                                r"(?P<between>[^.;,()]{0,40}?)\b(?:in|at)\s+the\s+(?P<kremlin>Kremlin)\b")
_AGENT_AFTER = re.compile(r"[^.;()]{0,40}?\bby\b")


def _kremlin_hosts(text: str, gazetteer: Gazetteer, anchor: datetime.date, masked) -> list[ActorMention]:
    """A mention of the Russian president on the issue day at "Kremlin" of each agentless reception there."""
    if "Kremlin" not in text:
        return []
    found = []
    for match in _KREMLIN_RECEPTION.finditer(text):
        if " by " in match.group("between") or _AGENT_AFTER.match(text, match.end()) \
                or any(start <= match.start("kremlin") < end for start, end in masked):
            continue
        holder = gazetteer.office_holder("RU", "president", anchor)
        if holder:
            found.append(ActorMention(match.start("kremlin"), match.end("kremlin"), "Kremlin",
                                      gazetteer.actor_ref(holder, anchor)))
    return found


def _skipped(match, text: str, taken: set[int], masked) -> bool:
    """Resolved already, inside a source attribution, or in apposition after a name."""
    return match.start() in taken or any(start <= match.start() < end for start, end in masked) \
        or bool(_APPOSITION_BEFORE.search(text, max(0, match.start() - 60), match.start()))


def _article_state(entities) -> str:
    """The state the article names most (by name, demonym or capital); "" when it names none."""
    counts = Counter(m.code for m in entities.countries if m.kind in _STATE_KINDS and m.code)
    return counts.most_common(1)[0][0] if counts else ""


# "received in the Kremlin by the president", "in Tehran by the foreign minister": the agent of a passive right after
# the place it acted in holds that place's state's office, whatever else the sentence names.
_BY_AFTER_PLACE = re.compile(r"\s+by\s+$")


def _place_of_reception(position: int, text: str, entities) -> str:
    """The state of a capital or seat of power (or a state's name) right before "by the <office>", else ""."""
    by = _BY_AFTER_PLACE.search(text, max(0, position - 8), position)
    if by is None:
        return ""
    places = [m for m in entities.countries_in(max(0, by.start() - 40), by.start())
              if m.end == by.start() and m.code and m.kind in ("name", "capital")]
    return places[-1].code if places else ""


def _clause_state(position: int, sentences, starts: list[int], entities, home: str) -> str:
    """The one state the sentence holding `position` names, else `home` when it names none, else ""."""
    index = bisect.bisect_right(starts, position) - 1
    sentence = sentences[index] if index >= 0 and position < sentences[index].end else None
    if sentence is None:
        return home
    codes = {m.code for m in entities.countries_in(sentence.start, sentence.end) if m.kind in _STATE_KINDS and m.code}
    if len(codes) == 1:
        return codes.pop()
    return home if not codes else ""
