"""What a person's name looks like in any Latin spelling, as regular-expression pieces (used by the title
rules of the gazetteer and by the people finder)."""
from __future__ import annotations

import re
import sys
import unicodedata



def _char_class(test) -> str:
    """A regex character class body of every code point for which test(char) holds, as ranges."""
    ranges, start, previous = [], None, None
    for code in range(sys.maxunicode + 1):
        if test(chr(code)):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Capital and small letters of every script (a name in "any Latin spelling": Chrétien, Schröder, Wałęsa),
# small letters followed by combining marks when the text is decomposed ("e" + U+0301).
_UPPER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Lu", "Lt")) + "]"
_LOWER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Ll", "Mn", "Mc")) + "]"
_LETTER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Lu", "Lt", "Ll", "Mn", "Mc")) + "]"
# Arabic article and patronymic prefixes written with a hyphen: "al-Assad", "bin-Laden".
_NAME_PREFIX = r"(?:al|el|ad|ash|as|at|ar|an|bin|ibn|abu|abd|ul)[-\u2019']"
# "Klebanov", "Jai-chun", "O'Neill", "McCormick", "Chrétien", "al-Assad", "Kim Jong-il"
_NAME_TOKEN = rf"(?:{_NAME_PREFIX})?{_UPPER}{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:[-'\u2019]{_LETTER}{_LOWER}+)*"
# Lower-case particles inside a name: "Dominique de Villepin", "Hans van den Broek", "Lula da Silva".
NAME_PARTICLES = ("de", "du", "des", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von",
                  "ter", "la", "le", "bin", "ibn", "al", "el", "y", "zu", "af")
_PARTICLE = r"(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")"
# A regnal numeral after a name: "Abdullah II", "Juan Carlos I", "Mswati III" (I to XIX).
_REGNAL = r"(?:\s+X?(?:IX|IV|V?I{1,3}|V)(?![\w-]))"
_NAME_SEQUENCE = (rf"(?:{_PARTICLE}\s+)?{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{0,3}}"
                  rf"{_REGNAL}?")
# A name longer than this, or with a part longer than MAX_NAME_PART, is no name (junk input): dropped
# with a warning rather than stored as an actor.
MAX_NAME_LENGTH = 100
MAX_NAME_PART = 40
# Capitalised words that open a name-like run but are not names.
_NOT_NAME_WORDS = frozenset({
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "According", "Following", "After",
    "Before", "Since", "During", "While", "When", "Meanwhile", "Indeed", "Moreover", "However", "That",
    "This", "These", "Those", "Some", "Many", "His", "Her", "Its", "Their", "Sources", "Reports",
    "Foreign", "Defense", "Defence", "Ministry", "Council", "Security", "State", "Department", "Party",
    "President", "Minister", "Deputy", "Prime", "Secretary", "Ambassador", "General", "Government",
    # Honorifics are no part of the name the person is known by ("Sir Michael Jackson" is Michael Jackson).
    "Sir", "Dame", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
    # Nor are the ranks before a title word ("Lieutenant General X", "Brigadier General X"); "Major" is left out
    # (John Major), "General", "Colonel" and "Admiral" are title words already.
    "Lieutenant", "Lieutenant-General", "Lieutenant-Colonel", "Brigadier", "Captain", "Lt.", "Gen.", "Col.",
})
# A capitalised run containing one of these names an organisation ("General Motors Corp"), not a person.
_ORGANISATION_WORDS = frozenset({
    "Inc", "Corp", "Co", "Ltd", "Company", "Corporation", "Group", "Agency", "Bank", "News", "Ministry",
    "Department", "Party", "Council", "Committee", "Fund", "Association", "University", "Institute",
    "Service", "Times", "Post", "Herald", "Motors", "Mills", "Airlines", "Exchange", "Union", "Organization",
})


# A word is looked up by its name key only when the key has at least this many letters: short keys
# ("le", "li") are too often other words ("Le Monde").
MIN_KEY_LETTERS = 5
