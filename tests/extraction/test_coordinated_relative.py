"""A relative clause after two coordinated people who open their clause ("A and B, who met in May, ...") is both
people's; after a coordinated object, or with a verb that agrees with one person ("who heads"), it stays the last
person's. Sentences written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 3, 15)


def _actors(body: str, date: str) -> set[str]:
    return actors_of(body, DAY, date)


def test_two_subjects_share_their_relative_clause():
    body = ("Foreign Minister Igor Ivanov and Secretary of State Colin Powell, who first met in Cairo on February 24, "
            "agreed yesterday to keep talking.")
    assert _actors(body, "February 24") == {"Igor Ivanov", "Colin Powell"}


def test_a_titled_counterpart_shares_it_too():
    body = ("Finance Minister Hans Eichel and his Russian counterpart Aleksei Kudrin, who met in Berlin in late "
            "January, were told to try again.")
    assert _actors(body, "late January") == {"Hans Eichel", "Aleksei Kudrin"}


def test_the_main_clause_after_the_relative_clause_keeps_both():
    body = ("Yevgeny Primakov and NATO Secretary General Javier Solana, who have held three rounds of talks, are to "
            "meet again in Moscow in early April.")
    assert _actors(body, "early April") == {"Yevgeny Primakov", "Javier Solana"}


def test_a_singular_verb_keeps_the_last_person_only():
    assert _actors("Igor Ivanov and Colin Powell, who was received by Putin on February 24, agreed to talk.",
                   "February 24") == {"Colin Powell", "Vladimir Putin"}
    assert _actors("Igor Ivanov and Colin Powell, who were received by Putin on February 24, agreed to talk.",
                   "February 24") == {"Igor Ivanov", "Colin Powell", "Vladimir Putin"}
    body = ("Ivanov will see Thabo Mbeki and Foreign Minister Nkosazana Dlamini-Zuma, who last came to Moscow in "
            "December.")
    assert _actors(body, "December") == {"Nkosazana Dlamini-Zuma"}


def test_a_reciprocal_verb_takes_a_coordinated_object_too():
    # "who met": a meeting needs both, even when the two are the object of another verb.
    body = ("Putin praised Foreign Minister Igor Ivanov and Secretary of State Colin Powell, who met in Cairo on "
            "February 24.")
    assert {"Igor Ivanov", "Colin Powell"} <= _actors(body, "February 24")
