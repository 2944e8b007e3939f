r"""Patterns rewritten from r"\bword..." to r"word(?<!\wword)..." (a literal prefix re can skip to) find exactly the
matches of the plain r"\bword..." regex: same spans and groups from every start and end (a speed change only)."""
import random
import re

import pytest

from events.extraction.events.clauses import SINCE
from events.extraction.organization_anaphora import IT_HAPPENS

CASES = [
    (IT_HAPPENS, "it", ["it will take place", "it would be held", "it may not open", "it is to convene", "bit will open",
                       "\u00e9it will open", "_it can convene", "it  might still be held", "It will open"]),
    (SINCE, "since", ["since he", "since Putin", "since the Kremlin's", "since Boris Yeltsin\u2019s", "sincesince she",
                      "\u00fcsince they", "evensince it", "since their", "Since he"]),
]


def _plain(regex, word):
    assert regex.pattern.startswith(word + r"(?<!\w" + word + ")")
    return re.compile(r"\b" + word + regex.pattern[len(word + r"(?<!\w" + word + ")"):], regex.flags)


@pytest.mark.parametrize("regex,word,pieces", CASES)
def test_same_matches_as_the_word_boundary_regex(regex, word, pieces):
    plain = _plain(regex, word)
    rng = random.Random(15)
    glue = [" ", ", ", "x", "\u00e9", "-", ".", "", "\n"]
    for _ in range(300):
        text = "".join(rng.choice(glue) + rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        for start in range(0, len(text) + 1):
            for end in (len(text), max(start, len(text) - 3)):
                ours = [(m.span(), m.groups()) for m in regex.finditer(text, start, end)]
                assert ours == [(m.span(), m.groups()) for m in plain.finditer(text, start, end)]


def test_a_word_inside_another_is_not_found():
    assert IT_HAPPENS.search("the bit will take place") is None
    assert IT_HAPPENS.search("the meeting; it will take place").start() == 13
    assert SINCE.search("evensince he") is None
    assert SINCE.search("even since he").start() == 5


from events.extraction.entities.anaphora import _PAIR  # noqa: E402
from events.extraction.organization_anaphora import _BARE_SUMMIT  # noqa: E402

FIRST_LETTERS = [
    (_PAIR, ["the two presidents", "The two foreign ministers", "both the leaders", "Both presidents", "bothe two men",
             "xthe two presidents", "\u00e9both leaders", "the  two leaders", "both men", "tthe two presidents"]),
    (_BARE_SUMMIT, ["the summit", "The next summit", "its annual Moscow summit", "their summit", "Their summit",
                    "Its summit", "itsummit", "the summit with", "\u00e9its summit", "theirs summit", "the CIS summit"]),
]


@pytest.mark.parametrize("scanner,pieces", FIRST_LETTERS)
def test_first_letters_finds_the_plain_regex_matches_from_every_start_and_end(scanner, pieces):
    rng = random.Random(24)
    glue = [" ", ", ", "x", "\u00e9", "-", ".", "", "\n", "t", "b", "i"]
    for _ in range(300):
        text = "".join(rng.choice(glue) + rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        for start in range(0, len(text) + 1):
            for end in (len(text), max(start, len(text) - 4)):
                ours = [(m.span(), m.groups()) for m in scanner.finditer(text, start, end)]
                assert ours == [(m.span(), m.groups()) for m in scanner.regex.finditer(text, start, end)]
        assert (scanner.search(text) or None) is None or scanner.search(text).span() == scanner.regex.search(text).span()


def test_first_letters_yields_the_plain_regex_own_match_objects():
    match = next(_PAIR.finditer("They met. Both foreign ministers spoke, and the two presidents left."))
    assert match.re is _PAIR.regex and match.group("noun") == "foreign ministers"
    assert [m.start() for m in _BARE_SUMMIT.finditer("its summit and their next summit, bits summit")] == [0, 15]
