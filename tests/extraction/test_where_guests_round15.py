"""Issue 11, fifteenth round, second half: the people a traveller sees in a "where he|she" clause after the date's
place are the date's parties, whatever their state (events/where_guests.py). Every sentence is written for this
test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 6, 12)  # a Tuesday


def test_a_counterpart_of_a_third_state_seen_where_the_traveller_goes(gazetteer):
    text = "Defense Minister Igor Sergeev flies to Astana tomorrow, where he will see Chinese Defense Minister Chi Haotian."
    assert actors_of(text, DAY, "tomorrow", gazetteer) == {"Igor Sergeev", "Chi Haotian"}


def test_leaves_for_and_a_later_before_clause(gazetteer):
    text = ("Igor Sergeev leaves for Kyiv tomorrow, where he is due to hold talks with the Ukrainian minister, "
            "Oleksandr Kuzmuk, before going on to Minsk on Friday.")
    assert actors_of(text, DAY, "tomorrow", gazetteer) == {"Igor Sergeev", "Oleksandr Kuzmuk"}


def test_the_where_clause_with_its_own_date_keeps_its_people(gazetteer):
    text = ("Defense Minister Igor Sergeev flies to Kyiv this morning, where he will be received by Oleksandr Kuzmuk "
            "on Thursday.")
    assert actors_of(text, DAY, "this morning", gazetteer) == {"Igor Sergeev"}


def test_a_stand_in_is_no_one_seen(gazetteer):
    text = "Prime Minister Mikhail Kasyanov flew to Auckland yesterday, where he stood in for Vladimir Putin."
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Mikhail Kasyanov"}
