"""The article's principal pair (events.principal_pair): the two people its opening names for its two states. A later
sentence that tells their encounter but names nobody ("The formal talks were held on Tuesday") has
them for its people; a body's meeting or an old treaty does not. Sentences written for this test."""
import datetime

from events.extraction.pipeline import extract_article
from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 4, 12)
OPENING = ("Jacques Chirac flew home from Moscow yesterday after two days of talks with Vladimir Putin, the first "
           "visit by a French president since 1998 (Itar-Tass, AFP, April 10-11).\n\n")


def _actors(body: str, date: str) -> set[str]:
    return actors_of(OPENING + body, DAY, date)


def test_talks_naming_nobody_are_the_pairs():
    assert _actors("The formal talks were held on Tuesday and ran an hour over.", "Tuesday") == {
        "Jacques Chirac", "Vladimir Putin"}


def test_a_signing_by_the_two_sides_is_the_pairs():
    body = "On Wednesday morning the two sides signed an agreement on cooperation in space."
    assert _actors(body, "Wednesday morning") == {"Jacques Chirac", "Vladimir Putin"}


def test_a_bodys_meeting_is_not_the_pairs():
    body = "The intergovernmental commission on trade is to meet again in June."
    mentions = [m for m in extract_article(OPENING + body, DAY) if m.date_text == "June"]
    assert all("Jacques Chirac" not in {a.name for a in m.actors} for m in mentions)


def test_talks_with_a_third_states_person_take_no_partner():
    body = "The talks with Chancellor Gerhard Schroeder took place on Tuesday."
    assert _actors(body, "Tuesday") == {"Gerhard Schroeder"}


def test_an_old_treaty_is_not_the_pairs():
    body = "The treaty on friendship, signed in February 1992, was not mentioned."
    mentions = [m for m in extract_article(OPENING + body, DAY) if m.date_text == "February 1992"]
    assert all("Vladimir Putin" not in {a.name for a in m.actors} for m in mentions)


def test_talks_with_one_named_host_have_the_visitor_too():
    body = "The talks with Prime Minister Lionel Jospin, which filled most of Tuesday, produced a joint declaration."
    assert _actors(body, "Tuesday") == {"Lionel Jospin", "Vladimir Putin"}


def test_one_named_person_without_talks_with_stays_alone():
    body = "Prime Minister Lionel Jospin said on Tuesday that the debt would be rescheduled."
    assert _actors(body, "Tuesday") == {"Lionel Jospin"}
