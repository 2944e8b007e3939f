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
