"""The one verb vocabulary (data/verbs.json, events/verbs.py) and the rules built from it."""
import re

from events.extraction.events import verbs
from events.extraction.events.own_subject import _VERB_FORM
from events.extraction.events.clauses import _OWN_VERB
from events.extraction.events.spans import AND_VERB


def test_pasts_are_simple_pasts_of_the_irregular_table():
    pasts = verbs.pasts()
    assert {"met", "saw", "held", "flew", "left", "began", "wrote"} <= set(pasts)
    assert "seen" not in pasts and "begun" not in pasts


def test_every_form_of_a_common_verb():
    forms = verbs.all_forms("common")
    assert {"meet", "meets", "met", "fly", "flies", "flew", "visit", "visits", "visited"} <= set(forms)


def test_rules_read_the_same_vocabulary():
    assert AND_VERB.search("Putin arrived on Monday and saw Kuchma")
    assert AND_VERB.search("and brought a letter")
    assert _OWN_VERB.match(" wrote to him")
    assert _OWN_VERB.match(" have agreed")
    assert _VERB_FORM.fullmatch("meets") and _VERB_FORM.fullmatch("spoke")
    assert not _VERB_FORM.fullmatch("summit")
    assert not re.fullmatch(verbs.alternation(verbs.AUXILIARIES), "been")


def test_person_heads_come_from_the_title_vocabulary():
    from events.extraction.events.own_subject import _PERSON_HEAD

    for phrase in ("the foreign minister ", "the secretary-general ", "the two men ", "the Kremlin spokesman ",
                   "the guest "):
        assert _PERSON_HEAD.search(phrase), phrase
    for phrase in ("the secretary of state ", "the Russian official ", "the union ", "the government "):
        assert not _PERSON_HEAD.search(phrase), phrase
