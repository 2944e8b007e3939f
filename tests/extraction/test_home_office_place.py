""""Received in the Kremlin by the president": the office after the place a passive's agent acted in is that place's
state's, whatever else the sentence names (the sentence's other states made "the president" nobody's). Sentences
written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 11, 14)
OPENING = "Chinese Vice President Hu Jintao flew into Moscow on Saturday for a five-day visit. "


def test_the_office_after_the_seat_of_power_is_its_states():
    body = OPENING + "On Monday the guest was received in the Kremlin by the president for talks on Afghanistan."
    # Putin was Russia's president in November 2001; Afghanistan, a topic, does not make the office unknown.
    assert actors_of(body, DAY, "Monday") == {"Hu Jintao", "Vladimir Putin"}


def test_a_capital_before_by_gives_its_state():
    body = OPENING + "On Monday the guest was received in Beijing by the president before flying on to Pyongyang."
    # The place's state, though the sentence names two: Jiang Zemin was China's president in 2001.
    assert "Jiang Zemin" in actors_of(body, DAY, "Monday")


def test_by_far_from_the_place_is_no_reception():
    # "by the president" with no place right before it keeps the older rule (the sentence names two states: nobody).
    body = OPENING + "On Monday a plan for Afghanistan drawn up in Kabul was praised by the president."
    assert "Vladimir Putin" not in actors_of(body, DAY, "Monday")
