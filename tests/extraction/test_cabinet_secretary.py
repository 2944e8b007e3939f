"""A title of several words before an unknown person's name is his title, not part of his name: "Chief Cabinet
Secretary Yasuo Fukuda" is Yasuo Fukuda (roles.json titles). Sentences written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 7, 24)


def test_chief_cabinet_secretary_is_a_title():
    body = "Japan's Chief Cabinet Secretary Yasuo Fukuda told reporters yesterday that the talks had gone well."
    assert actors_of(body, DAY, "yesterday") == {"Yasuo Fukuda"}


def test_cabinet_secretary_alone_is_a_title():
    body = "On Monday Britain's Cabinet Secretary Richard Wilson met the Russian delegation in London."
    assert actors_of(body, DAY, "Monday") == {"Richard Wilson"}
