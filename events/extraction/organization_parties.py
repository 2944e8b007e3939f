"""An organization's own gathering takes all its members as parties.

"NATO's leaders meet in Madrid on July 8", "the G-8 summit opened in Birmingham on Friday", "to be signed by
Yeltsin and the leaders of the sixteen NATO states on May 27": the event is the organization's, so every
state that was a member on the event's day is a party (organizations.json keeps members with their dates).
The organization as a mere venue of other people's meeting ("Bush and Putin met at the G-8 summit",
"flew to Brunei for the APEC summit") or as one side of a two-party format ("the EU-Russia summit",
"the Permanent Joint Council") adds nobody: the writers' convention (tests/devset/gold.json) keeps those
members optional or absent. Large bodies (the UN, the OSCE, the Council of Europe) are never expanded:
news of their sessions never means every member as a party.
"""
from __future__ import annotations

import datetime
import re

# More members than this: a forum, not a party list (UN 191, OSCE 55, Council of Europe 46).
MAX_MEMBERS = 30
# Only a gathering's own kinds: a visit or a statement at the time of a summit is somebody's, not the members'.
GATHERING_TYPES = frozenset({"summit", "meeting", "agreement", "founding"})

_GATHERING = r"(?:summit|summit meeting|ministerial|ministerial meeting|ministers' meeting|heads-of-state meeting)"
_PEOPLE = (r"(?:leaders|heads of state(?: and government)?|heads of government|presidents|prime ministers|"
           r"foreign ministers|defen[cs]e ministers|finance ministers|oil ministers|ministers)")
# "NATO's leaders", "the G-8 leaders", "OPEC ministers", "the NATO summit", "the Shanghai Five's summit".
_AFTER_NAME = re.compile(r"(?:['\u2019]s)?\s+(?:(?:annual|regular|emergency|extraordinary|informal|"
                         r"jubilee|first|next|last|anniversary)\s+)?(?:" + _PEOPLE + "|" + _GATHERING + r")\b")
# "the leaders of the sixteen NATO states", "a summit of the Shanghai Five", "the ministers of OPEC".
_BEFORE_NAME = re.compile(r"\b(?:" + _PEOPLE + "|member states|members|" + _GATHERING + r")\s+of\s+(?:the\s+|its\s+|all\s+)?"
                          r"(?:[a-z]+\s+)?$")
# The organization as a place other people go to or meet at, or one side of a pair.
_VENUE_BEFORE = re.compile(r"\b(?:at|to|for|from|on the sidelines of|on the margins of|in the margins of|"
                           r"during|after|before|ahead of|since|with|between)\s+(?:the\s+|this year's\s+|"
                           r"last year's\s+|next year's\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PAIR = re.compile(r"[-\u2013]\s*(?:Russia|Russian|Ukraine|Ukrainian|China|Chinese|U\.S\.|US|American)\b"
                   r"|\b(?:Russia|Russian|Ukraine|Ukrainian|China|Chinese|U\.S\.|US|American)\s*[-\u2013]\s*$")
# Surface forms that name an organ or a two-party body, not the organization meeting as itself.
_ORGAN_WORDS = re.compile(r"\b(?:Council|Commission|Parliament|Assembly|Forum|Russia)\b")


def add_member_parties(mentions, entities, gazetteer, body: str) -> None:
    """Adds to each mention's countries the members of an organization whose own gathering the mention's
    clause reports (in place; order kept: the members follow the countries already there)."""
    members_by_slug = {org["slug"]: org.get("members", []) for org in gazetteer.organizations}
    for mention in mentions:
        if mention.event_type not in GATHERING_TYPES:
            continue
        start, end = date_clause(body, mention)
        for org in entities.organizations_in(start, end):
            members = members_by_slug.get(org.slug, [])
            if 0 < len(members) <= MAX_MEMBERS and is_own_gathering(body, org, start, end):
                mention.countries = _with_members(mention.countries, members, mention.date_start)


def date_clause(body: str, mention) -> tuple[int, int]:
    """The part of the mention's sentence between the semicolons (or colons) around its date."""
    start, end = mention.sentence_start, mention.sentence_end
    sentence = body[start:end]
    at = mention.date_text_start - start
    left = max(sentence.rfind(";", 0, at), sentence.rfind(":", 0, at))
    right = [i for i in (sentence.find(";", at), sentence.find(":", at)) if i >= 0]
    return start + left + 1, start + (min(right) if right else len(sentence))


def is_own_gathering(body: str, org, clause_start: int, clause_end: int) -> bool:
    """Does the clause speak of the organization itself gathering (its leaders, its summit), rather than of
    a venue, an organ or a two-party format?"""
    if _ORGAN_WORDS.search(org.text):
        return False
    before = body[max(clause_start, org.start - 60):org.start]
    after = body[org.end:min(clause_end, org.end + 60)]
    if _PAIR.search(before) or _PAIR.match(after):
        return False
    people_of = _BEFORE_NAME.search(before)
    if people_of:
        return not _VENUE_BEFORE.search(before[:people_of.start()])
    return bool(_AFTER_NAME.match(after)) and not _VENUE_BEFORE.search(before)


def _with_members(countries: list[str], members: list[dict], day: datetime.date) -> list[str]:
    codes = list(countries)
    for member in members:
        if _member_on(member, day) and member["country"] not in codes:
            codes.append(member["country"])
    return codes


def _member_on(member: dict, day: datetime.date) -> bool:
    start, end = member.get("start"), member.get("end")
    return ((start is None or datetime.date.fromisoformat(start) <= day)
            and (end is None or day < datetime.date.fromisoformat(end)))
