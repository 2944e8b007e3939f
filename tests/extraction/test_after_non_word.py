"""phrases.AfterNonWord finds exactly the matches of its plain regex r"(?<![X])pattern" (finditer, with and without
bounds): a speed change of the gazetteer's tries (actors, topics, titles) that must not change what they find."""
import itertools

import pytest

from events.extraction.phrases import AfterNonWord, TheWord, fold, trie_pattern

TEXTS = [
    "talks in moscow. moscow talks; the talks-talks",
    "the u.s.-russia talks: u.s. u.s.talks and (moscow)talks",
    "moscow",
    "",
    "x moscowx moscow-talks talks",
    # letters outside ASCII right before a phrase (its class lets them through; the look-behind refuses them)
    "ümoscow émoscow ßtalks, \u00e9talks talks\u2019moscow \u0416moscow_talks",
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


# phrases.word_alternation: the look-behind after each word's first character, the words tried in their order.
WORDS = ["Pak", "Pak-Ui", "Ui", "Kim", "O'Neil"]
WORD_TEXTS = ["Pak Ui and Pak-Ui met; xPak, -Pak, Kim's Ui.", "Pak", "Kimura Kim-Il O'Neil's", "", "a-Ui (Ui)"]


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_word_alternation_matches_as_the_leading_look_behind(text):
    import re

    from events.extraction.phrases import word_alternation
    for words in (WORDS, list(reversed(WORDS)), WORDS[:1]):
        plain = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
        fast = re.compile(word_alternation(words, r"\w-") + r"(?![\w-])")
        for start in range(len(text) + 1):
            assert [m.span() for m in fast.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]


def test_word_alternation_keeps_the_order_of_the_words():
    import re

    from events.extraction.phrases import word_alternation
    assert re.match(word_alternation(["Pak", "Pak-Ui"], r"\w"), "Pak-Ui").group() == "Pak"
    assert re.match(word_alternation(["Pak-Ui", "Pak"], r"\w"), "Pak-Ui").group() == "Pak-Ui"
    assert re.search(word_alternation(["Pak"], r"\w-"), "-Pak Pak").start() == 5


def test_the_event_rules_cue_words_match_as_their_look_behind_regex():
    import re

    from events.extraction.events.rules import default_rules
    rules = default_rules()
    text = "It might be said that the two governments, reportedly, will meet; Both Governments could-will not."
    for cue in (rules.speculation, rules.hedge, rules.future, rules.article_pair, rules.pair_anaphor):
        plain = re.compile(cue.pattern, re.IGNORECASE)
        for start in range(0, len(text), 5):
            assert [m.span() for m in cue.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]
            found, expected = cue.search(text, start, start + 40), plain.search(text, start, start + 40)
            assert (found and found.span()) == (expected and expected.span())


def test_the_backoff_lexicon_regexes_match_as_their_look_behind_regexes():
    import re

    from events.extraction.events.rules import default_rules
    lexicon = default_rules().backoff
    text = ("the talks began in may; he arrived, then left-over cuts. his return came after the bombs that shook "
            "the city; they dined and discussed it, then flew home and took up the bill")
    for regex in (lexicon.verb, lexicon.noun, lexicon.other_verb):
        plain = re.compile(regex.pattern)
        for start in range(0, len(text), 7):
            for end in (start + 30, len(text)):
                assert [m.span() for m in regex.finditer(text, start, end)] == \
                    [m.span() for m in plain.finditer(text, start, end)]
        assert [m.group() for m in regex.finditer(text)]  # the text has forms of each


def test_a_letter_outside_ascii_before_a_phrase_makes_it_part_of_a_word():
    scanner = SCANNERS[0]
    assert [m.group() for m in scanner.finditer("émoscow \u0416talks moscow\u2014talks")] == ["moscow", "talks"]
    assert SCANNERS[2].search("\u00fctalks Talks").span() == (7, 12)


THE_TEXTS = [
    "The two met. the two agreed; they said the two, other the two",
    "bathe two the  two The\ntwo Xthe two -the two the tw",
    "the two",
    "",
    "\u00e9the two \u2019the two (the two)the two",
]
THE_WORDS = [
    TheWord(r"\s+two\b"),
    TheWord(r"(?:y\b|\s+(?P<noun>two|other)\b)"),
]


@pytest.mark.parametrize("finder,text", list(itertools.product(THE_WORDS, THE_TEXTS)))
def test_the_word_finds_the_plain_regex_matches_from_every_start_and_end(finder, text):
    for start in range(len(text) + 1):
        for end in [None] + list(range(start, len(text) + 1)):
            found = [(m.span(), m.groups()) for m in finder.finditer(text, start, end)]
            plain = [(m.span(), m.groups()) for m in finder.regex.finditer(text, start, len(text) if end is None else end)]
            assert found == plain


def test_the_word_is_a_word_of_its_own():
    assert [m.span() for m in THE_WORDS[0].finditer("bathe two, The two and xthe two")] == [(11, 18)]
    assert THE_WORDS[1].search("they").group() == "they"
