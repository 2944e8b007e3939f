"""Rules for calendar dates: month and day, month, season, year, decade, century, spelled-out years."""
import re

from events.extraction.periods import SEASONS, month_number
from events.extraction.timex_rules.base import (
    LEFT, MONTH_CORE, MONTH_LENGTHS, MONTH_START_CORE, PART, PARTS, RIGHT_NUM, SEASON_CORE, mention, part_of,
    relation, rule, text_before,
)
from events.extraction.timex_scan import DIGIT, Core, word_core
from events.extraction.timex_vocab import (
    COUNT_NOUNS, DAYNUM, MONTH_ANY, MONTH_FULL, ORDINALS, SEASON, WEEKDAY, YEAR4, alternation, day_number, number_value,
    number_words,
)


# "of last year", "of that year", "of the previous year" after a month or a day of one: the phrase is part of
# the expression and sets its year (this/last/next from the anchor's; that/same/previous/following from the
# year of the date the text spoke of last).
OF_A_YEAR = (r"(?:\s+of\s+(?P<ofyear>this|last|next|that|the\s+same|the\s+previous|the\s+preceding|the\s+prior"
             r"|the\s+following|the\s+next)\s+year\b)?")
_REFERENCE_YEAR = {"that": "PLUS-0", "the same": "PLUS-0", "the previous": "MINUS-1", "the preceding": "MINUS-1",
                   "the prior": "MINUS-1", "the following": "PLUS-1", "the next": "PLUS-1"}


def of_a_year(word, month_day):
    """The norm of a month (day) "of <word> year": "UNDEF-last-year-10-03", "UNDEF-REFY-PLUS-0-04"."""
    w = re.sub(r"\s+", " ", word.lower())
    if w in ("this", "last", "next"):
        return f"UNDEF-{w}-year-{month_day}"
    return f"UNDEF-REFY-{_REFERENCE_YEAR[w]}-{month_day}"


@rule("month_day",
      LEFT + r"(?:" + PART + r")?(?:(?-i:" + WEEKDAY + r"),?\s+)?(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?P<d1>" + DAYNUM
              + r")(?:\s*[-–]\s*(?P<d2>" + DAYNUM + r"))?(?:,?\s+(?P<year>" + YEAR4 + r"))?" + RIGHT_NUM + OF_A_YEAR,
      cores=[MONTH_START_CORE],
      examples={"June 9": "2001-06-09", "Friday, June 30": "2001-06-30", "July 21-23": "2000-07",
                "August 30, 2000": "2000-08-30", "Dec. 7": "2000-12-07", "Sept. 30, 1989": "1989-09-30",
                "October 3 of last year": "2000-10-03", "July 1 of next year": "2002-07-01"})
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
    if g.get("ofyear") and not g.get("year"):
        norm = of_a_year(g["ofyear"], f"{mm}-{dd}")
    mod, part = part_of(m)
    return mention("DATE", norm, mod, part, range_end=d2)


@rule("day_month",
      LEFT + r"(?P<d1>" + DAYNUM + r")\s+(?:of\s+)?(?-i:(?P<mon>" + MONTH_FULL + r"))(?:,?\s+(?P<year>" + YEAR4 + r"))?" + RIGHT_NUM
              + OF_A_YEAR,
      cores=[MONTH_CORE],
      examples={"9 June": "2001-06-09", "30 June 2000": "2000-06-30", "the 9th of June": "2001-06-09",
                "3 October of last year": "2000-10-03"})
def build_day_month(m, text):
    g = m.groupdict()
    d1 = day_number(g["d1"])
    if not 1 <= d1 <= MONTH_LENGTHS[month_number(g["mon"])]:
        return None
    mm, dd = f"{month_number(g['mon']):02d}", f"{d1:02d}"
    if g.get("ofyear") and not g.get("year"):
        return mention("DATE", of_a_year(g["ofyear"], f"{mm}-{dd}"))
    return mention("DATE", f"{g['year']}-{mm}-{dd}" if g.get("year") else f"UNDEF-year-{mm}-{dd}")


@rule("month_year",
      r"(?:" + PART + r")?(?-i:(?P<mon>" + MONTH_ANY + r"))\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b" + RIGHT_NUM,
      cores=[MONTH_START_CORE],
      examples={"August 1988": "1988-08", "February of 1947": "1947-02", "early June 1994": "1994-06"})
def build_month_year(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    return mention("DATE", f"{g['year']}-{month_number(g['mon']):02d}", mod, part)


@rule("month_rel_year",
      r"\b(?:" + PART + r")?(?-i:(?P<mon>" + MONTH_FULL + r"))(?:\s+(?P<rel>this|last|next)\s+year\b|" + OF_A_YEAR.removesuffix("?") + ")",
      cores=[MONTH_CORE],
      examples={"February of this year": "2001-02", "January this year": "2001-01", "June last year": "2000-06",
                "April of that year": "2001-04", "May of the following year": "2002-05",
                "early April of next year": "2002-04"})
def build_month_rel_year(m, text):
    g = m.groupdict()
    mm = f"{month_number(g['mon']):02d}"
    mod, part = part_of(m)
    if g.get("ofyear"):
        return mention("DATE", of_a_year(g["ofyear"], mm), mod, part)
    return mention("DATE", f"UNDEF-{relation(g['rel'])}-year-{mm}", mod, part)


@rule("month",
      r"\b(?:" + PART + r")?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past)\s+)?(?-i:(?P<mon>" + MONTH_FULL + r"))\b(?!\s*\d)",
      cores=[MONTH_CORE],
      examples={"in November": "2000-11", "last July": "2000-07", "this past December": "2000-12",
                "early September": "2000-09", "mid-November": "2000-11", "his February visit": "2001-02"})
def build_month(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    rel = relation(g.get("rel"))
    word = g["mon"]
    before = text_before(text, m.start(), 12)
    # "May" is usually the modal verb, "March" sometimes the verb: only with a time cue.
    if word in ("May", "March") and not (rel or part or re.search(r"\b(?:in|since|until|by|of|for|during|before|after|from|through|to|last|next|this|early|late|mid)\s+$", before, re.I)):
        return None
    mm = f"{month_number(word):02d}"
    if rel:
        return mention("DATE", f"UNDEF-{rel}-M{mm}", mod, part)
    return mention("DATE", f"UNDEF-year-{mm}", mod, part)


@rule("season_year",
      r"\b(?:" + PART + r")?(?:(?P<part2>early|late|mid)(?:\s+|-))?(?P<season>" + SEASON + r")\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b",
      cores=[SEASON_CORE],
      examples={"spring 1999": "1999-SP", "summer of 2000": "2000-SU"})
@rule("season",
      r"\b(?:" + PART + r")?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|the)\s+)(?:(?P<part2>early|late|mid)(?:\s+|-))?(?P<season>"
              + SEASON + r")\b(?:\s+(?:of\s+)?(?P<year>" + YEAR4 + r")\b|\s+of\s+(?P<relyear>this|last|next)\s+year\b)?",
      cores=[SEASON_CORE],
      examples={"last fall": "2000-FA", "this spring": "2001-SP", "the early summer": "2001-SU",
                "this past spring": "2000-SP", "the winter of 1994": "1994-WI", "the autumn of next year": "2002-FA",
                "the spring of last year": "2000-SP"})
def build_season(m, text):
    g = m.groupdict()
    mod, part = part_of(m)
    if g.get("part2"):
        mod, part = PARTS[g["part2"].lower()]
    code = SEASONS[g["season"].lower()]
    if g.get("year"):
        return mention("DATE", f"{g['year']}-{code}", mod, part)
    if g.get("relyear"):
        return mention("DATE", f"UNDEF-{g['relyear'].lower()}-year-{code}", mod, part)
    if _a_fall_of_something(m, text, g):
        return None
    rel = relation(g.get("rel"))
    if rel:
        return mention("DATE", f"UNDEF-{rel}-S{code}", mod, part)
    return mention("DATE", f"UNDEF-year-{code}", mod, part)


def _a_fall_of_something(m, text, g):
    """"the fall of the lira", "the fall of Milosevic": a fall, no autumn (a season "of" is of a year)."""
    return g["season"].lower() == "fall" and (g.get("rel") or "").lower() == "the" and \
        bool(re.match(r"\s+of\b", text[m.end():m.end() + 4]))


@rule("year",
      LEFT + r"(?:" + PART + r")?(?P<year>" + YEAR4 + r")\b" + RIGHT_NUM + r"(?!'?s\b)",
      cores=[Core(DIGIT + r"\d\d\d")],
      examples={"1979": "1979", "mid-1996": "1996", "the end of 1990": "1990", "early 1991": "1991",
                "the first half of 1990": "1990-H1"})
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


@rule("fiscal_year",
      r"\b(?:the\s+)?fiscal(?:\s+year)?\s+(?P<year>" + YEAR4 + r")\b",
      cores=[word_core(["fiscal"])],
      examples={"fiscal 1989": "1989", "fiscal year 1990": "1990"})
def build_fiscal_year(m, text):
    return mention("DATE", m.group("year"))


@rule("decade",
      r"(?:\b" + PART + r")?(?:\bthe\s+)?(?:(?P<part2>early|mid|late)(?:\s+|-))?(?:(?P<dec>1\d\d0|20\d0)'?s\b|'(?P<short>\d)0'?s\b|\b(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
      cores=[Core(DIGIT + r"0'?s\b"), word_core(["twenties", "thirties", "forties", "fifties", "sixties",
                                              "seventies", "eighties", "nineties"])],
      examples={"the 1990s": "199", "the early 1980s": "198", "the '80s": "198", "the nineties": "199",
                "the mid-1990s": "199"})
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


@rule("century",
      r"\b(?:the\s+)?(?P<ord>" + alternation(ORDINALS)[3:-1] + r")[\s-]+century\b",
      cores=[word_core(["century"])],
      examples={"the 20th century": "19", "11th century": "10", "the nineteenth century": "18"})
def build_century(m, text):
    n = ORDINALS.get(m.group("ord").lower())
    if not n:
        return None
    return mention("DATE", f"{n - 1:02d}")


_SPELLED_TENS = number_words(10, 90)


@rule("spelled_year",
      r"\b(?:the\s+year\s+|(?-i:(?P<mon>" + MONTH_FULL + r"))\s+|(?:the\s+)?(?P<season>" + SEASON + r")\s+of\s+)?(?:nineteen\s+(?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight|nine))?|(?P<millennium>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
      cores=[word_core(["nineteen", "thousand"])],
      examples={"nineteen ninety-six": "1996", "the year two thousand": "2000", "nineteen seventy-nine": "1979",
                "January nineteen ninety-seven": "1997-01", "the winter of nineteen ninety-four": "1994-WI"})
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


# "May 11 and 13": the second day of a pair sharing the first's month, when nothing after it makes the
# number a count ("on May 11 and 13 others were hurt" has no date "13").
_MONTH_DAY_AND = re.compile(r"(?-i:(?P<mon>" + MONTH_ANY + r"))\s+" + DAYNUM + r",?\s+and\s+$")


@rule("second_day",
      r"(?<=\w and )(?P<d>" + DAYNUM + r")\b(?=\s*(?:[,.;:)!?]|$)|\s+(?:in|at|on|and|when|to|with|"
      r"during|that|the|for|by|as|while|after|before|but|or)\b)",
      cores=[Core(r" and \d")],
      examples={"on May 11 and 13.": "2001-05-13", "met on June 3rd and 4th in Rome": "2000-06-04"})
def build_second_day(m, text):
    """The "13" of "May 11 and 13": that day of the month named just before (in its year: UNDEF-PAIR)."""
    before = _MONTH_DAY_AND.search(text_before(text, m.start(), 24))
    if before is None:
        return None
    month, day = month_number(before.group("mon")), day_number(m.group("d"))
    if not 1 <= day <= MONTH_LENGTHS[month]:
        return None
    return mention("DATE", f"UNDEF-PAIR-{month:02d}-{day:02d}")


def _ordinal(n):
    return f"{n}{'th' if 10 <= n <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# What may follow "on the 12th" for it to be a day: punctuation, the end, or a word that cannot continue a
# noun phrase the ordinal would qualify ("on the 12th floor", "on the 3rd day" are no dates).
_AFTER_DAY_OF_MONTH = (r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:and|or|at|in|to|when|after|before|with|but|as|by|from|while|"
                       r"until|he|she|they|it|the|a|an|his|her|their)\b)")


@rule("day_of_month",
      r"(?<=\bon\s)the\s+(?P<d>(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th))" + _AFTER_DAY_OF_MONTH,
      cores=[word_core(_ordinal(n) for n in range(1, 32))],
      examples={"They met on the 12th.": "2000-12-12", "He will return on the 12th.": "2001-01-12",
                "Talks opened on the 2nd in Geneva.": "2001-01-02"})
def build_day_of_month(m, text):
    """"on the 12th": a day of a month not named; resolution picks the month by the governing verb's tense
    (timex_year.day_of_month)."""
    g = m.groupdict()
    if _ordinal(day_number(g["d"])) != g["d"].lower():
        return None  # "the 12st" is no ordinal
    return mention("DATE", f"UNDEF-dom-{day_number(g['d']):02d}")
