""""The two men", "the two couples": a clause naming fewer than two people that calls them a pair has for its
people the last two named before it of two states, not the people of whatever happening was told last. Sentences
written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 4, 12)


def _actors(body: str, date: str) -> set[str]:
    return actors_of(body, DAY, date)


def test_the_two_couples_are_the_last_two_sides_named():
    body = ("The forum opened at noon under its chairmen, Mikhail Gorbachev and the journalist Peter Boenisch; "
            "Vladimir Putin and Gerhard Schroeder each spoke briefly. That night the two couples dined at Putin's "
            "residence.")
    assert _actors(body, "That night") == {"Vladimir Putin", "Gerhard Schroeder"}


def test_the_last_pair_wins_over_an_earlier_one():
    body = ("Igor Ivanov saw Joschka Fischer in Berlin on Monday. The forum opened at noon under Mikhail Gorbachev "
            "and the journalist Peter Boenisch, and Vladimir Putin and Gerhard Schroeder each spoke. That night the "
            "two leaders dined at Putin's residence.")
    assert _actors(body, "That night") == {"Vladimir Putin", "Gerhard Schroeder"}
