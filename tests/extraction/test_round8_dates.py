"""Round 8 of issue 11 (dat15): when a happening was, whether it happened, whether it is found. Sentences are
our own; each rule gets two differently worded ones, the expected values reasoned in the comments."""
from events.extraction.timex import tag

# Wednesday 7 March 2001: yesterday is Tuesday the 6th, the Monday just past the 5th, the coming one the 12th.
ANCHOR = "2001-03-07"


def values(text, anchor=ANCHOR):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_a_part_of_the_day_before_counts_from_the_story_day():
    # "the evening before" is the evening of the day before Monday's landing: Sunday 4 March.
    v = values("The premier landed in Minsk on Monday and was met by the president, who had flown in the "
               "evening before.")
    assert v["the evening before"] == "2001-03-04TEV"
    # "the night before" after yesterday's (6 March) strikes: the night of the 5th.
    v = values("The bombers struck yesterday. The crisis had begun the night before, somewhere over the sea.")
    assert v["the night before"] == "2001-03-05TNI"
    # "the morning after" Monday's close: Tuesday morning.
    assert values("The talks ended on Monday and the envoy left the morning after.")["the morning after"] == \
        "2001-03-06TMO"


def test_the_night_after_a_preposition_is_the_story_days_night():
    # The talks were Monday's: "late into the night" is Monday night.
    v = values("The two ministers met in Riga on Monday. They talked late into the night.")
    assert v["the night"] == "2001-03-05TNI"
    # "through the night" in the sentence of yesterday's siege: Tuesday night.
    v = values("Gunmen seized the parliament yesterday and held the deputies through the night.")
    assert v["the night"] == "2001-03-06TNI"


def test_the_night_as_a_noun_phrase_is_not_tagged():
    # No preposition of time before it, or a clause after it: it names a night, it does not date anything.
    assert "the night" not in values("He still remembers the night the plane fell.")
    assert "the night" not in values("Few will forget the night of the vote.")


def test_a_past_perfect_flashback_does_not_move_the_story_day():
    # The story is Tuesday's meeting; Monday's message is told in the past perfect, a step back: "the night" of
    # the next sentence is Tuesday's.
    v = values("The minister received his guest on Tuesday; the president had sent a message the day before. "
               "The two men talked late into the night.")
    assert v["the night"] == "2001-03-06TNI"
    # Likewise "that evening" after a pluperfect aside ("had already arrived on Sunday"): Monday's evening.
    v = values("The summit opened on Monday; most delegations had already arrived on Sunday. The premier gave a "
               "dinner in the evening.")
    assert v["the evening"] == "2001-03-05TEV"


def test_a_timetable_verb_after_a_determiner_is_a_noun():
    # "his hosts", "the visits": nouns, no timetable present; the clause's verb ("told", "praised") is past, so
    # the weekday is the one just past (Tuesday 6 March, Monday 5 March), not the coming one.
    assert values("The minister told his hosts on Tuesday morning that the president would come.")[
        "Tuesday morning"] == "2001-03-06TMO"
    assert values("The premier praised the visits on Monday as a turning point.")["Monday"] == "2001-03-05"


def test_a_plan_verb_with_its_object_after_an_opening_phrase_is_past():
    # The proposing is what the opening phrase's Monday (Friday) dates, and it is told in the past.
    assert values("In his speech to the assembly on Monday, the president proposed a conference on space.")[
        "Monday"] == "2001-03-05"
    assert values("At the session on Friday, the ministers planned the next round of talks.")["Friday"] == \
        "2001-03-02"
    # After an auxiliary the plan still looks ahead: the coming Friday (9 March).
    assert values("On Friday, talks are planned in Geneva.")["Friday"] == "2001-03-09"


def test_a_part_of_the_week_is_the_storys_week():
    # Issue of Monday 12 March 2001; the story is Saturday 10 March (week 10): "earlier in the week" is that week,
    # not the week 11.
    v = values("The treaty was signed on Saturday. The ground had been cleared earlier in the week by the "
               "premiers.", "2001-03-12")
    assert v["earlier in the week"] == "2001-W10"
    # "late in the week" after Tuesday 27 February: week 9, not the week 10.
    v = values("The envoy arrived in Baku on February 27 and met the president late in the week.")
    assert v["late in the week"] == "2001-W09"
