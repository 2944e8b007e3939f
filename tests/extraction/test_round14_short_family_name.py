"""Issue 11, fourteenth round, second half (people): a person the gazetteer lacks, of a state whose news puts the
family name first, is later called by a two-letter family name ("Wu", "Jo"). Every sentence is written for this
test."""
import datetime

from events.extraction.entities import find_actors


def people(text, gazetteer, day="2001-03-01"):
    return [(m.text, m.ref.name) for m in find_actors(text, datetime.date.fromisoformat(day), gazetteer)]


def test_a_two_letter_chinese_family_name_stands_for_the_titled_person(gazetteer):
    found = people("Chinese Vice Premier Ma Liqun came to Minsk on Friday. Ma's hosts took him to a tractor plant, "
                   "and Ma flies home on Sunday.", gazetteer)
    assert found.count(("Ma", "Ma Liqun")) == 2


def test_a_two_letter_korean_family_name_stands_for_the_titled_person(gazetteer):
    found = people("North Korean Deputy Premier Ri Song Chol arrived in Kiev. Ri is to see the president.", gazetteer)
    assert ("Ri", "Ri Song Chol") in found


def test_without_a_family_name_first_state_two_letters_stay_unread(gazetteer):
    found = people("Deputy Minister Ka Boris Lenz came to Riga. Ka left on Friday.", gazetteer)
    assert [text for text, _ in found if text == "Ka"] == []


# "The guest" in a sentence naming no one: the visitor told as arriving in an apposition or a relative clause, not
# the host named last.
from tests.extraction._one_mention import actors_of  # noqa: E402

DAY = datetime.date(2001, 11, 14)


def test_the_guest_is_the_visitor_who_arrived_in_a_relative_clause():
    body = ("Chile's defense minister, Rodrigo Fuentealba, who arrived in Moscow on Monday, held talks on Tuesday. "
            "Afterwards the host, Sergei Ivanov, praised the talks. Yesterday the guest was received by Prime "
            "Minister Mikhail Kasyanov.")
    assert _names(actors_of(body, DAY, "Yesterday")) >= {"Fuentealba", "Kasyanov"}


def test_the_guest_is_the_visitor_whose_apposition_arrived():
    body = ("Chile's defense minister, General Rodrigo Fuentealba, arrived in Moscow on Monday. The host, Sergei "
            "Ivanov, spoke of arms on Tuesday. Yesterday the guest was received by Prime Minister Mikhail Kasyanov.")
    assert _names(actors_of(body, DAY, "Yesterday")) >= {"Fuentealba", "Kasyanov"}


def _names(actors):
    return {name.split()[-1] for name in actors}
