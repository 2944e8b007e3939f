"""Rules for times of day: "10 p.m. Wednesday", "noon Saturday", "the morning"."""
from events.extraction.periods import month_number
import re

from events.extraction.timex_rules.base import TOD_WORDS, mention, rule
from events.extraction.timex_scan import Core, word_core
from events.extraction.timex_vocab import (
    DAYNUM, MONTH_ANY, TIMES_OF_DAY, WEEKDAY, WEEKDAYS, day_number, number_words,
)


@rule("clock",
      r"(?:(?P<approx>around|about|at\s+about|approximately)\s+)?\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:EST|EDT|GMT|CST|PST|local\s+time))?(?:,?\s+(?P<day>(?-i:" + WEEKDAY + r")|yesterday|today|tomorrow)|,?\s+(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?P<d1>" + DAYNUM + r")\b)?",
      cores=[Core(r"[aApP]\.?[mM]\b", flags=0)],
      examples={"10 p.m. Wednesday": "2000-12-27T22:00", "around 7:15 p.m.": "2001-01-02T19:15",
                "5 p.m. EST": "2001-01-02T17:00", "5 p.m. EST, Nov. 6": "2000-11-06T17:00"})
def build_clock(m, text):
    g = m.groupdict()
    hour = _hour_of_day(int(g["h"]), (g.get("ap") or "").lower().replace(".", ""))
    if hour is None:
        return None
    minute = int(g["min"]) if g.get("min") else 0
    mod = "APPROX" if g.get("approx") else None
    return mention("TIME", f"{_day_norm(g)}T{hour:02d}:{minute:02d}", mod)


def _hour_of_day(hour, am_pm):
    """The 24-hour hour of "10 p.m." (22), "12 a.m." (0); None for "14 p.m."."""
    if hour > 12 and am_pm:
        return None
    if am_pm == "pm" and hour < 12:
        return hour + 12
    if am_pm == "am" and hour == 12:
        return 0
    return hour


# The day a clock time names after it, by word; a weekday is resolved like a bare weekday.
_DAY_WORDS = {"yesterday": "UNDEF-last-day", "tomorrow": "UNDEF-next-day"}


def _day_norm(g):
    """The day norm of a clock time: its month and day, a weekday, yesterday or tomorrow, else today."""
    if g.get("mon"):
        return f"UNDEF-year-{month_number(g['mon']):02d}-{day_number(g['d1']):02d}"
    day = (g.get("day") or "").lower()
    if day in WEEKDAYS:
        return f"UNDEF-weekday-{WEEKDAYS[day]}"
    return _DAY_WORDS.get(day, "UNDEF-this-day")


@rule("noon",
      r"\b(?P<what>noon|midday|midnight)(?:\s+(?P<day>(?-i:" + WEEKDAY + r")))?\b",
      cores=[word_core(["noon", "midday", "midnight"])],
      examples={"noon Saturday": "2000-12-30T12:00", "midnight Friday": "2000-12-29T24", "midday": "2001-01-02",
                "at noon": "2001-01-02"})
def build_noon(m, text):
    """"noon Saturday": that day's noon (TimeBank's value); a bare "noon" is the day the sentence or the story
    is at, as a bare "the afternoon" ("Schroeder flew in on Monday morning. The forum opened at noon": Monday,
    not the issue's day), valued as that day (docs/annotation.md: a clock time is valued as its day);
    "midday" is noon (a happening dated only by it was never extracted while it went untagged)."""
    g = m.groupdict()
    hour = "24" if g["what"].lower() == "midnight" else "12:00"
    day = g.get("day")
    if day and day.lower() in WEEKDAYS:
        return mention("TIME", f"UNDEF-weekday-{WEEKDAYS[day.lower()]}T{hour}")
    if hour == "24" and re.search(r"\b(?:after|past)\s+$", text[max(0, m.start() - 7):m.start()], re.I):
        return mention("DATE", "UNDEF-SENT-day-PLUS-1")  # "talked until after midnight": the next day's small hours
    return mention("DATE", "UNDEF-SENT-day")


# The hours of a clock time written in words ("two in the morning"); the small hours are those before six.
_CLOCK_WORDS = number_words(1, 12)
# An evening or night told earlier in the sentence: its small hours belong to the next day.
_NIGHT_BEFORE = re.compile(r"\b(?:night|evening|dinner|supper|banquet|late)\b", re.I)


@rule("clock_words",
      r"\b(?P<h>" + "|".join(_CLOCK_WORDS) + r")(?:\s+o'clock)?\s+in\s+the\s+(?P<tod>morning|afternoon|evening)\b",
      cores=[word_core(list(_CLOCK_WORDS))],
      examples={"nine in the morning": "2001-01-02", "four in the afternoon": "2001-01-02",
                "dined that night and talked until two in the morning": "2001-01-03"})
def build_clock_words(m, text):
    """"nine in the morning": a clock time, valued as the day the sentence is at (docs/annotation.md); "talked
    through dinner until two in the morning" after an evening or night of the sentence: its small hours, the
    next day."""
    sentence = re.split(r"[.!?]\s", text[max(0, m.start() - 300):m.start()])[-1]
    small_hours = m.group("tod").lower() == "morning" and _CLOCK_WORDS[m.group("h").lower()] < 6
    if small_hours and _NIGHT_BEFORE.search(sentence):
        return mention("DATE", "UNDEF-SENT-day-PLUS-1")
    return mention("DATE", "UNDEF-SENT-day")


@rule("time_of_day",
      r"\b(?:the\s+(?:(?:early|late|first)\s+)?|(?P<mid>mid)(?:-|\s+)|(?<=\bby\s))(?P<tod>morning|afternoon|evening)\b"
      r"(?:\s+(?P<day>yesterday|today|tomorrow)"
      r"|\s+of\s+(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?P<d1>" + DAYNUM + r")\b(?!,?\s+\d{4}))?",
      cores=[word_core(TOD_WORDS)],
      examples={"the morning": "2001-01-02TMO", "mid-afternoon": "2001-01-02TAF",
                "mid-afternoon yesterday": "2001-01-01TAF", "on the afternoon of December 29": "2000-12-29TAF",
                "the early afternoon": "2001-01-02TAF", "the first evening": "2001-01-02TEV"})
def build_tod(m, text):
    """'the morning', 'mid-afternoon': a time of the anchor day; a bare 'the afternoon' after a day named
    earlier in its sentence is that day's ("On Wednesday he laid a wreath ... and left in the afternoon");
    "the afternoon of October 4" is one expression, that day's afternoon (TIMEX3 takes the whole phrase). "the early
    afternoon", "the first evening" and "by evening" (no article) are bare parts of the day too: the day told."""
    g = m.groupdict()
    code = TIMES_OF_DAY[g["tod"].lower()]
    if g.get("mon"):
        return mention("TIME", f"UNDEF-year-{month_number(g['mon']):02d}-{day_number(g['d1']):02d}T{code}")
    mod = "MID" if g.get("mid") else None
    if not g.get("mid") and not g.get("day"):
        return mention("TIME", f"UNDEF-SENT-dayT{code}")
    day = {"yesterday": "last", "tomorrow": "next"}.get((g.get("day") or "").lower(), "this")
    return mention("TIME", f"UNDEF-{day}-dayT{code}", mod)


@rule("the_night",
      r"(?:(?<=\binto\s)|(?<=\bthrough\s)|(?<=\bduring\s)|(?<=\bthroughout\s)|(?<=\bin\s))the\s+night\b"
      r"(?!\s+(?:of|before|after|when|that|which|in\s+question)\b)",
      cores=[word_core(["night"])],
      examples={"talked late into the night": "2001-01-02TNI", "fighting went on through the night": "2001-01-02TNI"})
def build_the_night(m, text):
    """"talked late into the night", "held through the night": the night of the day named last (as "the
    evening", UNDEF-SENT); only after a preposition of time, so "the night the plane fell" is not tagged."""
    return mention("TIME", "UNDEF-SENT-dayTNI")
