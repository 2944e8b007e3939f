"""Recognition phase of the temporal tagger: named rules, each written in one place.

A rule is a builder decorated with @rule (timex_rules/base.py): its name, its pattern, its cores (what
every match contains, for timex_scan) and its examples with the value each gets at EXAMPLE_ANCHOR
(tests/extraction/test_timex_rules.py checks them all). The modules hold the rules by kind: dates,
quarters, relative, durations (and sets), times. Word lists are data (data/timex_words.json, read by
timex_vocab); phrases that must never be tagged are in tests/extraction/timex_negative.txt.

A rule's builder turns a match into an *underspecified* mention: the TIMEX3 type, a norm
string that the resolution phase (timex_resolve) fixes against the anchor, an optional mod,
and an optional `part` (which part of the period: early, late, earlier, ...). Norms:

  2000-06-09, 1998-Q3, 199, PRESENT_REF, P2D ... already final
  UNDEF-year-12-28          month-day, year to choose      ("December 28")
  UNDEF-year-03 / -SP       month / season, year to choose ("in March", "the summer")
  UNDEF-this|last|next-UNIT unit relative to the anchor    ("last week", "this year")
  UNDEF-this|last|next-M07  a named month / season / weekday / quarter ("last July", "this spring")
  UNDEF-last-year-07        month of a relative year       ("February of this year")
  UNDEF-weekday-5           bare weekday                   ("Friday")
  UNDEF-REL-year-MINUS-3    offset from the anchor         ("three years ago")
  UNDEF-REF-day-MINUS-1     offset from the previous date  ("the day before", "a day earlier")
  UNDEF-REFNEXT-day-PLUS-1  offset from the next date, else the previous ("one day after the June 27 talks")
  UNDEF-RELQ / REFQ-year-MINUS-1  "a year ago / earlier": the same quarter a year before when
                            the text is talking in quarters, else a year before
  UNDEF-REFQ-quarter-PLUS-0 "the quarter": the quarter the text is talking about
  UNDEF-quarter-of-09       "the quarter ended Sept. 30": the quarter of that month
  UNDEF-REFY-quarter-1988   "the 1988 period": that year's quarter matching the one in context
  UNDEF-REFWD-5-MINUS       "the previous Friday": counted from the previous date
  UNDEF-decade-8            "the '80s", "the eighties"
  UNDEF-dom-12              a day of a month not named     ("on the 12th")
  ...T22:00 / TMO / TEV     a time of day appended to a day norm (TIME)
Overlapping matches: the leftmost wins, then the longest, then the earlier rule in PRIORITY.
Plain Python, no Django imports.
"""
from events.extraction.timex_rules import dates, durations, quarters, relative, times
from events.extraction.timex_rules.base import EXAMPLE_ANCHOR, REGISTRY, Rule
from events.extraction.timex_scan import Scanner

# Importing a module registers its rules.
MODULES = (dates, quarters, relative, durations, times)

# Which rule wins two matches of the same start and length: the earlier here.
PRIORITY = (
    "month_day", "second_day", "day_month", "day_of_month", "month_year", "month_rel_year", "month", "season", "season_year", "year", "fiscal_year",
    "decade", "century", "spelled_year", "relative_unit", "year_end", "quarter", "year_quarter", "latest_quarter",
    "the_quarter", "year_ago_period", "ago", "offset", "the_day_offset", "apposed_day", "afterwards", "days_that_followed", "deictic", "weekday", "set", "set_named",
    "set_adverb", "span_duration", "duration", "fortnight", "bare_plural_duration", "clock", "clock_words", "noon", "time_of_day", "the_night",
)
RULES_BY_NAME = {r.name: r for r in REGISTRY}
if sorted(RULES_BY_NAME) != sorted(PRIORITY) or len(REGISTRY) != len(PRIORITY):
    raise ImportError("timex_rules.PRIORITY must list every registered rule once")
RULES = [RULES_BY_NAME[name] for name in PRIORITY]
SCANNER = Scanner(RULES)

__all__ = ["EXAMPLE_ANCHOR", "PRIORITY", "RULES", "RULES_BY_NAME", "Rule", "recognize"]


def recognize(text):
    """All non-overlapping underspecified mentions in `text`, in text order (longest match wins)."""
    candidates = []
    hits, windows = SCANNER.core_hits(text), {}
    for priority, rule in enumerate(RULES):
        for m in SCANNER.matches(rule, text, hits, windows):
            if m.end() == m.start():
                continue
            built = rule.build(m, text)
            if built is None:
                continue
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1  # keep spans tight
            built.start, built.end, built.rule = start, end, rule.name
            candidates.append((start, -(end - start), priority, built))
    candidates.sort(key=lambda c: c[:3])
    chosen, last_end = [], -1
    for start, neg_len, _, built in candidates:
        if start >= last_end:
            chosen.append(built)
            last_end = built.end
    return chosen
