"""A singular demonym standing for the person of that state named last ("The Romanian, who ...", "the
Egyptian met ..."), on sentences written for this test. DAY is Tuesday, June 12, 2001."""
import pytest

from tests.extraction._one_mention import one


def names(mention):
    return sorted(actor.name for actor in mention.actors)


def test_a_demonym_before_a_comma_is_the_person_of_that_state(gazetteer):
    # "The Romanian" stands for Geoana, the only Romanian named; the visit's meeting has both men.
    text = ("Romanian Foreign Minister Mircea Geoana arrived in Moscow yesterday. The Romanian, who is also the "
            "OSCE's chairman, spent Monday with Igor Ivanov.")
    assert names(one(text, gazetteer, "Monday")) == ["Igor Ivanov", "Mircea Geoana"]


def test_a_demonym_before_a_verb_likewise(gazetteer):
    # Worded otherwise: "The Egyptian met ..." after Mubarak is named in the sentence before.
    text = "President Hosni Mubarak of Egypt reached Moscow on Sunday. The Egyptian met Vladimir Putin on Monday."
    assert names(one(text, gazetteer, "Monday")) == ["Hosni Mubarak", "Vladimir Putin"]


def test_the_person_of_another_state_is_not_taken(gazetteer):
    # "The Egyptian" with only a Romanian named before: nobody is added for it.
    text = "Romanian Foreign Minister Mircea Geoana left Cairo on Sunday. The Egyptian said on Monday that he regretted it."
    assert "Mircea Geoana" not in names(one(text, gazetteer, "Monday"))


@pytest.mark.parametrize("text", [
    # A demonym before a noun is an adjective ("the Romanian side"), and a people's plural-like demonym
    # ("the Chinese") is a side, not a person: neither brings the person named before.
    "Romanian Foreign Minister Mircea Geoana arrived in Moscow. The Romanian side signed a protocol on Monday.",
    "Chinese Premier Zhu Rongji was in Moscow last week. The Chinese said on Monday that they wanted more oil.",
])
def test_no_person_for_an_adjective_or_a_people(gazetteer, text):
    assert not {"Mircea Geoana", "Zhu Rongji"} & set(names(one(text, gazetteer, "Monday")))
