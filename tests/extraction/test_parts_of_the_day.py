"""A part of the day as the only date of a happening (miss19, round 11): 'at midday', 'by evening', 'the early
afternoon', 'the first evening' are times of the day the story is at, as a bare 'the afternoon' or 'noon' already
were; untagged, the happening they date was never extracted. Sentences are our own; DAY is Tuesday 12 June 2001."""
import datetime

from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


def values(text, anchor=DAY):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_midday_is_noon_of_the_day_told():
    # "on Monday" is June 11; "at midday" of the next sentence is that Monday, not the issue day (a clock time
    # is valued as its day: docs/annotation.md).
    text = "The minister landed in Oslo on Monday. The king received him at midday in the palace."
    assert values(text)["midday"] == "2001-06-11"
    # With no day told, the issue day.
    assert values("The king receives him at midday.")["midday"] == "2001-06-12"


def test_by_evening_and_a_modified_part_of_the_day_are_of_the_day_told():
    text = "Kasyanov flew to Riga on Monday morning. By evening he was in Vilnius."
    assert values(text)["evening"] == "2001-06-11TEV"
    text = "The ministers met on Monday, and the talks ran into the early afternoon."
    assert values(text)["the early afternoon"] == "2001-06-11TAF"
    text = "The delegates gathered in Minsk on Monday and dined together on the first evening."
    assert values(text)["the first evening"] == "2001-06-11TEV"


def test_a_happening_dated_only_by_a_part_of_the_day_is_extracted(gazetteer):
    text = "Putin flew to Oslo on Monday. The Norwegian prime minister received him at midday."
    mention = one(text, gazetteer, "midday")
    assert (mention.date_start, mention.date_end) == (datetime.date(2001, 6, 11),) * 2
    assert mention.status == "occurred"
    text = "Putin left Minsk on Monday. By evening he was in Kiev, where he and Kuchma held talks."
    assert one(text, gazetteer, "evening").date_start == datetime.date(2001, 6, 11)


def test_a_plain_by_or_first_without_a_part_of_the_day_is_no_time():
    # "by" before another word, and "first" without a part of the day, tag nothing new.
    assert values("The treaty was signed by Putin in the first round.") == {}
    assert "midday" not in values("The middle of the road is where he stood.")
