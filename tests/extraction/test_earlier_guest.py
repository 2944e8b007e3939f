""""The guest" in a sentence naming no one stands for the person an earlier "his guest" stood for (the other party
of that sentence's subject), not for whoever was named last (an escort). Sentences written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 8, 6)


def _actors(body: str, date: str) -> set[str]:
    return actors_of(body, DAY, date)


def test_the_guest_is_the_hosts_guest_not_the_escort():
    body = ("Kim Jong Il and Vladimir Putin signed a declaration in the Kremlin on Saturday. That evening Putin gave "
            "a dinner for his guest. Konstantin Pulikovsky, the Kremlin's envoy in the Far East, rode with Kim the "
            "whole way. The guest stopped in Omsk on Tuesday, where he visited a tank factory.")
    assert _actors(body, "Tuesday") == {"Kim Jong-il"}
