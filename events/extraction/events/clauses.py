"""The clause that governs an event's date: the span whose countries and people are the event's."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.spans import APPOSITION_END, DASH_ASIDE, SPECULATION_BREAK
from events.extraction.events.triggers import Trigger, owned_triggers
from events.extraction.events.windows import REPORTED_REACH

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

_BETWEEN = re.compile(r"\bbetween\b")


def event_clause(timex: dict, main: Trigger, ctx: SentenceContext) -> tuple[int, int]:
    """The clause that governs the date: from the date to its trigger, widened to the nearest clause
    breaks the status rules use (SPECULATION_BREAK: punctuation, "that", "when", "which", "who",
    "while", "but"), stepping over dash asides. Widenings: an opening phrase that names no person
    ("Following talks in Tehran on Monday, a Russian official told ...") runs on into the main clause,
    whose subject it shares; what a reporting verb of the clause reports ("Moscow announced that Putin
    will go to Pyongyang") is part of the statement; and a country after a comma ("in Okinawa, Japan")
    stays with its place."""
    text, sentence = ctx.text, ctx.sentence
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    start = sentence.start
    for match in SPECULATION_BREAK.finditer(text, sentence.start, low):
        if not list_comma(text, match, ctx):
            start = match.end()
    for match in SINCE.finditer(text, start, low):
        start = match.start()  # "his first visit to Russia since he took office in March": the date's is "since ..."
    start = subject_before_apposition(text, start, ctx)
    start = subject_of_relative(text, start, ctx)
    start = shared_subject(text, start, ctx)
    names = ctx.country_names
    lists = list_commas(ctx)
    end = clause_end(text, high, sentence.end, names, lists)
    if start == sentence.start and end < sentence.end and text[end] == "," \
            and not any(start <= m.start < end for m in ctx.actor_mentions):
        end = clause_end(text, end + 1, sentence.end, names, lists)
    if text.startswith("that", end) and any(
            t.event_type in ctx.rules.statements and start <= t.start and 0 <= end - t.end <= REPORTED_REACH
            for t in ctx.triggers):
        end = clause_end(text, end + len("that"), sentence.end, names, lists)
    since = SINCE.search(text, high, end)
    if since:  # "..., the first by a Kremlin leader since Gorbachev's trip in April 1989": that trip's clause
        end = since.start()
    if main.event_type in ctx.rules.statements:
        return start, end  # what a statement reports is its content, later dates and all
    return start, next_happening_start(timex, high, end, ctx)


def next_happening_start(timex: dict, high: int, end: int, ctx: SentenceContext) -> int:
    """The clause ends where a later date's own happening begins: in "de Villepin is due in Moscow later
    this month to prepare a visit by Chirac sometime next year", the visit and Chirac are next year's."""
    later = [t for t in ctx.claimants if t is not timex and t["start"] >= high and t["start"] < end]
    if not later:
        return end
    mains = [owned_triggers(other, ctx.claimants, ctx.triggers, ctx.rules, ctx.text)[:1] for other in later]
    return min((own[0].start for own in mains if own and high <= own[0].start < end), default=end)


_AND_VERB = re.compile(r"\s*and\s+(?:is|are|was|were|will|would|has|have|had|then|later|also|[a-z]+ed)\b")


def shared_subject(text: str, start: int, ctx: SentenceContext) -> int:
    """A verb after ", and" shares the subject of the clause before: in "Gavrin arrived in Baghdad
    yesterday, and is to meet the oil minister today", the clause of "is to meet" starts with Gavrin's."""
    if start <= ctx.sentence.start or text[start - 1] != "," or not _AND_VERB.match(text, start):
        return start
    previous = ctx.sentence.start
    for match in SPECULATION_BREAK.finditer(text, ctx.sentence.start, start - 1):
        if not list_comma(text, match, ctx):
            previous = match.end()
    return subject_before_apposition(text, previous, ctx)


def subject_of_relative(text: str, start: int, ctx: SentenceContext) -> int:
    """A relative clause's subject is the person it follows: in "Jiang, who arrived in Moscow on Sunday,
    is to leave for Minsk tomorrow", the clause of "arrived" starts at Jiang."""
    if not (text.startswith("who", start - 3) and text[start - 3:start] == "who"):
        return start
    comma = text.rfind(",", ctx.sentence.start, start - 3)
    if comma < 0 or text[comma + 1:start - 3].strip():
        return start
    person = next((m for m in ctx.actor_mentions if m.end <= comma and not text[m.end:comma].strip()), None)
    return person.start if person is not None else start


_PRONOUNS = frozenset({"he", "He", "she", "She", "him", "his", "His"})
_LIST_GAP = re.compile(r"\s*(?:and\s+|or\s+)?")


def list_comma(text: str, match: re.Match, ctx: SentenceContext) -> bool:
    """Is this comma one of a list of named parties ("the leaders of Russia, China, Kazakhstan and
    Kyrgyzstan gathered ...", "Putin, Chirac and Prodi signed ...")? A mention ends right before it and
    another starts right after it: the list is one subject, not a clause break."""
    if match.group() != ",":
        return False
    # (a pronoun standing for a person, "Sergeev, he praised", is no item of a list)
    mentions = ctx.country_mentions + [m for m in ctx.actor_mentions if m.text not in _PRONOUNS]
    before = any(not text[m.end:match.start()].strip() for m in mentions if m.end <= match.start())
    if not before:
        return False
    after = _LIST_GAP.match(text, match.end()).end()
    return any(m.start == after for m in mentions)


_APPOSITION_OPEN = re.compile(r"\s+(?:the|a|an|his|her|its|their)\s", re.IGNORECASE)
# ", whose country holds the presidency,": a relative clause between a person and the rest of the clause.
_RELATIVE_OPEN = re.compile(r"\s+(?:who|whose|which|whom)\b")
# ", meanwhile,": an adverb between a subject and its verb ("Gavrin, meanwhile, arrived in Baghdad").
_ADVERB_ASIDE = re.compile(r"\s*(?:meanwhile|however|too|also|in turn|for (?:his|her|its|their) part|in the meantime|"
                           r"for example|for instance|moreover|though|in addition|by contrast|in fact|indeed)\s*",
                           re.IGNORECASE)


def subject_before_apposition(text: str, start: int, ctx: SentenceContext) -> int:
    """A clause that starts right after an apposition or an adverb aside keeps the person before it: in
    "Akhmad Kadyrov, the head of the republic's administration, flew to Moscow on Monday" and "Gavrin,
    meanwhile, arrived in Baghdad yesterday", the clause of the verb starts before the person, not after
    the aside's closing comma."""
    sentence_start = ctx.sentence.start
    if start <= sentence_start or text[start - 1] != ",":
        return start
    opening = text.rfind(",", sentence_start, start - 1)
    if opening < 0:
        return start
    relative = _RELATIVE_OPEN.match(text, opening + 1)
    inner = relative.end() if relative else opening + 1
    if SPECULATION_BREAK.search(text, inner, start - 1):
        return start
    if _is_name_apposition(text, opening + 1, start - 1, ctx):
        # "telephoned his Georgian counterpart, Irakli Menagarishvili, on Sunday": the name is an apposition
        # to the noun before it; the clause goes on from before the opening comma.
        new_start = sentence_start
        for match in SPECULATION_BREAK.finditer(text, sentence_start, opening):
            if not list_comma(text, match, ctx):
                new_start = match.end()
        return new_start
    if not (relative or _APPOSITION_OPEN.match(text, opening + 1)
            or _ADVERB_ASIDE.fullmatch(text, opening + 1, start - 1)):
        return start
    person = next((m for m in ctx.actor_mentions if m.end <= opening and not text[m.end:opening].strip()), None)
    if person is None:
        return start
    new_start = sentence_start
    for match in SPECULATION_BREAK.finditer(text, sentence_start, person.start):
        if not list_comma(text, match, ctx):
            new_start = match.end()
    return new_start


def _is_name_apposition(text: str, start: int, end: int, ctx: SentenceContext) -> bool:
    """Is text[start:end] just a person's name, after a lower-case noun ("his counterpart, X,")?"""
    inner = text[start:end].strip()
    if not inner or not any(m.text == inner and start <= m.start < end for m in ctx.actor_mentions):
        return False
    before = text[max(ctx.sentence.start, start - 30):start - 1].split()
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def opening_phrase_end(timex: dict, main: Trigger, clause: tuple[int, int], ctx: SentenceContext) -> int:
    """Where the event's own parties end: "One day after the June 27 talks between Russian and North
    Korean officials, Lee arrived ...": an opening phrase that names its own parties ("between") does
    not share the main clause's subject, so the phrase ends there; otherwise the clause's end."""
    start, end = clause
    if start == ctx.sentence.start:
        first_end = clause_end(ctx.text, max(timex["end"], main.end), ctx.sentence.end, ctx.country_names)
        if first_end < end and _BETWEEN.search(ctx.text, main.end, first_end):
            return first_end
    return end


# "since he took office", "since Sharon took office", "since Mikhail Gorbachev's trip": a happening of its
# own (a name may open it).
SINCE = re.compile(r"\bsince\s+(?:he|she|they|it|the|his|her|their|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:[\u2019']s)?)\b")
# A participle after a comma goes on telling the same happening: "left Mumbai for Moscow yesterday, ending a
# four-day visit to India".
_CONTINUATION = re.compile(r",\s+(?:ending|concluding|completing|wrapping up|capping|winding up|rounding off)\b")
# So does a phrase naming who was there, to its end (its list of people has commas of its own): "was
# formally opened on Tuesday, at a ceremony attended by A, B and C".
_PRESENCE = re.compile(r",\s+(?:at a (?:\w+ )?ceremony|in the presence of|attended by|witnessed by)\b")
_STRONG_BREAK = re.compile(r"[;(\u2013\u2014]")


def list_commas(ctx: SentenceContext) -> frozenset[int]:
    """Where the sentence's commas of a list of parties are ("Putin, Chirac and Prodi signed")."""
    text, sentence = ctx.text, ctx.sentence
    return frozenset(match.start() for match in _COMMA.finditer(text, sentence.start, sentence.end)
                     if list_comma(text, match, ctx))


_COMMA = re.compile(",")


def clause_end(text: str, position: int, limit: int, names, lists: frozenset[int] = frozenset()) -> int:
    """The first clause break after `position`, stepping over a dash aside and the commas of a list of
    parties (`lists`); a comma before a bare country name that ends a phrase ("in Okinawa, Japan (") is an
    apposition, no break."""
    while True:
        match = SPECULATION_BREAK.search(text, position, limit)
        if not match:
            return limit
        aside = DASH_ASIDE.match(text, match.start(), limit)
        if aside:
            position = aside.end()
            continue
        if _CONTINUATION.match(text, match.start()) or match.start() in lists:
            position = match.end()
            continue
        if _PRESENCE.match(text, match.start()):
            strong = _STRONG_BREAK.search(text, match.end(), limit)
            return strong.start() if strong else limit
        if match.group() == "," and any(
                not text[match.end():m.start].strip() and APPOSITION_END.match(text, m.end, limit) for m in names):
            position = match.end()
            continue
        return match.start()
