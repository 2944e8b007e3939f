"""Event triggers: finding them, which are in reach of a date, which another date of the sentence takes, and
the two exceptions to "the nearest trigger types the date" (a governing trigger, an explicit meeting)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from typing import TYPE_CHECKING

from events.extraction.events.rules import EventRules
from events.extraction.timex_vocab import NUMBER_WORDS
from events.extraction.events.spans import AND_VERB, CLAUSE_BREAK, SPECULATION_BREAK, distance
from events.extraction.events.windows import COUNTERPART_AFTER_WITH, GOVERNING_REACH, WITH_AFTER_REACH

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    event_type: str
    priority: int


@dataclass(frozen=True)
class BackoffTrigger(Trigger):
    """A trigger the back-off found (events/backoff.py): a verb or noun of the date's own clause (`clause`),
    outside the trigger vocabulary; its type is a guess by the verb's class, so its summary quotes the clause."""
    clause: tuple[int, int] = (0, 0)


# "ended their talks without announcing an agreement": what did not happen is no trigger.
# (r"w(?<!\ww)ithout" is r"\bwithout", opening with a literal that re finds in C instead of trying every position.)
_NEGATED = re.compile(r"w(?<!\ww)ithout\s+(?:[\w-]+\s+){0,2}$")


def find_triggers(text: str, start: int, end: int, rules: EventRules) -> list[Trigger]:
    lowered = text.lower()
    if len(lowered) != len(text):  # keep offsets: fall back to case-insensitive matching
        lowered, regex = text, re.compile(rules.trigger_regex.pattern, re.IGNORECASE)
    else:
        regex = rules.trigger_finder
    found = []
    for match in regex.finditer(lowered, start, end):
        priority = rules.trigger_priority(match.group().lower())
        low = max(0, match.start() - 40)  # (_NEGATED needs "without" there: str.find tells first, in C)
        if priority is not None and not (lowered.find("without", low, match.start()) >= 0
                                         and _NEGATED.search(lowered, low, match.start())):
            found.append(Trigger(match.start(), match.end(), rules.type_order[priority], priority))
    return found


def trigger_cost(timex: dict, trigger: Trigger, text: str | None = None) -> tuple[bool, int]:
    """How far a trigger is from a date: (a clause break lies between them, characters between them). A
    trigger of the date's own clause comes before a nearer one across a break: in "Bush flew to Ljubljana
    on Saturday morning, after a speech in the Polish capital on Friday", the speech is Friday's."""
    gap = distance(timex["start"], timex["end"], trigger.start, trigger.end)
    if text is None:
        return False, gap
    low, high = (timex["end"], trigger.start) if trigger.start >= timex["end"] else (trigger.end, timex["start"])
    # (a trigger that is itself the verb after "and" opens another conjunct: "saw Ivanov the same evening and
    # met Duma leaders yesterday": "met" is not the same evening's)
    verb_end = trigger.end if trigger.start >= timex["end"] else high
    return bool(low < high and (CLAUSE_BREAK.search(text, low, high) or AND_VERB.search(text, low, verb_end))), gap


def triggers_in_reach(timex: dict, triggers: list[Trigger], rules: EventRules, text: str | None = None) -> list[Trigger]:
    """Triggers within max_distance of `timex`, those of its own clause first (when `text` is given), then
    nearest first (ties: the type listed first)."""
    reach = []
    for trigger in triggers:
        # The distance first: the clause-break search of trigger_cost only for triggers in reach, so that
        # it scans at most max_distance characters (not the whole sentence for every far trigger).
        limit = rules.max_distance_by_type.get(trigger.event_type, rules.max_distance)
        if distance(timex["start"], timex["end"], trigger.start, trigger.end) > limit:
            continue
        reach.append((trigger_cost(timex, trigger, text), trigger.priority, trigger))
    return [trigger for _, _, trigger in sorted(reach, key=lambda item: (item[0], item[1]))]


def owned_triggers(timex: dict, claimants: list[dict], triggers: list[Trigger], rules: EventRules,
                   text: str | None = None) -> list[Trigger]:
    """The triggers in reach of `timex`, less those another dated phrase of the sentence takes as its own
    nearest trigger while being nearer to it: in "on the eve of the July 21-23 summit" the summit is
    July 21-23's, and in "One day after the June 27 talks, Lee arrived" the talks are June 27's but the
    arrival is free for "One day after". With `text`, "nearer" counts a clause break first (trigger_cost)."""
    memo = _sentence_memo(claimants, triggers, rules, text)
    key = ("owned", timex["start"], timex["end"])
    if key not in memo:
        taken = taken_triggers(timex, claimants, triggers, rules, text)
        memo[key] = [trigger for trigger in triggers_in_reach(timex, triggers, rules, text) if trigger not in taken]
    return list(memo[key])


# owned_triggers is asked about every dated phrase of a sentence, by each other one (clauses, extract): the
# answers are kept for the sentence (keyed by the identity of its claimants and triggers lists, which the
# sentence context holds), so that a sentence with T dated phrases costs T x T reach tests, not T^3 or T^4.
_MEMO: list = [None]


def _sentence_memo(claimants, triggers, rules, text) -> dict:
    cached = _MEMO[0]
    if cached is None or cached[0] is not claimants or cached[1] is not triggers or cached[2] is not rules \
            or cached[3] is not text:
        cached = (claimants, triggers, rules, text, {})
        _MEMO[0] = cached  # one tuple assignment: another thread sees the old or the new, whole
    return cached[4]


def taken_triggers(timex, claimants, triggers, rules, text: str | None = None) -> set:
    """Triggers another dated phrase of the sentence takes as its nearest while being nearer to it."""
    taken = set()
    memo = _sentence_memo(claimants, triggers, rules, text)
    for other in claimants:
        if other is timex:
            continue
        key = ("nearest", other["start"], other["end"])
        if key not in memo:
            memo[key] = triggers_in_reach(other, triggers, rules, text)[:1]
        for trigger in memo[key]:
            if trigger_cost(other, trigger, text) < trigger_cost(timex, trigger, text):
                taken.add(trigger)
    return taken


def governed_first(own: list[Trigger], triggers: list[Trigger], text: str, rules: EventRules) -> list[Trigger]:
    """The nearest trigger may be the object of another: "expressed its concerns over Sergeev's visit on
    December 28" is a protest whose object is the visit; "sign a deal on military cooperation" is an
    agreement. The governing trigger (of a governing type) then comes first."""
    nearest = own[0]
    for trigger in reversed(triggers):
        if trigger.end > nearest.start or nearest.start - trigger.end > GOVERNING_REACH:
            continue
        if (trigger.event_type in rules.governing_types and trigger.event_type != nearest.event_type
                and rules.object_link.fullmatch(text, trigger.end, nearest.start)):
            return [trigger] + [t for t in own if t is not trigger]
    return own


# "touched down in Baku on Friday for talks": a meeting named after "for" is the purpose of the journey.
_PURPOSE_BEFORE = re.compile(r"\bfor\s+(?:(?:the|a|an|his|her|their|two|three|several)\s+)?(?:[\w-]+\s+){0,2}$")
PURPOSE_LOOKBACK = 40


def purpose_first(own: list[Trigger], text: str, rules: EventRules) -> list[Trigger]:
    """A journey's purpose is not the happening the date dates: in "Putin touched down in Baku on Friday
    for talks with Aliev" and "is due in Warsaw on Friday for consultations", the nearest trigger (talks)
    follows "for" after a visit trigger of the same clause, and the visit (arrival) comes first."""
    nearest = own[0]
    if nearest.event_type == "visit" or not _PURPOSE_BEFORE.search(
            text[max(0, nearest.start - PURPOSE_LOOKBACK):nearest.start]):
        return own
    visit = next((t for t in own if t.event_type == "visit" and t.end <= nearest.start
                  and not SPECULATION_BREAK.search(text, t.end, nearest.start)), None)
    if visit is None:
        return own
    return [visit] + [t for t in own if t is not visit]


_WITH_AFTER = re.compile(r"(?:\s+[\w\u2019']+){0,4}?\s+with\s+")


def explicit_meeting_first(timex: dict, own: list[Trigger], ctx: SentenceContext) -> list[Trigger]:
    """A clause whose date is typed by a reporting verb ("Two days before, the president had stressed his
    hopes ... when, at a meeting with Sergeev, he praised ...") is a meeting when it names one with a
    named counterpart, however far from the date: the meeting is the happening, the words its content."""
    if own[0].event_type not in ctx.rules.statements:
        return own
    taken = taken_triggers(timex, ctx.claimants, ctx.triggers, ctx.rules, ctx.text)
    for trigger in ctx.triggers:
        if trigger.event_type != "meeting" or trigger in taken:
            continue
        if _THAT.search(ctx.text, own[0].end, trigger.start) or ctx.rules.future.search(
                ctx.text, min(own[0].end, trigger.start), trigger.start):
            continue  # "announced that Putin will ... for talks with Kim": the talks are what was announced
        if _names_counterpart_after(trigger, ctx):
            return [trigger] + [t for t in own if t is not trigger]
    return own


def _names_counterpart_after(trigger: Trigger, ctx: SentenceContext) -> bool:
    """"a meeting with Sergeev": "with" soon after the trigger, a named person soon after "with"."""
    with_match = _WITH_AFTER.match(ctx.text, trigger.end, min(trigger.end + WITH_AFTER_REACH, ctx.sentence.end))
    return bool(with_match) and any(with_match.end() <= m.start <= with_match.end() + COUNTERPART_AFTER_WITH
                                    for m in ctx.actor_mentions)


_THAT = re.compile(r"\bthat\b")
_POSSESSIVE_BEFORE = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}")


def possessor(trigger: Trigger, actor_mentions, text: str) -> str | None:
    """The person whose happening it is: "Sergeev's visit", "Igor Sergeev’s February visit"."""
    for mention in actor_mentions:
        if mention.end <= trigger.start and _POSSESSIVE_BEFORE.fullmatch(text, mention.end, trigger.start):
            return mention.ref.name
    return None


# "the G-8 meeting", "the APEC leaders' meeting", "the European Union's meeting", "the Shanghai Five, whose leaders
# meet": between an organization's name and the meeting word only its possessive, "whose" and its leaders.
_ORGANIZATION_LEADERS = re.compile(r"(?:[\u2019']s)?(?:,\s+whose)?\s+(?:(?:leaders|heads\s+of\s+state|presidents)"
                                   r"[\u2019']?\s+)?")
_MEETING_WORD = re.compile(r"meet(?:s|ing)?|met", re.IGNORECASE)
# "the finance ministers of the Group of Seven meet": some of its members' officials, not its leaders.
_OFFICIALS_OF = re.compile(r"(?:ministers|officials|ambassadors|envoys|deputies|experts|representatives)\s+of\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)


def gathering_as_summit(own: list[Trigger], ctx: SentenceContext) -> list[Trigger]:
    """An organization's own meeting of its leaders is a summit (docs/annotation.md, "Organizations"), whatever
    word names it: the meeting word right after the organization's name (or its leaders) types it summit. A
    ministers' meeting ("the NATO foreign ministers' meeting") and two leaders meeting at a summit stay meetings."""
    main = own[0]
    if main.event_type != "meeting" or not _MEETING_WORD.fullmatch(ctx.text, main.start, main.end):
        return own
    if _organization_leaders_before(main, ctx) or _group_of_leaders_before(main, ctx):
        return [Trigger(main.start, main.end, "summit", ctx.rules.type_order.index("summit"))] + own[1:]
    return own


def _organization_leaders_before(main: Trigger, ctx: SentenceContext) -> bool:
    """"the G-8 meeting", "the Shanghai Five, whose leaders meet": the organization's name right before."""
    for organization in ctx.entities.organizations_in(max(0, main.start - ORGANIZATION_LEADERS_REACH), main.start):
        if _ORGANIZATION_LEADERS.fullmatch(ctx.text, organization.end, main.start) and not _OFFICIALS_OF.search(
                ctx.text, max(0, organization.start - ORGANIZATION_LEADERS_REACH), organization.start):
            return True
    return False


# "the five presidents agreed to meet", "NATO's leaders, meeting in Madrid", "the leaders of the Shanghai Five, meeting",
# "the forum's leaders ended their two-day meeting": more than two leaders, or an organization's (a possessive) as
# the meeting's subject; numbers from timex_vocab.NUMBER_WORDS (three and more).
_LEADERS = r"(?:presidents|leaders|heads\s+of\s+state)"
_GROUP_OF_LEADERS = re.compile(
    r"\b(?:(?:" + "|".join(sorted((w for w, n in NUMBER_WORDS.items() if isinstance(n, int) and 2 < n < 100),
                                  key=len, reverse=True))
    + r")\s+" + _LEADERS + r"|[\w-]+[\u2019']s\s+leaders|leaders\s+of\s+the\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
    r"[^.;:]*$", re.IGNORECASE)
GROUP_OF_LEADERS_REACH = 70


def _group_of_leaders_before(main: Trigger, ctx: SentenceContext) -> bool:
    low = max(ctx.sentence.start, main.start - GROUP_OF_LEADERS_REACH)
    return bool(_GROUP_OF_LEADERS.search(ctx.text, low, main.start))


# How far before the meeting word the organization's name may end ("'s, whose heads of state ").
ORGANIZATION_LEADERS_REACH = 40


# "on the sidelines of the APEC summit", "on the margins of the forum", "on the fringe of the Council of Europe's summit"
_SIDELINES_BEFORE = re.compile(r"\b(?:on|at)\s+the\s+(?:sidelines|margins?|fringes?)\s+of\s+(?:the\s+|a\s+|an\s+)?"
                               r"(?:[\w\u2019'.-]+\s+){0,4}$", re.IGNORECASE)
SIDELINES_LOOKBACK = 80


def venue_summit_last(own: list[Trigger], ctx: SentenceContext) -> list[Trigger]:
    """A summit named as the place where something else happened ("met for an hour on the sidelines of the APEC
    summit on Sunday", "the GUAM they formed on the fringe of the summit") is the venue: the clause's other
    trigger is the happening the date dates."""
    main = own[0]
    if main.event_type != "summit" or len(own) < 2 or not _SIDELINES_BEFORE.search(
            ctx.text, max(ctx.sentence.start, main.start - SIDELINES_LOOKBACK), main.start):
        return own
    return own[1:] + [main]


# "received Palestinian leader Yasser Arafat", "received the Russian guest", "was welcomed in St. George Hall":
# a host receiving a person in person (forms by construction: receive, welcome).
_RECEIVED = re.compile(r"\b(?:receiv|welcom)(?:e|es|ed|ing)\b", re.IGNORECASE)
_RECEIVED_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:received|welcomed)\b", re.IGNORECASE)
RECEIVED_PERSON_REACH = 40


def received_person_first(timex: dict, own: list[Trigger], ctx: SentenceContext) -> list[Trigger]:
    """A date typed by a reporting verb whose own clause receives a person ("The same day Khatami received the
    Russian guest and told him that ...", "who had received Arafat in early August, urged his guest"): the
    reception is the happening (a meeting), the words its content."""
    if own[0].event_type not in ctx.rules.statements:
        return own
    for match in _RECEIVED.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end):
        if not (_receives_a_person(match.end(), ctx) or _RECEIVED_PASSIVE.search(
                ctx.text, max(ctx.sentence.start, match.start() - 8), match.end())):
            continue
        meeting = Trigger(match.start(), match.end(), "meeting", ctx.rules.type_order.index("meeting"))
        if trigger_cost(timex, meeting, ctx.text) <= trigger_cost(timex, own[0], ctx.text):
            return [meeting] + own
    return own


def _receives_a_person(end: int, ctx: SentenceContext) -> bool:
    """A named person or "the guest/visitor" right after the verb."""
    return any(end < m.start <= end + RECEIVED_PERSON_REACH for m in ctx.actor_mentions) or bool(
        re.match(r"\s+(?:the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:guests?|visitors?)\b", ctx.text[end:end + 60]))
