"""Patterns rewritten from r"\bword..." to r"word(?<!\wword)..." (a literal prefix re can skip to) find exactly the
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
