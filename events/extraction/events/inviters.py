"""Who invites is no party to the visit he invites to: "Blair had invited Putin to pay a working visit to Britain
before the end of the year", "Putin's invitation to Mori to visit Russia this year": the visit is the guest's
(the rule book's planned visits list the visitor alone unless the host is named as meeting him)."""
from __future__ import annotations

import re

from events.extraction.events.context import Reading, SentenceContext

# After the inviter's name, up to the visit's trigger: his invitation (or "invited"), then "to" and a verb of
# coming, with no clause break between ("Bush has invited him to his ranch, and officials speak of November"
# names no visit verb: the host of his own ranch stays).
_INVITES = re.compile(
    r"(?:['\u2019]s\s+(?:[a-z]+\s+)?invitation|\s+(?:(?:has|had|have)\s+)?(?:also\s+)?invit(?:ed|es))\s+"
    r"[^,;:()\u2013\u2014]{0,60}?\bto\s+(?:visit|come|pay|make|return)\b[^,;:()\u2013\u2014]*$")


def without_inviters(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less a visit's inviter (named right before his invitation, which reaches the visit's
    trigger), when someone else is left."""
    if reading.event_type != "visit" or len(actors) < 2:
        return actors
    trigger_end = reading.main.end
    inviters = {m.ref.name for m in ctx.actor_mentions
                if m.end <= trigger_end and _INVITES.match(ctx.text[m.end:trigger_end])}
    kept = [ref for ref in actors if ref.name not in inviters]
    return kept if kept else actors
