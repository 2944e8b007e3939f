"""What every temporal rule shares: the Rule record and the @rule decorator that registers a builder with its
pattern, cores and examples; the fragments patterns are built from (parts of a period, relation words,
amounts); the helpers builders use; the cores several rules share."""
import datetime as dt
import re
from dataclasses import dataclass, field

from events.extraction.periods import LONGEST_MONTH, MONTHS, SEASONS
from events.extraction.timex_mention import Mention
from events.extraction.timex_prefilter import first_char_class
from events.extraction.timex_scan import Core, word_core
from events.extraction.timex_vocab import (
    APPROX_MODS, MONTH_ANY, PARTS, UNIT_PLURALS, UNITS, alternation, number_value,
)

# The anchor the rules' examples are resolved against: Tuesday 2 January 2001, with no date before them.
EXAMPLE_ANCHOR = dt.date(2001, 1, 2)
# Every rule, in the order the modules define them (timex_rules.PRIORITY orders them for ties).
REGISTRY = []


@dataclass
class Rule:
    name: str
    pattern: str
    build: object
    examples: dict = field(default_factory=dict)  # text -> value at EXAMPLE_ANCHOR (None: no value alone)
    cores: tuple = ()        # sparse patterns every match contains (CORES): the rule runs only near them
    flags: int = re.IGNORECASE

    def __post_init__(self):
        # A match starts with one of few characters, at a word boundary (or an apostrophe: "'80s"):
        # checking those first lets the engine skip most positions cheaply.
        first = first_char_class(self.pattern, self.flags)
        if first and self.flags & re.IGNORECASE:
            first = _cased_superset(first, self.flags)
        self.regex = re.compile((f"(?={first})" if first else "") + r"(?:\b|(?='))" + self.pattern, self.flags)


def _cased_superset(first: str, flags: int) -> str:
    """The class `first` (a pre-check, read ignoring case) as a case-sensitive class: every ASCII character it takes
    in either case, and every character outside ASCII (the pattern itself decides those). The engine then tests
    each position against a bitmap instead of lower-casing its character first (IN_UNI_IGNORE); the pre-check
    takes more, never less, so what matches is the same."""
    regex = re.compile(first, flags)
    taken = "".join(re.escape(chr(c)) for c in range(128) if regex.match(chr(c)))
    return "(?-i:[" + taken + r"\x80-\U0010ffff])"


def rule(name, pattern, cores, examples, flags=re.IGNORECASE):
    """Register the decorated builder as the rule `name`: its pattern, the cores every match contains
    (timex_scan runs the rule only near them) and its examples with their expected values."""
    def register(build):
        REGISTRY.append(Rule(name, pattern, build, dict(examples), tuple(cores), flags))
        return build
    return register


# ---------------------------------------------------------------- shared fragments
PART = r"(?P<part>" + alternation(PARTS)[3:-1] + r")(?:\s+|-\s*)"


LEFT = r"(?<![\w$£€.,/-])"          # not glued to a preceding word, number or currency sign


RIGHT_NUM = r"(?![\d,.]?\d)(?!\s*(?:%|percent|per\s+cent)\b)"


REL_WORDS = r"(?P<rel>the\s+full|the\s+fiscal|this\s+past|this\s+coming|this|last|next|past|previous|coming|current|the\s+past|the\s+previous|the\s+preceding|the\s+prior|the\s+coming|the\s+following|the\s+current|the\s+same|the\s+latest|the\s+last|the\s+next|the\s+present|following|that|the)"


TOD = r"(?:\s+(?P<tod>morning|afternoon|evening|night|nights))?"


APPROX = r"(?:(?P<approx>" + alternation(APPROX_MODS)[3:-1] + r")\s+)?"


# "over the past several years": there "over" is the preposition, not "more than".
APPROX_NO_OVER = r"(?:(?P<approx>" + alternation([k for k in APPROX_MODS if k != "over"])[3:-1] + r")\s+)?"


def part_of(m):
    """(mod, part) of the PART group, or (None, None)."""
    p = m.groupdict().get("part")
    if not p:
        return None, None
    return PARTS[re.sub(r"\s+", " ", p.lower())]


def mention(type_, norm, mod=None, part=None, **extra):
    """What a builder returns: a Mention (timex_mention) with its type, norm, mod, part and any of the
    optional fields (range_end, optional, duration, duration_end, no_interval)."""
    return Mention(type_, norm, mod, part, **extra)


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


# ---------------------------------------------------------------- cores several rules share
MONTH_START_CORE = Core(r"\b(?-i:" + MONTH_ANY + r")", prefixes=frozenset(m[:3].capitalize() for m in MONTHS))


MONTH_CORE = word_core((m.capitalize() for m in MONTHS), cased=True)


SEASON_CORE = word_core(SEASONS)


UNIT_CORE = word_core(list(UNITS) + list(UNIT_PLURALS))


QUARTER_PERIOD_CORE = word_core(["quarter", "period"])


TOD_WORDS = ["morning", "afternoon", "evening"]
