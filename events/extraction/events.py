"""Event mentions: one per event-dating expression of a sentence that names a happening.

For each sentence, its time expressions (from timex.tag) are filtered to those that can date an event:
role "event" (never a citation or cross-reference), type DATE with an interval, not vague
(PRESENT_REF...), not inside a direct quotation, not the start of a span ("since last year", "over the
past year"), and not a bare year used as a modifier ("the 1995 agreement", "Iran's 1979 revolution").
Each remaining expression needs an event trigger near it (rules in data/event_rules.json): the nearest
trigger that no other date of the sentence is nearer to gives the event type. A sentence with no
actor and no country is no event. Precision over recall throughout.

Status, in this order:
1. the date is what the happening "had originally been set for"            -> postponed
2. a postponement word in reach of a schedulable happening (visit, talks...):
   the date is past -> the postponing is the event (type postponement); otherwise -> postponed
3. speculation ("speculated", "might", "rumored")                          -> reported
4. the date lies after the issue date, or is a span containing it and the
   sentence speaks of the future ("will", "planned", "expected")            -> planned
5. hedges ("reportedly", "was said to")                                     -> reported
6. otherwise                                                                 -> occurred
Source attributions' dates in the sentence become reported_dates.
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
MAX_SUMMARY = 140
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
        # One pass over the lower-cased text finds every trigger; the patterns are grouped by their
        # first letter (a cheap test at each position), and the type is then the first in priority
        # order whose own pattern matches the found text.
        self.type_regexes = [re.compile("(?:" + "|".join(entry["triggers"]) + ")") for entry in data["types"]]
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


def _by_first_letter(patterns: list[str]) -> str:
    """An alternation of `patterns` (each starting with a plain lower-case letter) behind a
    lookahead on that letter, keeping their order within each letter."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        if not pattern[:1].isalpha():
            raise ValueError(f"trigger pattern must start with a letter: {pattern!r}")
        groups.setdefault(pattern[0].lower(), []).append(pattern)
    branches = [f"(?={letter})(?:" + "|".join(group) + ")" for letter, group in sorted(groups.items())]
    return "(?=[" + "".join(sorted(groups)) + "])(?:" + "|".join(branches) + ")"


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
        word = match.group().lower()
        for priority, type_regex in enumerate(rules.type_regexes):
            if type_regex.fullmatch(word):
                found.append(Trigger(match.start(), match.end(), rules.type_order[priority], priority))
                break
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
    taken = set()
    for other in claimants:
        if other is timex:
            continue
        nearest = triggers_in_reach(other, triggers, rules)[:1]
        for trigger in nearest:
            if distance(other["start"], other["end"], trigger.start, trigger.end) < distance(
                    timex["start"], timex["end"], trigger.start, trigger.end):
                taken.add(trigger)
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

    if rules.set_for_before.search(before):
        return (substantive or main).event_type, "postponed"
    if postponements and substantive and substantive.event_type in rules.schedulable:
        if latest < anchor:
            return "postponement", _hedged_status(sentence_text, rules)
        return substantive.event_type, "postponed"
    event_type = main.event_type
    if event_type == "postponement":
        return event_type, _hedged_status(sentence_text, rules)
    if rules.speculation.search(sentence_text):
        return event_type, "reported"
    # A span that contains the issue date ("this week", "this month") is still to come when the sentence
    # speaks of the future; a single day ("today") is not: "said today it will" happened today.
    if is_future(earliest, latest, anchor) or (
            earliest <= anchor <= latest and earliest < latest and rules.future.search(sentence_text)):
        return event_type, "planned"
    return event_type, _hedged_status(sentence_text, rules)


def is_future(earliest: datetime.date, latest: datetime.date, anchor: datetime.date) -> bool:
    """After the issue date; "later this month" starts on the issue date and runs past it."""
    return earliest > anchor or (earliest == anchor and latest > anchor)


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _hedged_status(sentence_text: str, rules: EventRules) -> str:
    if rules.speculation.search(sentence_text) or rules.hedge.search(sentence_text):
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


def summary_for(event_type: str, actors: list[ActorRef], countries: list[str], place: str | None,
                gazetteer: Gazetteer, rules: EventRules) -> str:
    """One readable line from the type's template: "Sergeev and Shamkhani hold talks".
    `actors` come nearest-first; a one-sided happening names one of them, a meeting two."""
    templates = rules.summaries[event_type]
    limit = 2 if event_type in PARTIES_OF_TWO else 1
    names = [display_name(actor.name) for actor in actors[:limit]]
    if not names:
        names = [gazetteer.country_name(code) or code for code in countries[:limit]]
    who = join_names(names)
    if not names:
        key = "none"
    else:
        key = "one" if len(names) == 1 else "many"
    place_text = ""
    if place:
        # "Putin visits North Korea", "Visit to Pyongyang", "... hold talks in Moscow"
        preposition = ("to " if key == "none" else "") if event_type == "visit" else "in "
        place_text = f" {preposition}{place}"
    line = templates[key].format(who=who, place=place_text)
    return line[:1].upper() + line[1:MAX_SUMMARY]


def place_of(sentence: Sentence, entities: ArticleEntities, near: tuple[int, int],
             gazetteer: Gazetteer) -> str | None:
    """The country or capital nearest `near` that the sentence puts something "in" or "to";
    "in the Russian capital" gives the capital's name (Moscow)."""
    places = []
    for mention in entities.countries_in(sentence.start, sentence.end):
        offset = mention.start - sentence.start
        words_before = sentence.text[:offset].split()[-2:]
        place = None
        if mention.kind in ("name", "capital") and words_before[-1:] and words_before[-1].lower() in ("in", "to"):
            place = mention.text
        elif (mention.kind == "adjective" and [w.lower() for w in words_before] in (["in", "the"], ["to", "the"])
              and sentence.text[offset + len(mention.text):].startswith(" capital")):
            place = gazetteer.capital_of(mention.code)
        gap = distance(mention.start, mention.end, *near)
        if place and gap <= PLACE_REACH:
            places.append((gap, place))
    return min(places)[1] if places else None


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
                                             gazetteer, rules))
    return mentions


def _sentence_events(text, anchor, sentence, timexes, triggers, quotes, entities, gazetteer,
                     rules) -> list[EventMention]:
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
    mentions = []
    for timex in candidates:
        own = owned_triggers(timex, claimants, triggers, rules)
        if is_future(_day(timex["earliest"]), _day(timex["latest"]), anchor):
            # A report is made now, not later: a future date belongs to what is reported, so a
            # reporting verb ("said ... next year") cannot type it.
            own = [trigger for trigger in own if trigger.event_type != "statement"]
        if not own:
            continue
        near = (min(timex["start"], own[0].start), max(timex["end"], own[0].end))
        place = place_of(sentence, entities, near, gazetteer)
        country_mentions = entities.countries_in(sentence.start, sentence.end)
        summary_actors = actors_nearest(actor_mentions, near)
        if own[0].event_type in STATE_ACTS and state_is_nearer(country_mentions, actor_mentions, near, place):
            summary_actors = []  # "Moscow announced", "Moscow's repudiation": the state acted, not a person
        summary_countries = countries_nearest(country_mentions, near, place)
        mentions.append(_mention(text, anchor, sentence, timex, own, actors, countries, topics,
                                 reported, place, summary_actors, summary_countries, gazetteer, rules))
    return mentions


def _mention(text, anchor, sentence, timex, own, actors, countries, topics, reported, place, summary_actors,
             summary_countries, gazetteer, rules):
    event_type, status = decide_type_and_status(timex, own, sentence.text, sentence.start, text, anchor, rules)
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
        summary=summary_for(event_type, summary_actors, summary_countries, place, gazetteer, rules),
        actors=list(actors),
        countries=list(countries),
        topics=list(topics),
        reported_dates=list(reported),
        confidence=confidence_of(grain, gap, status, actors, countries),
    )
