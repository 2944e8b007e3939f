"""An organization named less directly inside an event's clause, resolved to the organization it stands for.

- A common noun the news uses for an organization once named ("the alliance's summit", "the union's
  leaders": organizations.json "descriptions"), resolved to the nearest organization named before it in the
  article that the noun describes.
- A summit given only by its place, its order or a possessive ("the Stockholm summit", "its Helsinki summit",
  "the next summit"): the gathering of the nearest organization (with a member list of at most 30 states)
  named before it in the article. A bare "the summit" is not taken (too often two leaders' own), nor a summit
  with a pair after it ("the Moscow summit with Clinton").
- The number of an organization's members used as its name ("the Fifteen", "the Eight", "the five
  presidents"): the organization with exactly that many members on the event's day that the article names,
  or else whose members the article all names. Numbers under four are people, not organizations.

Facts come from organizations.json: the gazetteer's own organizations (the database's, in the app) carry
names and aliases only, so the members, presidencies, descriptions and seats are read from the data file
for any slug the gazetteer lacks them for.
"""
from __future__ import annotations

import datetime
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from events.extraction.phrases import FirstLetters, TheWord
from events.extraction.timex_vocab import number_words

DATA = Path(__file__).resolve().parent / "data" / "organizations.json"
MAX_MEMBERS = 30
# Four to twelve, and the larger sizes some groups of states go by ("the Fifteen", "the Twenty-Five").
_NUMBERS = {**number_words(4, 12), **{w: n for w, n in number_words(13, 19).items() if n in (15, 16, 19)},
            "twenty-five": 25, "twenty-six": 26}
_PEOPLE = (r"(?:leaders|heads of state(?: and government)?|heads of government|presidents|prime ministers|"
           r"foreign ministers|defen[cs]e ministers|finance ministers|ministers)")
# (The patterns open with a class of their first letters, the word's edge looked behind after it: r"[Tt](?<!\w[Tt])he"
# is r"\b[Tt]he", but lets re skip in C to the next possible start instead of trying every position.)
# "the Seven", "the five presidents", and a number alone as a clause's subject ("the seven, who had met ...",
# "what the same five began in Shanghai"): numbers of four and more are groups of states, not people.
_NUMBER_GROUP = TheWord(r"\s+(?:(" + "|".join(n.capitalize() for n in _NUMBERS) + r")\b(?![ -][A-Z])|("
                        + "|".join(_NUMBERS) + r")\s+" + _PEOPLE + r"\b|(?:same\s+)?(" + "|".join(_NUMBERS)
                        + r")(?=,|\s+(?:who|had|have|has|were|are|began|agreed|met|signed|decided|will|would)\b))")
_BARE_SUMMIT = FirstLetters(r"[Tti](?<!\w[Tti])(?:(?<=[Tt])he|(?<=i)ts|(?<=t)heir)\s+(?:(?:next|last|first|annual|regular|informal|extraordinary|"
                            r"emergency|forthcoming|coming|upcoming)\s+)?(?:([A-Z][a-z]+)\s+)?summit\b"
                            r"(?!\s+(?:with|between)\b)", [(r"he(?<=(?<!\w)[Tt]he)", 1), (r"ts(?<=(?<!\w)its)", 1)])
# A gathering's people with no owner: "the foreign ministers would discuss ..." (not "the ministers of Russia and").
_BARE_PEOPLE = TheWord(r"(?:\s+(?:foreign|defen[cs]e|finance|prime)\s+ministers\b(?!\s+of\b|['\u2019])"
                       r"|\s+heads\s+of\s+(?:state|government)\b)")
# Surface forms that name an organ or a two-party body, not the organization meeting as itself.
ORGAN_WORDS = re.compile(r"\b(?:Council|Commission|Parliament|Assembly|Forum)\b|[-\u2013]\s*Russia\b|\bRussia\s*[-\u2013]")
_PLACE_KINDS = frozenset({"capital", "city", "region"})
# One side of a pair: "EU-Russia", "Russia-EU", "a summit with the European Union", "the summit between
# Russia and the European Union", "the summit of Russia and the EU".
_PAIR_AFTER = re.compile(r"\s*[-\u2013]\s*[A-Z][a-z.]")
_PAIR_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+\s*[-\u2013]\s*|\b(?:summit|summits|meeting|talks)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:with\s+|(?:between|of)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+and\s+)(?:the\s+)?)$")



@dataclass(frozen=True)
class IndirectMention:
    start: int
    end: int
    text: str
    slug: str
    gathering: bool = False  # the phrase names the organization's own gathering or its leaders as a group
    pair: bool = False  # ... of a two-party format: the summit it stands for was named as one ("EU-Russia")
    pronoun: bool = False  # "it" standing for the gathering ("doubt it will take place before the spring")


def organization_facts(gazetteer) -> dict[str, dict]:
    """slug -> the organization's facts: the gazetteer's entry over the data file's (members from the file
    when the gazetteer has none). Built once per gazetteer (kept on it), not once per article."""
    facts = getattr(gazetteer, "_organization_facts", None)
    if facts is None:
        facts = {}
        for org in gazetteer.organizations:
            fact = dict(_file_facts().get(org["slug"], {}))
            fact.update({key: value for key, value in org.items() if value})
            facts[org["slug"]] = fact
        gazetteer._organization_facts = facts
    return facts


@functools.lru_cache(maxsize=1)
def _file_facts() -> dict[str, dict]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {org["slug"]: org for org in data.get("organizations", [])}


@functools.lru_cache(maxsize=8)
def _description_regex(words: tuple[str, ...]):
    alternatives = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    return re.compile(r"[TtIi](?<!\w[TtIi])(?:(?<=[Tt])he|(?<=[Ii])ts|(?<=[Tt])heir)\s+(?:([A-Z][\w-]+)\s+)?(" + alternatives
                      + r")\b(?!\s+[A-Z])")


def indirect_mentions(body: str, entities, facts: dict, start: int, end: int,
                      day: datetime.date) -> list[IndirectMention]:
    """The organizations the clause body[start:end] names by a description, a bare summit or a number."""
    named = entities.organizations
    found = _descriptions(body, named, facts, start, end) + _bare_summits(body, entities, facts, start, end)
    return (found + _number_groups(body, entities, facts, start, end, day)
            + _bare_people(body, entities, facts, start, end) + _pronoun_gatherings(body, entities, facts, start, end))


def _descriptions(body, named, facts, start, end) -> list[IndirectMention]:
    by_word = _by_description(facts)
    if not by_word:
        return []
    found = []
    for match in _description_regex(tuple(sorted(by_word))).finditer(body, start, end):
        antecedent = _nearest_before(named, match.start(), by_word[match.group(2).lower()])
        if antecedent and _qualifies(match.group(1), facts.get(antecedent.slug, {})):
            found.append(IndirectMention(match.start(2), match.end(2), match.group(2), antecedent.slug))
    return found


def _qualifies(word: str | None, fact: dict) -> bool:
    """Is a capitalised word before the description ("the Shanghai organization", "the Atlantic alliance") a word
    of the organization's own name or aliases? (Else it names another body: "the Arab union".)"""
    if word is None:
        return True
    return any(word in name.split() for name in [fact.get("name", "")] + list(fact.get("aliases", ())))


# The gazetteer's facts are one dict for its life: their description words, indexed once (not per clause).
_DESCRIPTION_INDEX: dict[int, tuple[dict, dict]] = {}


def _by_description(facts: dict) -> dict:
    """description word -> the slugs of the organizations it describes."""
    cached = _DESCRIPTION_INDEX.get(id(facts))
    if cached is not None and cached[0] is facts:
        return cached[1]
    by_word = {}
    for slug, fact in facts.items():
        for word in fact.get("descriptions", ()):
            by_word.setdefault(word, set()).add(slug)
    _DESCRIPTION_INDEX.clear()
    _DESCRIPTION_INDEX[id(facts)] = (facts, by_word)
    return by_word


def _bare_summits(body, entities, facts, start, end) -> list[IndirectMention]:
    holders = _summit_holders(facts)
    named = [m for m in entities.organizations if _may_hold_summits(m, facts)]
    found = []
    for match in _BARE_SUMMIT.finditer(body, start, end):
        if not _says_whose(match, entities):
            continue
        antecedent = (_nearest_before(named, match.start(), holders) if match.group(0)[:3].lower() == "its"
                      else _nearest_gathering_before(body, named, match.start(), holders))
        if antecedent:
            found.append(IndirectMention(match.start(), match.end(), match.group(0), antecedent.slug, gathering=True,
                                         pair=is_pair(body, antecedent, antecedent.start - 60, antecedent.end + 60)))
    return found


_HOLDER_INDEX: dict[int, tuple[dict, frozenset]] = {}


def _summit_holders(facts: dict) -> frozenset:
    """The organizations whose summits a bare "the summit" may be (members, at most MAX_MEMBERS); worked out once
    per facts dict, as _by_description (not for every clause: a walk over every organization's facts)."""
    cached = _HOLDER_INDEX.get(id(facts))
    if cached is not None and cached[0] is facts:
        return cached[1]
    holders = frozenset(slug for slug, fact in facts.items() if 0 < len(fact.get("members", ())) <= MAX_MEMBERS)
    _HOLDER_INDEX.clear()
    _HOLDER_INDEX[id(facts)] = (facts, holders)
    return holders


# An organization named as gathering ("the summit of the CIS", "the CIS summit", "NATO's leaders").
_GATHERED_AFTER = re.compile(r"(?:['\u2019]s?)?\s+(?:[\w-]+\s+)?(?:summit|leaders|heads of state|presidents|"
                             r"foreign ministers|defen[cs]e ministers|ministers|meeting|session)\b")
_GATHERED_BEFORE = re.compile(r"\b(?:summit|leaders|heads of state|presidents|ministers|meeting|session)\s+of\s+"
                              r"(?:the\s+)?$")


def _nearest_gathering_before(body, named, at: int, slugs):
    """The organization a bare summit is of: the last one named before `at` as gathering ("the summit of the
    CIS ended ...", then "their next summit"), else the last one named before it. A group named in between
    only as something founded or as a venue's name ("the group GUAM, which they formed ...") is passed over.
    ("its summit" is the last organization's: a possessive takes the nearest.)"""
    for mention in reversed(named):
        if mention.start < at and mention.slug in slugs and (
                _GATHERED_AFTER.match(body, mention.end) or _GATHERED_BEFORE.search(body[max(0, mention.start - 30):mention.start])):
            return mention
    return _nearest_before(named, at, slugs)


def _bare_people(body, entities, facts, start, end) -> list[IndirectMention]:
    """"The Commonwealth's executive secretary said that the foreign ministers would meet in December": a
    gathering's people with no owner named take the organization their sentence named before them (one with
    a member list of at most 30). Only within the sentence: "the leaders" of a later sentence may be any two."""
    found = []
    for match in _BARE_PEOPLE.finditer(body, start, end):
        sentence_start = max(body.rfind(". ", 0, match.start()), body.rfind("\n", 0, match.start())) + 1
        named = [m for m in entities.organizations_in(sentence_start, match.start())
                 if 0 < len(facts.get(m.slug, {}).get("members", ())) <= MAX_MEMBERS
                 and not ORGAN_WORDS.search(m.text)]
        if named:
            found.append(IndirectMention(match.start(), match.end(), match.group(0), named[-1].slug, gathering=True))
    return found


# "it" as the subject of a gathering's own happening ("doubt it will take place before the spring").
IT_HAPPENS = re.compile(r"it(?<!\wit)\s+(?:will|would|could|can|may|might|is to|was to)\s+(?:(?:still|ever|now|not)\s+)?"
                         r"(?:take place|be held|open|convene)\b")


def _pronoun_gatherings(body, entities, facts, start, end) -> list[IndirectMention]:
    """"The summit of the five littoral states ... has been put off once more, and diplomats doubt it will take place
    before the spring": "it" as the subject of a gathering's taking place stands for the organization its sentence
    named before it as gathering (one with a member list of at most 30). Only within the sentence."""
    found = []
    for match in IT_HAPPENS.finditer(body, start, end):
        sentence_start = max(body.rfind(". ", 0, match.start()), body.rfind("\n", 0, match.start())) + 1
        named = [m for m in entities.organizations_in(sentence_start, match.start())
                 if 0 < len(facts.get(m.slug, {}).get("members", ())) <= MAX_MEMBERS and not ORGAN_WORDS.search(m.text)
                 and _named_as_gathering(body, m)]
        if named:
            found.append(IndirectMention(match.start(), match.start() + 2, "it", named[-1].slug, gathering=True,
                                         pronoun=True))
    return found


def _named_as_gathering(body: str, mention) -> bool:
    return bool(_GATHERED_AFTER.match(body, mention.end)
                or _GATHERED_BEFORE.search(body[max(0, mention.start - 30):mention.start]))


def _may_hold_summits(mention, facts) -> bool:
    """An organ ("European Commission President") holds no summit; an alias naming the gathering does."""
    return not ORGAN_WORDS.search(mention.text) or mention.text in facts.get(mention.slug, {}).get("gatherings", ())


def _says_whose(match, entities) -> bool:
    """Does the bare summit say whose it may be: a place, an order ("next") or a possessive? "the summit" alone
    does not, nor a word before it that is no place ("the Russian summit")."""
    if match.group(1):
        return any(m.kind in _PLACE_KINDS for m in entities.countries_in(match.start(1), match.end(1)))
    bare = match.group(0).split()[0].lower() == "the" and match.group(0).count(" ") == 1
    return not bare or bool(_SUMMIT_OPENS.match(match.string, match.end()))


# "The summit itself, which opened on Friday", "the summit opens in Genoa on Friday": the bare summit is the subject
# of its own opening or closing, so it is the gathering the article named last, not a meeting of two.
_SUMMIT_OPENS = re.compile(r"(?:\s+itself)?\s*,?\s+(?:which\s+|that\s+)?(?:opened|opens|closed|closes|ended|ends|began|"
                           r"begins|convened|convenes)\b")


def _number_groups(body, entities, facts, start, end, day) -> list[IndirectMention]:
    found = []
    for match in _NUMBER_GROUP.finditer(body, start, end):
        word = match.group(1) or match.group(2) or match.group(3)
        slug = _organization_of_size(entities, facts, _NUMBERS[word.lower()], day)
        if slug:
            found.append(IndirectMention(match.start(), match.end(), word, slug, gathering=True))
    return found


def _organization_of_size(entities, facts, size: int, day) -> str | None:
    """The organization of exactly `size` members on `day` the article names, else the one whose members the
    article all names (one only: two candidates say nothing)."""
    sized = _of_size(facts, size, day)
    named = [slug for slug in dict.fromkeys(m.slug for m in entities.organizations) if slug in sized]
    if named:
        return named[0] if len(named) == 1 else None
    article_codes = {m.code for m in entities.countries}
    complete = [slug for slug, codes in sized.items() if set(codes) <= article_codes]
    return complete[0] if len(complete) == 1 else None


def _of_size(facts, size: int, day) -> dict[str, list[str]]:
    """slug -> members on `day` of the organizations with exactly `size` members then."""
    members = {slug: members_on(fact, day) for slug, fact in facts.items()}
    return {slug: codes for slug, codes in members.items() if len(codes) == size}


def members_on(fact: dict, day: datetime.date) -> list[str]:
    return [m["country"] for m in fact.get("members", ()) if member_on(m, day)]


def member_on(member: dict, day: datetime.date) -> bool:
    start, end = member.get("start"), member.get("end")
    return ((start is None or datetime.date.fromisoformat(start) <= day)
            and (end is None or day < datetime.date.fromisoformat(end)))


def _nearest_before(named, at: int, slugs):
    """The last organization mention before offset `at` whose slug is among `slugs`."""
    for mention in reversed(named):
        if mention.start < at and mention.slug in slugs:
            return mention
    return None


def is_pair(body: str, org, clause_start: int, clause_end: int) -> bool:
    """Is the organization one side of a two-party format ("the EU-Russia summit", "summit with the EU")?"""
    before = body[max(clause_start, org.start - 60, 0):org.start]
    return bool(_PAIR_BEFORE.search(before) or _PAIR_AFTER.match(body[org.end:max(org.end, clause_end)]))
