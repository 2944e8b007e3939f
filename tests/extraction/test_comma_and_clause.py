"""", and" before a person and his verb opens a new clause with its own subject, not the last item of a list of
names: the earlier clause's person is not the later date's. Sentences written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2000, 12, 15)


def _actors(body: str, date: str) -> set[str]:
    return actors_of(body, DAY, date)


def test_a_new_subject_after_comma_and_is_no_list_mate():
    body = ("Foreign Minister Felipe Perez Roque came to Moscow in late October and met Igor Ivanov, and Vice-President "
            "Carlos Lage held talks with Prime Minister Mikhail Kasyanov in early November.")
    assert _actors(body, "early November") == {"Carlos Lage", "Mikhail Kasyanov"}


def test_a_list_with_a_serial_comma_still_is_one():
    body = "Putin received Igor Ivanov, Sergei Ivanov, and Mikhail Kasyanov in the Kremlin on Tuesday."
    assert {"Igor Ivanov", "Sergei Ivanov", "Mikhail Kasyanov"} <= _actors(body, "Tuesday")
