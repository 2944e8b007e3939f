"""Recognition phase of the temporal tagger: named patterns, each with its examples beside it.

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
  ...T22:00 / TMO / TEV     a time of day appended to a day norm (TIME)
Overlapping matches: the leftmost wins, then the longest, then the earlier rule.
Plain Python, no Django imports.
"""
import re
from dataclasses import dataclass, field

from .periods import LONGEST_MONTH, MONTHS, SEASONS, month_number
from .timex_prefilter import first_char_class
from .timex_vocab import (
    DAYNUM, MONTH_ANY, MONTH_FULL, NUMBER, ORDINALS, SEASON, UNIT, UNIT_PLURALS, UNITS,
    WEEKDAY, WEEKDAYS, YEAR4, alternation, day_number, number_value, unit_name,
)


@dataclass
class Rule:
    name: str
    pattern: str
    build: object
    examples: list = field(default_factory=list)
    cores: tuple = ()        # sparse patterns every match contains (CORES): the rule runs only near them
    flags: int = re.IGNORECASE

    def __post_init__(self):
        # A match starts with one of few characters, at a word boundary (or an apostrophe: "'80s"):
        # checking those first lets the engine skip most positions cheaply.
        first = first_char_class(self.pattern, self.flags)
        self.regex = re.compile((f"(?={first})" if first else "") + r"(?:\b|(?='))" + self.pattern, self.flags)


# ---------------------------------------------------------------- shared fragments
# Which part of a period: TIMEX3 mod and the interval convention (see timex_interval).
PARTS = {
    "early": ("START", "early"), "the beginning of": ("START", "early"), "the start of": ("START", "early"),
    "the early part of": ("START", "early"), "early in": ("START", "early"), "the first part of": ("START", "early"),
    "at the beginning of": ("START", "early"),
    "earlier": ("START", "earlier"), "earlier in": ("START", "earlier"),
    "mid": ("MID", "mid"), "the middle of": ("MID", "mid"), "the mid": ("MID", "mid"), "in the middle of": ("MID", "mid"),
    "late": ("END", "late"), "the end of": ("END", "late"), "the very end of": ("END", "late"),
    "late in": ("END", "late"), "the close of": ("END", "late"),
    "later": ("END", "later"), "later in": ("END", "later"), "the rest of": ("END", "later"),
    "the remainder of": ("END", "later"), "the later part of": ("END", "later"),
    "the latter part of": ("END", "latter"), "the second half of": ("END", "latter"),
    "the last half of": ("END", "latter"), "the first half of": ("START", "first-half"),
}
PART = r"(?P<part>" + alternation(PARTS)[3:-1] + r")(?:\s+|-\s*)"
LEFT = r"(?<![\w$£€.,/-])"          # not glued to a preceding word, number or currency sign
RIGHT_NUM = r"(?![\d,.]?\d)(?!\s*(?:%|percent|per\s+cent)\b)"


def part_of(m):
    """(mod, part) of the PART group, or (None, None)."""
    p = m.groupdict().get("part")
    if not p:
        return None, None
    return PARTS[re.sub(r"\s+", " ", p.lower())]


def mention(type_, norm, mod=None, part=None, **extra):
    d = {"type": type_, "norm": norm, "mod": mod, "part": part}
    d.update(extra)
    return d


def relation(word):
    """'this past' -> 'last', 'this coming' -> 'next', 'current' -> 'this'."""
    w = re.sub(r"\s+", " ", (word or "").lower()).removeprefix("the ")
    return {"this past": "last", "past": "last", "last": "last", "previous": "last", "latest": "last",
            "this coming": "next", "coming": "next", "next": "next", "this": "this", "current": "this",
            "these": "this", "present": "this"}.get(w)


def text_before(text, start, width=30):
    return text[max(0, start - width):start]


# Longest month lengths (February 29 exists in leap years; resolution drops it in others).
# A day written without its year may be 29 February.
MONTH_LENGTHS = LONGEST_MONTH


# ---------------------------------------------------------------- builders
def build_month_day(m, text):
    g = m.groupdict()
    month = month_number(g["mon"])
    d1 = day_number(g["d1"])
    d2 = day_number(g["d2"]) if g.get("d2") else None
    last_day = MONTH_LENGTHS[month]
    if not 1 <= d1 <= last_day or (d2 is not None and not d1 < d2 <= last_day):
        return None  # "Feb. 30" is no date
    mm, dd = f"{month:02d}", f"{d1:02d}"
    norm = f"{g['year']}-{mm}-{dd}" if g.get("year") else f"UNDEF-year-{mm}-{dd}"
    mod, part = part_of(m)
    return mention("DATE", norm, mod, part, range_end=d2)


def build_day_month(m, text):
    g = m.groupdict()
    d1 = day_number(g["d1"])
    if not 1 <= d1 <= MONTH_LENGTHS[month_number(g["mon"])]:
        return None
    mm, dd = f"{month_number(g['mon']):02d}", f"{d1:02d}"
    return mention("DATE", f"{g['year']}-{mm}-{dd}" if g.get("year") else f"UNDEF-year-{mm}-{dd}")


def build_month_year(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    return mention("DATE", f"{g['year']}-{month_number(g['mon']):02d}", mod, part)


def build_month_rel_year(m, text):
    g = m.groupdict()
    rel = relation(g["rel"])
    return mention("DATE", f"UNDEF-{rel}-year-{month_number(g['mon']):02d}")


def build_month(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    rel = relation(g.get("rel"))
    word = g["mon"]
    before = text_before(text, m.start(), 12)
    # "May" is usually the modal verb, "March" sometimes the verb: only with a time cue.
    if word in ("May", "March") and not (rel or part or re.search(r"\b(?:in|since|until|by|of|during|before|after|from|through|to|last|next|this|early|late|mid)\s+$", before, re.I)):
        return None
    mm = f"{month_number(word):02d}"
    if rel:
        return mention("DATE", f"UNDEF-{rel}-M{mm}", mod, part)
    return mention("DATE", f"UNDEF-year-{mm}", mod, part)


def build_season(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    if g.get("part2"):
        mod, part = PARTS[g["part2"].lower()]
    code = SEASONS[g["season"].lower()]
    if g.get("year"):
        return mention("DATE", f"{g['year']}-{code}", mod, part)
    rel = relation(g.get("rel"))
    if rel:
        return mention("DATE", f"UNDEF-{rel}-S{code}", mod, part)
    return mention("DATE", f"UNDEF-year-{code}", mod, part)


COUNT_NOUNS = re.compile(
    r"\s*(?:people|persons|troops|soldiers|men|women|shares|tons|tonnes|workers|employees|members|units|"
    r"cars|jobs|dollars|yen|rubles|km|kilometers|kilometres|miles|meters|metres|feet|acres|barrels|pounds|"
    r"votes|delegates|copies|words|points|seats|refugees|prisoners|tanks|aircraft|planes|missiles|warheads|"
    r"hectares|deaths|cases|students|residents|homes|houses|stores|calories)\b", re.I)


def build_year(m, text):
    g = m.groupdict()
    if COUNT_NOUNS.match(text, m.end()):
        return None
    year = g["year"]
    mod, part = part_of(m)
    if part == "first-half":
        return mention("DATE", f"{year}-H1")
    if part == "latter" and g["part"].lower().startswith(("the second half", "the last half")):
        return mention("DATE", f"{year}-H2")
    return mention("DATE", year, mod, part)


def build_fiscal_year(m, text):
    return mention("DATE", m.group("year"))


def build_decade(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    if g.get("part2"):
        mod, part = PARTS[g["part2"].lower()]
    if g.get("dec"):
        return mention("DATE", g["dec"][:3], mod, part)
    if g.get("short"):
        return mention("DATE", "UNDEF-decade-" + g["short"], mod, part)
    words = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
             "seventies": "7", "eighties": "8", "nineties": "9"}
    return mention("DATE", "UNDEF-decade-" + words[g["word"].lower()], mod, part)


def build_century(m, text):
    n = ORDINALS.get(m.group("ord").lower())
    if not n:
        return None
    return mention("DATE", f"{n - 1:02d}")


_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def build_spelled_year(m, text):
    g = m.groupdict()
    if g.get("millennium"):
        if re.match(r"\s+(?:years|people|dollars|troops|men)\b", text[m.end():m.end() + 10], re.I):
            return None  # "two thousand years" is a number of years
        rest = number_value(g["rest"]) if g.get("rest") else 0
        year = 2000 + (rest or 0)
    else:
        tens = _SPELLED_TENS[g["tens"].lower()]
        ones = number_value(g["ones"]) if g.get("ones") else 0
        year = 1900 + tens + (ones or 0)
    if g.get("mon"):
        return mention("DATE", f"{year}-{month_number(g['mon']):02d}")
    if g.get("season"):
        return mention("DATE", f"{year}-{SEASONS[g['season'].lower()]}")
    return mention("DATE", str(year))


UNIT_NORM = {"week": "week", "weekend": "weekend", "month": "month", "year": "year", "quarter": "quarter",
             "decade": "decade", "century": "century", "half": "half", "day": "day"}


def build_relative_unit(m, text):
    g = m.groupdict()
    unit = g["unit"].lower()
    if g["unit"][0].isupper() and (g.get("rel") or "")[:1].isupper():
        return None  # "This Week", "Next Year": a title, not a time
    mod, part = part_of(m)
    rel_word = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if rel_word in ("the full", "the fiscal"):
        rel_word = "the"
    if rel_word in ("the following", "following", "the next") and unit != "weekend" and part is None and rel_word != "the next":
        return mention("DATE", f"UNDEF-REF-{unit}-PLUS-1")
    if rel_word in ("the previous", "the preceding", "the prior"):
        return mention("DATE", f"UNDEF-REF-{unit}-MINUS-1", mod, part)
    if rel_word in ("that", "the same"):
        return mention("DATE", f"UNDEF-REF-{unit}-PLUS-0", mod, part)
    if rel_word == "the":
        # "the end of the month", "earlier in the year": only with a part, and means "this";
        # "the weekend" alone is the nearest weekend (resolution picks which).
        if part is None and unit == "year":
            # "the year ended March 31" is a fiscal year (a length); "for the year" the current one.
            if re.match(r"\s+(?:that\s+)?(?:ended|ending|ends|to)\b", text[m.end():m.end() + 16]):
                return mention("DURATION", "P1Y")
            if not re.search(r"\b(?:for|in|during|of|through|throughout)\s+$", text_before(text, m.start(), 12), re.I):
                return None
        elif part is None and unit != "weekend":
            return None
        rel = "this"
    else:
        rel = relation(rel_word)
    if rel is None:
        return None
    if unit == "year" and part in ("first-half", "latter") and g["part"].lower().startswith(("the first half", "the second half", "the last half")):
        return mention("DATE", f"UNDEF-{rel}-H{1 if part == 'first-half' else 2}")
    if rel_word in ("the past", "the last") and unit in ("week", "month") and part is None:
        # "the past week" is the last seven days: a duration, as TimeBank annotates it.
        return mention("DURATION", f"P1{'W' if unit == 'week' else 'M'}")
    if rel_word in ("the past", "the last") and unit == "year" and part is None:
        # "over the past year": TimeBank writes it as last year's DATE (both of its cases), but it
        # means the twelve months up to the anchor, not that calendar year: no interval to draw.
        return mention("DATE", "UNDEF-last-year", mod, part, no_interval=True)
    return mention("DATE", f"UNDEF-{rel}-{UNIT_NORM[unit]}", mod, part)


def build_year_end(m, text):
    return mention("DATE", "UNDEF-this-year", "END", "late")


QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


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
    rel_source = (year or rel).lower()
    if "last" in rel_source or "year-ago" in rel_source or "year-earlier" in rel_source or "previous" in rel_source:
        return mention("DATE", f"UNDEF-last-{kind}{n}")
    if "next" in rel_source:
        return mention("DATE", f"UNDEF-next-{kind}{n}")
    return mention("DATE", f"UNDEF-this-{kind}{n}")


def build_year_quarter(m, text):
    g = m.groupdict()
    if g.get("ord"):
        return mention("DATE", f"{g['year']}-Q{QUARTER_WORDS[g['ord'].lower()]}")
    return mention("DATE", "UNDEF-REFY-quarter-" + g["year"])


def build_latest_quarter(m, text):
    return mention("DATE", "UNDEF-last-quarter")


def build_the_quarter(m, text):
    if m.group("mon"):
        # "the quarter ended Sept. 30": the calendar quarter that the end date falls in
        return mention("DATE", f"UNDEF-quarter-of-{month_number(m.group('mon')):02d}")
    return mention("DATE", "UNDEF-REFQ-quarter-PLUS-0")


def build_year_ago_period(m, text):
    return mention("DATE", "UNDEF-RELQ-year-MINUS-1")


APPROX_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "APPROX", "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS", "fewer than": "LESS_THAN", "just over": "MORE_THAN", "just under": "LESS_THAN",
}
APPROX = r"(?:(?P<approx>" + alternation(APPROX_MODS)[3:-1] + r")\s+)?"
# "over the past several years": there "over" is the preposition, not "more than".
APPROX_NO_OVER = r"(?:(?P<approx>" + alternation([k for k in APPROX_MODS if k != "over"])[3:-1] + r")\s+)?"


def quantity(num_text):
    """Number of units as TIMEX3 writes it: '3', or 'X' for vague amounts."""
    n = number_value(num_text)
    return "X" if n is None else str(n)


def duration_value(n, unit):
    letter, is_time = UNITS[unit]
    if unit == "decade" and n not in ("X", "1"):
        return f"P{int(n) * 10}Y"
    return f"PT{n}{letter}" if is_time else f"P{n}{letter}"


def approx_mod(m):
    a = m.groupdict().get("approx")
    return APPROX_MODS[re.sub(r"\s+", " ", a.lower())] if a else None


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


def build_the_day_offset(m, text):
    """'the day before', 'the next day', 'the same day', 'that day'."""
    t = re.sub(r"\s+", " ", m.group(0).lower())
    if "before yesterday" in t:
        return mention("DATE", "UNDEF-REL-day-MINUS-2")
    if "after tomorrow" in t:
        return mention("DATE", "UNDEF-REL-day-PLUS-2")
    if t.endswith("before") or "previous" in t or "preceding" in t or "prior" in t or "eve" in t:
        sign, n = "MINUS", "1"
    elif t.endswith("after") or "next" in t or "following" in t:
        sign, n = "PLUS", "1"
    else:
        sign, n = "PLUS", "0"
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


DEICTIC = {
    "today": ("DATE", "UNDEF-this-day"), "yesterday": ("DATE", "UNDEF-last-day"),
    "tomorrow": ("DATE", "UNDEF-next-day"), "tonight": ("TIME", "UNDEF-this-dayTNI"),
    "last night": ("TIME", "UNDEF-last-dayTNI"), "this morning": ("TIME", "UNDEF-this-dayTMO"),
    "this afternoon": ("TIME", "UNDEF-this-dayTAF"), "this evening": ("TIME", "UNDEF-this-dayTEV"),
    "yesterday morning": ("TIME", "UNDEF-last-dayTMO"), "yesterday afternoon": ("TIME", "UNDEF-last-dayTAF"),
    "yesterday evening": ("TIME", "UNDEF-last-dayTEV"), "tomorrow morning": ("TIME", "UNDEF-next-dayTMO"),
    "the day before yesterday": ("DATE", "UNDEF-REL-day-MINUS-2"),
    "the day after tomorrow": ("DATE", "UNDEF-REL-day-PLUS-2"),
    # vague references (TimeBank's conventions)
    "now": ("DATE", "PRESENT_REF"), "right now": ("DATE", "PRESENT_REF"), "currently": ("DATE", "PRESENT_REF"),
    "nowadays": ("DATE", "PRESENT_REF"), "at present": ("DATE", "PRESENT_REF"), "presently": ("DATE", "PRESENT_REF"),
    "these days": ("DATE", "PRESENT_REF"), "at the moment": ("DATE", "PRESENT_REF"), "current": ("DATE", "PRESENT_REF"),
    "the present": ("DATE", "PRESENT_REF"),
    "recently": ("DATE", "PAST_REF"), "lately": ("DATE", "PAST_REF"),
    "more recently": ("DATE", "PAST_REF"), "most recently": ("DATE", "PAST_REF"), 
    "formerly": ("DATE", "PAST_REF"), "the past": ("DATE", "PAST_REF"), "recent days": ("DATE", "PAST_REF"),
    "recent years": ("DATE", "PAST_REF"), "past years": ("DATE", "PAST_REF"), "the last few months": ("DATE", "PAST_REF"),
    "the past several years": ("DATE", "PAST_REF"),
    "recent weeks": ("DURATION", "PXW"), "recent months": ("DURATION", "PXM"), "recent quarters": ("DURATION", "PXM"),
    "soon": ("DATE", "FUTURE_REF"), "the future": ("DATE", "FUTURE_REF"),
    "the near future": ("DATE", "FUTURE_REF"), "the near term": ("DATE", "FUTURE_REF"),
    "the short term": ("DATE", "FUTURE_REF"), "the long term": ("DATE", "FUTURE_REF"),
    "coming months": ("DATE", "FUTURE_REF"), "coming years": ("DATE", "FUTURE_REF"),
    "coming quarters": ("DATE", "FUTURE_REF"), "the coming months": ("DATE", "FUTURE_REF"),
    "the coming years": ("DATE", "FUTURE_REF"), "the years ahead": ("DATE", "FUTURE_REF"),
    "the coming days": ("DATE", "FUTURE_REF"), "a later date": ("DATE", "FUTURE_REF"),
    "as soon as possible": ("DATE", "FUTURE_REF"), "the months ahead": ("DATE", "FUTURE_REF"),
    "coming weeks": ("DURATION", "PXW"), "the coming weeks": ("DURATION", "PXW"), "the weeks ahead": ("DURATION", "PXW"),
}


def build_deictic(m, text):
    key = re.sub(r"\s+", " ", m.group(0).lower())
    type_, norm = DEICTIC[key]
    if key == "soon" and re.search(r"\bas\s+$", text_before(text, m.start(), 4), re.I):
        return None  # "as soon as they arrive" is a conjunction
    if key == "current" and re.match(r"\s+(?:account|accounts|affairs|events|flow|flows|level|levels|law|laws|rate|rates|system|policy|account's)\b", text[m.end():m.end() + 12], re.I):
        return None
    if key == "the future" and re.match(r"\s+[a-z]", text[m.end():m.end() + 3]) and not re.match(r"\s+(?:and|or|of|in|is|will|was|as|at|for|to|by)\b", text[m.end():m.end() + 6]):
        return None  # "the future training of officers": an adjective, not a time
    return mention(type_, norm)


TIMES_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "nights": "NI"}


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
    mod, part = None, None
    if rel_word in ("early", "earlier"):
        mod, part = "START", "early"
    elif rel_word in ("late", "later"):
        mod, part = "END", "late"
    if rel_word in ("the previous", "the preceding"):
        norm = f"UNDEF-REFWD-{day}-MINUS"
    elif rel_word in ("the following", "the next"):
        norm = f"UNDEF-REFWD-{day}-PLUS"
    elif rel_word in ("last", "this past", "past"):
        norm = f"UNDEF-last-D{day}"
    elif rel_word in ("next", "this coming", "coming"):
        norm = f"UNDEF-next-D{day}"
    elif rel_word == "this":
        norm = f"UNDEF-this-D{day}"
    else:
        norm = f"UNDEF-weekday-{day}"
    return mention(type_, norm + suffix, mod, part)


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


def build_set_named(m, text):
    w = m.group("what")
    if w.lower() in WEEKDAYS:
        return mention("SET", f"XXXX-WXX-{WEEKDAYS[w.lower()]}")
    return mention("SET", f"XXXX-{month_number(w):02d}")


SET_ADVERBS = {"annually": ("SET", "P1Y"), "yearly": ("SET", "P1Y"), "quarterly": ("SET", "P3M"),
               "monthly": ("SET", "P1M"), "weekly": ("SET", "P1W"), "hourly": ("SET", "PT1H")}


def build_set_adverb(m, text):
    word = m.group(0).lower()
    after = text[m.end():m.end() + 15]
    # As adjectives ("a weekly newspaper") they are not times.
    if word != "annually" and re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:and|or|in|by|to|from|at|on|for|since|until)\b", after):
        return None
    type_, value = SET_ADVERBS[word]
    return mention(type_, value)


def build_duration(m, text):
    g = m.groupdict()
    n = quantity(g["num"])
    unit = unit_name(g["unit"])
    if n != "X" and int(n) == 0:
        return None
    num_word = g["num"].lower()
    if num_word == "one" and unit == "day" and re.search(r"\b(?:will|would|may|might|could|can|shall)\s+$", text_before(text, m.start(), 10), re.I):
        return mention("DATE", "FUTURE_REF")  # "Islam will one day be ...": some future day
    if num_word in ("some",) and not g.get("approx"):
        return None
    if unit == "second" and num_word in ("a", "an"):
        return None  # "a second reactor": the ordinal, not one second
    after = text[m.end():m.end() + 8]
    if re.match(r"\s+old\b", after) and not m.group(0).endswith("-old"):
        return None  # "52 years old" is an age
    if unit == "quarter" and n in ("1", "2", "3") and re.match(r"\s+of\b", after):
        return None  # "three-quarters of its food" is a fraction
    return mention("DURATION", duration_value(n, unit), approx_mod(m))


def build_span_duration(m, text):
    """'the past three years', 'the next few days', 'the first nine months'."""
    g = m.groupdict()
    n = quantity(g["num"])
    unit = unit_name(g["unit"])
    return mention("DURATION", duration_value(n, unit), approx_mod(m))


def build_bare_plural_duration(m, text):
    before = text_before(text, m.start(), 14).lower()
    if not re.search(r"\b(?:for|in|within|over|after|take|took|takes|taken|spent|lasted|last|past)\s+$", before):
        return None
    unit = unit_name(m.group("unit"))
    return mention("DURATION", duration_value("X", unit))


def build_clock(m, text):
    g = m.groupdict()
    hour = int(g["h"])
    minute = int(g["min"]) if g.get("min") else 0
    ap = (g.get("ap") or "").lower().replace(".", "")
    if hour > 12 and ap:
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    day = g.get("day")
    if g.get("mon"):
        base = f"UNDEF-year-{month_number(g['mon']):02d}-{day_number(g['d1']):02d}"
    elif day and day.lower() in WEEKDAYS:
        base = f"UNDEF-weekday-{WEEKDAYS[day.lower()]}"
    elif day and day.lower() == "yesterday":
        base = "UNDEF-last-day"
    elif day and day.lower() == "tomorrow":
        base = "UNDEF-next-day"
    else:
        base = "UNDEF-this-day"
    mod = "APPROX" if g.get("approx") else None
    return mention("TIME", f"{base}T{hour:02d}:{minute:02d}", mod)


def build_noon(m, text):
    g = m.groupdict()
    hour = "12:00" if g["what"].lower() == "noon" else "24"
    day = g.get("day")
    base = f"UNDEF-weekday-{WEEKDAYS[day.lower()]}" if day and day.lower() in WEEKDAYS else "UNDEF-this-day"
    return mention("TIME", f"{base}T{hour}")


def build_tod(m, text):
    """'the morning', 'mid-afternoon': a time of the anchor day."""
    g = m.groupdict()
    code = TIMES_OF_DAY[g["tod"].lower()]
    mod = "MID" if g.get("mid") else None
    day = {"yesterday": "last", "tomorrow": "next"}.get((g.get("day") or "").lower(), "this")
    return mention("TIME", f"UNDEF-{day}-dayT{code}", mod)


# ---------------------------------------------------------------- the rules
REL_WORDS = r"(?P<rel>the\s+full|the\s+fiscal|this\s+past|this\s+coming|this|last|next|past|previous|coming|current|the\s+past|the\s+previous|the\s+preceding|the\s+prior|the\s+coming|the\s+following|the\s+current|the\s+same|the\s+latest|the\s+last|the\s+next|the\s+present|following|that|the)"
TOD = r"(?:\s+(?P<tod>morning|afternoon|evening|night|nights))?"

RULES = [
    Rule("month_day",
         LEFT + r"(?:" + PART + r")?(?:(?-i:" + WEEKDAY + r"),?\s+)?(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?P<d1>" + DAYNUM
         + r")(?:\s*[-–]\s*(?P<d2>" + DAYNUM + r"))?(?:,?\s+(?P<year>" + YEAR4 + r"))?" + RIGHT_NUM,
         build_month_day, ["June 9", "Friday, June 30", "July 21-23", "August 30, 2000", "Dec. 7", "Sept. 30, 1989"]),
    Rule("day_month",
         LEFT + r"(?P<d1>" + DAYNUM + r")\s+(?:of\s+)?(?-i:(?P<mon>" + MONTH_FULL + r"))(?:,?\s+(?P<year>" + YEAR4 + r"))?" + RIGHT_NUM,
         build_day_month, ["9 June", "30 June 2000", "the 9th of June"]),
    Rule("month_year",
         r"(?:" + PART + r")?(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b" + RIGHT_NUM,
         build_month_year, ["August 1988", "February of 1947", "early June 1994"]),
    Rule("month_rel_year",
         r"(?-i:(?P<mon>" + MONTH_FULL + r"))\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
         build_month_rel_year, ["February of this year", "January this year", "June last year"]),
    Rule("month",
         r"\b(?:" + PART + r")?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past)\s+)?(?-i:(?P<mon>" + MONTH_FULL + r"))\b(?!\s*\d)",
         build_month, ["in November", "last July", "this past December", "early September", "mid-November", "his February visit"]),
    Rule("season",
         r"\b(?:" + PART + r")?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|the)\s+)(?:(?P<part2>early|late|mid)(?:\s+|-))?(?P<season>"
         + SEASON + r")\b(?:\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b)?",
         build_season, ["last fall", "this spring", "the early summer", "this past spring", "the winter of 1994"]),
    Rule("season_year",
         r"\b(?:" + PART + r")?(?:(?P<part2>early|late|mid)(?:\s+|-))?(?P<season>" + SEASON + r")\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b",
         build_season, ["spring 1999", "summer of 2000"]),
    Rule("year",
         LEFT + r"(?:" + PART + r")?(?P<year>" + YEAR4 + r")\b" + RIGHT_NUM + r"(?!'?s\b)",
         build_year, ["1979", "mid-1996", "the end of 1990", "early 1991", "the first half of 1990"]),
    Rule("fiscal_year",
         r"\b(?:the\s+)?fiscal(?:\s+year)?\s+(?P<year>" + YEAR4 + r")\b",
         build_fiscal_year, ["fiscal 1989", "fiscal year 1990"]),
    Rule("decade",
         r"(?:\b" + PART + r")?(?:\bthe\s+)?(?:(?P<part2>early|mid|late)(?:\s+|-))?(?:(?P<dec>1\d\d0|20\d0)'?s\b|'(?P<short>\d)0'?s\b|\b(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
         build_decade, ["the 1990s", "the early 1980s", "the '80s", "the nineties", "the mid-1990s"]),
    Rule("century",
         r"\b(?:the\s+)?(?P<ord>" + alternation(ORDINALS)[3:-1] + r")[\s-]+century\b",
         build_century, ["the 20th century", "11th century", "the nineteenth century"]),
    Rule("spelled_year",
         r"\b(?:the\s+year\s+|(?-i:(?P<mon>" + MONTH_FULL + r"))\s+|(?:the\s+)?(?P<season>" + SEASON + r")\s+of\s+)?(?:nineteen\s+(?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight|nine))?|(?P<millennium>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
         build_spelled_year, ["nineteen ninety-six", "the year two thousand", "nineteen seventy-nine",
                              "January nineteen ninety-seven", "the winter of nineteen ninety-four"]),
    Rule("relative_unit",
         r"\b(?:" + PART + r")?" + REL_WORDS + r"\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century|half)\b(?!-)",
         build_relative_unit, ["last week", "late last week", "earlier this week", "the end of this month",
                               "later this year", "the latter part of last year", "since the beginning of this year",
                               "over the weekend", "the following month", "that year", "the end of the year"]),
    Rule("year_end",
         r"\b(?:year[- ]end|year's\s+end)\b",
         build_year_end, ["year-end", "year's end"]),
    Rule("quarter",
         r"\b(?:(?P<rel>this\s+year's|last\s+year's|next\s+year's|the\s+year-ago|the\s+year-earlier|the\s+previous\s+year's|the|its|their)\s+)?(?:fiscal[- ]?)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?P<q>quarter|half)\b(?:\s+of\s+(?P<year>" + YEAR4 + r"|this\s+year|last\s+year|next\s+year))?",
         build_quarter, ["the third quarter", "fourth-quarter", "this year's third quarter", "the second half",
                         "next year's first quarter", "the fiscal first quarter"]),
    Rule("year_quarter",
         r"\b(?:the\s+)?(?P<year>" + YEAR4 + r")\s+(?:(?P<ord>first|second|third|fourth)[- ])?(?:quarter|period)\b",
         build_year_quarter, ["the 1988 third quarter", "the 1988 quarter"]),
    Rule("latest_quarter",
         r"\b(?:the\s+)?(?:latest|most\s+recent|just-ended|just\s+ended|recent)\s+(?:quarter|period)\b",
         build_latest_quarter, ["the latest period", "the most recent quarter"]),
    Rule("the_quarter",
         r"\b(?:the|that|this)\s+quarter\b(?!\s+of\b)(?!-)(?=\s+(?:that\s+)?(?:ended|ending|ends)\s+(?-i:(?P<mon>"
         + MONTH_ANY + r"))\s+\d)?",
         build_the_quarter, ["the quarter", "the quarter ended Sept. 30"]),
    Rule("year_ago_period",
         r"\b(?:(?:the|a)\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[- ]ago|year[- ]earlier)(?:\s+(?:period|quarter|levels?|results))?\b|\bthe\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)\b",
         build_year_ago_period, ["the year-ago period", "year-earlier", "the corresponding period last year"]),
    Rule("ago",
         APPROX + r"\b(?P<num>" + NUMBER + r")\s+(?P<unit>" + UNIT + r")\s+ago\b",
         build_ago, ["three years ago", "a month ago", "10 days ago", "a few years ago", "about two weeks ago"]),
    Rule("offset",
         r"\b(?P<num>" + NUMBER + r")\s+(?P<unit>" + UNIT + r")\s+(?P<dir>earlier|later|before|after|previously|prior)\b",
         build_offset, ["A day earlier", "two weeks later", "One day after", "three months before"]),
    Rule("the_day_offset",
         r"\b(?:(?<=\bat\s)that\s+time|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|the\s+(?:previous|preceding|prior|next|following|same)\s+day|the\s+(?:day|week|month|year)\s+(?:before|after)|that\s+(?:same\s+)?day|the\s+eve)\b",
         build_the_day_offset, ["the day before", "the same day", "the next day", "that day", "at that time"]),
    Rule("deictic",
         r"\b" + alternation(DEICTIC) + r"\b",
         build_deictic, ["now", "currently", "in recent days", "yesterday", "the coming years", "soon"]),
    Rule("weekday",
         r"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+preceding|the\s+following|the\s+next|early|earlier|late|later)\s+)?(?-i:(?P<wd>" + WEEKDAY + r"))\b" + TOD,
         build_weekday, ["Friday", "last Friday", "Thursday evening", "next Monday", "Earlier Sunday"]),
    Rule("set",
         r"\b(?P<det>per|a|each|every)\s+(?P<unit>year|month|week|day|quarter|hour)\b(?!\s+(?:ago|earlier|later|before|after|or\s+two)\b)",
         build_set, ["per year", "each month", "$300 million a year"]),
    Rule("set_named",
         r"\b(?:each|every)\s+(?-i:(?P<what>" + WEEKDAY + "|" + MONTH_FULL + r"))\b",
         build_set_named, ["each Thursday", "every July"]),
    Rule("set_adverb",
         r"\b(?:annually|yearly|quarterly|monthly|weekly|hourly)\b",
         build_set_adverb, ["annually"]),
    Rule("span_duration",
         APPROX_NO_OVER + r"\b(?:the\s+)?(?:past|last|next|first|coming|previous|following|final|remaining|latest|last)\s+(?P<num>" + NUMBER
         + r")\s+(?:(?:full|straight|consecutive|trading)\s+)?(?P<unit>" + UNIT + r")\b",
         build_span_duration, ["the past three years", "the next few days", "the first nine months", "at least the past 18 months"]),
    Rule("duration",
         APPROX + r"\b(?:the\s+)?(?P<num>" + NUMBER + r")(?:\s+(?:to|or)\s+" + NUMBER + r")?(?:\s+|-)(?:(?:additional|more|full|straight|consecutive|trading|long|short|extra)\s+)?(?P<unit>"
         + UNIT + r")\b(?:-old\b)?",
         build_duration, ["two days", "a two-day visit", "more than a decade", "the nine months", "at least 30 days",
                          "8-month-old", "two to three weeks"]),
    Rule("bare_plural_duration",
         r"\b(?P<unit>days|weeks|months|years|decades|centuries)\b",
         build_bare_plural_duration, ["for years", "in months"]),
    Rule("clock",
         r"(?:(?P<approx>around|about|at\s+about|approximately)\s+)?\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:EST|EDT|GMT|CST|PST|local\s+time))?(?:,?\s+(?P<day>(?-i:" + WEEKDAY + r")|yesterday|today|tomorrow)|,?\s+(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?P<d1>" + DAYNUM + r")\b)?",
         build_clock, ["10 p.m. Wednesday", "around 7:15 p.m.", "5 p.m. EST", "5 p.m. EST, Nov. 6"]),
    Rule("noon",
         r"\b(?P<what>noon|midnight)(?:\s+(?P<day>(?-i:" + WEEKDAY + r")))?\b",
         build_noon, ["noon Saturday", "midnight Friday"]),
    Rule("time_of_day",
         r"\b(?:the\s+|(?P<mid>mid)(?:-|\s+))(?P<tod>morning|afternoon|evening)\b(?:\s+(?P<day>yesterday|today|tomorrow))?",
         build_tod, ["the morning", "mid-afternoon", "mid-afternoon yesterday"]),
]

# ---------------------------------------------------------------- where each rule can match
def prefix_scanner(prefixes):
    """A regex finding the word beginnings that may be one of `prefixes` (case-sensitive): it starts
    with their first letters, which the engine skips to quickly, then checks no letter precedes."""
    firsts = "".join(sorted({p[0] for p in prefixes}))
    rests = alternation(sorted({p[1:] for p in prefixes}))
    return re.compile(rf"[{firsts}](?<!\w[{firsts}]){rests}")


@dataclass(eq=False)
class Core:
    """A sparse pattern that every match of a rule contains (see `core_hits`, `core_windows`).

    first_words: the lowercase words a hit starts with. words: set by `word_core` when a hit is
    exactly one of these words (exact case when `cased`), so a word of the text is a hit without
    asking the regex. prefixes: the case-sensitive beginnings of the word a hit starts in, for
    patterns without a final word boundary ("Sept." and "Decide" both begin like a month). With
    none of these, hits may start inside a word ("1990s", "p.m.") and the pattern scans the text.
    """
    pattern: str
    first_words: frozenset = frozenset()
    prefixes: frozenset = frozenset()
    flags: int = re.IGNORECASE
    words: frozenset = None
    cased: bool = False

    def __post_init__(self):
        self.regex = re.compile(self.pattern, self.flags)
        self.scanner = prefix_scanner(self.prefixes) if self.prefixes else None


def word_core(words, cased=False):
    """A core that is one of `words` (a whole word; exact case when `cased`)."""
    words = list(words)
    pattern = alternation(words)
    return Core(r"\b" + (f"(?-i:{pattern})" if cased else pattern) + r"\b", frozenset(w.lower() for w in words),
                words=frozenset(words), cased=cased)


MONTH_START_CORE = Core(r"\b(?-i:" + MONTH_ANY + r")", prefixes=frozenset(m[:3].capitalize() for m in MONTHS))
MONTH_CORE = word_core((m.capitalize() for m in MONTHS), cased=True)
SEASON_CORE = word_core(SEASONS)
UNIT_CORE = word_core(list(UNITS) + list(UNIT_PLURALS))
QUARTER_PERIOD_CORE = word_core(["quarter", "period"])
TOD_WORDS = ["morning", "afternoon", "evening"]

# Each rule's cores: scanning for them first keeps the tagger fast, since the rules' optional
# prefixes are costly to try at every position. A rule with two cores runs near either.
CORES = {
    "month_day": [MONTH_START_CORE], "month_year": [MONTH_START_CORE],
    "day_month": [MONTH_CORE], "month_rel_year": [MONTH_CORE], "month": [MONTH_CORE],
    "season": [SEASON_CORE], "season_year": [SEASON_CORE],
    "decade": [Core(r"\d0'?s\b"), word_core(["twenties", "thirties", "forties", "fifties", "sixties",
                                              "seventies", "eighties", "nineties"])],
    # Whole-text scans, written so that the engine can skip to their first character: \d\d\d\d rather
    # than \d{4}; the letters' cases spelled out rather than re.IGNORECASE.
    "century": [word_core(["century"])], "year": [Core(r"\d\d\d\d")],
    "set_adverb": [word_core(SET_ADVERBS)], "spelled_year": [word_core(["nineteen", "thousand"])],
    "fiscal_year": [word_core(["fiscal"])],
    "relative_unit": [word_core(["week", "weekend", "month", "year", "quarter", "decade", "century", "half"])],
    "year_end": [word_core(["year"])], "quarter": [word_core(["quarter", "half"])],
    "year_quarter": [QUARTER_PERIOD_CORE], "latest_quarter": [QUARTER_PERIOD_CORE],
    "the_quarter": [word_core(["quarter"])],
    "year_ago_period": [Core(r"\byear[- ](?:ago|earlier)\b|\b(?:corresponding|comparable|same)\s+(?:period|quarter)\b",
                             frozenset(["year", "corresponding", "comparable", "same"]))],
    "ago": [word_core(["ago"])], "offset": [word_core(["earlier", "later", "before", "after", "previously", "prior"])],
    "the_day_offset": [word_core(["day", "eve", "week", "month", "year", "time"])],
    "deictic": [word_core(["now", "current", "currently", "nowadays", "present", "presently", "these", "moment",
                           "recently", "lately", "formerly", "past", "recent", "soon", "future", "term", "coming",
                           "ahead", "date", "possible", "today", "yesterday", "tomorrow", "tonight", "night",
                           "months", "years", "weeks", "days", "quarters"] + TOD_WORDS)],
    "weekday": [word_core((d.capitalize() for d in WEEKDAYS), cased=True)], "set_named": [word_core(["each", "every"])],
    "set": [word_core(["year", "month", "week", "day", "quarter", "hour"])],
    "span_duration": [UNIT_CORE], "duration": [UNIT_CORE], "bare_plural_duration": [UNIT_CORE],
    "clock": [Core(r"[aApP]\.?[mM]\b", flags=0)], "noon": [word_core(["noon", "midnight"])], "time_of_day": [word_core(TOD_WORDS)],
}
for _rule in RULES:
    _rule.cores = tuple(CORES[_rule.name])

RULES_BY_NAME = {r.name: r for r in RULES}


def _core_index():
    """Lookup tables for `core_hits`: cores by first word, cores found by word beginnings, the rest."""
    by_word, by_prefix, scanned = {}, [], []
    for rule in RULES:
        for core in rule.cores:
            if core.first_words:
                for w in core.first_words:
                    if core not in by_word.setdefault(w, ()):
                        by_word[w] += (core,)
            elif core.prefixes:
                if core not in by_prefix:
                    by_prefix.append(core)
            elif core not in scanned:
                scanned.append(core)
    return by_word, tuple(by_prefix), tuple(scanned)


CORES_BY_WORD, PREFIX_CORES, SCANNED_CORES = _core_index()
WORD_CORES = tuple(dict.fromkeys(core for cores in CORES_BY_WORD.values() for core in cores))
# Core words are 3 letters or more (case folding maps one character to one).
_WORD = re.compile(r"\w{3,}")
# Non-ASCII words can case-fold onto an ASCII core word ("ſ" matches "s"): those try every core.
_ANY_CORE_WORD = re.compile(r"\b" + alternation(CORES_BY_WORD) + r"\b", re.IGNORECASE)


def _add_hit(found, core, text, start):
    """Append the core's hit at `start`, if any, unless the previous hit covers it (finditer's hits
    do not overlap either)."""
    if found and start < found[-1][1]:
        return
    m = core.regex.match(text, start)
    if m:
        found.append((start, m.end()))


def core_hits(text):
    """{core: [(start, end)]}: exactly the hits core.regex.finditer(text) would give. Word cores
    are found in one pass over the words of the text, each looked up once, instead of one scan per
    core; the others by scans the engine can skip through."""
    hits = {core: [] for core in WORD_CORES}
    get = CORES_BY_WORD.get
    for word in _WORD.finditer(text):
        w = word.group()
        cores = get(w.lower())
        if cores is None:
            if not w.isascii() and _ANY_CORE_WORD.match(text, word.start()):
                for core in WORD_CORES:  # case folding beyond ASCII: the regex decides
                    _add_hit(hits[core], core, text, word.start())
            continue
        for core in cores:
            if core.words is None:
                _add_hit(hits[core], core, text, word.start())
            elif not core.cased or w in core.words:
                hits[core].append(word.span())  # the whole word is the hit
    for core in PREFIX_CORES:
        found = hits[core] = []
        for m in core.scanner.finditer(text):
            _add_hit(found, core, text, m.start())
    for core in SCANNED_CORES:
        hits[core] = [m.span() for m in core.regex.finditer(text)]
    return hits


CORE_BEFORE, CORE_AFTER = 60, 30
_SPACE = re.compile(r"\s")  # the same characters as str.isspace


def core_windows(spans, text):
    """Disjoint stretches around the core hits `spans` (sorted; merged, so each character is scanned once)."""
    n = len(text)
    windows = []
    for hit_start, hit_end in spans:
        start, end = max(0, hit_start - CORE_BEFORE), min(n, hit_end + CORE_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for w in windows:
        if w[1] < n and not text[w[1]].isspace():  # never cut a word at the right edge
            space = _SPACE.search(text, w[1])
            w[1] = space.start() if space else n
    return windows


def rule_windows(rule, hits, text):
    """The windows a rule runs in: around the hits of its cores."""
    if len(rule.cores) == 1:
        return core_windows(hits[rule.cores[0]], text)
    return core_windows(sorted(s for core in rule.cores for s in hits[core]), text)


def rule_matches(rule, text, hits, windows=None):
    """Matches of one rule: scans of the windows around its core hits. `windows` (a dict) keeps
    them for the next rules with the same cores."""
    if windows is None:
        windows = {}
    if rule.cores not in windows:
        windows[rule.cores] = rule_windows(rule, hits, text)
    for start, end in windows[rule.cores]:
        yield from rule.regex.finditer(text, start, end)


def recognize(text):
    """All non-overlapping underspecified mentions in `text`, in text order (longest match wins)."""
    candidates = []
    hits, windows = core_hits(text), {}
    for priority, rule in enumerate(RULES):
        for m in rule_matches(rule, text, hits, windows):
            if m.end() == m.start():
                continue
            built = rule.build(m, text)
            if built is None:
                continue
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1  # keep spans tight
            built.update(start=start, end=end, rule=rule.name)
            candidates.append((start, -(end - start), priority, built))
    candidates.sort(key=lambda c: c[:3])
    chosen, last_end = [], -1
    for start, neg_len, _, built in candidates:
        if start >= last_end:
            chosen.append(built)
            last_end = built["end"]
    return chosen
