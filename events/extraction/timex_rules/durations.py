"""Rules for lengths of time and repetitions: "two days", "the past three years", "each month", "annually"."""
import re

from events.extraction.periods import month_number
from events.extraction.timex_rules.base import (
    APPROX, APPROX_NO_OVER, UNIT_CORE, approx_mod, duration_value, mention, quantity, rule, text_before,
)
from events.extraction.timex_scan import word_core
from events.extraction.timex_vocab import (
    MONTH_FULL, NUMBER, NUMBER_WORDS, SET_ADVERBS, UNIT, UNITS, WEEKDAY, WEEKDAYS, unit_name,
)


@rule("set",
      r"\b(?P<det>per|a|each|every)\s+(?P<unit>year|month|week|day|quarter|hour)\b(?!\s+(?:ago|earlier|later|before|after|or\s+two)\b)",
      cores=[word_core(["year", "month", "week", "day", "quarter", "hour"])],
      examples={"per year": "P1Y", "each month": "P1M", "$300 million a year": "P1Y"})
def build_set(m, text):
    g = m.groupdict()
    det = g["det"].lower()
    unit = unit_name(g["unit"])
    if det == "a":
        # "a year" is a rate only after an amount: "$300 million a year", "twice a year".
        if not re.search(r"(?:\d|million|billion|trillion|percent|%|times|twice|once|thrice|dollars)\W{0,3}$", text_before(text, m.start(), 20).rstrip(), re.I):
            return None
    letter, is_time = UNITS[unit]
    return mention("SET", f"PT1{letter}" if is_time else f"P1{letter}")


@rule("set_named",
      r"\b(?:each|every)\s+(?-i:(?P<what>" + WEEKDAY + "|" + MONTH_FULL + r"))\b",
      cores=[word_core(["each", "every"])],
      examples={"each Thursday": "XXXX-WXX-4", "every July": "XXXX-07"})
def build_set_named(m, text):
    w = m.group("what")
    if w.lower() in WEEKDAYS:
        return mention("SET", f"XXXX-WXX-{WEEKDAYS[w.lower()]}")
    return mention("SET", f"XXXX-{month_number(w):02d}")


@rule("set_adverb",
      r"\b(?:annually|yearly|quarterly|monthly|weekly|hourly)\b",
      cores=[word_core(SET_ADVERBS)],
      examples={"annually": "P1Y"})
def build_set_adverb(m, text):
    word = m.group(0).lower()
    after = text[m.end():m.end() + 15]
    # As adjectives ("a weekly newspaper") they are not times.
    if word != "annually" and re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:and|or|in|by|to|from|at|on|for|since|until)\b", after):
        return None
    type_, value = SET_ADVERBS[word]
    return mention(type_, value)


@rule("span_duration",
      APPROX_NO_OVER + r"\b(?:the\s+)?(?:past|last|next|first|coming|previous|following|final|remaining|latest|last)\s+(?P<num>" + NUMBER
              + r")\s+(?:(?:full|straight|consecutive|trading)\s+)?(?P<unit>" + UNIT + r")\b",
      cores=[UNIT_CORE],
      examples={"the past three years": "P3Y", "the next few days": "PXD", "the first nine months": "P9M",
                "at least the past 18 months": "P18M"})
def build_span_duration(m, text):
    """'the past three years', 'the next few days', 'the first nine months'; not the verb of "was to last an hour"
    (the length is then the duration rule's: "an hour and a half")."""
    g = m.groupdict()
    if m.group(0)[:4].lower() == "last" and re.search(r"\b(?:to|will|would|could|may|might|should|did|not)\s+$",
                                                     text_before(text, m.start(), 8), re.I):
        return None
    n = quantity(g["num"])
    unit = unit_name(g["unit"])
    return mention("DURATION", duration_value(n, unit), approx_mod(m))


@rule("duration",
      APPROX + r"\b(?:the\s+)?(?P<num>" + NUMBER + r")(?P<half_first>\s+and\s+a\s+half)?(?:\s+(?:to|or)\s+" + NUMBER + r")?(?:\s+|-)(?:(?:additional|more|full|straight|consecutive|trading|long|short|extra)\s+)?(?P<unit>"
              + UNIT + r")\b(?:-old\b|(?P<half>\s+and\s+a\s+half\b))?",
      cores=[UNIT_CORE],
      examples={"two days": "P2D", "a two-day visit": "P2D", "more than a decade": "P1E",
                "the nine months": "P9M", "at least 30 days": "P30D", "8-month-old": "P8M",
                "two to three weeks": "P2W", "an hour and a half": "PT1H30M", "two years and a half": "P2Y6M",
                "two and a half hours": "PT2H30M", "two and a half years": "P2Y6M"})
def build_duration(m, text):
    g = m.groupdict()
    n = quantity(g["num"])
    unit = unit_name(g["unit"])
    if n != "X" and int(n) == 0:
        return None
    num_word = g["num"].lower()
    if num_word == "one" and unit == "day" and re.search(r"\b(?:will|would|may|might|could|can|shall)\s+$", text_before(text, m.start(), 10), re.I):
        return mention("DATE", "FUTURE_REF")  # "Islam will one day be ...": some future day
    if _no_length(m, text, g, num_word, n, unit):
        return None
    if (g.get("half") or g.get("half_first")) and n != "X":
        return mention("DURATION", _and_a_half(int(n), unit), approx_mod(m))
    return mention("DURATION", duration_value(n, unit), approx_mod(m))


# "N <unit>s and a half" in the next smaller unit: (that unit's value template, how many of it make one).
# "N <unit>s and a half": the whole units kept, the half in the next smaller one, as TimeBank writes "a minute
# and a half" (PT1M30S); TIMEX3 values have no fractions.
_HALF_UNITS = {"second": "PT{}S", "minute": "PT{}M30S", "hour": "PT{}H30M", "day": "P{}DT12H", "month": "P{}M15D",
               "year": "P{}Y6M"}


def _and_a_half(n, unit):
    """"an hour and a half" = PT1H30M, "a day and a half" = P1DT12H, "two years and a half" = P2Y6M; a week,
    quarter, decade or century and a half in the smaller unit that holds it whole (P10DT12H, P4M15D, P15Y,
    P150Y); "a second and a half" keeps the second."""
    if unit in _HALF_UNITS:
        return _HALF_UNITS[unit].format(n)
    days, months, years = {"week": (7 * n + 3, 0, 0), "quarter": (15, 3 * n + 1, 0),
                           "decade": (0, 0, 10 * n + 5), "century": (0, 0, 100 * n + 50)}[unit]
    if unit == "week":
        return f"P{days}DT12H"
    if unit == "quarter":
        return f"P{months}M{days}D"
    return f"P{years}Y"


def _no_length(m, text, g, num_word, n, unit):
    """Words shaped like a length that are none: "some days" without an approximation word, "a second
    reactor" (the ordinal), "52 years old" (an age), "three-quarters of its food" (a fraction)."""
    if num_word == "some" and not g.get("approx"):
        return True
    if unit == "second" and num_word in ("a", "an"):
        return True
    after = text[m.end():m.end() + 8]
    if re.match(r"\s+old\b", after) and not m.group(0).endswith("-old"):
        return True
    return unit == "quarter" and n in ("1", "2", "3") and bool(re.match(r"\s+of\b", after))


@rule("bare_plural_duration",
      r"\b(?P<unit>hours|days|weeks|months|years|decades|centuries)\b",
      cores=[UNIT_CORE],
      examples={"for years": "PXY", "in months": "PXM", "demanded months of back pay": "PXM",
                "within hours of the crash": "PTXH", "talked for hours": "PTXH"})
def build_bare_plural_duration(m, text):
    before = text_before(text, m.start(), 14).lower()
    if not re.search(r"\b(?:for|in|within|over|after|take|took|takes|taken|spent|lasted|last|past)\s+$", before) \
            and not _amount_of(text, m, before):
        return None
    unit = unit_name(m.group("unit"))
    return mention("DURATION", duration_value("X", unit))


# Words before "months of ..." that make it no amount of time ("the months of talks", "early years of").
_NOT_AMOUNT_BEFORE = re.compile(r"\b(?:the|these|those|its|his|her|their|our|early|first|last|final|few|many|"
                                r"several|of|and|or|all|some|most|thousand|hundred|dozen|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+$")


def _amount_of(text, m, before):
    """"months of unpaid wages", "years of talks": an amount of time measuring the noun after "of" (a
    lower-case word), not after a determiner or quantifier ("the years of", "many months of" are not
    tagged here)."""
    return bool(re.match(r"\s+of\s+[a-z]", text[m.end():m.end() + 6])) and not _NOT_AMOUNT_BEFORE.search(before)


@rule("fortnight",
      r"\b(?:(?P<num>a|one|two|three|four|the\s+(?:past|last|next|coming|following|previous))\s+)?fortnights?\b(?P<ago>\s+ago\b)?",
      cores=[word_core(["fortnight", "fortnights"])],
      examples={"a fortnight": "P2W", "within a fortnight": "P2W", "the past fortnight": "P2W", "two fortnights": "P4W",
                "a fortnight ago": "2000-W51"})
def build_fortnight(m, text):
    """"a fortnight" is two weeks: a length, or with "ago" the week two weeks before the anchor's."""
    word = (m.group("num") or "a").lower()
    n = NUMBER_WORDS.get(word, 1)  # "a", "one", "two" ... "four"; 1 for "the past" etc.
    if m.group("ago"):
        return mention("DATE", f"UNDEF-REL-week-MINUS-{2 * n}")
    return mention("DURATION", f"P{2 * n}W")
