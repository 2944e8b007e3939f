"""Issue 11, seventh round (lead): the head of the Holy See described by his office, and military ranks that are
no part of a person's name. Every sentence is written for this test; the colonel and the general are invented."""
import datetime

import pytest

from events.extraction.entities import find_entities


def names(text, gazetteer, day):
    return [m.ref.name for m in find_entities(text, day, gazetteer).actors]


@pytest.mark.parametrize("text", [
    "The pope celebrated mass in Lviv on Sunday.",
    "On Saturday the Pope was greeted at the airport by the prime minister.",
    "The pontiff left for Rome after three days.",
])
def test_the_pope_described_by_his_office_is_the_pope_of_that_day(text, gazetteer):
    # roles.json's described office "Pope" of the Holy See: in June 2001 its holder in actors.json is John Paul II
    # (1978-2005); in May 2006, Benedict XVI (from April 2005).
    assert "John Paul II" in names(text, gazetteer, datetime.date(2001, 6, 25))
    assert "Benedict XVI" in names(text, gazetteer, datetime.date(2006, 5, 2))


@pytest.mark.parametrize("text, name", [
    # The name opens the sentence and an apposition after it gives his office: the whole capitalized run before
    # the comma is read as the name, so the rank must be dropped from it.
    ("Lieutenant General Pavel Korvin, Russia's envoy to the alliance, was recalled on Monday.", "Pavel Korvin"),
    ("Brigadier Anton Vesko, the Ukrainian military attache, met the observers in Skopje.", "Anton Vesko"),
    ("Captain Ilya Dobrin, the fleet's press officer, denied the report.", "Ilya Dobrin"),
])
def test_a_rank_before_an_unknown_name_is_no_part_of_the_name(text, name, gazetteer):
    # The rank words ("Lieutenant", "Brigadier", "Captain") open the run before the title word or the name; the
    # person is known by his name alone, so one man is one actor whether his rank is written or not.
    found = names(text, gazetteer, datetime.date(2001, 6, 25))
    assert name in found
    assert not any(n.startswith(("Lieutenant", "Brigadier", "Captain")) for n in found)


def test_john_major_keeps_his_surname(gazetteer):
    # "Major" is no rank word here: it is the surname of the British prime minister of 1990-1997.
    assert "John Major" in names("Prime Minister John Major met the Russian premier in London.", gazetteer,
                                 datetime.date(1996, 3, 1))
