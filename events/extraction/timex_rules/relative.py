"""Rules for dates relative to the anchor or to the previous date: "last week", "three years ago", "the day
before", "yesterday", "last Friday"."""
import re

from events.extraction.timex_rules.base import (
    APPROX, PART, REL_WORDS, TOD, TOD_WORDS, approx_mod, duration_value, mention, part_of, quantity,
    relation, rule, text_before,
)
from events.extraction.timex_scan import word_core
from events.extraction.timex_vocab import DEICTIC, NUMBER, TIMES_OF_DAY, UNIT, WEEKDAY, WEEKDAYS, alternation, unit_name


UNIT_NORM = {"week": "week", "weekend": "weekend", "month": "month", "year": "year", "quarter": "quarter",
             "decade": "decade", "century": "century", "half": "half", "day": "day"}


@rule("relative_unit",
      r"\b(?:" + PART + r")?" + REL_WORDS + r"\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century|half)\b(?!-)",
      cores=[word_core(["week", "weekend", "month", "year", "quarter", "decade", "century", "half"])],
      examples={"last week": "2000-W52", "late last week": "2000-W52", "earlier this week": "2001-W01",
                "the end of this month": "2001-01", "later this year": "2001",
                "the latter part of last year": "2000", "since the beginning of this year": "2001",
                "over the weekend": "2000-W52-WE", "the following month": "2001-02", "that year": "2001",
                "the end of the year": "2001", "over the past decade": "P10Y"})
def build_relative_unit(m, text):
    g = m.groupdict()
    unit = g["unit"].lower()
    if g["unit"][0].isupper() and (g.get("rel") or "")[:1].isupper():
        return None  # "This Week", "Next Year": a title, not a time
    mod, part = part_of(m)
    rel_word = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if rel_word in ("the full", "the fiscal"):
        rel_word = "the"
    counted = _past_decade(rel_word, unit, mod, part) or _counted_from_previous_date(rel_word, unit, mod, part)
    if counted is not None:
        return counted
    if rel_word == "the":
        return _the_unit(m, text, unit, mod, part)
    return _relative_unit(rel_word, relation(rel_word), unit, mod, part, g)


def _past_decade(rel_word, unit, mod, part):
    """"over the past decade": the ten years up to now, a length (P10Y); "the last decade" is the 1990s."""
    if rel_word in ("the past", "past") and unit in ("decade", "century") and part is None:
        return mention("DURATION", "P10Y" if unit == "decade" else "P100Y", mod)
    return None


# "the previous year", "that month", "the same week": counted from the date the text spoke of last.
_FROM_PREVIOUS_DATE = {"the previous": "MINUS-1", "the preceding": "MINUS-1", "the prior": "MINUS-1",
                       "that": "PLUS-0", "the same": "PLUS-0"}


def _counted_from_previous_date(rel_word, unit, mod, part):
    if rel_word in ("the following", "following") and unit != "weekend" and part is None:
        return mention("DATE", f"UNDEF-REF-{unit}-PLUS-1")
    offset = _FROM_PREVIOUS_DATE.get(rel_word)
    return mention("DATE", f"UNDEF-REF-{unit}-{offset}", mod, part) if offset else None


def _the_unit(m, text, unit, mod, part):
    """"the end of the month", "earlier in the year": only with a part, and means "this"; "the weekend"
    alone is the nearest weekend (resolution picks which); "for the year" the current one, while "the
    year ended March 31" is a fiscal year (a length)."""
    if part is None and unit in ("year", "week"):
        return _the_whole_unit(m, text, unit, mod)
    if part is None and unit != "weekend":
        return None
    if part is not None and unit in _STORY_UNITS:
        # "earlier in the week", "late in the month": the definite article points to the week (month) the story is
        # in, the previous date's, as "that week" does; with no date before, the anchor's (resolution).
        return mention("DATE", f"UNDEF-REF-{unit}-PLUS-0", mod, part)
    return _relative_unit("the", "this", unit, mod, part, m.groupdict())


_STORY_UNITS = ("week",)


def _the_whole_unit(m, text, unit, mod):
    """"for the year" (the current one; "the year ended March 31" a fiscal year's length); "has spent the week in
    Moscow", "stopped in Riga during the week": the week the story is in, as "that week" (the anchor's when no date
    was told before). Else None."""
    if unit == "week":
        return mention("DATE", "UNDEF-REF-week-PLUS-0") if _SPENT_OR_DURING.search(
            text_before(text, m.start(), 16)) else None
    if re.match(r"\s+(?:that\s+)?(?:ended|ending|ends|to)\b", text[m.end():m.end() + 16]):
        return mention("DURATION", "P1Y")
    if not re.search(r"\b(?:for|in|during|of|through|throughout)\s+$", text_before(text, m.start(), 12), re.I):
        return None
    return _relative_unit("the", "this", unit, mod, None, m.groupdict())
# The words before a bare "the week" that make it a time: it is spent, or something happens during it ("for the
# week" in a market report is a length; "the week's session" a possessive).
_SPENT_OR_DURING = re.compile(r"\b(?:spent|spend|spends|spending|during|throughout)\s+$", re.I)


def _relative_unit(rel_word, rel, unit, mod, part, g):
    if rel is None:
        return None
    half = _half_of_year(rel, unit, part, g)
    if half:
        return half
    if rel_word in ("the past", "the last") and part is None and unit in _PAST_SPANS:
        return _PAST_SPANS[unit](mod, part)
    return mention("DATE", f"UNDEF-{rel}-{UNIT_NORM[unit]}", mod, part)


def _half_of_year(rel, unit, part, g):
    """"the first half of last year", "the second half of this year": a half, not a part of the year."""
    if unit != "year" or part not in ("first-half", "latter"):
        return None
    if not g["part"].lower().startswith(("the first half", "the second half", "the last half")):
        return None
    return mention("DATE", f"UNDEF-{rel}-H{1 if part == 'first-half' else 2}")


# "the past week" is the last seven days: a duration, as TimeBank annotates it. "over the past year":
# TimeBank writes it as last year's DATE (both of its cases), but it means the twelve months up to the
# anchor, not that calendar year: no interval to draw.
_PAST_SPANS = {
    "week": lambda mod, part: mention("DURATION", "P1W"),
    "month": lambda mod, part: mention("DURATION", "P1M"),
    "year": lambda mod, part: mention("DATE", "UNDEF-last-year", mod, part, no_interval=True),
}


@rule("year_end",
      r"\b(?:year[- ]end|year's\s+end)\b",
      cores=[word_core(["year"])],
      examples={"year-end": "2001", "year's end": "2001"})
def build_year_end(m, text):
    return mention("DATE", "UNDEF-this-year", "END", "late")


@rule("ago",
      APPROX + r"\b(?P<num>" + NUMBER + r")\s+(?P<unit>" + UNIT + r")\s+ago\b",
      cores=[word_core(["ago"])],
      examples={"three years ago": "1998", "a month ago": "2000-12", "10 days ago": "2000-12-23",
                "a few years ago": "PAST_REF", "about two weeks ago": "2000-W51"})
def build_ago(m, text):
    n = quantity(m.group("num"))
    unit = unit_name(m.group("unit"))
    if unit in ("second", "minute", "hour"):
        return None
    mod = approx_mod(m)
    if n == "X":
        return mention("DATE", "PAST_REF")
    if unit == "year" and n == "1":
        return mention("DATE", "UNDEF-RELQ-year-MINUS-1", mod)
    return mention("DATE", f"UNDEF-REL-{unit}-MINUS-{n}", mod)


@rule("offset",
      r"\b(?P<num>" + NUMBER + r")\s+(?P<unit>" + UNIT + r")\s+(?P<dir>earlier|later|before|after|previously|prior)\b",
      cores=[word_core(["earlier", "later", "before", "after", "previously", "prior"])],
      examples={"A day earlier": "2001-01-01", "two weeks later": "2001-W03", "One day after": "2001-01-03",
                "three months before": "2000-10"})
def build_offset(m, text):
    """'a day earlier', 'two weeks later', 'one day after (the June 27 talks)'."""
    n = quantity(m.group("num"))
    unit = unit_name(m.group("unit"))
    direction = m.group("dir").lower()
    if n == "X" or unit in ("second", "minute", "hour"):
        return None
    sign = "MINUS" if direction in ("earlier", "before", "previously", "prior") else "PLUS"
    if unit == "year" and n == "1" and sign == "MINUS":
        return mention("DATE", "UNDEF-REFQ-year-MINUS-1")
    if direction in ("before", "after"):
        # Resolution looks for a date right after; with none it is a duration ("a week after a summit").
        return mention("DATE", f"UNDEF-REFNEXT-{unit}-{sign}-{n}", duration=duration_value(n, unit),
                       duration_end=m.end("unit"))
    return mention("DATE", f"UNDEF-REF-{unit}-{sign}-{n}")


@rule("the_day_offset",
      r"\b(?:(?<=\bat\s)that\s+time|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|the\s+(?:previous|preceding|prior|next|following|same)\s+day|the\s+(?:day|week|month|year)\s+(?:before|after)|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|the\s+(?:same|next|following|previous|preceding)\s+(?:morning|afternoon|evening|night)|the\s+(?:morning|afternoon|evening|night)\s+(?:before|after)(?!\s+(?:last|yesterday|tomorrow)\b)|the\s+eve)\b",
      cores=[word_core(["day", "eve", "week", "month", "year", "time", "morning", "afternoon", "evening", "night"])],
      examples={"the day before": "2001-01-01", "the same day": "2001-01-02", "the next day": "2001-01-03",
                "that day": "2001-01-02", "at that time": None, "that afternoon": "2001-01-02TAF",
                "that same evening": "2001-01-02TEV", "the same evening": "2001-01-02TEV",
                "the next morning": "2001-01-03TMO", "the previous evening": "2001-01-01TEV",
                "the night before": "2001-01-01TNI", "the evening before": "2001-01-01TEV",
                "the morning after": "2001-01-03TMO"})
def build_the_day_offset(m, text):
    """'the day before', 'the next day', 'the same day', 'that day'."""
    t = re.sub(r"\s+", " ", m.group(0).lower())
    if "before yesterday" in t:
        return mention("DATE", "UNDEF-REL-day-MINUS-2")
    if "after tomorrow" in t:
        return mention("DATE", "UNDEF-REL-day-PLUS-2")
    sign, n = _day_offset(t)
    part_of_day = re.match(r"(?:that (?:same )?|the (?:same|next|following|previous|preceding) )"
                           r"(morning|afternoon|evening|night)$", t)
    if part_of_day:
        # "That afternoon he opened ...": the day of the date just mentioned, at that time of day; "the next
        # morning", "the previous evening": the day after or before it.
        return mention("TIME", f"UNDEF-REF-day-{sign}-{n}T" + TIMES_OF_DAY[part_of_day.group(1)])
    before_after = re.match(r"the (morning|afternoon|evening|night) (before|after)$", t)
    if before_after:
        # "who had flown in the evening before", "began the night before": that part of the day before (after)
        # the story's day, or of the date right after ("the night before the vote").
        return mention("TIME", f"UNDEF-REFNEXT-day-{sign}-{n}T" + TIMES_OF_DAY[before_after.group(1)])
    if t == "that time":
        return mention("DATE", "UNDEF-REF-same", optional=True)  # "at that time": the date just mentioned
    unit_m = re.match(r"the (week|month|year) (before|after)$", t)
    if unit_m:
        sign = "MINUS" if unit_m.group(2) == "before" else "PLUS"
        return mention("DATE", f"UNDEF-REFNEXT-{unit_m.group(1)}-{sign}-1")
    if t == "the eve":
        # "the eve of the July 21-23 summit": only meaningful with a date right after.
        return mention("DATE", "UNDEF-REFNEXT-day-MINUS-1", optional=True)
    if t.endswith(("before", "after")):
        return mention("DATE", f"UNDEF-REFNEXT-day-{sign}-{n}")
    return mention("DATE", f"UNDEF-REF-day-{sign}-{n}")


@rule("apposed_day",
      r"(?<=,\s)the\s+day\b(?!\s+(?:before|after)\b)",
      cores=[word_core(["day"])],
      examples={", the day": None})
def build_apposed_day(m, text):
    """"on October 6, the day Ivanov flew to Belgrade": a bare "the day" set beside a day just written is that
    day (timex_resolve._apposed_day); elsewhere it is no time expression ("the day's talks", "carried the day")."""
    return mention("DATE", "UNDEF-APPOS-day", optional=True)


def _day_offset(phrase):
    """(sign, days) of "the day before" (MINUS, 1), "the next day" (PLUS, 1), "that day" (PLUS, 0)."""
    words = phrase.split()
    if phrase.endswith("before") or any(word in words for word in ("previous", "preceding", "prior", "eve")):
        return "MINUS", "1"
    if phrase.endswith("after") or "next" in phrase or "following" in phrase:
        return "PLUS", "1"
    return "PLUS", "0"


@rule("deictic",
      r"\b" + alternation(DEICTIC) + r"\b",
      cores=[word_core(["now", "current", "currently", "nowadays", "present", "presently", "these", "moment",
                           "recently", "lately", "formerly", "past", "recent", "soon", "future", "term", "coming",
                           "ahead", "date", "possible", "today", "yesterday", "tomorrow", "tonight", "night",
                           "months", "years", "weeks", "days", "quarters"] + TOD_WORDS)],
      examples={"now": "PRESENT_REF", "currently": "PRESENT_REF", "in recent days": "PAST_REF",
                "yesterday": "2001-01-01", "the coming years": "FUTURE_REF", "soon": "FUTURE_REF"})
def build_deictic(m, text):
    key = re.sub(r"\s+", " ", m.group(0).lower())
    type_, norm = DEICTIC[key]
    if key == "soon" and re.search(r"\bas\s+$", text_before(text, m.start(), 4), re.I):
        return None  # "as soon as they arrive" is a conjunction
    if _part_of_a_name(m, text):
        return None  # "Hong Soon-young", "Yoon Young-kwan": a syllable of a Korean name
    if key == "current" and re.match(r"\s+(?:account|accounts|affairs|events|flow|flows|level|levels|law|laws|rate|rates|system|policy|account's)\b", text[m.end():m.end() + 12], re.I):
        return None
    if key == "the future" and re.match(r"\s+[a-z]", text[m.end():m.end() + 3]) and not re.match(r"\s+(?:and|or|of|in|is|will|was|as|at|for|to|by)\b", text[m.end():m.end() + 6]):
        return None  # "the future training of officers": an adjective, not a time
    return mention(type_, norm)


def _part_of_a_name(m, text):
    """A capitalised deictic word joined by a hyphen to another capitalised syllable ("Soon-young") or right
    after a capitalised word within a sentence ("Hong Soon"): part of a name."""
    word = m.group(0)
    if not word[:1].isupper():
        return False
    if re.match(r"-[A-Za-z]", text[m.end():m.end() + 2]):
        return True
    return bool(re.search(r"[a-z,]\s+[A-Z][a-z]+\s+$", text_before(text, m.start(), 30)))


@rule("weekday",
      r"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+preceding|the\s+following|the\s+next|early|earlier|late|later)\s+)?(?-i:(?P<wd>" + WEEKDAY + r"))\b" + TOD
      + r"(?:\s+of\s+(?P<week>last|next|this)\s+week\b)?",
      cores=[word_core((d.capitalize() for d in WEEKDAYS), cased=True)],
      examples={"Friday": "2000-12-29", "last Friday": "2000-12-29", "Thursday evening": "2000-12-28TEV",
                "next Monday": "2001-01-08", "Earlier Sunday": "2000-12-31",
                "Tuesday of last week": "2000-12-26", "Friday of next week": "2001-01-12"})
def build_weekday(m, text):
    g = m.groupdict()
    day = WEEKDAYS[g["wd"].lower()]
    rel_word = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    before = text_before(text, m.start(), 8).lower()
    if re.search(r"\b(?:each|every)\s+$", before):
        return None
    tod = g.get("tod")
    type_ = "TIME" if tod else "DATE"
    suffix = "T" + TIMES_OF_DAY[tod.lower()] if tod else ""
    mod, part = _WEEKDAY_PARTS.get(rel_word, (None, None))
    norm = _WEEKDAY_NORMS.get(rel_word, "UNDEF-weekday-{day}").format(day=day)
    if g.get("week") and not rel_word:
        # "Tuesday of last week": that weekday of the ISO week before the ("of this week": the issue's)
        week = g["week"].lower()
        norm = f"UNDEF-this-D{day}" if week == "this" else f"UNDEF-wk-{week}-D{day}"
    return mention(type_, norm + suffix, mod, part)


# "early Sunday", "later Friday": a part of that day.
_WEEKDAY_PARTS = {"early": ("START", "early"), "earlier": ("START", "early"),
                  "late": ("END", "late"), "later": ("END", "late")}
# The norm of a weekday after each relation word; any other: the bare weekday (resolution picks the week).
_WEEKDAY_NORMS = {
    "the previous": "UNDEF-REFWD-{day}-MINUS", "the preceding": "UNDEF-REFWD-{day}-MINUS",
    "the following": "UNDEF-REFWD-{day}-PLUS", "the next": "UNDEF-REFWD-{day}-PLUS",
    "last": "UNDEF-last-D{day}", "this past": "UNDEF-last-D{day}", "past": "UNDEF-last-D{day}",
    "next": "UNDEF-next-D{day}", "this coming": "UNDEF-next-D{day}", "coming": "UNDEF-next-D{day}",
    "this": "UNDEF-this-D{day}",
}


@rule("afterwards",
      r"(?<!\d\s)(?<!days\s)(?<!weeks\s)(?<!years\s)(?<!months\s)(?<!hours\s)(?<!long\s)\bafterwards?\b",
      cores=[word_core(["afterwards", "afterward"])],
      examples={"afterwards": None, "told reporters afterwards": None})
def build_afterwards(m, text):
    """"told reporters afterwards" right after a told day: the narrated day (docs/annotation.md), dating its clause;
    untagged when no day was told last (optional), or after a length ("two days afterwards" is none)."""
    return mention("DATE", "UNDEF-AFTER-day", optional=True)


@rule("days_that_followed",
      r"\bthe\s+(?:few\s+)?days\s+that\s+followed\b",
      cores=[word_core(["days"])],
      examples={"in the days that followed": "2001-W01", "the few days that followed": "2001-W01"})
def build_days_that_followed(m, text):
    """"in the days that followed" a happening: the ISO week of the day told (docs/annotation.md, heldout12)."""
    return mention("DATE", "UNDEF-REF-week-PLUS-0")
