"""Round 13 of the temporal tagger (tmx13): a bare part of a day in the narrative's day, a "could" after a
weekday, "and a half", "a fortnight", "months of ...", "May 11 and 13". Sentences are our own; each test
gives two differently worded ones, the expected values reasoned in the comments."""
from events.extraction.timex import tag

# Wednesday 7 March 2001: yesterday is Tuesday the 6th, the Monday just past the 5th, the coming one the 12th.
ANCHOR = "2001-03-07"


def values(text, anchor=ANCHOR):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_a_bare_part_of_day_takes_the_day_named_in_an_earlier_sentence():
    # "yesterday" (6 March) is the story's day; "the morning" of the next sentence is that day's, and "that
    # afternoon" counts from it too.
    v = values("The minister landed in Kiev yesterday. In the morning he met the prime minister, and that "
               "afternoon he toured a shipyard.")
    assert v["the morning"] == "2001-03-06TMO"
    assert v["that afternoon"] == "2001-03-06TAF"
    # A weekday two sentences back, in the same paragraph: Monday 5 March.
    v = values("Talks with the creditors opened on Monday. The bankers were cautious. The evening brought a "
               "first offer from the government.")
    assert v["The evening"] == "2001-03-05TEV"


def test_the_issue_day_and_a_future_clause_keep_the_issue_day():
    # "today" is the writer's present, not the story's day: "the evening" after it stays the issue day, and so
    # does a day part that "will" puts ahead of a past story day.
    v = values("The delegation arrived on Monday. Today the talks go on, and in the evening the minister will "
               "speak.")
    assert v["the evening"] == "2001-03-07TEV"
    v = values("The envoy came yesterday. He will address the deputies in the afternoon.")
    assert v["the afternoon"] == "2001-03-07TAF"
    # "this morning" and "tonight" are always the issue day.
    v = values("The cabinet met yesterday. This morning it met again, and tonight the premier speaks.")
    assert v["This morning"] == "2001-03-07TMO" and v["tonight"] == "2001-03-07TNI"


def test_a_story_day_paragraphs_away_is_no_reference():
    # Two paragraph breaks between "yesterday" and "the afternoon": the issue day.
    v = values("The envoy came yesterday.\n\nThe talks are hard.\n\nIn the afternoon the sides sign a protocol.")
    assert v["the afternoon"] == "2001-03-07TAF"


def test_a_weekday_in_a_past_narrative_with_could_after_it_points_back():
    # "took ... the next day" is past and "could" after the date is the past of "can": the Monday just past.
    v = values("Government troops attacked on Friday, took the town the next day, and by Monday evening the "
               "army chief could declare the campaign over.")
    assert v["Monday evening"] == "2001-03-05TEV"
    v = values("The rebels shelled the airport on Saturday, and by Tuesday the army could claim the road.")
    assert v["Tuesday"] == "2001-03-06"
    # With nothing saying past, "could" still looks ahead: the coming Monday.
    assert values("On Monday the parliament could vote on the budget.")["Monday"] == "2001-03-12"


def test_and_a_half_a_fortnight_and_months_of():
    v = values("The two leaders talked for an hour and a half and then rested for a day and a half.")
    assert v["an hour and a half"] == "PT1H30M"   # TimeML keeps the hours: 1 h 30 min
    assert v["a day and a half"] == "P1DT12H"     # one day and 12 hours, TimeBank's "a minute and a half" = PT1M30S
    assert values("The strike dragged on for a year and a half.")["a year and a half"] == "P1Y6M"
    assert values("The envoy waited a week and a half.")["a week and a half"] == "P10DT12H"   # 7 + 3.5 days
    v = values("It was the second raid in a fortnight; the previous one came a fortnight ago.")
    assert v["a fortnight"] == "P2W"
    assert v["a fortnight ago"] == "2001-W08"     # 7 March 2001 is in W10; two weeks back is W08
    assert values("Within a fortnight the ceasefire had collapsed.")["a fortnight"] == "P2W"
    assert values("The dockers demanded months of back pay.")["months"] == "PXM"
    assert values("The accord ended years of fighting.")["years"] == "PXY"
    # after a determiner it is no amount of time; after "or" the pair is one amount, tagged from its first word
    assert "years" not in values("The years of war left scars.")
    assert values("The hostage died within days or weeks of his capture.") == {"days": "PXD"}


def test_the_second_day_of_a_pair_shares_the_first_days_month_and_year():
    # "June 3rd" after "met ... on" is past: June 2000; "4th" is the same June.
    v = values("He met them on June 3rd and 4th in Rome.")
    assert v["June 3rd"] == "2000-06-03" and v["4th"] == "2000-06-04"
    v = values("The blasts of May 11 and 13, in the desert, alarmed the neighbours.")
    assert v["13"] == v["May 11"][:8] + "13"
    # a count, not a day: "13 others"
    assert "13" not in values("On May 11 and 13 others were hurt.")


def test_a_date_naming_a_thing_is_no_reference_after_a_day_of_its_sentence():
    # "on Tuesday" (6 March) is the story's time; "the shelling of February 20" names what was protested
    # about, so "the same day" of the next sentence is Tuesday.
    v = values("The minister protested on Tuesday over the shelling of February 20, when two villages burned. "
               "Moscow replied the same day.")
    assert v["the same day"] == "2001-03-06"
    v = values("On Monday the envoy recalled the talks of February 12 in Baku. He left for Ankara the next day.")
    assert v["the next day"] == "2001-03-06"      # Monday 5 March + 1
    # With no day before it in its sentence the date is the story's time: May 5 + 1.
    v = values("The accord of May 5 was signed in Minsk. The next day the troops withdrew.")
    assert v["The next day"] == v["May 5"][:8] + "06"
