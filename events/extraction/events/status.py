"""An event's type and status (occurred, planned, postponed, reported): the rules in the package docstring."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.clauses import last_clause_break
from events.extraction.events.dates import is_future, iso_day
from events.extraction.events.rules import EventRules
from events.extraction.events.spans import SPECULATION_BREAK
from events.extraction.events.triggers import Trigger
from events.extraction.events.windows import DETERMINER_LOOKBACK, SET_FOR_LOOKBACK
from events.extraction.timex_tense import governing_tense

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext


# The event's own verb looks ahead: "is to meet ... today", "are to sign ... today", "will arrive today",
# or the trigger is itself a schedule ("is due in", "is expected in").
_FUTURE_VERB_BEFORE = re.compile(
    r"\b(?:will|shall|would|(?:is|are)\s+(?:(?:also|now|still|then|again|first)\s+)?"
    r"(?:(?:due|expected|scheduled|set|slated|going)\s+)?to|plans?\s+to"
    r"|intends?\s+to)\s+(?:[a-z]+\s+){0,3}$", re.IGNORECASE)
_FUTURE_TRIGGER = re.compile(r"(?:is|are)\s+(?:due|expected)\b", re.IGNORECASE)
# How far before its trigger the event's own auxiliary is looked for.
FUTURE_VERB_LOOKBACK = 40

# The date phrase is a premodifier of its trigger noun: "the July 21-23 summit", "his February visit".
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|his|her|its|their|our|this|that)|[\u2019']s)\s+(?:[a-z]+\s+)?$")


def decide_type_and_status(timex: dict, triggers: list[Trigger], ctx: SentenceContext) -> tuple[str, str]:
    """(event type, status) for the dated phrase; `triggers` are its own, nearest first. What lies wholly
    after the issue date has not occurred: whatever the cues say, it is planned ("is due to carry its first
    oil next summer", in a sentence whose postponement is another clause's)."""
    event_type, status = _type_and_status(timex, triggers, ctx)
    if status == "occurred" and is_future(iso_day(timex["earliest"]), iso_day(timex["latest"]), ctx.anchor):
        return event_type, "planned"
    return event_type, status


def _type_and_status(timex: dict, triggers: list[Trigger], ctx: SentenceContext) -> tuple[str, str]:
    main = triggers[0]
    speculated = speculative(timex, ctx)
    put_off = _put_off(timex, triggers, ctx, speculated)
    if put_off:
        return put_off
    event_type = main.event_type
    # "the July 21-23 summit", "his February visit": a dated happening named as known; the sentence's
    # speculation or hedge ("could fall just before the May 4-6 summit") is about something else.
    named_as_known = premodifies(timex, main, ctx.text) or postmodifies(timex, main, ctx.text)
    if speculated and not named_as_known:
        return event_type, "reported"
    if _planned(timex, main, ctx):
        return event_type, "planned"
    return event_type, "occurred" if named_as_known else _hedged_status(timex, ctx, speculated)


def _planned(timex: dict, main: Trigger, ctx: SentenceContext) -> bool:
    """After the issue date; or a span that contains the issue date ("this week", "this month") in a
    sentence that speaks of the future; a single day ("today") is not ("said today it will" happened
    today) unless the happening's own verb looks ahead."""
    earliest, latest, anchor = iso_day(timex["earliest"]), iso_day(timex["latest"]), ctx.anchor
    if is_future(earliest, latest, anchor):
        return True
    if earliest <= anchor <= latest and earliest < latest:
        # (a span that ends on the issue day, "earlier this month", is the part of it already past)
        return latest != anchor and _span_looks_ahead(timex, ctx)
    return earliest == latest == anchor and (_own_verb_looks_ahead(timex, main, ctx) or _gerund_of_future(timex, main, ctx))


def _span_looks_ahead(timex: dict, ctx: SentenceContext) -> bool:
    """A future word of the sentence ("hoped to see Putin again this month"); one after the date only when the verb
    governing the date does not tell it in the past ("has spent the week in Moscow preparing what would be the first
    visit": the future is another clause's)."""
    future = ctx.rules.future
    if future.search(ctx.text, ctx.sentence.start, timex["start"]):
        return True
    return bool(future.search(ctx.text, timex["end"], ctx.sentence.end)) and \
        governing_tense(ctx.text, timex["start"], timex["end"])[0] != "past"


def _own_verb_looks_ahead(timex: dict, trigger: Trigger, ctx: SentenceContext) -> bool:
    """For a happening dated on the issue day itself ("today"): is its own verb future ("Gavrin is to meet
    the oil minister today")? A sentence's other future words do not count: "said today it will" happened
    today."""
    if _FUTURE_TRIGGER.match(ctx.text, trigger.start, trigger.end):
        return True
    low = max(ctx.sentence.start, trigger.start - FUTURE_VERB_LOOKBACK)
    return (bool(_FUTURE_VERB_BEFORE.search(ctx.text[low:trigger.start])) or _timetable_present(trigger, low, ctx)
            or _clause_in_timetable_present(timex, trigger, ctx))


def _timetable_present(trigger: Trigger, low: int, ctx: SentenceContext) -> bool:
    """"Khatami leaves for St. Petersburg today", "Simitis begins a three-day visit to Moscow today", "he is to
    see them there today": a timetable's present (event_rules.json, status_cues.timetable_present) as the
    trigger's first word or just before it says the issue day's happening is still to come."""
    first = ctx.text[trigger.start:trigger.end].split(" ", 2)
    own = " ".join(first[:2]) if len(first) > 1 else first[0]
    # (a trigger after a determiner is a noun: "discussed the visits today")
    noun = bool(_DETERMINER_END.search(ctx.text, low, trigger.start))
    return bool((not noun and ctx.rules.timetable_present.search(own + " ")) or ctx.rules.timetable_present.search(
        ctx.text[low:trigger.start]))


_DETERMINER_END = re.compile(r"\b(?:the|his|her|its|their|a|an)\s+$")


def _clause_in_timetable_present(timex: dict, trigger: Trigger, ctx: SentenceContext) -> bool:
    """"Putin sees the premier over breakfast this morning before flying home", "Kuchma leaves for Kiev tomorrow
    after a stop in Odessa today": the date's clause tells the issue day in the timetable's present or future (its
    verb before the date, wherever the trigger stands); not a reporting verb's clause ("says"): a statement of the
    issue day is made, not planned."""
    text = ctx.text
    own_start = last_clause_break(text, ctx.sentence.start, timex["start"], ctx)
    if (_FUTURE_AUXILIARY.search(text, own_start, timex["start"]) or _present_verb(own_start, timex["start"], ctx)
            or _PROGRESSIVE.search(text, own_start, timex["start"])
            or ctx.rules.timetable_verb.search(text, own_start, timex["start"])):
        return True  # the date's own clause: "a session ..., which is to open this morning", "gives its verdict today",
        # "is staying on today to see" (a present progressive of the issue day is an arrangement)
    if trigger.event_type in ctx.rules.statements:
        return False
    low = min(timex["start"], trigger.start)
    start = last_clause_break(text, ctx.sentence.start, low, ctx)
    # (or a future auxiliary of the clause, however far before the trigger: "he is to visit the memorial and
    # meet the mayor today")
    return bool(ctx.rules.timetable_verb.search(text, start, low) or _FUTURE_AUXILIARY.search(text, start, low))


# A present progressive ("is staying", "are holding"): with the issue day, an arrangement still to come.
_PROGRESSIVE = re.compile(r"\b(?:is|are)\s+(?:[a-z]+ly\s+)?[a-z]{2,}ing\b")
# A verb in the present, third person, before its object: a word in -s (not -ss, -us, -is) right before a
# determiner ("gives its verdict", "opens the session"); a plural noun is rarely followed by one.
_PRESENT_BEFORE_OBJECT = re.compile(r"(?<![\w'\u2019-])([a-z]{2,}[^\Wsiu]s)\s+(?:its|the|a|an|his|her|their)\b")


def _present_verb(start: int, end: int, ctx: SentenceContext) -> bool:
    """Does text[start:end] hold a verb of the timetable's present that is no reporting verb ("says the", "tells
    a")?"""
    for match in _PRESENT_BEFORE_OBJECT.finditer(ctx.text, start, end):
        priority = ctx.rules.trigger_priority(match.group(1))
        if priority is None or ctx.rules.type_order[priority] not in ctx.rules.statements:
            return True
    return False


# "Before leaving for home this afternoon he is to stop in Istanbul": a gerund after a preposition takes the
# tense of the clause it hangs on; its future auxiliary follows the date.
_GERUND_AFTER = re.compile(r"\b(?:before|after|upon|on|since)\s+$", re.IGNORECASE)
_FUTURE_AUXILIARY = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:(?:due|expected|scheduled|set|going)\s+)?to)\b")
# How far after the date the governing clause's auxiliary is looked for.
GERUND_REACH = 60


def _gerund_of_future(timex: dict, trigger: Trigger, ctx: SentenceContext) -> bool:
    text = ctx.text
    if not text[trigger.start:trigger.end].split()[0].endswith("ing") or not _GERUND_AFTER.search(
            text, max(ctx.sentence.start, trigger.start - 12), trigger.start):
        return False
    return bool(_FUTURE_AUXILIARY.search(text, timex["end"], min(ctx.sentence.end, timex["end"] + GERUND_REACH)))


def _put_off(timex: dict, triggers: list[Trigger], ctx: SentenceContext, speculated: bool) -> tuple[str, str] | None:
    """Status steps 1 and 2 (and a postponement trigger nearest the date): (type, status), or None when
    nothing was put off."""
    rules, main = ctx.rules, triggers[0]
    substantive, postponement = _substantive_and_postponement(triggers, rules)
    if postponement is not None and (_in_doubt(postponement, ctx) or _another_date_given_up(timex, postponement, ctx)):
        postponement = None  # "the trip might be put off": nothing has been put off yet
    given_up = _date_given_up(timex, main, substantive, postponement, ctx)
    if given_up is not None:
        return given_up or None
    if _unfulfilled(main, ctx):
        return main.event_type, "postponed"  # "who was to have addressed the Assembly this week"
    if postponement is None:
        return (main.event_type, _hedged_status(timex, ctx, speculated)) if main.event_type in rules.puts_off else None
    return _what_was_put_off(timex, main, substantive, postponement, ctx, speculated)


def _date_given_up(timex: dict, main: Trigger, substantive: Trigger | None, postponement: Trigger | None,
                   ctx: SentenceContext) -> tuple[str, str] | bool | None:
    """Status step 1, the cues right before the date: (type, "postponed") when the date is the one given up ("had
    been set for", "was to have taken place in Riga on", "put off from"); False when it is the new date ("postponed
    until"; nothing was put off from it); None when no cue says."""
    rules = ctx.rules
    if _set_for_before_date(timex, ctx) or _before_date(rules.unfulfilled_before_date, timex, ctx) \
            or _given_up_after(timex, ctx) or _set_for_and_unmet(timex, ctx):
        return (substantive or main).event_type, "postponed"
    if _new_date_before_date(timex, ctx):
        return False
    return _put_off_from_date(timex, substantive, postponement, ctx)


def _put_off_from_date(timex: dict, substantive: Trigger | None, postponement: Trigger | None,
                       ctx: SentenceContext) -> tuple[str, str] | None:
    """(type, "postponed") when a postponement word right before the date puts the happening off from it ("put off
    from September": news of a putting-off; "was put off last autumn": the visit), else None."""
    if _before_date(ctx.rules.put_off_from_before, timex, ctx) and (postponement or substantive):
        return (postponement or substantive).event_type, "postponed"
    given_up = (substantive or _scheduled_before(timex, ctx)) if _put_off_in(timex, ctx) else None
    return (given_up.event_type, "postponed") if given_up is not None else None


def _what_was_put_off(timex: dict, main: Trigger, substantive: Trigger | None, postponement: Trigger,
                      ctx: SentenceContext, speculated: bool) -> tuple[str, str] | None:
    """(type, status) of a date with a postponement among its triggers: the date a happening was set for is
    given up; a schedulable happening is put off (or, at a past date, the putting-off is the event)."""
    rules = ctx.rules
    if _before_date(rules.given_up_before, timex, ctx):
        given_up = substantive or _scheduled_before(timex, ctx)  # "a trip to Brussels, set for last week, was shelved"
        if given_up is not None:
            return given_up.event_type, "postponed"
    if substantive and substantive.event_type in rules.schedulable:
        return _postponing_or_postponed(timex, postponement, substantive, ctx, speculated)
    if main.event_type in rules.puts_off:
        return main.event_type, _hedged_status(timex, ctx, speculated)
    return None


# A month is the shortest time after a bare postponement word that is the time given up, not the putting-off's day.
_PUT_OFF_IN_MIN_DAYS = 28


def _put_off_in(timex: dict, ctx: SentenceContext) -> bool:
    """Is the date the time a happening was put off from, a month or longer right after the postponement word ("was
    put off last autumn and again in April")? "postponed on Monday" is no such date: that is the day of the
    putting-off."""
    days = (iso_day(timex["latest"]) - iso_day(timex["earliest"])).days + 1
    if days < _PUT_OFF_IN_MIN_DAYS:
        return False
    low = max(ctx.sentence.start, timex["start"] - SET_FOR_LOOKBACK)
    cue = ctx.rules.put_off_in_before.search(ctx.text, low, timex["start"])
    # (a date before the postponement word is the one given up: "which was to open on May 8, was put off last
    # month": last month is the putting-off's)
    return cue is not None and not any(ctx.sentence.start <= t["start"] < cue.start() for t in ctx.claimants)


def _another_date_given_up(timex: dict, postponement: Trigger, ctx: SentenceContext) -> bool:
    """Does another date stand between this one and the postponement, itself the date given up ("is to come in
    mid-January, a visit first set for November and postponed": November was put off, mid-January is the plan)?"""
    low, high = (timex["end"], postponement.start) if timex["end"] <= postponement.start else \
        (postponement.end, timex["start"])
    return any(low <= other["start"] and other["end"] <= high and (_set_for_before_date(other, ctx) or _before_date(
        ctx.rules.given_up_before, other, ctx)) for other in ctx.claimants if other is not timex)


def _unfulfilled(main: Trigger, ctx: SentenceContext) -> bool:
    """Is the happening's verb "was to have ..." (it did not take place then)?"""
    low = max(ctx.sentence.start, main.start - SET_FOR_LOOKBACK)
    return bool(ctx.rules.unfulfilled_before.search(ctx.text[low:main.start]))


def _scheduled_before(timex: dict, ctx: SentenceContext) -> Trigger | None:
    """The last schedulable trigger of the sentence before the date, or None."""
    return next((t for t in reversed(ctx.triggers) if t.end <= timex["start"] and t.event_type in ctx.rules.schedulable),
                None)


def _in_doubt(postponement: Trigger, ctx: SentenceContext) -> bool:
    """Is the postponement under a modal ("the trip might be put off", "could yet be postponed")?"""
    low = max(ctx.sentence.start, postponement.start - SET_FOR_LOOKBACK)
    return bool(ctx.rules.put_off_in_doubt.search(ctx.text[low:postponement.start]))


def _before_date(cue: re.Pattern, timex: dict, ctx: SentenceContext) -> bool:
    """Does `cue` (a pattern ending in $) match the text just before the date?"""
    return bool(cue.search(ctx.text[max(ctx.sentence.start, timex["start"] - SET_FOR_LOOKBACK):timex["start"]]))


def _set_for_and_unmet(timex: dict, ctx: SentenceContext) -> bool:
    """Was the date set for a happening the rest of the sentence says never came ("the session, planned for this past
    December, never took place"; "set for signing in March, has not been signed")?"""
    return _before_date(ctx.rules.unmet_set_for_before, timex, ctx) \
        and bool(ctx.rules.unmet_after.search(ctx.text, timex["end"], ctx.sentence.end))


def _given_up_after(timex: dict, ctx: SentenceContext) -> bool:
    """Does the rest of the sentence say the date was given up ("expected him in April; that date has passed")?"""
    return bool(ctx.rules.given_up_after.search(ctx.text, timex["end"], ctx.sentence.end))


def _substantive_and_postponement(triggers: list[Trigger], rules: EventRules):
    """(the first trigger that puts nothing off, the first that does), each None when there is none."""
    substantive = next((t for t in triggers if t.event_type not in rules.puts_off), None)
    postponement = next((t for t in triggers if t.event_type in rules.puts_off), None)
    return substantive, postponement


def _set_for_before_date(timex: dict, ctx: SentenceContext) -> bool:
    """Does a cue that the happening was moved to this date stand just before it (status step 1)?"""
    before = ctx.text[max(ctx.sentence.start, timex["start"] - SET_FOR_LOOKBACK):timex["start"]]
    return bool(ctx.rules.set_for_before.search(before))


def _new_date_before_date(timex: dict, ctx: SentenceContext) -> bool:
    """Does a cue that the happening was moved to this date stand just before it ("may now take place in",
    "postponed until")? Then nothing was put off from this date."""
    before = ctx.text[max(ctx.sentence.start, timex["start"] - SET_FOR_LOOKBACK):timex["start"]]
    return bool(ctx.rules.new_date_before.search(before))


def _postponing_or_postponed(timex: dict, postponement: Trigger, substantive: Trigger, ctx: SentenceContext,
                             speculated: bool) -> tuple[str, str]:
    """The date is past: the postponing is the event; otherwise the happening is postponed."""
    if iso_day(timex["latest"]) < ctx.anchor:
        return postponement.event_type, _hedged_status(timex, ctx, speculated)
    return substantive.event_type, "postponed"


def speculative(timex: dict, ctx: SentenceContext) -> bool:
    """Is a speculation cue in the date's own clause (no clause break between them)? In "After talks on
    Monday, an aide said both sides could sign a treaty" the "could" is not about "Monday"; in "the trip
    might come on the eve of" it is about "the eve"."""
    cues = [ctx.rules.speculation]
    if not is_future(iso_day(timex["earliest"]), iso_day(timex["latest"]), ctx.anchor):
        cues.append(ctx.rules.weak_speculation)  # ("could take place next year" is planned)
    text, start = ctx.text, ctx.sentence.start
    for cue in (match for regex in cues for match in regex.finditer(text, start, ctx.sentence.end)):
        low, high = min(cue.end(), timex["start"]), max(cue.start(), timex["end"])
        if not SPECULATION_BREAK.search(text, low, high):
            return True
    return False


def premodifies(timex: dict, trigger: Trigger, text: str) -> bool:
    """Is the date phrase a premodifier of the trigger noun, after a determiner ("the July 21-23 summit",
    "their June 13-15 summit", "his February visit")?"""
    if trigger.start < timex["end"] or text[timex["end"]:trigger.start].strip():
        return False
    return bool(_DETERMINER_BEFORE.search(text, max(0, timex["start"] - DETERMINER_LOOKBACK), timex["start"]))


# "the APEC summit in Shanghai in October": a determiner (up to two words before the trigger noun), the noun, then
# only the places it is at before the date.
_NOUN_DETERMINER = re.compile(r"(?:\b(?:the|his|her|its|their)|[\u2019']s)\s+(?:[\w-]+\s+){0,2}$")
_PLACES_THEN_DATE = re.compile(r"(?:\s+(?:in|at|of)\s+(?:the\s+)?[A-Z][\w\u2019'.-]*(?:\s+[A-Z][\w\u2019'.-]*){0,2})*"
                               r"\s+(?:in|on|at)\s+(?:the\s+)?$")


def postmodifies(timex: dict, trigger: Trigger, text: str) -> bool:
    """Is the date the last of the phrases after a trigger noun with a determiner ("on his way to the APEC summit in
    Shanghai in October": the summit is scheduled as such, whatever "could" says of the journey to it)?"""
    if trigger.end > timex["start"] or not _PLACES_THEN_DATE.fullmatch(text, trigger.end, timex["start"]):
        return False
    return bool(_NOUN_DETERMINER.search(text, max(0, trigger.start - DETERMINER_LOOKBACK), trigger.start))


def _hedged_status(timex: dict, ctx: SentenceContext, speculated: bool) -> str:
    if speculated or hedged(timex, ctx):
        return "reported"
    return "occurred"


def hedged(timex: dict, ctx: SentenceContext) -> bool:
    """Is a hedge ("reportedly", "was said to") the date's: in its own clause (no clause break between them),
    or in an opening phrase that covers the sentence ("According to reports, ...")? "Tlass began a visit on
    Sunday and left a wish list that reportedly includes S-300s" and "X first met Putin in July 2000, and the two
    men were said to have got on well" tell Sunday's and July's happenings as facts."""
    text, start = ctx.text, ctx.sentence.start
    first_break = SPECULATION_BREAK.search(text, start, ctx.sentence.end)
    # (a date in an opening phrase dates the main clause after its commas: "On Monday, at a dinner in Kiev, Kuchma
    # reportedly met Kasyanov")
    opening = first_break is not None and timex["end"] <= first_break.start() and not any(
        t.start < first_break.start() for t in ctx.triggers)
    for cue in ctx.rules.hedge.finditer(text, start, ctx.sentence.end):
        low, high = min(cue.end(), timex["start"]), max(cue.start(), timex["end"])
        if not (_STRONG_BREAK if opening else SPECULATION_BREAK).search(text, low, high):
            return True
        if first_break and cue.end() <= first_break.start() < timex["start"]:
            return True
    return False


# A clause break that is not a comma (the commas after an opening phrase lead on to its main clause).
_STRONG_BREAK = re.compile(r"[;:(\u2013\u2014]|\b(?:that|when|which|who|while|but)\b")
