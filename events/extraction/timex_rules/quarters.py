"""Rules for quarters and halves, and the comparisons of financial prose ("the year-ago period")."""
import re

from events.extraction.periods import month_number
from events.extraction.timex_rules.base import QUARTER_PERIOD_CORE, mention, rule
from events.extraction.timex_scan import Core, word_core
from events.extraction.timex_vocab import MONTH_ANY, QUARTER_WORDS, YEAR4


@rule("quarter",
      r"\b(?:(?P<rel>this\s+year's|last\s+year's|next\s+year's|the\s+year-ago|the\s+year-earlier|the\s+previous\s+year's|the|its|their)\s+)?(?:fiscal[- ]?)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?P<q>quarter|half)\b(?:\s+of\s+(?P<year>" + YEAR4 + r"|this\s+year|last\s+year|next\s+year))?",
      cores=[word_core(["quarter", "half"])],
      examples={"the third quarter": "2001-Q3", "fourth-quarter": "2001-Q4",
                "this year's third quarter": "2001-Q3", "the second half": "2001-H2",
                "next year's first quarter": "2002-Q1", "the fiscal first quarter": "2001-Q1"})
def build_quarter(m, text):
    g = m.groupdict()
    n = QUARTER_WORDS[g["ord"].lower()]
    kind = "Q" if g["q"].lower().startswith("quarter") else "H"
    if kind == "H" and n > 2:
        return None
    year = g.get("year")
    rel = g.get("rel") or ""
    if year and re.fullmatch(r"\d{4}", year):
        return mention("DATE", f"{year}-{kind}{n}")
    return mention("DATE", f"UNDEF-{_quarter_relation((year or rel).lower())}-{kind}{n}")


def _quarter_relation(words):
    """"last year's", "the year-ago", "the previous year's" -> last; "next year's" -> next; else this."""
    if any(cue in words for cue in ("last", "year-ago", "year-earlier", "previous")):
        return "last"
    return "next" if "next" in words else "this"


@rule("year_quarter",
      r"\b(?:the\s+)?(?P<year>" + YEAR4 + r")\s+(?:(?P<ord>first|second|third|fourth)[- ])?(?:quarter|period)\b",
      cores=[QUARTER_PERIOD_CORE],
      examples={"the 1988 third quarter": "1988-Q3", "the 1988 quarter": "1988"})
def build_year_quarter(m, text):
    g = m.groupdict()
    if g.get("ord"):
        return mention("DATE", f"{g['year']}-Q{QUARTER_WORDS[g['ord'].lower()]}")
    return mention("DATE", "UNDEF-REFY-quarter-" + g["year"])


@rule("latest_quarter",
      r"\b(?:the\s+)?(?:latest|most\s+recent|just-ended|just\s+ended|recent)\s+(?:quarter|period)\b",
      cores=[QUARTER_PERIOD_CORE],
      examples={"the latest period": "2000-Q4", "the most recent quarter": "2000-Q4"})
def build_latest_quarter(m, text):
    return mention("DATE", "UNDEF-last-quarter")


@rule("the_quarter",
      r"\b(?:the|that|this)\s+quarter\b(?!\s+of\b)(?!-)(?=\s+(?:that\s+)?(?:ended|ending|ends)\s+(?-i:(?P<mon>"
              + MONTH_ANY + r"))\s+\d)?",
      cores=[word_core(["quarter"])],
      examples={"the quarter": "2000-Q4", "the quarter ended Sept. 30": "2000-Q3"})
def build_the_quarter(m, text):
    if m.group("mon"):
        # "the quarter ended Sept. 30": the calendar quarter that the end date falls in
        return mention("DATE", f"UNDEF-quarter-of-{month_number(m.group('mon')):02d}")
    return mention("DATE", "UNDEF-REFQ-quarter-PLUS-0")


@rule("year_ago_period",
      r"\b(?:(?:the|a)\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[- ]ago|year[- ]earlier)(?:\s+(?:period|quarter|levels?|results))?\b|\bthe\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)\b",
      cores=[Core(r"\byear[- ](?:ago|earlier)\b|\b(?:corresponding|comparable|same)\s+(?:period|quarter)\b",
                             frozenset(["year", "corresponding", "comparable", "same"]))],
      examples={"the year-ago period": "1999-Q4", "year-earlier": "2000",
                "the corresponding period last year": "1999-Q4"})
def build_year_ago_period(m, text):
    return mention("DATE", "UNDEF-RELQ-year-MINUS-1")
