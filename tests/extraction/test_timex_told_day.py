"""The day a told happening is at: clock times valued as their day, the small hours after a night, and a
relative phrase in apposition to a date. Short sentences of our own; values worked out from the calendar:
2001-03-13 is a Tuesday (so the Saturday before it is 2001-03-10 and the Sunday 2001-03-11)."""
from events.extraction.timex import tag

ANCHOR = "2001-03-13"


def value(text, phrase):
    found = [t for t in tag(text, ANCHOR) if t["text"] == phrase]
    assert len(found) == 1, tag(text, ANCHOR)
    return found[0]["type"], found[0]["value"]


def test_a_bare_noon_or_midday_is_the_day_told_not_a_clock_value():
    # The sentence is at Saturday 10 March; the rule book values a clock time as its day.
    assert value("On Saturday the premier received his guest at midday.", "midday") == ("DATE", "2001-03-10")
    assert value("The minister landed on Saturday and met the press at noon.", "noon") == ("DATE", "2001-03-10")
    # A noon tied to a weekday keeps the TimeBank clock value.
    assert value("The strike ended at noon Saturday.", "noon Saturday") == ("TIME", "2001-03-10T12:00")


def test_the_small_hours_after_a_night_fall_on_the_next_day():
    # Saturday night's dinner ran on until one in the morning: Sunday 11 March.
    text = "The guest arrived on Saturday, and that night the dinner ran past one in the morning."
    assert value(text, "one in the morning") == ("DATE", "2001-03-11")
    text = "The guest arrived on Saturday. That evening the two leaders talked until three in the morning."
    assert value(text, "three in the morning") == ("DATE", "2001-03-11")


def test_a_clock_hour_in_words_without_a_night_is_the_day_told():
    # No night before it: the morning of the Saturday itself; nine is no small hour.
    assert value("On Saturday the talks opened at four in the morning.", "four in the morning") == ("DATE", "2001-03-10")
    text = "On Saturday, after a late dinner, the ministers met again at nine in the morning."
    assert value(text, "nine in the morning") == ("DATE", "2001-03-10")


def test_the_small_hours_that_end_a_dinner_are_no_happening_and_claim_no_trigger():
    import datetime

    from events.extraction.pipeline import extract_article
    text = ("He landed at Vnukovo late on Saturday, and Vladimir Putin, breaking protocol, walked his guest Gerhard "
            "Schroeder through the Kremlin's cathedrals that night before a private dinner that ran past one in the "
            "morning.")
    found = extract_article(text, datetime.date.fromisoformat(ANCHOR))
    assert "one in the morning" not in [m.date_text for m in found]
    night = next(m for m in found if m.date_text == "that night")
    # The dinner is the night's happening (a meeting, not the "agreement" of a farther word), with both men.
    assert night.event_type == "meeting"
    assert {a.name for a in night.actors} == {"Vladimir Putin", "Gerhard Schroeder"}
    assert night.date_start == datetime.date(2001, 3, 10)


def test_a_phrase_set_beside_a_day_renames_it():
    # "the day after the inauguration" beside March 8 is March 8 itself, not March 9.
    assert value("The two men spoke by telephone on March 8, the day after the inauguration.",
                 "the day after") == ("DATE", "2001-03-08")
    # "the eve of the summit" beside February 20 is February 20; "the day the envoy flew" beside Friday (March 9).
    assert value("They met in Kiev on February 20, on the eve of the summit.", "the eve") == ("DATE", "2001-02-20")
    assert value("The ministers spoke on Friday, the day the envoy flew to Belgrade.", "the day") == ("DATE", "2001-03-09")


def test_without_a_day_beside_it_the_day_after_counts_and_a_bare_the_day_is_no_date():
    # A new sentence: "The day after" counts from March 8 (March 9).
    assert value("The two men spoke on March 8. The day after, the envoy flew home.", "The day after") == ("DATE", "2001-03-09")
    assert [t["text"] for t in tag("He said the day was long, and it carried the day.", ANCHOR)] == []
    # A length beside a day stays a length ("Friday, two days after the summit": P2D, the annotation's).
    assert value("He met them on Friday, two days after the summit.", "two days") == ("DURATION", "P2D")


def test_a_length_counted_from_a_named_happening_stays_a_length():
    # "three weeks after he took office on March 1": the annotation's P3W, and March 1 (the earlier happening)
    # is no day for "that afternoon" to count from: that is Friday's (March 9).
    text = ("The president flew to Moscow on Friday, three weeks after he took office on February 16. The premier "
            "received him that afternoon.")
    assert value(text, "three weeks") == ("DURATION", "P3W")
    assert value(text, "that afternoon") == ("TIME", "2001-03-09TAF")
    assert value("He met them on Friday, two days after the summit in Lisbon on March 7.", "two days") == ("DURATION", "P2D")
    # A date right after "after the" is the day counted from: March 8 + 1.
    assert value("He left one day after the March 8 talks.", "one day after") == ("DATE", "2001-03-09")


def test_within_an_hour_opening_a_sentence_falls_on_the_day_told():
    # "Within an hour of landing" after Monday evening (March 12): a length, with that Monday as its day.
    text = "The president flew to Rome on Monday evening. Within an hour of landing he was received by the Pope."
    found = [t for t in tag(text, ANCHOR) if t["text"] == "Within an hour"]
    assert [(t["type"], t["value"], t["earliest"]) for t in found] == [("DURATION", "PT1H", "2001-03-12")]
    # Not counted from the story's day when nothing says "within".
    found = [t for t in tag("The president flew to Rome on Monday evening. An hour later he left.", ANCHOR)
             if t["type"] == "DURATION"]
    assert all(t["earliest"] is None for t in found)
