"""Who a summary names: the parties after "between", the agent before the trigger, the nearest actors or
states."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.participants import (actors_nearest, countries_nearest, display_name,
                                                   state_is_nearer, unique_in_order, unique_mentions)
from events.extraction.events.clauses import SINCE, subject_before_apposition
from events.extraction.events.spans import CLAUSE_BREAK, OBJECT_STOP, asides_between, word_before
from events.extraction.events.triggers import Trigger
from events.extraction.events.windows import (ADDRESSEE_LOOKBACK, AGENT_REACH, APPOSITIVE_GAP, BETWEEN_REACH,
                                              OPENING_PERSON, PRONOUN_LOOKBACK)

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

# A name after one of these words is inside a phrase ("step out of North Korea's isolation"), not a subject.
_NOT_SUBJECT_AFTER = frozenset({"of", "in", "to", "from", "toward", "towards", "with", "at", "for", "on", "over",
                                "against", "into", "about", "between", "among", "breaking", "by"})
# "Moscow's well-publicized repudiation": what stands between an owner and its trigger.
_OWNER = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}$")
_BETWEEN_STOP = re.compile(r"[;,.(]|\s[a-z]+(?:ed|s)\s")
_LETTERS = re.compile(r"[A-Za-z]+")
_TO_BEFORE = re.compile(r"\bto\s+$")
_PRONOUN_BEFORE = re.compile(r"\b(?:he|his|she|her)\s+(?:[\w\u2019']+\s+){0,2}$", re.IGNORECASE)


_HIS_COUNTERPART = re.compile(r"\b(?:his|her)\s+(?:[a-z]+\s+)?counterpart")


def agent_before(trigger: Trigger, place, ctx: SentenceContext) -> list[str]:
    """The subject of `trigger`: names (persons first, else states) standing before it in its clause,
    within AGENT_REACH ("Moscow announced", "Russia and North Korea intended to resume talks")."""
    start = _subject_start(trigger, ctx)
    people = _outside_relatives([m for m in ctx.actor_mentions if start <= m.start and m.end <= trigger.start],
                                start, trigger, ctx)
    if people:
        return [display_name(m.ref.name) for m in unique_mentions(people)]
    states = [m for m in ctx.country_mentions if start <= m.start and m.end <= trigger.start
              and _may_be_subject(m, trigger, ctx.text, place)]
    return _state_names(states, ctx)


def _outside_relatives(people: list, start: int, trigger: Trigger, ctx: SentenceContext) -> list:
    """`people` less those named in a relative clause ("Z, who came with the premier, is to see B today"), unless
    "his counterpart" names one again ("Z, who last met B in May, is to see his counterpart again at the meeting");
    all of them when none would remain."""
    if len(people) < 2 or _HIS_COUNTERPART.search(ctx.text, start, trigger.start):
        return people
    asides = asides_between(ctx.text, start, trigger.start)
    return [m for m in people if not any(low <= m.start < high for low, high in asides)] or people


def _subject_start(trigger: Trigger, ctx: SentenceContext) -> int:
    """Where the subject of `trigger` may start: after the last clause break within AGENT_REACH before it."""
    text = ctx.text
    start = max(ctx.sentence.start, trigger.start - AGENT_REACH)
    for match in CLAUSE_BREAK.finditer(text, start, trigger.start):
        start = match.end()
    # "de Villepin, the secretary-general of the Elysee, is due in": the subject stands before the apposition.
    start = subject_before_apposition(text, start, ctx)
    for match in SINCE.finditer(text, start, trigger.start):  # "the two men since Sharon took office"
        start = match.start()
    return start


def _may_be_subject(mention, trigger: Trigger, text: str, place=None) -> bool:
    """A state named as such (not the place) may be the subject; but one after a preposition is inside
    a phrase ("a step out of North Korea's isolation came during a visit"), unless it owns the trigger
    ("on the heels of Moscow's well-publicized repudiation")."""
    if mention.kind in ("none", "city") or mention.text == place:  # "Sochi" is never the state's voice
        return False
    if word_before(text, mention.start) not in _NOT_SUBJECT_AFTER:
        return True
    rest = text[mention.end:trigger.start]
    return bool(_OWNER.match(rest))


def between_parties(trigger: Trigger, ctx: SentenceContext) -> list[str]:
    """"talks ... between Russian and North Korean officials", "between Putin and Kim Dae-jung": the
    parties named after "between" (persons, else states), when it follows the trigger in its clause."""
    text = ctx.text
    window_end = min(ctx.sentence.end, trigger.end + BETWEEN_REACH)
    index = text.find(" between ", trigger.end, window_end)
    if index < 0 or OBJECT_STOP.search(text, trigger.end, index):
        return []
    start = index + len(" between ")
    end = _between_end(start, ctx)
    people = [m for m in ctx.actor_mentions if start <= m.start < end]
    if people:
        return [display_name(m.ref.name) for m in unique_mentions(people)]
    states = [m for m in ctx.country_mentions if start <= m.start < end and m.kind != "none"]
    return _state_names(states, ctx)


def _between_end(start: int, ctx: SentenceContext) -> int:
    """Where the parties after "between" end: at punctuation or a verb; an appositive ("South Korea's
    ambassador to Russia, Jai-chun Lee") continues past one comma to the name."""
    text = ctx.text
    stop = _BETWEEN_STOP.search(text, start, ctx.sentence.end)
    if not stop:
        return ctx.sentence.end
    if text[stop.start()] == "," and any(ctx.gazetteer.is_title_word(word)
                                         for word in _LETTERS.findall(text[start:stop.start()])):
        follow = [m for m in ctx.actor_mentions if stop.end() <= m.start <= stop.end() + APPOSITIVE_GAP]
        if follow:
            return follow[0].end
    return stop.start()


def _state_names(mentions, ctx: SentenceContext) -> list[str]:
    return unique_in_order(ctx.gazetteer.country_name(m.code) or m.code for m in mentions)


def _country_names(codes, ctx: SentenceContext) -> list[str]:
    return [ctx.gazetteer.country_name(code) or code for code in codes]


def parties(main: Trigger, event_type: str, near, place, ctx: SentenceContext) -> list[str]:
    """Who the summary names, in order of preference: the parties after "between"; the agent before the
    trigger (with the nearest other person for two-party happenings); the actors nearest the date and
    trigger; the sentence's opening person (its subject) when nothing nearer; the nearest states."""
    two_party = event_type in ctx.rules.two_party
    limit = 2 if two_party else 1
    names = between_parties(main, ctx) if two_party else []
    if names:
        return names[:limit]
    names = agent_before(main, place, ctx)
    if names:
        return _with_counterpart(names, limit, near, place, ctx, _subject_start(main, ctx))
    actors, country_mentions = _nearest(main, event_type, near, place, ctx)
    if actors:
        return [display_name(a.name) for a in actors[:limit]]
    opening = _opening_person(main, ctx)
    if opening:
        return opening
    if event_type == "summit":
        return []  # "the July 21-23 summit of G-7 countries": states named near a summit are not its hosts
    return _country_names(countries_nearest(country_mentions, near, place)[:limit], ctx)


def _nearest(main: Trigger, event_type: str, near, place, ctx: SentenceContext):
    """(the actors nearest the date and trigger, the country mentions that may name the party). A state
    act is the state's when a state is named nearer than any person ("Moscow's repudiation"), and a
    state named only after the act is its object or its audience, not its author ("The announcement
    came on the day a paper quoted U.S. sources"); a letter names its addressee second."""
    country_mentions = ctx.country_mentions
    actors = actors_nearest(ctx.actor_mentions, near)
    if event_type in ctx.rules.state_acts:
        if state_is_nearer(country_mentions, ctx.actor_mentions, near, place):
            actors = []
        country_mentions = [m for m in country_mentions if m.start < main.start]
    if event_type == "letter" and len(actors) > 1:
        actors = _addressee_last(actors, ctx)
    return actors, country_mentions


def _with_counterpart(names: list[str], limit: int, near, place, ctx: SentenceContext, subject: int) -> list[str]:
    """The agent's names, and for a two-party happening the counterpart: the nearest other person of the agent's
    clause (from `subject`, where its subject may start: "On Tuesday she met A, and yesterday the visitor was
    received by B": B, not the nearer A), else of the sentence, else the nearest other state ("Russian diplomats
    hosted visits by delegations from both North and South Korea")."""
    if len(names) < limit:
        others = _counterparts(names, near, ctx, subject)
        if not others or names[0] not in others:
            others += _country_names(countries_nearest(ctx.country_mentions, near, place), ctx)
        names += [name for name in others if name not in names]
    return names[:limit]


def _counterparts(names: list[str], near, ctx: SentenceContext, subject: int) -> list[str]:
    """The other people nearest `near`: those from `subject` on (the agent's clause) when there are any, else the
    sentence's (this side of its semicolons)."""
    mentions = _this_side_of_semicolons(near, ctx)
    own = [m for m in mentions if m.start >= subject and display_name(m.ref.name) not in names]
    return [display_name(a.name) for a in actors_nearest(own or mentions, near)]


def _this_side_of_semicolons(near, ctx: SentenceContext) -> list:
    """The sentence's actor mentions with no semicolon between them and `near`: "Kostov conceded defeat on
    Monday; President Stoyanov will begin consultations on Friday": Kostov is no counterpart of Friday's."""
    text = ctx.text
    return [m for m in ctx.actor_mentions
            if ";" not in text[min(m.end, near[0]):max(m.start, near[1])]]


def _addressee_last(actors: list, ctx: SentenceContext) -> list:
    """"in a letter to Kim, Putin praised": the person after "to" is the addressee, named second."""
    addressees = {m.ref.name for m in ctx.actor_mentions
                  if _TO_BEFORE.search(ctx.text[max(0, m.start - ADDRESSEE_LOOKBACK):m.start])}
    return sorted(actors[:2], key=lambda a: a.name in addressees)


def _opening_person(main: Trigger, ctx: SentenceContext) -> list[str]:
    """"Kim Jong-il's first step ... came during a visit": the sentence's only person, when it opens the
    sentence or a pronoun before the trigger refers to it."""
    opening = [m for m in ctx.actor_mentions if m.start - ctx.sentence.start <= OPENING_PERSON
               or _PRONOUN_BEFORE.search(ctx.text, max(ctx.sentence.start, main.start - PRONOUN_LOOKBACK), main.start)]
    if opening and len(unique_mentions(ctx.actor_mentions)) == 1:
        return [display_name(opening[0].ref.name)]
    return []
