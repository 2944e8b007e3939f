""""His Chinese counterpart": the holder, on the issue day, of the office the man of "his" holds, in the state the
demonym names (the dated gazetteer: roles.json office_nouns).

    resolve_counterparts(text, entities, gazetteer, anchor, masked) -> list[ActorMention]

Run after anaphora, which has said whom "his" stands for. Igor Ivanov's "Chinese counterpart" in 2001 is China's
foreign minister, Tang Jiaxuan; Sergeev's "Iranian counterpart" Iran's defence minister. Nothing when a name follows
("his Chinese counterpart, Tang Jiaxuan": the name is the person, found as such), when the owner's office is none
of the offices below, or when the gazetteer knows no holder (precision first).
"""
from __future__ import annotations

import datetime
import re

from events.extraction.entities.gazetteer import Gazetteer, _role_covers, _title_is
from events.extraction.entities.mentions import ActorMention

# (r"[Hh](?<!\w[Hh])" is r"\b[Hh]", but lets re skip in C to the next h instead of trying every position.)
_COUNTERPART = re.compile(r"[Hh](?<!\w[Hh])(?:is|er)\s+(?P<qual>[A-Z][\w'\u2019.-]+)\s+(?:counterpart|opposite number)\b"
                          r"(?!\s*,?\s*[A-Z])")
# The offices a counterpart may hold, most specific first (office_nouns keys).
_OFFICES = ("foreign minister", "defense minister", "prime minister", "chancellor", "president", "interior minister",
            "finance minister")


def resolve_counterparts(text: str, entities, gazetteer: Gazetteer, anchor: datetime.date,
                         masked: list[tuple[int, int]] = ()) -> list[ActorMention]:
    """A mention of each "his <Demonym> counterpart" whose holder the gazetteer knows (see the module's docstring)."""
    if "counterpart" not in text and "opposite number" not in text:
        return []
    owners = {m.start: m.ref for m in entities.actors if m.text.lower() in ("his", "her")}
    found = []
    for match in _COUNTERPART.finditer(text):
        holder = _holder(match, owners.get(match.start()), gazetteer, anchor, masked)
        if holder:
            start = match.start("qual")
            found.append(ActorMention(start, match.end(), text[start:match.end()], gazetteer.actor_ref(holder, anchor)))
    return found


def _holder(match, owner, gazetteer: Gazetteer, anchor, masked) -> str | None:
    """The gazetteer's holder of `owner`'s office in the demonym's state, when it is another man."""
    country = gazetteer.country_of_phrase(match.group("qual"))
    if owner is None or country is None or country == owner.country \
            or any(start <= match.start() < end for start, end in masked):
        return None
    noun = _office_noun(owner, gazetteer, anchor)
    holder = gazetteer.office_holder(country, noun, anchor) if noun else None
    return holder if holder != owner.name else None


def _office_noun(owner, gazetteer: Gazetteer, day: datetime.date) -> str | None:
    """The office noun (roles.json office_nouns) of what `owner` held on `day`: his gazetteer roles, else his title
    as found."""
    actor = gazetteer.actor(owner.name) if owner.known else None
    titles = [role["title"] for role in (actor or {}).get("roles", []) if _role_covers(role, day)]
    titles = titles or ([owner.title] if owner.title else [])
    nouns = gazetteer.roles.get("office_nouns", {})
    for noun in _OFFICES:
        prefixes = nouns.get(noun, ())
        if any(_holds(title, noun, prefixes) for title in titles):
            return noun
    return None


def _holds(title: str, noun: str, prefixes) -> bool:
    return title.lower() == noun or any(_title_is(title, prefix) for prefix in prefixes)
