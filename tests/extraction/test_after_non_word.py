"""phrases.AfterNonWord finds exactly the matches of its plain regex r"(?<![X])pattern" (finditer, with and without
bounds): a speed change of the gazetteer's tries (actors, topics, titles) that must not change what they find."""
import itertools

import pytest

from events.extraction.phrases import AfterNonWord, fold, trie_pattern

TEXTS = [
    "talks in moscow. moscow talks; the talks-talks",
    "the u.s.-russia talks: u.s. u.s.talks and (moscow)talks",
    "moscow",
    "",
    "x moscowx moscow-talks talks",
]
SCANNERS = [
    AfterNonWord(trie_pattern({"moscow", "talks", "u.s.", "the talks"}) + r"(?![\w])", r"\w"),
    AfterNonWord(r"(?:talks|moscow|u\.s\.)(?![\w-])", r"\w-"),
    AfterNonWord(r"(?:Talks|MOSCOW)(?![\w-])", r"\w-", flags=2),  # re.IGNORECASE
]


def _plain(scanner, text, start, end):
    return [m.span() for m in scanner.regex.finditer(text, start, len(text) if end is None else end)]


@pytest.mark.parametrize("scanner,text", list(itertools.product(SCANNERS, TEXTS)))
def test_same_matches_as_the_look_behind_regex_from_every_start_and_end(scanner, text):
    bounds = [(start, None) for start in range(len(text) + 1)]
    bounds += [(start, end) for start in range(0, len(text) + 1, 3) for end in range(start, len(text) + 1, 4)]
    for start, end in bounds:
        assert [m.span() for m in scanner.finditer(text, start, end)] == _plain(scanner, text, start, end)


def test_matches_are_the_plain_regex_own_and_a_word_inside_another_is_none():
    scanner = SCANNERS[0]
    found = [m.group() for m in scanner.finditer(fold("The talks in Moscow-talks and xtalks, the talks"))]
    assert found == ["the talks", "moscow", "talks", "the talks"]
    assert scanner.search("xtalks talks").span() == (7, 12)
    assert scanner.search("xtalks") is None
