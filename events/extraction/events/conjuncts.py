"""Predicates of one subject in a row, each with a date of its own ("Paek arrived on Sunday, held talks with Ivanov
on Monday, and yesterday saw Khristenko"; "He held talks with Ivanov on Thursday and on Friday was received by
Putin"): where a later predicate opens, so that a date's people are its own predicate's and the shared subject's,
not those of a neighbouring predicate's counterpart."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.spans import AND_VERB, PRESENT_VERBS, SPECULATION_BREAK

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

# "and" and at most a preposition, right before the date: "and on Friday was received", "and yesterday saw".
_AND_BEFORE_DATE = re.compile(r"\band\s+(?:(?:on|in|at|early|late)\s+)?$")
# A finite verb right after the date (the subject is the one before "and", not a name after the date).
_VERB_AFTER = re.compile(r",?\s+(?:is|are|was|were|will|would|has|had|also|then|[a-z]{2,}ed|met|saw|held|flew|left|"
                         r"went|came|spent|told|said|gave|took|sent|made|began|brought|paid|spoke|wrote|"
                         + PRESENT_VERBS + r")\b")
_LOOKBACK = 12


def and_before_date(text: str, timex: dict) -> int | None:
    """Where "and" starts when the date opens a later predicate of the clause's subject ("and yesterday saw X",
    "and on Friday was received by Y"); None otherwise."""
    low = max(0, timex["start"] - _LOOKBACK)
    match = _AND_BEFORE_DATE.search(text, low, timex["start"])
    if match is None or not _VERB_AFTER.match(text, timex["end"]):
        return None
    return match.start()


def date_predicate_at(text: str, position: int, ctx: SentenceContext) -> bool:
    """Does text[position:] open with "and", a date of the sentence and its verb (", and yesterday saw ...")?"""
    for timex in ctx.claimants:
        if position < timex["start"] <= position + _LOOKBACK + 2:
            opening = and_before_date(text, timex)
            if opening is not None and not text[position:opening].strip():
                return True
    return False


def conjunct_openings(text: str, start: int, timex: dict) -> list[int]:
    """Where later predicates of the clause begun at `start` open before the date: "and" and a verb ("and returns
    to Havana", "and is to report"), or "and" right before the date and its verb."""
    openings = [match.start() for match in AND_VERB.finditer(text, start, timex["start"])]
    own = and_before_date(text, timex)
    if own is not None and own >= start and own not in openings:
        openings.append(own)
    return openings


# The bare verb a predicate of a series opens with, its subject told before ("..., held talks with Ivanov on Monday,
# and yesterday saw ..."): a past tense or a present one of the closed list.
_BARE_PREDICATE = re.compile(r"\s*(?:[a-z]{2,}ed|met|saw|held|flew|left|went|came|spent|told|said|gave|took|sent|made|"
                             r"began|brought|paid|spoke|wrote|" + PRESENT_VERBS + r")\s+(?!of\b|by\b|to\b|in\b)")


def bare_predicate(text: str, position: int) -> bool:
    """Does text[position:] open a predicate with no subject of its own, after a comma (a series of one
    subject's predicates)?"""
    return position > 0 and text[position - 1] == "," and bool(_BARE_PREDICATE.match(text, position))


# "before flying home on Sunday", "after leaving Kyiv in the evening": a traveller's departure told by a participle of
# the clause's subject; the people the clause names before it are the main verb's ("where he is to meet X, before
# flying home on Sunday": X does not fly).
_DEPARTURE = re.compile(r"\b(?:before|after)\s+(?:flying|leaving|returning|heading|departing|travell?ing|going)\b")


def departure_at(text: str, position: int) -> bool:
    """Does text[position:] open with a departure participle (", before flying home on Friday")?"""
    return bool(_DEPARTURE_AT.match(text, position))


_DEPARTURE_AT = re.compile(r"\s*" + _DEPARTURE.pattern)


def without_objects_before_departure(reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less those named only between the clause's subject and a departure participle whose phrase holds
    the date."""
    departure = _departure_of(reading, ctx)
    if departure is None or len(actors) < 2:
        return actors
    objects = _objects_before(reading.clause[0], departure, ctx)
    kept = [ref for ref in actors if ref.name not in objects]
    return kept or actors


def _departure_of(reading, ctx: SentenceContext) -> int | None:
    """Where the last departure participle of the clause before the date starts, when the date is in its phrase."""
    text, timex = ctx.text, reading.timex
    departure = None
    for match in _DEPARTURE.finditer(text, reading.clause[0], timex["start"]):
        departure = match
    if departure is None or SPECULATION_BREAK.search(text, departure.end(), timex["start"]):
        return None
    return departure.start()


def _objects_before(start: int, departure: int, ctx: SentenceContext) -> set:
    """The people named between the subject (the names before the first verb after `start`) and `departure`, and
    nowhere after it."""
    before = sorted((m for m in ctx.actor_mentions if start <= m.start < departure), key=lambda m: m.start)
    subject = set()
    for mention in before:
        subject.add(mention.ref.name)
        if _VERB_AFTER.match(ctx.text, mention.end):
            break
    objects = {m.ref.name for m in before} - subject
    return objects - {m.ref.name for m in ctx.actor_mentions if m.start >= departure}


# What may end a names' apposition: a comma, a semicolon, a parenthesis (the sources), the sentence's end.
_APPOSITION_END = re.compile(r"\s*(?:[,;.(]|$)")
_NAME_JOIN = re.compile(r"(?:,\s+|\s+and\s+|,\s+and\s+)")


def names_apposition_commas(ctx: SentenceContext) -> frozenset[int]:
    """The commas around names in apposition to a lower-case noun, one name or two joined by "and", before a
    semicolon, a parenthesis or the sentence's end too ("with the speakers of both houses, A and B;", "the railways
    minister, C (Itar-Tass)"): the names are the noun's, and its clause goes on past the opening comma."""
    text, found = ctx.text, set()
    mentions = sorted(ctx.actor_mentions, key=lambda m: m.start)
    for index, mention in enumerate(mentions):
        opening = mention.start - 2
        if opening <= ctx.sentence.start or text[opening:mention.start] != ", " or not _noun_before(text, opening):
            continue
        last = _last_joined(text, mentions, index)
        end = _APPOSITION_END.match(text, last.end, ctx.sentence.end)
        if end and end.group().strip() in (",", ";", "(", ".", ""):
            found.add(opening)
            if end.group().strip() == "," and not clause_after_apposition(text, end.end() - 1, ctx):
                found.add(end.end() - 1)
    return frozenset(found)


# A conjunction after the comma that closes an apposition, then a date or a pronoun: a coordinate clause of its own
# opens there ("held talks with his counterpart, Igor Ivanov, and yesterday he was received by X").
_JOINT_THEN = re.compile(r",\s+(?:and|but)\s+(?:(?:on|in|at|early|late)\s+)?")
_PRONOUN_SUBJECT = re.compile(r"(?:he|she|they)\s")


def clause_after_apposition(text: str, comma: int, ctx: SentenceContext) -> bool:
    """Does a coordinate clause open at the comma at `comma` (one closing a name's apposition): a conjunction,
    then one of the sentence's dates or a personal pronoun?"""
    joint = _JOINT_THEN.match(text, comma)
    if joint is None:
        return False
    at = joint.end()
    return _PRONOUN_SUBJECT.match(text, at) is not None or any(timex["start"] == at for timex in ctx.claimants)


def _last_joined(text: str, mentions: list, index: int):
    """The last of the names joined to mentions[index] by commas or "and" ("A and B", "A, B and C")."""
    last = mentions[index]
    for later in mentions[index + 1:]:
        if not _NAME_JOIN.fullmatch(text, last.end, later.start):
            break
        last = later
    return last


def _noun_before(text: str, comma: int) -> bool:
    word = text[max(0, comma - 30):comma].split()[-1:]
    return bool(word) and word[0].isalpha() and word[0].islower()


# "Vladimir Rushailo, the secretary of the Security Council, and Foreign Minister X's first deputy, Y": a name, its
# description between commas, then "and" and the next person of the list.
_DESCRIPTION_THEN_AND = re.compile(r", (?:the|his|her|its|their) [^,;:()\u2013\u2014]{3,80}, and (?=[A-Z])")


def description_apposition_commas(ctx: SentenceContext) -> frozenset[int]:
    """The commas around a lower-case description of a person that a list goes on after with "and" and another
    person: the list is one object, and its clause goes on past them."""
    text, found = ctx.text, set()
    starts = [m.start for m in ctx.actor_mentions]
    for mention in ctx.actor_mentions:
        match = _DESCRIPTION_THEN_AND.match(text, mention.end, ctx.sentence.end)
        if match and any(match.end() <= start <= match.end() + 60 for start in starts):
            found.update((match.start(), match.end() - len(", and ")))
    return frozenset(found)
