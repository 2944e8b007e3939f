"""Which time expressions date events, their granularity, and the days source attributions cover."""
from __future__ import annotations

import datetime
import re

from events.extraction.events.rules import EventRules
from events.extraction.events.spans import inside, word_before
from events.extraction.timex_vocab import NUMBER_WORDS


# A source attribution's range of days longer than this counts as its first day only.
MAX_REPORTED_RANGE_DAYS = 7
# The precision of a TIMEX3 value, by its shape; a month value is checked for a short run of days.
_GRAIN_OF_VALUE = [(re.compile(pattern), grain) for pattern, grain in (
    (r"\d{4}-\d\d-\d\d$", "day"), (r"\d{4}-W\d\d(?:-WE)?$", "week"), (r"\d{4}-\d\d$", "month"),
    (r"\d{4}-(?:SP|SU|FA|WI)$", "season"), (r"\d{4}-Q\d$", "quarter"), (r"\d{4}-H\d$", "half"),
    (r"\d{4}$", "year"), (r"\d{3}X?$", "decade"))]
# Otherwise by the interval's length in days: the first grain whose limit it does not exceed.
_GRAIN_BY_LENGTH = ((1, "day"), (7, "week"), (31, "month"), (92, "season"), (184, "half"), (366, "year"))
_BARE_YEAR = re.compile(r"\d{4}$")


def has_interval(timex: dict) -> bool:
    """A date, or a time of a known day ("on Sunday evening", "this morning": TIME values such as
    2000-10-29TEV, whose interval is that day), or hours on the story's day ("within hours of the crash": the
    tagger gives that DURATION the day), with its interval of days."""
    return timex.get("type") in ("DATE", "TIME", "DURATION") and bool(timex.get("earliest")) and bool(timex.get("latest"))


def is_event_date(timex: dict, text: str, quotes: list[tuple[int, int]], rules: EventRules) -> bool:
    """Can this expression date an event (before looking for a trigger)?"""
    if timex.get("role") != "event" or not has_interval(timex):
        return False
    if timex.get("value") in rules.skip_values:
        return False
    if inside(quotes, timex["start"]):
        return False  # a date inside a direct quotation is the speaker's, not the report's
    previous = word_before(text, timex["start"])
    if _only_a_bound(timex, text, previous, rules):
        return False  # "since last year", "over the past year": the bound of a span, not a happening
    if _BARE_YEAR.match(timex["text"].strip()) and previous not in rules.year_prepositions:
        # "Iran's 1979 revolution": the year is a modifier; but "the 1972 ABM treaty" dates the treaty's signing
        return previous == "the" and bool(rules.year_named_treaty.match(text, timex["end"]))
    return True


def _only_a_bound(timex: dict, text: str, previous: str, rules: EventRules) -> bool:
    """Is the date right after a word that makes it a span's bound (skip_after_words), with nothing saying it is a
    happening's own ("his first visit since ...", "until" of a plan, "over the weekend")?"""
    if _right_before(text, timex["start"]) not in rules.skip_after_words:
        return False
    return not (_since_happening(previous, text, timex, rules) or until_plan(timex, text, rules)
                or _over_a_weekend(timex, previous))


def _over_a_weekend(timex: dict, previous: str) -> bool:
    """"plans to visit the islands over the weekend": a weekend is a time a happening takes (the rule book, val12: its
    Saturday and Sunday), not the bound of a span as "over the past year" is."""
    return previous == "over" and timex.get("value", "").endswith("-WE")


def bounds_a_span(timex: dict, text: str, rules: EventRules) -> bool:
    """"talked until two in the morning", "ran past midnight": the date only ends a span another date tells."""
    return _right_before(text, timex["start"]) in rules.bound_words and not until_plan(timex, text, rules)


# How far before a date after "until" the words that make it a plan's own are looked for.
UNTIL_LOOKBACK = 80


def until_plan(timex: dict, text: str, rules: EventRules) -> str | None:
    """"deadline" when the date after "until" ends a plan's time granted or stay ("gives the experts until November 1
    to reconcile", "is to remain in Moscow until Friday"), "new date" when it is what a happening was put off to
    ("will be put off until the summer"), else None (a state's end: "holds the presidency until June")."""
    start = timex["start"]
    if _right_before(text, start) != "until":
        return None
    before = text[max(0, start - UNTIL_LOOKBACK):start]
    if rules.until_new_date.search(before):
        return "new date"
    return "deadline" if rules.until_happening.search(before) else None


def deadline_start(timex: dict, text: str, rules: EventRules, earliest: datetime.date,
                   anchor: datetime.date) -> datetime.date:
    """The first day of a plan dated by its deadline or the end of its stay (until_plan): the issue day, when the
    date lies ahead (the rule book, heldout13: "until November 1" of a plan runs from the issue day to it)."""
    if earliest > anchor and until_plan(timex, text, rules) == "deadline":
        return anchor
    return earliest


# The word right before a date, only spaces between: "... once a month since. Yesterday he told ..." is no
# "since Yesterday" (a sentence's last word does not bound the next one's date).
_RIGHT_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _right_before(text: str, start: int) -> str:
    match = _RIGHT_BEFORE.search(text, max(0, start - 20), start)
    return match.group(1).lower() if match else ""


# How far before a date the words that make "since" date a happening are looked for.
SINCE_LOOKBACK = 120


def _since_happening(previous: str, text: str, timex: dict, rules: EventRules) -> bool:
    """"his first visit since the autumn of 1997", "has been in Islamabad since Wednesday", "have been blocking the
    lines since Monday", "since Thursday, when another building collapsed": the date after "since" is a
    happening's (the last visit; the arrival; the start; what the "when" clause tells), not only a span's bound."""
    start = timex["start"]
    return previous == "since" and bool(rules.since_happening.search(text[max(0, start - SINCE_LOOKBACK):start])
                                        or _WHEN_AFTER.match(text, timex["end"]))


_WHEN_AFTER = re.compile(r",\s+when\s")


def granularity(value: str, earliest: datetime.date, latest: datetime.date, mod: str | None = None) -> str:
    """The precision of a TIMEX3 value; a short run of days given as a month value ("July 21-23") is day."""
    grain = next((grain for pattern, grain in _GRAIN_OF_VALUE if pattern.match(value)), None)
    if grain == "month" and not mod and (latest - earliest).days < 7:
        return "day"
    return grain or _granularity_by_length((latest - earliest).days + 1)


def _granularity_by_length(days: int) -> str:
    return next((name for limit, name in _GRAIN_BY_LENGTH if days <= limit), "decade")


def is_future(earliest: datetime.date, latest: datetime.date, anchor: datetime.date) -> bool:
    """After the issue date; "later this month" starts on the issue date and runs past it."""
    return earliest > anchor or (earliest == anchor and latest > anchor)


def iso_day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


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


# How far before the date its "ended two days of talks" is looked for.
DAYS_ENDED_LOOKBACK = 90


def first_day_of_days_ended(timex: dict, text: str, sentence_start: int, cue) -> str:
    """The first day of the happening a single-day date ends: "ended two days of talks in Sochi yesterday" covers
    yesterday and the day before (the rule book: a two-day summit dated by the day it ended covers both days);
    else the date's own first day. `cue` is EventRules.days_ended_before."""
    if timex["earliest"] != timex["latest"]:
        return timex["earliest"]
    match = cue.search(text, max(sentence_start, timex["start"] - DAYS_ENDED_LOOKBACK), timex["start"])
    if match is None:
        return timex["earliest"]
    word = (match.group("n") or match.group("m")).lower()
    days = NUMBER_WORDS.get(word) or int(word)  # the count of days the cue names (event_rules.json)
    return (datetime.date.fromisoformat(timex["earliest"]) - datetime.timedelta(days=days - 1)).isoformat()


_WEEK_VALUE = re.compile(r"\d{4}-W\d\d$")
# Statuses of a happening over (or under way) on the issue day, and of one still to come.
_TOLD_AS_PAST = ("occurred", "reported")


def issue_week_part(earliest: datetime.date, latest: datetime.date, value: str, status: str,
                    anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days of "this week" ("the week") an event takes, by its status (the rule book, fourteenth round): a
    happening over or under way on the issue day ("spent two days in Moscow this week") runs from the week's
    Monday to the issue day; a planned one ("will arrive this week") from the issue day to Sunday; otherwise
    (postponed: the date given up) the whole ISO week. Only the issue's own whole week is cut: "earlier this
    week" already ends before the issue day, "next week" lies wholly ahead."""
    if not _WEEK_VALUE.match(value) or earliest != anchor - datetime.timedelta(days=anchor.weekday()) \
            or (latest - earliest).days != 6:
        return earliest, latest
    if status in _TOLD_AS_PAST:
        return earliest, anchor
    if status == "planned":
        return anchor, latest
    return earliest, latest


_YEAR_END = re.compile(r"\bend\s+of\s+(?:the|this)\s+year$", re.I)


def year_end_ahead(earliest: datetime.date, latest: datetime.date, date_text: str, status: str,
                   anchor: datetime.date) -> datetime.date:
    """The first day of a plan dated "(at) the end of the year" of the issue's year: the issue day (the rule book: "the
    end of the year" ahead = the anchor to December 31), whatever its cue ("by", "before" or none)."""
    if status == "planned" and latest == datetime.date(anchor.year, 12, 31) and earliest != anchor \
            and _YEAR_END.search(date_text):
        return anchor
    return earliest
