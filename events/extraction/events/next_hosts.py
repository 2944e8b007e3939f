"""The host of a reception named only in the next sentence: "the next day the guest was received in the Kremlin
(sources). President X, who ..., told the visitor that ...": the reception's clause names no receiver ("received in
the Kremlin", no "by"), and the sentence after it opens on the person who speaks to the guest. That person is the
reception's host."""
from __future__ import annotations

import re

from events.extraction.mention import EventMention

# A reception with no receiver: "was received in the Kremlin", "is to be received at the White House".
_RECEIVED_AT = re.compile(r"\b(?:was|were|is\s+to\s+be|will\s+be|has\s+been)\s+received\s+(?:in|at)\s+the\s+"
                          r"[A-Z][\w-]*")
# What the next sentence's subject does to the guest: "told the visitor", "assured his guest", "told him".
_TO_THE_GUEST = re.compile(r"\b(?:told|assured|informed|promised|asked|gave|thanked|invited|urged)\s+"
                           r"(?:(?:the|his|her|their)\s+(?:visitor|guest)|him|her)\b")
# How far into the next sentence its subject may be named (a title before the name).
SUBJECT_REACH = 40


def with_next_sentence_hosts(mentions: list[EventMention], text: str, entities) -> None:
    """Adds the host named in the next sentence to each reception with no receiver of its own (in place)."""
    for mention in mentions:
        if len(mention.actors) != 1 or "received" not in mention.sentence:
            continue
        end = mention.sentence_end
        reception = _RECEIVED_AT.search(text, mention.date_text_start, end)
        if reception is None or " by " in text[reception.end():end]:
            continue
        host = _speaker_to_guest(text, end, entities, mention.actors[0])
        if host is not None:
            mention.actors = [*mention.actors, host]


def _speaker_to_guest(text: str, start: int, entities, guest):
    """The person the sentence after `start` opens on, when he speaks to the guest in it and is not the guest."""
    stop = text.find(". ", start + 1)
    stop = len(text) if stop < 0 else stop
    people = entities.actors_in(start, stop)
    if not people:
        return None
    first = min(people, key=lambda m: m.start)
    if first.start - start > SUBJECT_REACH or first.ref.name == guest.name or first.ref.country == guest.country:
        return None
    return first.ref if _TO_THE_GUEST.search(text, first.end, stop) else None
