"""Countries of two shapes (cty26, fifteenth round, second half). Sentences are our own.

- A state's army named only by its own name ("the People's Liberation Army") names that state (China).
- A treaty of fixed parties named with its year ("the 1972 ABM treaty", "the ABM Treaty of 1972") has those
  parties (the United States and Russia, the Soviet Union's successor), not the states of the sentence that
  recalls it; another year-named treaty keeps its sentence's states.
"""
from events.extraction.pipeline import extract_article
from events.extraction.entities import default_gazetteer

GAZETTEER = default_gazetteer()
ANCHOR = "2000-11-15"


def mention(text, date_text):
    found = [m for m in extract_article(text, ANCHOR, GAZETTEER) if m.date_text == date_text]
    assert found, date_text
    return found[0]


def test_the_peoples_liberation_army_names_china():
    text = ("A deputy chief of staff of the People's Liberation Army, General Wang Lin, arrived in Moscow on "
            "Sunday with a small delegation.")
    assert {"CN", "RU"} <= set(mention(text, "Sunday").countries)


def test_a_year_named_abm_treaty_has_its_parties():
    text = ("Meeting in Beijing on Thursday, the two presidents said they would resist any change to the 1972 "
            "Anti-Ballistic Missile treaty.")
    assert sorted(mention(text, "1972").countries) == ["RU", "US"]


def test_the_abm_treaty_of_a_year_has_its_parties():
    text = "Paris shares Moscow's wish to keep the ABM Treaty of 1972, the French minister told reporters."
    assert sorted(mention(text, "1972").countries) == ["RU", "US"]


def test_another_year_named_treaty_keeps_its_sentence_states():
    text = "Armenia and Georgia recalled the 1996 friendship treaty at a meeting in Tbilisi on Monday."
    assert set(mention(text, "1996").countries) == {"AM", "GE"}
