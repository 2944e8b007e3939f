"""An event's one-line summary: who does what (where), what an announcement announced, what was put off."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.participants import display_name, join_names, unique_mentions
from events.extraction.events.backoff import quote_start
from events.extraction.events.places import place_of
from events.extraction.events.rules import EventRules
from events.extraction.events.spans import AND_VERB, ASIDE_BEFORE, DASH_ASIDE, OBJECT_STOP, distance, inside, word_before
from events.extraction.events.summary_parties import agent_before, parties
from events.extraction.events.triggers import BackoffTrigger, Trigger
from events.extraction.events.windows import (ASIDE_LOOKBACK, FIELD_VERB_AFTER, FIELD_VERB_BEFORE, MAX_SUMMARY,
                                              OBJECT_GAP, OBJECT_REACH, PUT_OFF_REACH)

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

# A postponed happening's noun in another summary ("talks postponed").
_SCHEDULED_NOUNS = {"meeting": "talks"}


def describe(reading: Reading, ctx: SentenceContext) -> str:
    """A short title-like line: who does what (where), naming what an announcement announced and what a
    postponement put off."""
    timex, own, event_type, status = reading.timex, reading.own, reading.event_type, reading.status
    main = own[0]
    near = (min(timex["start"], main.start), max(timex["end"], main.end))
    place = place_of(ctx, near)
    line = _put_off_line(reading, ctx) or _report_line(main, event_type, ctx)
    if line:
        return line
    names = parties(main, event_type, near, place, ctx)
    if isinstance(main, BackoffTrigger):
        return backoff_line(names, main, timex, ctx)
    to_come = status == "planned" or (status == "reported" and timex["latest"] > ctx.anchor.isoformat())
    return summary_for(event_type, names, place, ctx.rules, to_come)


def _put_off_line(reading: Reading, ctx: SentenceContext) -> str | None:
    """"a planned visit to Russia by Kim Jong-il had been put off": the visit, postponed."""
    rules, main = ctx.rules, reading.main
    if reading.event_type not in rules.puts_off and reading.status != "postponed":
        return None
    substantive = main if main.event_type not in rules.puts_off else next(
        (t for t in reading.own if t.event_type in rules.schedulable), None)
    return finish(object_phrase(substantive, ctx) + " postponed") if substantive is not None else None


def _report_line(main: Trigger, event_type: str, ctx: SentenceContext) -> str | None:
    """"Russia announces Putin visit to North Korea", "United States protests Sergeev visit",
    "Russia announces nuclear work in Iran": a reporting (or protesting) verb and its object (for
    state acts and fields of cooperation only)."""
    verb, obj_trigger = _verb_and_object(main, event_type, ctx)
    forms = _verb_forms(verb, ctx) if verb is not None and obj_trigger is not None else None
    if not forms:
        return None
    obj = object_phrase(obj_trigger, ctx)
    who = _reporter(verb, obj_trigger, ctx)
    return finish(f"{who[0]} {forms[0]} {obj}" if who else f"{obj} {forms[1]}")


def _verb_and_object(main: Trigger, event_type: str, ctx: SentenceContext):
    """(reporting or protesting verb, the trigger of what it reports), or Nones."""
    if event_type in ctx.rules.fields:
        return _field_report(main, ctx)
    if event_type in ctx.rules.state_acts:
        return main, _object_trigger(main, ctx)
    return None, None


def _reporter(verb: Trigger, obj_trigger: Trigger, ctx: SentenceContext) -> list:
    """Who reports: the verb's agent; else ("reports out of Tokyo on May 2, the premier had decided to
    wait") the state named between the verb and its object."""
    who = agent_before(verb, None, ctx)[:1]
    if who:
        return who
    between = [m for m in ctx.country_mentions if verb.end <= m.start and m.end <= obj_trigger.start]
    return [ctx.gazetteer.country_name(between[0].code)] if between else []


def _field_report(main: Trigger, ctx: SentenceContext) -> tuple[Trigger | None, Trigger]:
    """(reporting verb, what it reports) for a field of cooperation: reported by an announcement earlier
    in the sentence, or by one right after it ("the ministry announced that it had started building a
    reactor"), whose own object may be the field named."""
    verb = _reporting_verb_before(main, ctx)
    if verb is not None:
        return verb, main
    verb = _reporting_verb_after(main, ctx)
    if verb is None:
        return None, main
    following = _object_trigger(verb, ctx)
    return verb, (following if following is not None and following.event_type in ctx.rules.fields else main)


def _reporting_verb_before(main: Trigger, ctx: SentenceContext) -> Trigger | None:
    """The nearest reporting verb within FIELD_VERB_BEFORE before `main`, with nothing ending its object
    between them."""
    return next((t for t in reversed(ctx.triggers) if t.end <= main.start <= t.end + FIELD_VERB_BEFORE
                 and _reporting(t, ctx) and not OBJECT_STOP.search(ctx.text, t.end, main.start)), None)


def _reporting_verb_after(main: Trigger, ctx: SentenceContext) -> Trigger | None:
    """The first reporting verb within FIELD_VERB_AFTER after `main`."""
    return next((t for t in ctx.triggers if main.end <= t.start <= main.end + FIELD_VERB_AFTER
                 and _reporting(t, ctx)), None)


def _reporting(trigger: Trigger, ctx: SentenceContext) -> bool:
    """Is the trigger a reporting verb with known forms ("announced": announces/announced)?"""
    return trigger.event_type in ctx.rules.statements and bool(_statement_verb(ctx.text, trigger, ctx.rules))


def _verb_forms(verb: Trigger, ctx: SentenceContext) -> tuple[str, str] | None:
    """(present, past) of a reporting or protesting verb: ("announces", "announced")."""
    if verb.event_type == "protest":
        word = ctx.text[verb.start:verb.end].lower()
        return next((f for stem, f in ctx.rules.protest_verbs if word.startswith(stem)), ("protests", "protested"))
    return _statement_verb(ctx.text, verb, ctx.rules)


def _statement_verb(text, trigger, rules):
    word = text[trigger.start:trigger.end].lower()
    for stem, forms in rules.statement_verbs:
        if word.startswith(stem):
            return forms
    return None


def _object_trigger(verb: Trigger, ctx: SentenceContext) -> Trigger | None:
    """The first trigger of another act after a reporting verb, in its clause: what was announced. A dash
    aside is skipped ("Mamedov\u2013the man who led the negotiations\u2013had met")."""
    asides = [m.span() for m in DASH_ASIDE.finditer(ctx.text, verb.end, ctx.sentence.end)]
    for trigger in ctx.triggers:
        if trigger.start < verb.end or trigger.event_type in ctx.rules.statements or inside(asides, trigger.start):
            continue
        gap = DASH_ASIDE.sub("", ctx.text[verb.end:trigger.start])
        if len(gap) > OBJECT_GAP or OBJECT_STOP.search(gap):
            return None
        return trigger
    return None


def object_phrase(trigger: Trigger, ctx: SentenceContext) -> str:
    """The happening of `trigger` as a noun phrase: "Putin visit to North Korea", "Kim Jong-il and Putin
    talks", "nuclear work in Iran"; persons within OBJECT_REACH of the trigger, in text order."""
    who = _object_persons(trigger, ctx)
    place_text = _object_place(trigger, ctx)
    noun = _object_noun(ctx.text[trigger.start:trigger.end].lower(), trigger.event_type, ctx.rules)
    if trigger.event_type in ctx.rules.puts_off:
        noun = _put_off_noun(trigger, noun, ctx)
    line = ctx.rules.objects[trigger.event_type].format(who=who, place=place_text, noun=noun)
    return " ".join(line.split())


def _object_persons(trigger: Trigger, ctx: SentenceContext) -> str:
    """The persons of the happening of `trigger` (two for a two-party one), joined: those nearest it
    within OBJECT_REACH, in text order."""
    limit = 2 if trigger.event_type in ctx.rules.two_party else 1
    span_start = trigger.start
    aside = ASIDE_BEFORE.search(ctx.text, max(ctx.sentence.start, trigger.start - ASIDE_LOOKBACK), trigger.start)
    if aside:
        span_start = aside.start()  # "Mamedov\u2013the man who ...\u2013had met": the subject before the aside
    close = sorted((m for m in ctx.actor_mentions if distance(m.start, m.end, span_start, trigger.end) <= OBJECT_REACH),
                   key=lambda m: distance(m.start, m.end, span_start, trigger.end))
    chosen = sorted(unique_mentions(close)[:limit], key=lambda m: m.start)
    return join_names([display_name(m.ref.name) for m in chosen])


def _put_off_noun(trigger: Trigger, noun: str, ctx: SentenceContext) -> str:
    """"chosen to delay his Russia visit": what was put off goes before the noun ("visit delay")."""
    put_off = next((t for t in ctx.triggers if t.event_type in ctx.rules.schedulable
                    and 0 <= t.start - trigger.end <= PUT_OFF_REACH), None)
    if put_off is None:
        return noun
    return f"{_SCHEDULED_NOUNS.get(put_off.event_type, put_off.event_type)} {noun}"


def _object_place(trigger: Trigger, ctx: SentenceContext) -> str:
    """" to North Korea" (a visit), " with Iran" ("sell arms to Iran": cooperation with Iran, not in it),
    " in Iran": the place after the trigger, within OBJECT_REACH."""
    place = place_of(ctx, (trigger.start, trigger.end), reach=OBJECT_REACH, after_only=True)
    if not place:
        return ""
    if trigger.event_type == "visit":
        word = "to"
    elif trigger.event_type in ctx.rules.fields and word_before(ctx.text, ctx.text.find(place, trigger.end)) == "to":
        word = "with"
    else:
        word = "in"
    return f" {word} {place}"


def _object_noun(word: str, event_type: str, rules) -> str:
    for stem, noun in rules.object_nouns:
        if word.startswith(stem):
            return noun
    return event_type


# The words a back-off summary quotes: at most this many, from its verb group on.
BACKOFF_WORDS = 9
_QUOTE_END = re.compile(r"[,;:()\u2013\u2014]|\s(?:that|when|which|who|while|but)\s|[.!?](?:\s|$)")


def backoff_line(names: list[str], main: Trigger, timex: dict, ctx: SentenceContext) -> str:
    """"Ukraine: intercepted a Russian trawler off Crimea", "Lipponen: is due to close (forum)": the back-off's type
    is a guess, so the line quotes its clause from the verb group on (without the date), after the parties."""
    text, start = ctx.text, quote_start(main, timex, ctx)
    stop = _QUOTE_END.search(text, max(start, main.end if main.start >= start else start), ctx.sentence.end)
    end = stop.start() if stop else ctx.sentence.end
    verb_after = AND_VERB.search(text, max(start, timex["end"]), end)
    end = verb_after.start() if verb_after else end
    words = _undangled(text[start:end].split())
    if start <= timex["start"] < end:
        words = _undangled(text[start:timex["start"]].split()) + text[timex["end"]:end].split()
    phrase = " ".join(_undangled(words[:BACKOFF_WORDS]))
    if not start <= main.start < end:
        phrase += f" ({text[main.start:main.end]})"  # the happening noun its light verb takes its type from
    return finish(f"{join_names(names)}: {phrase}" if names else phrase)


def _undangled(words: list[str]) -> list[str]:
    """`words` less the prepositions and articles left at their end."""
    while words and words[-1].lower() in _DANGLING:
        words = words[:-1]
    return words


_DANGLING = frozenset({"on", "in", "at", "by", "for", "to", "of", "the", "a", "an", "with", "from", "and", "since",
                       "until", "during", "before", "after", "early", "late", "mid", "sometime"})


def finish(line: str) -> str:
    line = " ".join(line.split())
    line = line[:1].upper() + line[1:]
    if len(line) > MAX_SUMMARY:
        line = line[:MAX_SUMMARY].rsplit(" ", 1)[0]
    return line


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
    return finish(line)
