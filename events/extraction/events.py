"""Event mentions: one per event-dating expression of a sentence that names a happening.

For each sentence, its time expressions (from timex.tag) are filtered to those that can date an event:
role "event" (never a citation or cross-reference), type DATE with an interval, not vague
(PRESENT_REF...), not inside a direct quotation, not the start of a span ("since last year", "over the
past year"), and not a bare year used as a modifier ("the 1995 agreement", "Iran's 1979 revolution").
Each remaining expression needs an event trigger near it (rules in data/event_rules.json): the nearest
trigger that no other date of the sentence is nearer to gives the event type, with two exceptions:
a trigger governing the nearest one through a preposition ("voiced alarm over the minister's visit
on May 3" -> protest; "sign a deal on military cooperation" -> agreement), and, for a date typed by a
reporting verb, a meeting with a named counterpart in the sentence ("when he sat down for a meeting
with Sergeev he praised" -> meeting) unless the meeting is what was reported ("announced that
Putin will ... for talks with Kim"). A sentence with no actor and no country is no event. Precision over
recall throughout.

Status, in this order:
1. the date is what the happening "had originally been set for"            -> postponed
2. a postponement word in reach of a schedulable happening (visit, talks...):
   the date is past -> the postponing is the event (type postponement); otherwise -> postponed
3. speculation ("speculated", "might", "could") in the date's own clause (no comma, dash or
   "that"/"which"/"but" between them)                                       -> reported
4. the date lies after the issue date, or is a span containing it and the
   sentence speaks of the future ("will", "planned", "expected")            -> planned
5. hedges ("reportedly", "was said to")                                     -> reported
6. otherwise                                                                 -> occurred
A date that premodifies its trigger after a determiner ("the July 21-23 summit", "his February visit")
names a known happening: steps 3 and 5 do not apply to it.
Source attributions' dates in the sentence become reported_dates.

Countries of a mention (event_countries): its actors' countries, the countries named in the clause that
governs its date (from the date to its trigger, widened to the clause breaks the status rules use,
stepping over dash asides; with what a reporting verb there reports, and the main clause after an
opening phrase without a subject), and its place ("in Tehran"; for "Sergeev's visit" with no place,
where the article put the same person's visit). Countries named in other clauses, dash asides or
quotations are not the event's.

Actors of a mention (event_actors): the people named in that same clause (outside dash asides and
quotations; "Putin's Russia" names a state, not a participant), always with the agent or counterpart the
summary names, the owner of the trigger ("Sergeev's visit"), a visit's hosts and a meeting's counterparts
after "with". An opening phrase with its own parties ("talks between Russian and North Korean officials")
does not take the main clause's subject; a clause naming only countries keeps the sentence's people of
those countries; a clause naming nobody keeps the sentence's actors. Confidence still counts the
sentence's actors.

Summaries (at most 80 characters) name, in order of preference: the parties after "between"; the
agent before the trigger in its clause ("Moscow announced", "Russia and North Korea intended to resume
talks"), with the nearest other party for two-party happenings; the actors nearest the date and
trigger; the sentence's opening person; the nearest states. An announcement says what it announced
("Russia announces Putin visit to North Korea"), a protest what it was over, a postponement what was
put off ("Kim Jong-il visit to Russia postponed"), a field of cooperation the verb reporting it.
"""
from __future__ import annotations

import bisect
import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.extraction.entities import ArticleEntities, Gazetteer
from events.extraction.mention import ActorRef, EventMention
from events.extraction.sentences import Sentence

RULES_FILE = Path(__file__).resolve().parent / "data" / "event_rules.json"
# Surnames written first: the display name is the full name ("Kim Jong-il", not "Il").
SURNAME_FIRST = frozenset({"Kim", "Lee", "Pak", "Park", "Pek", "Paek", "Jo", "Kang", "Han", "Lim", "Choi", "Ri",
                           "Jiang", "Zhu", "Tang", "Chi", "Li", "Hu", "Wen"})
MAX_REPORTED_RANGE_DAYS = 7
# Happenings whose summary names two parties ("A and B hold talks"); others name the nearest actor.
PARTIES_OF_TWO = frozenset({"meeting", "summit", "agreement", "letter"})
# Happenings a state performs as such ("Moscow announced"), named by the state when it is nearer than any person.
STATE_ACTS = frozenset({"statement", "protest"})
# How far (in characters) from the date and its trigger a summary looks for its actors and place.
SUMMARY_REACH = 80
PLACE_REACH = 60
MAX_SUMMARY = 80
# How far (characters) before a trigger its agent (the subject: "Moscow announced", "Putin will meet") may
# stand, within the clause; and how far from a trigger the persons named in its object phrase may stand.
AGENT_REACH = 60
OBJECT_REACH = 40
# Types that are a field of cooperation rather than an act: named with a reporting verb when there is one.
FIELDS = frozenset({"nuclear", "military", "economic"})
_CLAUSE_BREAK = re.compile(r"[,;:(\u2013\u2014]|\b(?:that|when|which|who|while|after|before|but|and then)\b")
_SPECULATION_BREAK = re.compile(r"[,;:(\u2013\u2014]|\b(?:that|when|which|who|while|but)\b")
_APPOSITION_END = re.compile(r"\s*(?:[,;.(]|$)")
_DASH_ASIDE = re.compile(r"[\u2013\u2014][^\u2013\u2014;]{1,150}[\u2013\u2014]")
_ASIDE_BEFORE = re.compile(r"[\u2013\u2014][^\u2013\u2014;]{1,150}[\u2013\u2014](?:\w+\s+){0,2}$")
# A name after one of these words is inside a phrase ("step out of North Korea's isolation"), not a subject.
_NOT_SUBJECT_AFTER = frozenset({"of", "in", "to", "from", "toward", "towards", "with", "at", "for", "on", "over",
                                "against", "into", "about", "between", "among", "breaking", "by"})
_OBJECT_STOP = re.compile(r"[;(]|,\s+but\b|\s+but\s")
_PLACE_BREAK = re.compile(r"[;(\u2013\u2014]|\b(?:that|which|who|suggests?|said)\b")
# The date phrase is a premodifier of its trigger noun: "the July 21-23 summit", "his February visit".
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|his|her|its|their|our|this|that)|[\u2019']s)\s+(?:[a-z]+\s+)?$")
_WITH_AFTER = re.compile(r"(?:\s+[\w\u2019']+){0,4}?\s+with\s+")
_PRONOUN_BEFORE = re.compile(r"\b(?:he|his|she|her)\s+(?:[\w\u2019']+\s+){0,2}$", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
_ISO_MONTH = re.compile(r"\d{4}-\d\d$")
_ISO_WEEK = re.compile(r"\d{4}-W\d\d(?:-WE)?$")
_ISO_SEASON = re.compile(r"\d{4}-(?:SP|SU|FA|WI)$")
_ISO_QUARTER = re.compile(r"\d{4}-Q\d$")
_ISO_HALF = re.compile(r"\d{4}-H\d$")
_ISO_YEAR = re.compile(r"\d{4}$")
_ISO_DECADE = re.compile(r"\d{3}X?$")
_BARE_YEAR = re.compile(r"\d{4}$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    event_type: str
    priority: int


class EventRules:
    """The compiled contents of event_rules.json."""

    def __init__(self, data: dict):
        self.max_distance = data.get("max_trigger_distance", 120)
        self.max_distance_by_type = data.get("max_trigger_distance_by_type", {})
        self.type_order = [entry["type"] for entry in data["types"]]
        self.summaries = {entry["type"]: entry["summary"] for entry in data["types"]}
        self.summaries_to_come = {entry["type"]: entry["summary_to_come"] for entry in data["types"]
                                  if "summary_to_come" in entry}
        # One pass over the lower-cased text finds every trigger; the patterns are grouped by their
        # first letter (a cheap test at each position), and the type is then the first in priority
        # order whose own pattern matches the found text.
        self.type_regexes = [re.compile("(?:" + "|".join(entry["triggers"]) + ")") for entry in data["types"]]
        self._priority_of_word: dict[str, int | None] = {}
        self.trigger_regex = re.compile(r"(?<![\w-])" + _by_first_letter(
            [pattern for entry in data["types"] for pattern in entry["triggers"]]) + r"(?![\w-])")
        self.schedulable = set(data.get("schedulable_types", []))
        cues = data.get("status_cues", {})
        self.set_for_before = re.compile(cues.get("set_for_before_date", r"(?!x)x"), re.IGNORECASE)
        self.speculation = _word_regex(cues.get("speculation", []))
        self.hedge = _word_regex(cues.get("hedge", []))
        self.future = _word_regex(cues.get("future", []))
        self.skip_values = set(data.get("skip_values", []))
        self.skip_after_words = {word.lower() for word in data.get("skip_after_words", [])}
        self.year_prepositions = {word.lower() for word in data.get("event_year_prepositions", [])}
        self.objects = {entry["type"]: entry.get("object", "{who} " + entry["type"]) for entry in data["types"]}
        self.object_nouns = sorted(((stem, noun) for stem, noun in data.get("object_nouns", {}).items()
                                    if not stem.startswith("_")), key=lambda item: -len(item[0]))
        self.statement_verbs = sorted(((stem, tuple(forms)) for stem, forms in data.get("statement_verbs", {}).items()
                                       if not stem.startswith("_")), key=lambda item: -len(item[0]))
        prepositions = data.get("object_prepositions", [])
        # "concerns over Sergeev's visit": the preposition, then up to four words, then the object trigger.
        self.object_link = re.compile(r"\s+(?:[\w'\u2019.-]+\s+){0,3}?(?:" + "|".join(prepositions)
                                      + r")\s+(?:[\w'\u2019.-]+\s+){0,4}$"
                                      if prepositions else r"(?!x)x")
        self.governing_types = set(data.get("governing_types", []))
        self.pair_anaphor = _word_regex(data.get("pair_anaphors", []))
        self.state_nouns = re.compile(r"(?:" + "|".join(re.escape(w) for w in data.get("state_nouns", []))
                                      + r")\b" if data.get("state_nouns") else r"(?!x)x")
        self.protest_verbs = sorted(((stem, tuple(forms)) for stem, forms in data.get("protest_verbs", {}).items()
                                     if not stem.startswith("_")), key=lambda item: -len(item[0]))

    def trigger_priority(self, word: str) -> int | None:
        """Index of the first type whose patterns match the trigger `word` whole; memoised, since the
        same few hundred words recur in every article and trying each type's regex is the cost."""
        if word not in self._priority_of_word:
            self._priority_of_word[word] = next(
                (priority for priority, type_regex in enumerate(self.type_regexes) if type_regex.fullmatch(word)),
                None)
        return self._priority_of_word[word]


def _by_first_letter(patterns: list[str]) -> str:
    """An alternation of `patterns` (each starting with a plain lower-case letter) grouped by that letter,
    keeping their order within each letter. Each group opens with its letter as a literal, "v(?:isit|...)",
    which re tests before entering the group; when a pattern cannot be split after its first letter
    (a top-level "|", a quantified first letter), each group sits behind a look-ahead on its letter."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        if not pattern[:1].isalpha():
            raise ValueError(f"trigger pattern must start with a letter: {pattern!r}")
        groups.setdefault(pattern[0].lower(), []).append(pattern)
    if all(_splits_after_first_letter(pattern) for pattern in patterns):
        branches = [letter + "(?:" + "|".join(pattern[1:] for pattern in group) + ")"
                    for letter, group in sorted(groups.items())]
        return "(?:" + "|".join(branches) + ")"
    branches = [f"(?={letter})(?:" + "|".join(group) + ")" for letter, group in sorted(groups.items())]
    return "(?=[" + "".join(sorted(groups)) + "])(?:" + "|".join(branches) + ")"


def _splits_after_first_letter(pattern: str) -> bool:
    """Is `pattern` its lower-case first letter followed by the regex pattern[1:] (no quantifier on the
    letter, no "|" outside parentheses)?"""
    if not pattern[0].islower() or pattern[1:2] in ("?", "*", "+", "{"):
        return False
    depth, in_class, position = 0, False, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[position + 1:position + 2] == "]" or pattern[position + 1:position + 3] == "^]":
                return False  # a class opening with "]": leave it to the look-ahead form
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        position += 1
    return True


def _word_regex(patterns: list[str]) -> re.Pattern:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def default_rules() -> EventRules:
    return EventRules(json.loads(RULES_FILE.read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------------
# Which time expressions date events
# ---------------------------------------------------------------------------------------------
def has_interval(timex: dict) -> bool:
    return timex.get("type") == "DATE" and bool(timex.get("earliest")) and bool(timex.get("latest"))


def is_event_date(timex: dict, text: str, quotes: list[tuple[int, int]], rules: EventRules) -> bool:
    """Can this expression date an event (before looking for a trigger)?"""
    if timex.get("role") != "event" or not has_interval(timex):
        return False
    if timex.get("value") in rules.skip_values:
        return False
    if _inside(quotes, timex["start"]):
        return False  # a date inside a direct quotation is the speaker's, not the report's
    previous = word_before(text, timex["start"])
    if previous in rules.skip_after_words:
        return False  # "since last year", "over the past year": the bound of a span, not a happening
    if _BARE_YEAR.match(timex["text"].strip()) and previous not in rules.year_prepositions:
        return False  # "the 1995 agreement", "Iran's 1979 revolution": the year is a modifier
    return True


def word_before(text: str, position: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, position - 30), position)
    return match.group(1).lower() if match else ""


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Curly double quotations closed on the same line."""
    spans = []
    for match in re.finditer(r"\u201c[^\u201c\u201d\n]*\u201d", text):
        spans.append(match.span())
    return spans


def _inside(spans, position: int) -> bool:
    return any(start <= position < end for start, end in spans)


# ---------------------------------------------------------------------------------------------
# Intervals and granularity
# ---------------------------------------------------------------------------------------------
def granularity(value: str, earliest: datetime.date, latest: datetime.date, mod: str | None = None) -> str:
    """The precision of a TIMEX3 value; a short run of days given as a month value ("July 21-23") is day."""
    if _ISO_DAY.match(value):
        return "day"
    if _ISO_WEEK.match(value):
        return "week"
    if _ISO_MONTH.match(value):
        return "day" if not mod and (latest - earliest).days < 7 else "month"
    if _ISO_SEASON.match(value):
        return "season"
    if _ISO_QUARTER.match(value):
        return "quarter"
    if _ISO_HALF.match(value):
        return "half"
    if _ISO_YEAR.match(value):
        return "year"
    if _ISO_DECADE.match(value):
        return "decade"
    return _granularity_by_length((latest - earliest).days + 1)


def _granularity_by_length(days: int) -> str:
    for limit, name in ((1, "day"), (7, "week"), (31, "month"), (92, "season"), (184, "half"), (366, "year")):
        if days <= limit:
            return name
    return "decade"


# ---------------------------------------------------------------------------------------------
# Triggers and type
# ---------------------------------------------------------------------------------------------
def find_triggers(text: str, start: int, end: int, rules: EventRules) -> list[Trigger]:
    lowered = text.lower()
    if len(lowered) != len(text):  # keep offsets: fall back to case-insensitive matching
        lowered, regex = text, re.compile(rules.trigger_regex.pattern, re.IGNORECASE)
    else:
        regex = rules.trigger_regex
    found = []
    for match in regex.finditer(lowered, start, end):
        priority = rules.trigger_priority(match.group().lower())
        if priority is not None:
            found.append(Trigger(match.start(), match.end(), rules.type_order[priority], priority))
    return found


def distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b_start - a_end, a_start - b_end)


def triggers_in_reach(timex: dict, triggers: list[Trigger], rules: EventRules) -> list[Trigger]:
    """Triggers within max_distance of `timex`, nearest first (ties: the type listed first)."""
    reach = []
    for trigger in triggers:
        gap = distance(timex["start"], timex["end"], trigger.start, trigger.end)
        if gap <= rules.max_distance_by_type.get(trigger.event_type, rules.max_distance):
            reach.append((gap, trigger.priority, trigger))
    return [trigger for _, _, trigger in sorted(reach, key=lambda item: (item[0], item[1]))]


def owned_triggers(timex: dict, claimants: list[dict], triggers: list[Trigger], rules: EventRules) -> list[Trigger]:
    """The triggers in reach of `timex`, less those another dated phrase of the sentence takes as its own
    nearest trigger while being nearer to it: in "on the eve of the July 21-23 summit" the summit is
    July 21-23's, and in "One day after the June 27 talks, Lee arrived" the talks are June 27's but the
    arrival is free for "One day after"."""
    taken = taken_triggers(timex, claimants, triggers, rules)
    return [trigger for trigger in triggers_in_reach(timex, triggers, rules) if trigger not in taken]


# ---------------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------------
def decide_type_and_status(timex: dict, triggers: list[Trigger], sentence_text: str, sentence_start: int,
                           text: str, anchor: datetime.date, rules: EventRules) -> tuple[str, str]:
    """(event type, status) for the dated phrase; `triggers` are its own, nearest first."""
    main = triggers[0]
    postponements = [t for t in triggers if t.event_type == "postponement"]
    substantive = next((t for t in triggers if t.event_type != "postponement"), None)
    earliest = datetime.date.fromisoformat(timex["earliest"])
    latest = datetime.date.fromisoformat(timex["latest"])
    before = text[max(sentence_start, timex["start"] - 80):timex["start"]]
    speculated = speculative(timex, sentence_start, sentence_start + len(sentence_text), text, rules)

    if rules.set_for_before.search(before):
        return (substantive or main).event_type, "postponed"
    if postponements and substantive and substantive.event_type in rules.schedulable:
        if latest < anchor:
            return "postponement", _hedged_status(sentence_text, rules, speculated)
        return substantive.event_type, "postponed"
    event_type = main.event_type
    if event_type == "postponement":
        return event_type, _hedged_status(sentence_text, rules, speculated)
    # "the July 21-23 summit", "his February visit": a dated happening named as known; the sentence's
    # speculation or hedge ("could fall just before the May 4-6 summit") is about something else.
    named_as_known = premodifies(timex, main, text)
    if speculated and not named_as_known:
        return event_type, "reported"
    # A span that contains the issue date ("this week", "this month") is still to come when the sentence
    # speaks of the future; a single day ("today") is not: "said today it will" happened today.
    if is_future(earliest, latest, anchor) or (
            earliest <= anchor <= latest and earliest < latest and rules.future.search(sentence_text)):
        return event_type, "planned"
    return event_type, "occurred" if named_as_known else _hedged_status(sentence_text, rules, speculated)


def speculative(timex: dict, start: int, end: int, text: str, rules: EventRules) -> bool:
    """Is a speculation cue in the date's own clause (no clause break between them)? In "After talks on
    Monday, an aide said both sides could sign a treaty" the "could" is not about "Monday"; in "the trip
    might come on the eve of" it is about "the eve"."""
    for cue in rules.speculation.finditer(text, start, end):
        low, high = min(cue.end(), timex["start"]), max(cue.start(), timex["end"])
        if not _SPECULATION_BREAK.search(text, low, high):
            return True
    return False


def premodifies(timex: dict, trigger: Trigger, text: str) -> bool:
    """Is the date phrase a premodifier of the trigger noun, after a determiner ("the July 21-23 summit",
    "their June 13-15 summit", "his February visit")?"""
    if trigger.start < timex["end"] or text[timex["end"]:trigger.start].strip():
        return False
    return bool(_DETERMINER_BEFORE.search(text, max(0, timex["start"] - 30), timex["start"]))


def is_future(earliest: datetime.date, latest: datetime.date, anchor: datetime.date) -> bool:
    """After the issue date; "later this month" starts on the issue date and runs past it."""
    return earliest > anchor or (earliest == anchor and latest > anchor)


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _hedged_status(sentence_text: str, rules: EventRules, speculated: bool) -> str:
    if speculated or rules.hedge.search(sentence_text):
        return "reported"
    return "occurred"


# ---------------------------------------------------------------------------------------------
# Participants, summary, confidence
# ---------------------------------------------------------------------------------------------
def unique_actors(mentions) -> list[ActorRef]:
    seen, refs = set(), []
    for mention in mentions:
        if mention.ref.name not in seen:
            seen.add(mention.ref.name)
            refs.append(mention.ref)
    return refs


def unique_in_order(values) -> list:
    seen, result = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def countries_in_order(country_mentions, actor_mentions) -> list[str]:
    """Countries named in the sentence and those of its actors ("Sergeev" -> Russia), by first appearance."""
    located = [(m.start, m.code) for m in country_mentions]
    located += [(m.start, m.ref.country) for m in actor_mentions if m.ref.country]
    return unique_in_order(code for _, code in sorted(located))


def event_countries(timex: dict, main: Trigger, sentence: Sentence, ctx: "_Context",
                    place: tuple[str, int | None] | None, quotes: list[tuple[int, int]],
                   clause: tuple[int, int] | None = None) -> list[str]:
    """The event's countries, by first appearance: its actors' ("Sergeev" -> Russia), those named in the
    clause that governs its date (event_clause), and its place: "in Tehran" within that clause, or, for
    "Sergeev's visit" with no place, where the article put the same person's visit (`place` is the code
    and where the sentence names it, None when an earlier sentence did). A country named only in another
    clause ("days after a Chinese-U.S. summit"), a dash aside or a quotation is not the event's, however
    near. "The two countries" in the clause are the first two named before it in the sentence. When the
    clause names no country and no actor has one, the sentence's countries stand (nothing better
    is known)."""
    text = ctx.text
    start, end = clause or event_clause(timex, main, sentence, ctx)
    asides = [m.span() for m in _DASH_ASIDE.finditer(text, start, end)
              if not (m.start() <= timex["start"] < m.end() or m.start() <= main.start < m.end())]
    in_clause = [m for m in ctx.country_mentions if start <= m.start and m.end <= end
                 and not _inside(asides, m.start)
                 and (not _inside(quotes, m.start) or _same_span(quotes, m.start, timex["start"]))]
    located = [(m.start, m.code) for m in in_clause]
    if ctx.rules.pair_anaphor.search(text, start, end) and len({code for _, code in located}) < 2:
        before = unique_in_order(m.code for m in ctx.country_mentions if m.end <= start)
        located += [(start, code) for code in before[:2]]
    located += [(m.start, m.ref.country) for m in ctx.actor_mentions if m.ref.country]
    if not located:
        return countries_in_order(ctx.country_mentions, ctx.actor_mentions)
    codes = unique_in_order(code for _, code in sorted(located))
    if place and (place[1] is None or start <= place[1] < end) and place[0] not in codes:
        codes.append(place[0])
    return codes


def event_actors(timex: dict, main: Trigger, own: list[Trigger], summary: str, sentence: Sentence,
                 ctx: "_Context", quotes: list[tuple[int, int]], clause: tuple[int, int] | None = None,
                 place: tuple[str, int | None] | None = None) -> list[ActorRef] | None:
    """The event's actors, by first appearance: those named in the clause that governs its date (the span
    event_countries uses), outside its dash asides and quotations, and not a possessor standing for a
    state or government ("Putin's Russia", "Bush's incoming administration"); always the agent or
    counterpart the summary names, the owner of a trigger ("Sergeev's visit"), the hosts of a visit
    (people of the country visited) and a meeting's counterparts after "with". Empty when the clause
    names nobody: the caller then keeps the sentence's actors; None when it names its parties by country
    only (no person takes part by name)."""
    text = ctx.text
    start, end = clause or event_clause(timex, main, sentence, ctx)
    if start == sentence.start:
        # "One day after the June 27 talks between Russian and North Korean officials, Lee arrived ...": an
        # opening phrase that names its own parties does not share the main clause's subject.
        first_end = _clause_end(text, max(timex["end"], main.end), sentence.end,
                                [m for m in ctx.country_mentions if m.kind == "name"])
        if first_end < end and _BETWEEN.search(text, main.end, first_end):
            end = first_end
    asides = [m.span() for m in _DASH_ASIDE.finditer(text, start, end)
              if not (m.start() <= timex["start"] < m.end() or m.start() <= main.start < m.end())]
    # The people of the country visited (`place`, as event_countries has it) are a visit's hosts
    # ("Putin's visit to North Korea ... with Kim").
    hosts = {place[0]} if place and main.event_type == "visit" else set()
    meeting = main.event_type == "meeting"
    named = set(re.findall(r"[\w'\u2019.-]+", summary))
    owners = {_possessor(trigger, ctx.actor_mentions, text) for trigger in own}
    chosen = []
    for mention in ctx.actor_mentions:
        if mention.ref.name in owners or set(display_name(mention.ref.name).split()) <= named \
                or (mention.ref.country and mention.ref.country in hosts):
            chosen.append(mention)
        elif meeting and mention.start > main.start and _WITH_BEFORE.search(text, max(main.end, mention.start - 80),
                                                                             mention.start):
            chosen.append(mention)  # "met ... with X and, more important, with Y": each counterpart
        elif start <= mention.start and mention.end <= end and not _inside(asides, mention.start) \
                and (not _inside(quotes, mention.start) or _same_span(quotes, mention.start, timex["start"])) \
                and not _stands_for_state(mention, ctx):
            chosen.append(mention)
    if not chosen:
        # A clause that names its parties by country only ("between Russian and North Korean officials",
        # "the summit of G-7 countries and Russia") keeps the sentence's people of those countries.
        parties = {m.code for m in ctx.country_mentions if start <= m.start < end}
        if parties:
            return unique_actors(m for m in ctx.actor_mentions if m.ref.country in parties) or None
    return unique_actors(chosen)


_BETWEEN = re.compile(r"\bbetween\b")
# "with" before a named counterpart, over its title ("with North Korean Foreign Minister Pek Nam Sun").
_WITH_BEFORE = re.compile(r"\bwith\s+(?:(?:the|his|her|its|their)\s+)?(?:[A-Z][\w.'\u2019-]*\s+){0,5}$")


def _stands_for_state(mention, ctx: "_Context") -> bool:
    """"Putin's Russia", "Bush's incoming presidential administration": the person names a state or its
    government, not someone who takes part."""
    match = _POSSESSIVE_AFTER.match(ctx.text, mention.end)
    if not match:
        return False
    if any(m.start == match.end() for m in ctx.country_mentions):
        return True
    return bool(ctx.rules.state_nouns.match(ctx.text, match.end()))


_POSSESSIVE_AFTER = re.compile(r"[\u2019']s\s+(?:[a-z][\w-]*\s+){0,2}")


def event_clause(timex: dict, main: Trigger, sentence: Sentence, ctx: "_Context") -> tuple[int, int]:
    """The clause that governs the date: from the date to its trigger, widened to the nearest clause
    breaks the status rules use (_SPECULATION_BREAK: punctuation, "that", "when", "which", "who",
    "while", "but"), stepping over dash asides. Widenings: an opening phrase that names no person
    ("Following talks in Tehran on Monday, a Russian official told ...") runs on into the main clause,
    whose subject it shares; what a reporting verb of the clause reports ("Moscow announced that Putin
    will go to Pyongyang") is part of the statement; and a country after a comma ("in Okinawa, Japan")
    stays with its place."""
    text = ctx.text
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    start = sentence.start
    for match in _SPECULATION_BREAK.finditer(text, sentence.start, low):
        start = match.end()
    names = [m for m in ctx.country_mentions if m.kind == "name"]
    end = _clause_end(text, high, sentence.end, names)
    if start == sentence.start and end < sentence.end and text[end] == "," \
            and not any(start <= m.start < end for m in ctx.actor_mentions):
        end = _clause_end(text, end + 1, sentence.end, names)
    if text.startswith("that", end) and any(
            t.event_type == "statement" and start <= t.start and 0 <= end - t.end <= REPORTED_REACH
            for t in ctx.triggers):
        end = _clause_end(text, end + len("that"), sentence.end, names)
    return start, end


# How far (characters) before "that" a reporting verb of the event's clause may stand for the clause it
# introduces to be what it reports ("told a gathering of defense chiefs that").
REPORTED_REACH = 50


def _clause_end(text: str, position: int, limit: int, names) -> int:
    """The first clause break after `position`, stepping over a dash aside; a comma before a bare country
    name that ends a phrase ("in Okinawa, Japan (") is an apposition, no break."""
    while True:
        match = _SPECULATION_BREAK.search(text, position, limit)
        if not match:
            return limit
        aside = _DASH_ASIDE.match(text, match.start(), limit)
        if aside:
            position = aside.end()
            continue
        if match.group() == "," and any(
                not text[match.end():m.start].strip() and _APPOSITION_END.match(text, m.end, limit) for m in names):
            position = match.end()
            continue
        return match.start()


def _same_span(spans, a: int, b: int) -> bool:
    return any(start <= a < end and start <= b < end for start, end in spans)


def display_name(name: str) -> str:
    """Short name for a summary: the surname ("Sergeev"), or the whole name when it is written first."""
    parts = name.split()
    if len(parts) > 1 and parts[0] in SURNAME_FIRST:
        return name
    return parts[-1]


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def summary_for(event_type: str, names: list[str], place: str | None, rules: EventRules,
                to_come: bool = False) -> str:
    """One readable line from the type's template: "Sergeev and Shamkhani hold talks"; `to_come`: the
    happening is planned or speculated ("Russia and Iran to sign an agreement")."""
    templates = rules.summaries_to_come.get(event_type) if to_come else None
    templates = templates or rules.summaries[event_type]
    who = join_names(names)
    key = "none" if not names else ("one" if len(names) == 1 else "many")
    place_text = ""
    if place:
        # "Putin visits North Korea", "Visit to Pyongyang", "... hold talks in Moscow"
        preposition = ("to " if key == "none" else "") if event_type == "visit" else "in "
        place_text = f" {preposition}{place}"
    line = templates[key].format(who=who, place=place_text, first=names[0] if names else "",
                                 second=names[-1] if names else "")
    return _finish(line)


def place_of(sentence: Sentence, entities: ArticleEntities, near: tuple[int, int], gazetteer: Gazetteer,
             text: str | None = None, reach: int = PLACE_REACH, after_only: bool = False) -> str | None:
    """The country or capital nearest `near` that the sentence puts something "in" or "to" (or that a
    visit verb takes: "visits Pyongyang"); "in the Russian capital" gives the capital's name (Moscow).
    A place beyond a clause break ("... suggests that Moscow's influence in the North Korean capital")
    belongs to another clause."""
    places = _places(sentence, entities, near, gazetteer, text, reach, after_only)
    return min(places)[1] if places else None


def place_code_of(sentence: Sentence, entities: ArticleEntities, near: tuple[int, int], gazetteer: Gazetteer,
                  text: str) -> tuple[str, int] | None:
    """The country code of place_of's place ("in Tehran" -> IR), and where it is named."""
    places = _places(sentence, entities, near, gazetteer, text, PLACE_REACH, False)
    return min(places)[2:] if places else None


def _places(sentence, entities, near, gazetteer, text, reach, after_only) -> list[tuple[int, str, str]]:
    places = []
    for mention, place in _place_mentions(sentence, entities, gazetteer):
        if after_only and mention.start < near[1]:
            continue
        gap = distance(mention.start, mention.end, *near)
        if gap > reach:
            continue
        if text is not None and gap and _PLACE_BREAK.search(
                text, min(near[1], mention.start), max(near[0], mention.end)):
            continue
        places.append((gap, place, mention.code, mention.start))
    return places


def _place_mentions(sentence, entities, gazetteer) -> list[tuple]:
    """(mention, place name) for each country mention of the sentence that names a place ("in Tehran",
    "visits Pyongyang", "in the Russian capital"). Independent of the date and trigger, so worked out once
    per sentence and kept on the article's entities: _places asks for every date, twice."""
    key = (sentence.start, sentence.end)
    cache = entities.place_cache
    if key not in cache:
        cache[key] = [(mention, place) for mention in entities.countries_in(sentence.start, sentence.end)
                      for place in [_place_named(sentence, mention, gazetteer)] if place]
    return cache[key]


def _place_named(sentence, mention, gazetteer) -> str | None:
    offset = mention.start - sentence.start
    words_before = sentence.text[:offset].split()[-2:]
    last = words_before[-1].lower() if words_before else ""
    if mention.kind in ("name", "capital") and (last in ("in", "to") or last in _VISIT_VERBS):
        return mention.text
    if (mention.kind == "adjective" and [w.lower() for w in words_before] in (["in", "the"], ["to", "the"])
            and sentence.text[offset + len(mention.text):].startswith(" capital")):
        return gazetteer.capital_of(mention.code)
    return None


_VISIT_VERBS = frozenset({"visit", "visits", "visited", "visiting"})


def actors_nearest(mentions, near: tuple[int, int]) -> list[ActorRef]:
    """Distinct actors of `mentions`, nearest the span `near` first; none unless the nearest is within
    SUMMARY_REACH (a far actor is usually another clause's subject)."""
    ordered = sorted(mentions, key=lambda m: distance(m.start, m.end, *near))
    if not ordered or distance(ordered[0].start, ordered[0].end, *near) > SUMMARY_REACH:
        return []
    return unique_actors(ordered)


def state_is_nearer(country_mentions, actor_mentions, near: tuple[int, int], place: str | None) -> bool:
    """Is a state named as such ("Moscow", "Russia"; not an adjective, not the place) nearer `near`
    than every actor?"""
    states = [distance(m.start, m.end, *near) for m in country_mentions
              if m.kind in ("name", "capital") and m.text != place]
    people = [distance(m.start, m.end, *near) for m in actor_mentions]
    return bool(states) and (not people or min(states) < min(people))


def countries_nearest(mentions, near: tuple[int, int], place: str | None) -> list[str]:
    """Country codes nearest the span `near`, leaving out the place's country ("visits Moscow")."""
    place_codes = {m.code for m in mentions if m.text == place}
    ordered = sorted((m for m in mentions if m.code not in place_codes), key=lambda m: distance(m.start, m.end, *near))
    return unique_in_order(m.code for m in ordered)


def confidence_of(grain: str, trigger_gap: int, status: str, actors: list, countries: list) -> float:
    score = 0.4
    score += {"day": 0.2, "week": 0.15, "month": 0.1}.get(grain, 0.0)
    score += 0.15 if trigger_gap <= 40 else 0.05
    score += 0.1 if actors else 0.0
    score += 0.05 if countries else 0.0
    score -= 0.15 if status == "reported" else 0.0
    return round(min(0.95, max(0.05, score)), 2)


def reported_dates_of(citations: list[dict]) -> list[datetime.date]:
    """Each day a source attribution in the sentence covers (short ranges expanded)."""
    days = set()
    for timex in citations:
        if not has_interval(timex):
            continue
        first = datetime.date.fromisoformat(timex["earliest"])
        last = datetime.date.fromisoformat(timex["latest"])
        if (last - first).days > MAX_REPORTED_RANGE_DAYS:
            last = first
        day = first
        while day <= last:
            days.add(day)
            day += datetime.timedelta(days=1)
    return sorted(days)


# ---------------------------------------------------------------------------------------------
# The whole article
# ---------------------------------------------------------------------------------------------
def extract_events(text: str, anchor: datetime.date, timexes: list[dict], sentences: list[Sentence],
                   entities: ArticleEntities, gazetteer: Gazetteer,
                   rules: EventRules | None = None) -> list[EventMention]:
    rules = rules or default_rules()
    quotes = quotation_spans(text)
    ordered = sorted(timexes, key=lambda t: t["start"])
    mentions = []
    position = 0
    visit_places: dict[str, str] = {}  # visitor's name -> country code of the place of their visit
    triggers = find_triggers(text, 0, len(text), rules)
    trigger_starts = [trigger.start for trigger in triggers]
    for sentence in sentences:
        inside = []
        while position < len(ordered) and ordered[position]["start"] < sentence.end:
            if ordered[position]["start"] >= sentence.start:
                inside.append(ordered[position])
            position += 1
        if inside:
            in_sentence = triggers[bisect.bisect_left(trigger_starts, sentence.start):
                                   bisect.bisect_left(trigger_starts, sentence.end)]
            mentions.extend(_sentence_events(text, anchor, sentence, inside, in_sentence, quotes, entities,
                                             gazetteer, rules, visit_places))
    return mentions


def _sentence_events(text, anchor, sentence, timexes, triggers, quotes, entities, gazetteer,
                     rules, visit_places=None) -> list[EventMention]:
    visit_places = {} if visit_places is None else visit_places
    citations = [t for t in timexes if t.get("role") == "citation"]
    claimants = [t for t in timexes if t.get("role") == "event" and has_interval(t)
                 and t.get("value") not in rules.skip_values]
    candidates = [t for t in claimants if is_event_date(t, text, quotes, rules)]
    if not candidates:
        return []
    actor_mentions = entities.actors_in(sentence.start, sentence.end)
    actors = unique_actors(actor_mentions)
    countries = countries_in_order(entities.countries_in(sentence.start, sentence.end), actor_mentions)
    if not actors and not countries:
        return []
    topics = unique_in_order(m.name for m in entities.topics_in(sentence.start, sentence.end))
    reported = reported_dates_of(citations)
    country_mentions = entities.countries_in(sentence.start, sentence.end)
    context = _Context(text, anchor, sentence, triggers, actor_mentions, country_mentions, entities, gazetteer, rules)
    mentions = []
    for timex in candidates:
        own = owned_triggers(timex, claimants, triggers, rules)
        if is_future(_day(timex["earliest"]), _day(timex["latest"]), anchor):
            # A report is made now, not later: a future date belongs to what is reported, so a
            # reporting verb ("said ... next year") cannot type it.
            own = [trigger for trigger in own if trigger.event_type != "statement"]
        if not own:
            continue
        own = governed_first(own, triggers, text, rules)
        own = explicit_meeting_first(timex, own, claimants, triggers, context)
        event_type, status = decide_type_and_status(timex, own, sentence.text, sentence.start, text, anchor, rules)
        summary = describe(timex, own, event_type, status, context)
        main = own[0]
        place = place_code_of(sentence, entities, (min(timex["start"], main.start), max(timex["end"], main.end)),
                              gazetteer, text)
        visit = next((trigger for trigger in own if trigger.event_type == "visit"), None)
        if visit is not None:
            visitor = _possessor(visit, actor_mentions, text)
            if place:
                if visitor and event_type == "visit":
                    visit_places[visitor] = place[0]
            elif visitor and visitor in visit_places:
                # "concerns over Sergeev's visit": the visit placed earlier in the article ("Sergeev's visit
                # to Tehran last week") is the same one.
                place = (visit_places[visitor], None)
        clause = event_clause(timex, main, sentence, context)
        own_countries = event_countries(timex, main, sentence, context, place, quotes, clause)
        own_actors = event_actors(timex, main, own, summary, sentence, context, quotes, clause, place)
        own_actors = actors if own_actors == [] else own_actors or []
        mentions.append(_mention(sentence, timex, own, event_type, status, summary, own_actors, own_countries,
                                 topics, reported, actors))
    return mentions


def _possessor(trigger: Trigger, actor_mentions, text: str) -> str | None:
    """The person whose happening it is: "Sergeev's visit", "Igor Sergeev’s February visit"."""
    for mention in actor_mentions:
        if mention.end <= trigger.start and re.fullmatch(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}",
                                                         text[mention.end:trigger.start]):
            return mention.ref.name
    return None


def governed_first(own: list[Trigger], triggers: list[Trigger], text: str, rules: EventRules) -> list[Trigger]:
    """The nearest trigger may be the object of another: "expressed its concerns over Sergeev's visit on
    December 28" is a protest whose object is the visit; "sign a deal on military cooperation" is an
    agreement. The governing trigger (of a governing type) then comes first."""
    nearest = own[0]
    for trigger in reversed(triggers):
        if trigger.end > nearest.start or nearest.start - trigger.end > 60:
            continue
        if (trigger.event_type in rules.governing_types and trigger.event_type != nearest.event_type
                and rules.object_link.fullmatch(text, trigger.end, nearest.start)):
            return [trigger] + [t for t in own if t is not trigger]
    return own


def explicit_meeting_first(timex, own, claimants, triggers, context) -> list[Trigger]:
    """A clause whose date is typed by a reporting verb ("Two days before, the president had stressed his
    hopes ... when, at a meeting with Sergeev, he praised ...") is a meeting when it names one with a
    named counterpart, however far from the date: the meeting is the happening, the words its content."""
    if own[0].event_type != "statement":
        return own
    taken = taken_triggers(timex, claimants, triggers, context.rules)
    for trigger in triggers:
        if trigger.event_type != "meeting" or trigger in taken:
            continue
        if re.search(r"\bthat\b", context.text[own[0].end:trigger.start]) or context.rules.future.search(
                context.text, min(own[0].end, trigger.start), trigger.start):
            continue  # "announced that Putin will ... for talks with Kim": the talks are what was announced
        with_match = _WITH_AFTER.match(context.text, trigger.end, min(trigger.end + 40, context.sentence.end))
        if with_match and any(with_match.end() <= m.start <= with_match.end() + 40 for m in context.actor_mentions):
            return [trigger] + [t for t in own if t is not trigger]
    return own


def taken_triggers(timex, claimants, triggers, rules) -> set:
    """Triggers another dated phrase of the sentence takes as its nearest while being nearer to it."""
    taken = set()
    for other in claimants:
        if other is timex:
            continue
        for trigger in triggers_in_reach(other, triggers, rules)[:1]:
            if distance(other["start"], other["end"], trigger.start, trigger.end) < distance(
                    timex["start"], timex["end"], trigger.start, trigger.end):
                taken.add(trigger)
    return taken


# ---------------------------------------------------------------------------------------------
# Summaries
# ---------------------------------------------------------------------------------------------
@dataclass
class _Context:
    text: str
    anchor: datetime.date
    sentence: Sentence
    triggers: list  # the sentence's triggers, in text order
    actor_mentions: list
    country_mentions: list
    entities: ArticleEntities
    gazetteer: Gazetteer
    rules: EventRules


def describe(timex, own, event_type, status, ctx: _Context) -> str:
    """A short title-like line: who does what (where), naming what an announcement announced and what a
    postponement put off."""
    main = own[0]
    rules = ctx.rules
    near = (min(timex["start"], main.start), max(timex["end"], main.end))
    place = place_of(ctx.sentence, ctx.entities, near, ctx.gazetteer, ctx.text)
    if event_type == "postponement" or status == "postponed":
        # "a planned visit to Russia by Kim Jong-il had been put off": the visit, postponed.
        substantive = main if main.event_type != "postponement" else next(
            (t for t in own if t.event_type in rules.schedulable), None)
        if substantive is not None:
            return _finish(object_phrase(substantive, ctx) + " postponed")
    if event_type in STATE_ACTS or event_type in FIELDS:
        line = _report_line(main, event_type, ctx)
        if line:
            return line
    names = parties(main, event_type, near, place, ctx)
    to_come = status == "planned" or (status == "reported" and timex["latest"] > ctx.anchor.isoformat())
    return summary_for(event_type, names, place, rules, to_come)


def _report_line(main, event_type, ctx) -> str | None:
    """"Russia announces Putin visit to North Korea", "United States protests Sergeev visit",
    "Russia announces nuclear work in Iran": a reporting (or protesting) verb and its object."""
    text = ctx.text
    if event_type in FIELDS:
        # A field of cooperation reported by an announcement earlier in the sentence.
        # A field of cooperation reported by an announcement earlier in the sentence, or by one right
        # after it ("the ministry announced that it had started building a reactor").
        verb_trigger = next((t for t in reversed(ctx.triggers) if t.end <= main.start and t.event_type == "statement"
                             and main.start - t.end <= 120 and _statement_verb(text, t, ctx.rules)
                             and not _OBJECT_STOP.search(text, t.end, main.start)), None)
        obj_trigger = main
        if verb_trigger is None:
            verb_trigger = next((t for t in ctx.triggers if t.start >= main.end and t.event_type == "statement"
                                 and t.start - main.end <= 30 and _statement_verb(text, t, ctx.rules)), None)
            if verb_trigger is None:
                return None
            following = _object_trigger(verb_trigger, ctx)
            if following is not None and following.event_type in FIELDS:
                obj_trigger = following
        verb = verb_trigger
    else:
        verb, obj_trigger = main, _object_trigger(main, ctx)
        if obj_trigger is None:
            return None
    if verb.event_type == "protest":
        word = text[verb.start:verb.end].lower()
        forms = next((f for stem, f in ctx.rules.protest_verbs if word.startswith(stem)), ("protests", "protested"))
    else:
        forms = _statement_verb(text, verb, ctx.rules)
        if not forms:
            return None
    obj = object_phrase(obj_trigger, ctx)
    who = agent_before(verb, None, ctx)[:1]
    if not who:
        # "reports out of Tokyo on May 2, the premier had decided to wait": the source between the
        # verb and its object, when it is a state.
        between = [m for m in ctx.country_mentions if verb.end <= m.start and m.end <= obj_trigger.start]
        who = [ctx.gazetteer.country_name(between[0].code)] if between else []
    if who:
        return _finish(f"{who[0]} {forms[0]} {obj}")
    return _finish(f"{obj} {forms[1]}")


def _statement_verb(text, trigger, rules):
    word = text[trigger.start:trigger.end].lower()
    for stem, forms in rules.statement_verbs:
        if word.startswith(stem):
            return forms
    return None


def _object_trigger(verb: Trigger, ctx) -> Trigger | None:
    """The first trigger of another act after a reporting verb, in its clause: what was announced. A dash
    aside is skipped ("Mamedov\u2013the man who led the negotiations\u2013had met")."""
    asides = [m.span() for m in _DASH_ASIDE.finditer(ctx.text, verb.end, ctx.sentence.end)]
    for trigger in ctx.triggers:
        if trigger.start < verb.end or trigger.event_type == "statement" or _inside(asides, trigger.start):
            continue
        gap = _DASH_ASIDE.sub("", ctx.text[verb.end:trigger.start])
        if len(gap) > 100 or _OBJECT_STOP.search(gap):
            return None
        return trigger
    return None


def object_phrase(trigger: Trigger, ctx) -> str:
    """The happening of `trigger` as a noun phrase: "Putin visit to North Korea", "Kim Jong-il and Putin
    talks", "nuclear work in Iran"; persons within OBJECT_REACH of the trigger, in text order."""
    limit = 2 if trigger.event_type in PARTIES_OF_TWO else 1
    span_start = trigger.start
    aside = _ASIDE_BEFORE.search(ctx.text, max(ctx.sentence.start, trigger.start - 170), trigger.start)
    if aside:
        span_start = aside.start()  # "Mamedov\u2013the man who ...\u2013had met": the subject before the aside
    close = sorted((m for m in ctx.actor_mentions if distance(m.start, m.end, span_start, trigger.end) <= OBJECT_REACH),
                   key=lambda m: distance(m.start, m.end, span_start, trigger.end))
    chosen = sorted(unique_mentions(close)[:limit], key=lambda m: m.start)
    who = join_names([display_name(m.ref.name) for m in chosen])
    place = place_of(ctx.sentence, ctx.entities, (trigger.start, trigger.end), ctx.gazetteer, ctx.text,
                     reach=OBJECT_REACH, after_only=True)
    place_text = ""
    if place:
        if trigger.event_type == "visit":
            word = "to"
        elif trigger.event_type in FIELDS and word_before(ctx.text, ctx.text.find(place, trigger.end)) == "to":
            word = "with"  # "sell arms to Iran": cooperation with Iran, not in it
        else:
            word = "in"
        place_text = f" {word} {place}"
    noun = _object_noun(ctx.text[trigger.start:trigger.end].lower(), trigger.event_type, ctx.rules)
    if trigger.event_type == "postponement":
        # "chosen to delay his Russia visit": what was put off goes before the noun ("visit delay").
        put_off = next((t for t in ctx.triggers if t.event_type in ctx.rules.schedulable
                        and 0 <= t.start - trigger.end <= 25), None)
        if put_off is not None:
            noun = f"{_SCHEDULED_NOUNS.get(put_off.event_type, put_off.event_type)} {noun}"
    line = ctx.rules.objects[trigger.event_type].format(who=who, place=place_text, noun=noun)
    return " ".join(line.split())


_SCHEDULED_NOUNS = {"meeting": "talks"}


def _object_noun(word: str, event_type: str, rules) -> str:
    for stem, noun in rules.object_nouns:
        if word.startswith(stem):
            return noun
    return event_type


def unique_mentions(mentions) -> list:
    seen, result = set(), []
    for mention in mentions:
        if mention.ref.name not in seen:
            seen.add(mention.ref.name)
            result.append(mention)
    return result


def agent_before(trigger: Trigger, place, ctx) -> list[str]:
    """The subject of `trigger`: names (persons first, else states) standing before it in its clause,
    within AGENT_REACH ("Moscow announced", "Russia and North Korea intended to resume talks")."""
    text = ctx.text
    start = max(ctx.sentence.start, trigger.start - AGENT_REACH)
    for match in _CLAUSE_BREAK.finditer(text, start, trigger.start):
        start = match.end()
    people = [m for m in ctx.actor_mentions if start <= m.start and m.end <= trigger.start]
    if people:
        return [display_name(m.ref.name) for m in unique_mentions(people)]
    states = [m for m in ctx.country_mentions if start <= m.start and m.end <= trigger.start
              and m.kind != "none" and m.text != place and _may_be_subject(m, trigger, text)]
    return unique_in_order(ctx.gazetteer.country_name(m.code) or m.code for m in states)


def _may_be_subject(mention, trigger: Trigger, text: str) -> bool:
    """A state after a preposition is inside a phrase ("a step out of North Korea's isolation came during
    a visit"), unless it owns the trigger ("on the heels of Moscow's well-publicized repudiation")."""
    if word_before(text, mention.start) not in _NOT_SUBJECT_AFTER:
        return True
    rest = text[mention.end:trigger.start]
    return bool(re.match(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}$", rest))


def between_parties(trigger: Trigger, ctx) -> list[str]:
    """"talks ... between Russian and North Korean officials", "between Putin and Kim Dae-jung": the
    parties named after "between" (persons, else states), when it follows the trigger in its clause."""
    text = ctx.text
    window_end = min(ctx.sentence.end, trigger.end + 60)
    index = text.find(" between ", trigger.end, window_end)
    if index < 0 or _OBJECT_STOP.search(text, trigger.end, index):
        return []
    start = index + len(" between ")
    stop = re.compile(r"[;,.(]|\s[a-z]+(?:ed|s)\s").search(text, start, ctx.sentence.end)
    end = stop.start() if stop else ctx.sentence.end
    # An appositive ("South Korea's ambassador to Russia, Jai-chun Lee") continues past one comma.
    if stop and text[stop.start()] == "," and any(ctx.gazetteer.is_title_word(word)
                                                   for word in re.findall(r"[A-Za-z]+", text[start:stop.start()])):
        follow = [m for m in ctx.actor_mentions if stop.end() <= m.start <= stop.end() + 2]
        if follow:
            end = follow[0].end
    people = [m for m in ctx.actor_mentions if start <= m.start < end]
    if people:
        return [display_name(m.ref.name) for m in unique_mentions(people)]
    states = [m for m in ctx.country_mentions if start <= m.start < end and m.kind != "none"]
    return unique_in_order(ctx.gazetteer.country_name(m.code) or m.code for m in states)


def parties(main: Trigger, event_type: str, near, place, ctx) -> list[str]:
    """Who the summary names, in order of preference: the parties after "between"; the agent before the
    trigger (with the nearest other person for two-party happenings); the actors nearest the date and
    trigger; the sentence's opening person (its subject) when nothing nearer; the nearest states."""
    limit = 2 if event_type in PARTIES_OF_TWO else 1
    if event_type in PARTIES_OF_TWO:
        names = between_parties(main, ctx)
        if names:
            return names[:limit]
    country_mentions = ctx.country_mentions
    names = agent_before(main, place, ctx)
    if names:
        if len(names) < limit:
            # The counterpart: the nearest other person, else the nearest other state ("Russian diplomats
            # hosted visits by delegations from both North and South Korea").
            others = [display_name(a.name) for a in actors_nearest(ctx.actor_mentions, near)]
            if not others or names[0] not in others:
                others += [ctx.gazetteer.country_name(code) or code
                           for code in countries_nearest(ctx.country_mentions, near, place)]
            names += [name for name in others if name not in names]
        return names[:limit]
    actors = actors_nearest(ctx.actor_mentions, near)
    if event_type in STATE_ACTS:
        if state_is_nearer(country_mentions, ctx.actor_mentions, near, place):
            actors = []  # "Moscow's repudiation": the state acted, not a person
        # A state named only after the act is its object or its audience, not its author ("The
        # announcement came on the day a paper quoted U.S. sources").
        country_mentions = [m for m in country_mentions if m.start < main.start]
    if event_type == "letter" and len(actors) > 1:
        # "in a letter to Kim, Putin praised": the person after "to" is the addressee, named second.
        addressees = {m.ref.name for m in ctx.actor_mentions
                      if re.search(r"\bto\s+$", ctx.text[max(0, m.start - 4):m.start])}
        actors = sorted(actors[:2], key=lambda a: a.name in addressees)
    if actors:
        return [display_name(a.name) for a in actors[:limit]]
    opening = [m for m in ctx.actor_mentions if m.start - ctx.sentence.start <= 2
               or _PRONOUN_BEFORE.search(ctx.text, max(ctx.sentence.start, main.start - 30), main.start)]
    if opening and len(unique_mentions(ctx.actor_mentions)) == 1:
        return [display_name(opening[0].ref.name)]  # "Kim Jong-il's first step ... came during a visit"
    if event_type == "summit":
        return []  # "the July 21-23 summit of G-7 countries": states named near a summit are not its hosts
    codes = countries_nearest(country_mentions, near, place)
    return [ctx.gazetteer.country_name(code) or code for code in codes[:limit]]


def _finish(line: str) -> str:
    line = " ".join(line.split())
    line = line[:1].upper() + line[1:]
    if len(line) > MAX_SUMMARY:
        line = line[:MAX_SUMMARY].rsplit(" ", 1)[0]
    return line


def _mention(sentence, timex, own, event_type, status, summary, actors, countries, topics, reported,
             sentence_actors=None):
    """confidence counts the sentence's actors (`sentence_actors`): a named person near the date makes the
    date's reading surer even when that person is not the event's."""
    earliest = datetime.date.fromisoformat(timex["earliest"])
    latest = datetime.date.fromisoformat(timex["latest"])
    grain = granularity(timex["value"], earliest, latest, timex.get("mod"))
    gap = distance(timex["start"], timex["end"], own[0].start, own[0].end)
    return EventMention(
        key=f"{sentence.start}:{timex['start']}",
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        sentence=sentence.text,
        date_text=timex["text"],
        date_text_start=timex["start"],
        date_text_end=timex["end"],
        timex_value=timex["value"],
        timex_mod=timex.get("mod") or "",
        date_start=earliest,
        date_end=latest,
        granularity=grain,
        event_type=event_type,
        status=status,
        summary=summary,
        actors=list(actors),
        countries=list(countries),
        topics=list(topics),
        reported_dates=list(reported),
        confidence=confidence_of(grain, gap, status, actors if sentence_actors is None else sentence_actors,
                                 countries),
    )
