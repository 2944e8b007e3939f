"""Round 10 of issue 11 (tim17): which way a date without a year or week goes, and expressions the tagger split
or missed. Sentences are our own; the expected values are reasoned in the comments."""
from events.extraction.timex import tag

# Monday 19 November 2001: the Friday just past is the 16th, the coming one the 23rd.
ANCHOR = "2001-11-19"


def values(text, anchor=ANCHOR):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_a_plan_noun_is_no_plan_ahead():
    # "signed ... an Action Plan ... on Friday": the signing is past; the plan's name does not make it ahead.
    v = values('The two ministers signed an "Action Plan for Trade" on Friday in Rome.')
    assert v["Friday"] == "2001-11-16"
    v = values("The premiers initialed the plan on Friday in Oslo.")
    assert v["Friday"] == "2001-11-16"
    # ... but a plan with what is planned after it still looks ahead.
    assert values("They have a plan to meet on Friday in Oslo.")["Friday"] == "2001-11-23"


def test_set_up_is_a_past_participle():
    # A group "set up ... on April 2" was founded in the April past (2001), not the nearer April ahead (2002),
    # whatever a later relative clause says of its future.
    v = values("The Caspian patrol, set up in Baku on April 2 with four navies, which is to sail next spring.")
    assert v["April 2"] == "2001-04-02"
    v = values("A joint commission was set up on May 4 by the two premiers.")
    assert v["May 4"] == "2001-05-04"


def test_a_plural_noun_is_no_timetable_present():
    # "the two heads of government ... signed": "heads" is a noun, not "he heads (for)": Saturday is past.
    v = values("On Saturday the two heads of government signed a pipeline accord.")
    assert v["Saturday"] == "2001-11-17"
    # "he heads for Kiev on Saturday": a timetable's present, ahead.
    assert values("The minister heads for Kiev on Saturday.")["Saturday"] == "2001-11-24"


def test_the_part_of_a_month_is_what_is_near():
    # On 1 June 2001 "late September" ahead starts on 21 September, 112 days away (not within the 92 of a near
    # occurrence): the past perfect then decides, the September of 2000. The whole month would start 92 days on.
    v = values("The ministers, who had first met in Paris in late September, signed two accords.", "2001-06-01")
    assert v["late September"] == "2000-09"
    # On 10 June "late September" of a past clause: the same, though September itself begins 83 days on.
    v = values("The envoys had talked in Vienna in late September before the talks broke down.", "2001-06-10")
    assert v["late September"] == "2000-09"
    # A future clause keeps the one ahead.
    assert values("The ministers will meet in late September.", "2001-06-01")["late September"] == "2001-09"


def test_a_conjunction_before_a_noun_opens_no_phrase_of_time():
    # "and the slide of the lira in August will hurt": August is the fall's (the nearest, past: 2001), not "will"'s.
    v = values("Exports shrank, and the slide of the lira in August will hurt them further.")
    assert v["August"] == "2001-08"
    # "and in August, the bank will ..." is an opening phrase: the verb after it decides (the August ahead).
    v = values("Exports shrank, and in August, the bank will raise its rates.", "2001-05-02")
    assert v["August"] == "2001-08"
    v = values("Exports shrank, and in February, the bank will raise its rates.")
    assert v["February"] == "2002-02"


def test_a_season_of_a_relative_year_is_one_expression():
    # "the autumn of next year" on 19 November 2001: the autumn of 2002, one expression (not "the autumn" of 2001).
    v = values("The pipeline is to deliver its first gas in the autumn of next year.")
    assert v["the autumn of next year"] == "2002-FA"
    assert values("The talks broke off in the spring of last year.")["the spring of last year"] == "2000-SP"


def test_the_fall_of_something_is_no_autumn():
    assert "the fall" not in values("Exports grew after the fall of the lira.")
    assert values("Exports grew in the fall.")["the fall"] == "2001-FA"


def test_a_syllable_of_a_name_is_no_time():
    assert "Soon" not in values("The ministers Igor Ivanov and Hong Soon-young signed two accords on Friday.")
    assert "Soon" not in values("He met Foreign Minister Lee Soon in Seoul.")
    assert values("Soon the two sides will meet again.")["Soon"] == "FUTURE_REF"


def test_a_time_of_day_of_a_date_is_one_expression():
    # "the afternoon of October 4" in a past clause: that day's afternoon, one expression.
    v = values("The airliner exploded on the afternoon of October 4 over the sea.")
    assert v["the afternoon of October 4"] == "2001-10-04TAF"
    v = values("The treaty was signed on the morning of Nov. 2 in Minsk.")
    assert v["the morning of Nov. 2"] == "2001-11-02TMO"


def test_lengths_of_hours_and_the_past_decade():
    # "within hours (of the crash)": an unknown number of hours (TIMEX3 PTXH); "for hours" the same.
    assert values("Within hours the ministry had answered.")["hours"] == "PTXH"
    assert values("The two men talked for hours on Friday.")["hours"] == "PTXH"
    # "over the past decade" is the ten years up to now (a length); "the last decade" the 1990s.
    assert values("Trade has withered over the past decade.")["the past decade"] == "P10Y"
    assert values("Trade withered in the last decade.")["the last decade"] == "199"


def interval_of(text, phrase, anchor=ANCHOR):
    return next((t["earliest"], t["latest"]) for t in tag(text, anchor) if t["text"] == phrase)


def test_a_deadline_at_the_end_of_the_issues_period_runs_from_the_issue_day():
    # On 14 June 2001 "by the end of the year" is 14 June to 31 December (the rule book), not September on;
    # whatever the tense ("could be signed").
    text = "Officials said the treaty could be signed by the end of the year."
    assert interval_of(text, "the end of the year", "2001-06-14") == ("2001-06-14", "2001-12-31")
    text = "The list will be ready before the end of the month."
    assert interval_of(text, "the end of the month", "2001-06-14") == ("2001-06-14", "2001-06-30")
    # No deadline word: the end of the year is its last third.
    text = "The treaty is to be signed at the end of the year."
    assert interval_of(text, "the end of the year", "2001-06-14") == ("2001-09-01", "2001-12-31")


def test_a_deadline_at_the_end_of_the_week_is_ahead():
    # Monday 26 March 2001: "said yesterday (Sunday 25th) that the list would be ready by the end of the week" is
    # the issue's week (W13), from the issue day to Sunday 1 April, not the week of yesterday, already over.
    text = "The ministry said yesterday that its list would be ready by the end of the week."
    assert values(text, "2001-03-26")["the end of the week"] == "2001-W13"
    assert interval_of(text, "the end of the week", "2001-03-26") == ("2001-03-26", "2001-04-01")
    # Without a deadline word the story's week stays: "late in the week" of Tuesday's talks.
    text = "The talks opened on Tuesday, and late in the week the two sides signed."
    assert values(text, "2001-03-26")["late in the week"] == "2001-W12"


def test_a_past_perfect_temporal_clause_does_not_move_the_story():
    # Thursday's announcement, "after" Wednesday's summons told in the past perfect: "the same day" of the next
    # sentence is Thursday (22 March 2001), not the Wednesday the clause stepped back to.
    text = ("The ministry made its decision public on Thursday morning, after the envoy had been called in on "
            "Wednesday evening. Its spokesman said so, and the president told reporters the same day that he hoped.")
    assert values(text, "2001-03-26")["the same day"] == "2001-03-22"
    # A simple past in the temporal clause moves it: "after the envoy arrived on Wednesday" ... the same day.
    text = ("The ministry made its decision public on Thursday morning, after the envoy arrived on Wednesday "
            "evening. The president met him the same day.")
    assert values(text, "2001-03-26")["the same day"] == "2001-03-21"


def test_a_when_clause_after_a_year_is_of_that_year():
    # "since last year, when ... in July": July 2000 (on 10 September 2001 the nearest July would be 2001's).
    text = "Beijing has pressed for the pipeline since last year, when its premier raised it in Moscow in July."
    assert values(text, "2001-09-10")["July"] == "2000-07"
    text = "The base was handed over in 1998, when the two ministers met in Hanoi on May 5."
    assert values(text, "2001-09-10")["May 5"] == "1998-05-05"
    # No "when": the month is chosen as before (the nearest July, past).
    assert values("The premier raised it in Moscow in July.", "2001-09-10")["July"] == "2001-07"


def test_two_years_joined_by_and_are_one_span():
    import datetime

    from events.extraction.entities import default_gazetteer
    from tests.extraction._one_mention import one
    gazetteer = default_gazetteer()
    # "bought tanks from Ukraine in 1996 and 1997": one purchase over both years, as two days joined by "and" are.
    m = one("Pakistan itself had bought tanks from Ukraine in 1996 and 1997.", gazetteer, "1996")
    assert (m.date_start, m.date_end) == (datetime.date(1996, 1, 1), datetime.date(1997, 12, 31))
    # A day and a year are not one span.
    m = one("Vladimir Putin visited Hanoi on Monday and 1997 was recalled.", gazetteer, "Monday")
    assert m.date_end == datetime.date(2001, 6, 11)


def test_within_hours_falls_on_the_day_just_told():
    # "Within hours" of Monday's crash (15 October 2001): the length PTXH, whose interval is that Monday.
    [crash, hours] = tag("The airliner fell into the sea on Monday. Within hours officials blamed a missile.",
                         "2001-10-16")
    assert (hours["value"], hours["earliest"], hours["latest"]) == ("PTXH", "2001-10-15", "2001-10-15")
    # No day told before it: no interval (the issue day is not the happening's); "for hours" is no "within".
    assert tag("Within hours officials blamed a missile.", "2001-10-16")[0]["earliest"] is None
    for t in tag("The plane fell on Monday. The two men talked for hours.", "2001-10-16"):
        assert t["type"] != "DURATION" or t["earliest"] is None
