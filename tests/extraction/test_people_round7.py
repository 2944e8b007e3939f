"""Issue 11, seventh round (people on a fresh writer's articles): who a pronoun or a description stands for, by the
clause it stands in. Every sentence is written for this test (two differently worded ones per mechanism); names
not in the gazetteer are invented."""
import datetime

import pytest

from events.extraction.entities import default_gazetteer, find_entities


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


DAY = datetime.date(2001, 6, 1)


def mentions(text, gazetteer, day=DAY):
    """Every actor mention of find_entities (names, offices, descriptions, pronouns) as (text, name)."""
    return [(m.text, m.ref.name) for m in find_entities(text, day, gazetteer).actors]


def resolved(text, word, gazetteer, day=DAY, nth=0):
    """The names the `nth` mention whose text is `word` stands for."""
    found = find_entities(text, day, gazetteer).actors
    starts = sorted({m.start for m in found if m.text == word})
    return sorted(m.ref.name for m in found if m.text == word and m.start == starts[nth]) if len(starts) > nth else []


# -- a subject pronoun after people governed by prepositions ----------------------------------------------------
def test_he_after_people_all_governed_by_prepositions_is_the_previous_subject(gazetteer):
    # Both people before "he" hang on "With", so neither is the subject: he continues the sentence before.
    text = ("Vladimir Putin spent the week in Siberia. With Kuchma and Lukashenka, whom he had invited to Omsk, "
            "he discussed gas transit.")
    assert resolved(text, "he", gazetteer, nth=1) == ["Vladimir Putin"]
    text = ("Igor Ivanov flew home on Sunday. After talks with Joschka Fischer, he said the gap had narrowed.")
    assert resolved(text, "he", gazetteer) == ["Igor Ivanov"]


# -- an object pronoun is never the subject of its own clause ---------------------------------------------------
def test_him_inside_a_subordinate_clause_is_the_sentence_subject(gazetteer):
    # "where Kasyanov received him": Kasyanov is the clause's subject, so him is the man the sentence is about.
    text = "Colin Powell stopped in Kiev and then flew to Moscow, where Mikhail Kasyanov received him on Monday."
    assert resolved(text, "him", gazetteer) == ["Colin Powell"]
    # "Ivanov, who met him": the relative clause's subject is Ivanov.
    text = "Joschka Fischer landed at Vnukovo and was greeted by Igor Ivanov, who took him to the ministry."
    assert resolved(text, "him", gazetteer) == ["Joschka Fischer"]


def test_him_after_an_object_of_the_same_subject_is_that_object(gazetteer):
    # No clause boundary: Ivanov summoned the ambassador and handed him a note - him is the ambassador.
    text = "Igor Ivanov summoned the Latvian ambassador, Imants Daudiss, on Friday and handed him a protest."
    assert resolved(text, "him", gazetteer) == ["Imants Daudiss"]


def test_him_in_a_sentence_naming_nobody_is_the_previous_subject(gazetteer):
    # The sentence before names a second man inside a by-phrase; "him" continues the subject.
    text = ("Eduard Shevardnadze was questioned for an hour by the prosecutor Mikheil Tsereteli. "
            "On Friday a court in Tbilisi refused to hear him.")
    assert resolved(text, "him", gazetteer) == ["Eduard Shevardnadze"]
    text = ("Leonid Kuchma was met at the airport by Igor Ivanov. Later that day a crowd outside the embassy cheered "
            "him.")
    assert resolved(text, "him", gazetteer) == ["Leonid Kuchma"]


def test_a_possessive_is_not_the_subject_an_object_pronoun_avoids(gazetteer):
    text = "Pavel Borodin sat in his cell. Borodin's lawyers hope to have him released by Friday."
    assert resolved(text, "him", gazetteer) == ["Pavel Borodin"]
    text = "Kuchma's aides wanted to shield him from the press, said Leonid Kuchma's spokesman."
    assert resolved(text, "him", gazetteer) == ["Leonid Kuchma"]


# -- a description may be its sentence's subject across a clause break -----------------------------------------
def test_the_president_after_a_semicolon_may_be_the_first_clause_subject(gazetteer):
    text = "Vladimir Putin met Bill Clinton last year. Putin signed the decree; the president then left for Sochi."
    assert resolved(text, "the president", gazetteer) == ["Vladimir Putin"]
    # A possessive is no subject to avoid either: "Putin's standing ... when the president".
    text = "Bill Clinton called on Monday. The test of Putin's standing comes in July, when the president goes to Genoa."
    assert resolved(text, "the president", gazetteer) == ["Vladimir Putin"]
