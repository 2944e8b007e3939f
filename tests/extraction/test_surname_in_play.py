"""A person the article has named in full is the one his surname alone names later, as a reader takes it: even
where that surname is another gazetteer person's alias ("Singh" of Manmohan and Natwar Singh), and, for the states
whose names put the family name first, by that first word ("Hu" of "Hu Jintao", two letters). Sentences written for
this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 11, 14)


def _actors(body: str, date: str) -> set[str]:
    return actors_of(body, DAY, date)


def test_a_shared_surname_is_the_person_named_in_full_before():
    # "Singh" is listed for two other Indian ministers, neither in this article: the reader's Singh is Jaswant.
    body = ("Indian Foreign Minister Jaswant Singh flew into Moscow on Sunday night. "
            "On Tuesday afternoon Singh met Igor Ivanov at the Foreign Ministry.")
    assert _actors(body, "Tuesday afternoon") == {"Jaswant Singh", "Igor Ivanov"}


def test_a_chinese_family_name_alone_is_the_person_named_in_full_before():
    body = ("Chinese Vice President Hu Jintao flew into Moscow on Sunday night. "
            "On Tuesday afternoon Vladimir Putin received Hu in the Kremlin.")
    assert _actors(body, "Tuesday afternoon") == {"Vladimir Putin", "Hu Jintao"}


def test_a_western_given_name_alone_names_no_one():
    # Only the family name stands alone: "Gerhard" by itself is no mention of Schroeder.
    body = ("German Chancellor Gerhard Schroeder flew into Moscow on Sunday night. "
            "On Tuesday afternoon Vladimir Putin received Gerhard in the Kremlin.")
    assert _actors(body, "Tuesday afternoon") == {"Vladimir Putin"}

