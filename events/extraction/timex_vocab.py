"""Word lists the temporal tagger's rules are built from (plain data, no Django).

Every pattern fragment here is a flat alternation of fixed words, so the combined rules stay
linear-time: no nested repetition anywhere.
"""
import json
import re
from pathlib import Path

# Month names, seasons and month_number are calendar conventions shared with the rest of the project:
# events/extraction/periods.py.
from events.extraction.periods import MONTHS

WORDS_FILE = Path(__file__).resolve().parent / "data" / "timex_words.json"
_WORDS = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
# Which part of a period a phrase names: (TIMEX3 mod, interval part) ("the end of" -> END, late).
PARTS = {phrase: tuple(value) for phrase, value in _WORDS["parts"].items()}
APPROX_MODS = _WORDS["approx_mods"]
# Fixed phrases: (TIMEX3 type, norm) ("yesterday", "the coming years").
DEICTIC = {phrase: tuple(value) for phrase, value in _WORDS["deictic"].items()}
SET_ADVERBS = {word: tuple(value) for word, value in _WORDS["set_adverbs"].items()}
TIMES_OF_DAY = _WORDS["times_of_day"]
QUARTER_WORDS = _WORDS["quarter_words"]
# "1999 people": a number of things, not a year.
COUNT_NOUNS = re.compile(r"\s*(?:" + "|".join(_WORDS["count_nouns"]) + r")\b", re.I)
# The resolution's tense and modality cues (timex_resolve), as sets of lower-case words.
TENSE_CUES = {name: frozenset(words) for name, words in _WORDS["tense_cues"].items()}
# The words that make a date ahead a deadline ("by October 1", "no later than September"): {kind: [phrases]}.
DEADLINE_CUES = _WORDS["deadline_cues"]
# A happening noun -> what tells that happening ("signing": "signed"), as a pattern (timex_resolve).
HAPPENING_VERBS = {noun: re.compile(r"\b(?:" + pattern + r")\b", re.I) for noun, pattern in _WORDS["happening_verbs"].items()}

WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a half": None,
}
# NUMBER_WORDS is the one table of number words; other modules take the range they need with number_words.
_NOT_CARDINALS = ("a", "an", "dozen", "hundred")


def number_words(low, high):
    """The cardinals from low to high written as one word, in NUMBER_WORDS's order: number_words(3, 5) ->
    {"three": 3, "four": 4, "five": 5} (no articles, "dozen", "hundred" or phrases like "a couple of")."""
    return {w: n for w, n in NUMBER_WORDS.items()
            if n is not None and low <= n <= high and " " not in w and w not in _NOT_CARDINALS}


# Quantities that TIMEX3 writes as X ("several years" = PXY).
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of", "numerous")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "21st": 21, "20th": 20, "19th": 19, "18th": 18, "17th": 17, "11th": 11,
}

# Units: TIMEX3 duration letter, whether it is a time (PT...) unit.
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False),
}
UNIT_PLURALS = {"centuries": "century", "seconds": "second", "minutes": "minute", "hours": "hour",
                "days": "day", "weeks": "week", "months": "month", "quarters": "quarter",
                "years": "year", "decades": "decade"}


def alternation(words):
    """A regex alternation of fixed words (a space matching any run of spaces); where one word
    begins another ("early", "early in"), the longer is tried first, so the longer word wins.

    Written as a trie ("(?:early(?:\\s+in|)|late)"): the engine, ignoring case, cannot skip an
    alternative on its first letter, so a flat list of 30 words costs 30 attempts per position."""
    trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}  # a word ends here
    return "(?:" + _trie_pattern(trie) + ")"


def _trie_pattern(node):
    """Branches of a trie node, the end of a word last (longer words first)."""
    branches = [unit + _trie_pattern(child) for unit, child in node.items() if unit]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def unit_name(word):
    """'Years' -> 'year'."""
    w = word.lower()
    return UNIT_PLURALS.get(w, w)


_TENS = number_words(20, 90)
_ONES = number_words(1, 9)


def number_value(text):
    """'three' -> 3, '18' -> 18, 'twenty-four' -> 24, 'several' -> None (vague)."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return int(t.replace(",", ""))  # "9,000"
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return _TENS[parts[0]] + _ONES[parts[1]]
    return None


# Fragments used by the rules.
MONTH_FULL = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_ANY = f"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"
SEASON = "(?:spring|summer|fall|autumn|winter)"
NUMBER = (
    # "9,000" is one number (never the "000" of it); the "5" of "1.5" is none.
    r"(?:(?<!\d[.,])(?:\d{1,3}(?:,\d{3}){1,2}(?![\d,])|\d{1,4})|" + alternation([k for k in NUMBER_WORDS if k not in ("a half",)] + list(VAGUE_NUMBERS))[3:-1]
    + r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine))"
)
UNIT = alternation(list(UNITS) + list(UNIT_PLURALS))
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"


def day_number(text):
    return int(re.match(r"\d+", text).group())
