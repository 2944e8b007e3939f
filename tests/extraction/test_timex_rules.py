"""The temporal rules as written in events/extraction/timex_rules/: each rule's examples give the value
written beside them, nothing in the negative corpus is tagged, and every rule is registered once."""
from pathlib import Path

import pytest

from events.extraction.timex import tag
from events.extraction.timex_rules import EXAMPLE_ANCHOR, PRIORITY, RULES, recognize
from events.extraction.timex_rules.base import REGISTRY
from events.extraction.timex_scan import core_windows

NEGATIVE = Path(__file__).with_name("timex_negative.txt")
EXAMPLES = [(rule.name, text, value) for rule in RULES for text, value in rule.examples.items()]


@pytest.mark.parametrize("name, text, value", EXAMPLES, ids=[f"{n}:{t}" for n, t, _ in EXAMPLES])
def test_each_example_is_its_rules_and_gets_its_value(name, text, value):
    """Values at EXAMPLE_ANCHOR (Tuesday 2 January 2001), the example alone in its text; None: the rule
    recognises it but it has no value alone ("at that time" needs a date before it)."""
    spans = [(m.start, m.end) for m in recognize(text) if m.rule == name]
    assert spans, f"{name} does not recognise {text!r}"
    found = [t["value"] for t in tag(text, EXAMPLE_ANCHOR) if (t["start"], t["end"]) == spans[0]]
    assert (found[0] if found else None) == value


def negative_sentences():
    lines = NEGATIVE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("sentence", negative_sentences())
def test_the_negative_corpus_is_never_tagged(sentence):
    assert tag(sentence, EXAMPLE_ANCHOR) == []


def test_every_rule_is_registered_once_and_ordered():
    assert [rule.name for rule in RULES] == list(PRIORITY)
    assert sorted(rule.name for rule in REGISTRY) == sorted(PRIORITY)
    assert all(rule.examples and rule.cores for rule in RULES)


def test_windows_never_cut_a_word_and_merge_when_they_touch():
    text = "alpha beta gamma delta"
    assert core_windows([(0, 5), (6, 10)], text) == [[0, len(text)]]


def _plain_recognize(text):
    """recognize() without the scanner: every rule's regex over the whole text."""
    candidates = []
    for priority, rule in enumerate(RULES):
        for m in rule.regex.finditer(text):
            built = rule.build(m, text) if m.end() > m.start() else None
            if built is not None:
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                candidates.append((start, -(m.end() - start), priority, (start, m.end(), rule.name, built.norm)))
    chosen, last_end = [], -1
    for start, _, _, found in sorted(candidates, key=lambda c: c[:3]):
        if start >= last_end:
            chosen.append(found)
            last_end = found[1]
    return chosen


def test_the_scanner_changes_speed_not_matches():
    from tests.extraction._monitor_articles import all_articles

    texts = [body for body, _ in all_articles()] + [text for _, text, _ in EXAMPLES] + negative_sentences()
    for text in texts:
        assert [(m.start, m.end, m.rule, m.norm) for m in recognize(text)] == _plain_recognize(text)


def test_core_hits_of_an_ascii_text_are_those_of_each_core_regex():
    """The word cores of a text with ASCII words only come from one scan of its lower-cased copy (timex_scan); a
    text with a non-ASCII word ("Schröder", "İstanbul", whose lower case is longer) takes the word loop. Both give
    exactly each core regex's own finditer."""
    from events.extraction.timex_rules import SCANNER

    texts = ["On Monday, MAY 5th, the year-end talks (3 p.m.) ended; 1990s may-day Mayday 5TH of June",
             "Schröder came on Monday May 5 at 3 p.m.", "İstanbul, Tuesday, June 2001 and ſunday", "", "day"]
    for text in texts:
        hits = SCANNER.core_hits(text)
        for core, found in hits.items():
            assert found == [m.span() for m in core.regex.finditer(text)], (text, core.pattern)


def test_number_words_are_one_words_cardinals_from_the_one_table():
    """timex_vocab.number_words is the range of NUMBER_WORDS the other tables take (groups, clock hours ...):
    one-word cardinals only, in order, never "a", "dozen" or "a couple of"."""
    from events.extraction.timex_vocab import number_words
    assert number_words(3, 5) == {"three": 3, "four": 4, "five": 5}
    assert list(number_words(1, 12)) == ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                         "ten", "eleven", "twelve"]
    assert list(number_words(20, 100)) == ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                           "ninety"]
