"""One clause boundary (events/clauses.py coordinate_joint, cues in data/clauses.json): "a coordinate clause
opens here", read by participants, organization_parties.date_clause and clauses.list_comma."""
from types import SimpleNamespace

from events.extraction.events.clauses import (coordinate_conjunction, coordinate_joint, coordinate_joints,
                                              coordinate_opening)


def _mention(text, word, kind=None):
    start = text.index(word)
    return SimpleNamespace(start=start, end=start + len(word), kind=kind)


def test_a_name_with_a_verb_of_its_own_opens_a_clause():
    text = "Koizumi and Putin meet in Genoa this month, and Foreign Minister Tanaka hopes to see Ivanov."
    tanaka = _mention(text, "Tanaka")
    assert coordinate_joint(text, text.index(","), tanaka)
    assert coordinate_opening(text, 0, tanaka) == text.index(",")


def test_an_irregular_past_counts_as_the_subject_verb():
    text = "Ivanov flew to Kiev on Monday, and Putin met Kuchma there."
    assert coordinate_joint(text, text.index(","), _mention(text, "Putin"))


def test_a_list_item_has_no_verb_of_its_own():
    text = "Putin received the leaders of China, Kazakhstan, and Kyrgyzstan on Friday."
    assert not coordinate_joint(text, text.index(", and"), _mention(text, "Kyrgyzstan", "name"))


def test_a_plural_noun_after_a_state_adjective_is_no_verb():
    text = "Putin accepted an invitation to visit Israel, and Israeli officials said the trip is planned."
    assert not coordinate_joint(text, text.index(","), _mention(text, "Israeli", "adjective"))
    text = "The talks ended on Monday, and Moscow hopes for more."
    assert coordinate_joint(text, text.index(","), _mention(text, "Moscow", "capital"))


def test_without_a_subject_a_name_a_pronoun_or_a_contrastive_noun_phrase():
    assert coordinate_joint("He left on Monday, but he returned.", 17)
    assert coordinate_joint("He left on Monday, and Putin stayed.", 17)
    assert coordinate_joint("He left on Monday, but the summit went on.", 17)
    assert not coordinate_joint("He saw Russia, China, and the others.", 20)
    assert not coordinate_joint("He left on Monday, then returned.", 17)


def test_a_clause_opening_on_a_conjunction():
    assert coordinate_conjunction(" and the ministry asked", 0)
    assert coordinate_conjunction('," while the others', 0)
    assert not coordinate_conjunction(" the ministry asked", 0)


def test_date_clause_joints():
    sentence = "The ministers meet in Palermo on the 17th, and Schroeder and Putin take it up in April."
    joints = list(coordinate_joints(sentence, 0, len(sentence)))
    assert [j.start() for j in joints] == [sentence.index(",")]
