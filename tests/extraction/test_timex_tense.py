"""The direction of underspecified dates follows the verb that governs them in their clause (issue 11,
class 4: a bare weekday in a past-tense clause resolved a week forward). Sentences written for these tests;
each rule has two differently worded ones. Expected values are worked out from the calendar in comments.

Calendar: Wednesday 7 March 2001 (ISO week 2001-W10, Mon 5 .. Sun 11 March). The last Monday on or before
it is 5 March, the coming one 12 March; Tuesday 6 / 13, Thursday 1 / 8, Friday 2 / 9, Saturday 3 / 10,
Sunday 4 / 11. A bare weekday is the latest such day on or before the issue day unless its clause looks
ahead (docs/timex.md).
"""
from events.extraction.timex import tag
from events.extraction.timex_tense import governing_tense

WEDNESDAY = "2001-03-07"


def value(sentence, phrase, anchor=WEDNESDAY):
    found = [t for t in tag(sentence, anchor) if t["text"] == phrase]
    assert len(found) == 1, tag(sentence, anchor)
    return found[0]["value"]


# ---------------------------------------------------------------- an opening phrase
def test_a_date_in_an_opening_phrase_takes_the_tense_of_the_verb_after_it():
    # The verb of the clause comes after the opening phrase; the "that" clause's "would"/"will" is its
    # object's tense, not the date's. Past: the Monday before, 5 March; Sunday 4 March (evening).
    assert value("Following a long lunch on Monday, the premier declared that his cabinet would resign.",
                 "Monday") == "2001-03-05"
    assert value("At a dinner in the Kremlin on Sunday evening, Ivanov told reporters that Moscow will not "
                 "yield.", "Sunday evening") == "2001-03-04TEV"


def test_an_opening_phrase_before_a_future_verb_looks_ahead():
    # "will sign" governs: the coming Friday, 9 March; "is to open": the coming Saturday, 10 March.
    assert value("During his stop in Kiev on Friday, the envoy will sign the pipeline accord.", "Friday") \
        == "2001-03-09"
    assert value("On Saturday the new consulate is to open its doors in Lviv.", "Saturday") == "2001-03-10"


# ---------------------------------------------------------------- relative clauses
def test_a_relative_clause_set_off_by_commas_does_not_govern_the_date_after_it():
    # The aside's present or future ("who leaves", "which will") is its own; the main verb is past:
    # Monday afternoon = 5 March; Tuesday = 6 March.
    assert value("The Georgian envoy, who leaves for Tbilisi next week, spent Monday afternoon at the "
                 "Foreign Ministry.", "Monday afternoon") == "2001-03-05TAF"
    assert value("The Latvian delegation, which will stay until the spring, sat down with the customs "
                 "service on Tuesday.", "Tuesday") == "2001-03-06"


def test_a_date_inside_a_relative_clause_takes_that_clauses_tense():
    # "who flew in on Sunday": past, 4 March; the main clause "leaves ... on Thursday": ahead, 8 March.
    text = "The Armenian minister, who flew in on Sunday, leaves for Yerevan on Thursday."
    assert value(text, "Sunday") == "2001-03-04"
    assert value(text, "Thursday") == "2001-03-08"
    # "which opens on Friday": ahead, 9 March, though the main clause is past.
    assert value("He praised the fair, which opens on Friday in Minsk.", "Friday") == "2001-03-09"


# ---------------------------------------------------------------- a plan's date
def test_a_date_after_for_or_until_in_a_clause_that_plans_something_is_ahead():
    # The present perfect is the calling, not the march: the coming Thursday, 8 March.
    assert value("The opposition has called a general strike for Thursday.", "Thursday") == "2001-03-08"
    # "postponed ... until Monday": the coming Monday, 12 March; "have moved the talks to Saturday": 10 March.
    assert value("The speaker postponed the vote on the budget until Monday.", "Monday") == "2001-03-12"
    assert value("The two sides have moved the next round of talks to Saturday.", "Saturday") == "2001-03-10"


def test_for_or_until_without_a_plan_verb_keeps_the_past():
    # No plan here: he waited (past) until Monday, 5 March; "stayed in Baku until Sunday": 4 March.
    assert value("The envoy waited in his hotel until Monday.", "Monday") == "2001-03-05"
    assert value("The premier stayed in Baku until Sunday.", "Sunday") == "2001-03-04"


def test_a_plan_verb_with_until_sets_the_year_of_a_month():
    # Anchor Wednesday 10 January 2001: June 2000 is 7 months back, June 2001 almost 5 months ahead, both
    # beyond the 92-day window; "have postponed ... until June" is the plan's date, 2001-06 (before: "have"
    # read as past gave 2000-06). Likewise "has moved its next session to September": September 2000 ended
    # 102 days before the anchor, so the plan decides: 2001-09.
    assert value("The ministers have postponed the summit until June.", "June", "2001-01-10") == "2001-06"
    assert value("The commission has moved its next session to September.", "September", "2001-01-10") \
        == "2001-09"


# ---------------------------------------------------------------- a timetable's present
def test_a_timetable_present_looks_ahead():
    # "returns ... on Saturday": 10 March; "heads for Beijing on Sunday morning": 11 March (morning).
    assert value("After a day in Kazan, the president returns to Moscow on Saturday.", "Saturday") == "2001-03-10"
    assert value("The delegation heads for Beijing on Sunday morning.", "Sunday morning") == "2001-03-11TMO"


def test_a_plural_timetable_present_right_before_the_date_looks_ahead():
    # "meet again Friday": 9 March; "Both delegations leave Monday": 12 March.
    assert value("The two foreign ministers meet again Friday in Geneva.", "Friday") == "2001-03-09"
    assert value("Both delegations leave Monday for the border talks.", "Monday") == "2001-03-12"


def test_a_plural_verb_form_that_is_no_finite_verb_is_no_timetable():
    # "His visit Monday": a noun after a determiner; "did not meet Monday": the past auxiliary governs.
    # Both 5 March.
    assert value("His visit Monday passed quietly.", "Monday") == "2001-03-05"
    assert value("The two leaders did not meet Monday as planned.", "Monday") == "2001-03-05"


def test_a_timetable_verb_in_another_clause_says_nothing_of_the_date():
    # "which holds a stake" is an aside; the date's own clause has no cue and nothing after it decides:
    # the default, the Tuesday before, 6 March.
    assert value("The takeover follows Tuesday's offer by the bank, which holds a stake in the firm.",
                 "Tuesday") == "2001-03-06"


def test_governing_tense_reports_strength():
    text = "The opposition has called a general strike for Thursday."
    start = text.index("Thursday")
    assert governing_tense(text, start, start + len("Thursday")) == ("future", True)
    text = "Following a long lunch on Monday, the premier declared that his cabinet would resign."
    start = text.index("Monday")
    assert governing_tense(text, start, start + len("Monday")) == ("past", False)


# ---------------------------------------------------------------- the year of a month or month-day
# Anchor Wednesday 19 December 2001: the nearest January is January 2002 (13 days ahead), the one before
# January 2001 (about 11 months back); without a definite tense the nearest wins (docs/timex.md).
DECEMBER = "2001-12-19"


def test_a_simple_past_verb_right_before_a_month_rules_out_the_one_ahead():
    # "met in January" cannot be 13 days ahead: January 2001. "expired on January 5": 2001-01-05.
    assert value("The two sides met in January to draft the text.", "January", DECEMBER) == "2001-01"
    assert value("The old transit agreement expired on January 5.", "January 5", DECEMBER) == "2001-01-05"


def test_a_simple_past_after_an_opening_phrase_rules_out_the_month_ahead():
    # The verb after the opening phrase governs: "In January, the premier sacked ...": January 2001;
    # "On January 3 the parliament voted down ...": 2001-01-03.
    assert value("In January, the premier sacked his finance minister.", "January", DECEMBER) == "2001-01"
    assert value("On January 3 the parliament voted down the budget.", "January 3", DECEMBER) == "2001-01-03"


def test_a_future_auxiliary_rules_out_a_near_month_past():
    # Anchor 7 March 2001: December 2000 ended 66 days before (the nearest), December 2001 is ahead.
    # "will command a mission ... in December" and "is to host ... in December": 2001-12.
    assert value("The cosmonaut will command a mission to the station in December.", "December") == "2001-12"
    assert value("Moscow is to host the next round of talks in December.", "December") == "2001-12"


def test_participles_adjectives_and_perfects_are_no_definite_tense():
    # "its preferred shares" (an adjective before its noun) and "has extended ... through January" (a
    # perfect: the extension is past, its end ahead) leave the nearest January, 2002.
    assert value("The company redeems its preferred shares on January 5.", "January 5", DECEMBER) == "2002-01-05"
    assert value("The bank has extended the credit line through January.", "January", DECEMBER) == "2002-01"


def test_a_plan_verb_or_a_past_verb_that_is_also_one():
    # "brought in" after an opening phrase is a simple past (January 2001), though "brought" can also move a
    # date ("brought forward to"); "extended until January 5" is the plan's date, not the past of the
    # extending: the nearest January 5, 2002-01-05 (17 days after 19 December 2001).
    assert value("In January, the new owners brought in a manager from Kiev.", "January", DECEMBER) == "2001-01"
    assert value("The bidder extended until January 5 its offer for the shares.", "January 5", DECEMBER) \
        == "2002-01-05"


# ---------------------------------------------------------------- a bare quarter
def test_a_quarter_over_is_next_years_when_the_clause_looks_ahead_and_that_one_is_nearer():
    # Anchor Monday 10 December 2001: the second quarter of 2001 ended on 30 June (163 days back), that of
    # 2002 begins on 1 April (112 days ahead); the clause looks ahead ("extended into": a plan's date; "will
    # publish"): 2002-Q2, 2002-Q1 (the first quarter of 2001 ended 254 days back, 2002's begins in 22 days).
    assert value("Producers want the output cut extended into the second quarter.", "the second quarter",
                 "2001-12-10") == "2002-Q2"
    assert value("The ministry will publish its budget for the first quarter.", "the first quarter",
                 "2001-12-10") == "2002-Q1"


def test_the_quarter_just_over_stays_this_years():
    # Anchor Wednesday 24 October 2001: the third quarter ended 24 days before; next year's begins in about
    # 250 days: "will report third-quarter results" is 2001-Q3.
    assert value("The firm will report its third-quarter results next week.", "its third-quarter", "2001-10-24") \
        == "2001-Q3"


# ---------------------------------------------------------------- "on the 12th"
def test_a_day_of_a_month_not_named_follows_its_governing_verb():
    # Anchor Wednesday 7 March 2001. Past verbs: the latest such day on or before the anchor: "arrived on the
    # 3rd" = 3 March, "On the 12th the two presidents met" (the verb after the opening phrase) = 12 February.
    assert value("The envoy arrived in Tbilisi on the 3rd.", "the 3rd") == "2001-03-03"
    assert value("On the 12th the two presidents met in Minsk.", "the 12th") == "2001-02-12"
    # Ahead: "will meet again on the 31st" = 31 March; a timetable's present "opens on the 2nd" = 2 April.
    assert value("The ministers will meet again on the 31st.", "the 31st") == "2001-03-31"
    assert value("The donors' conference opens on the 2nd, officials said.", "the 2nd") == "2001-04-02"


def test_an_ordinal_qualifying_a_noun_is_no_day():
    # "the 12th floor", "the 3rd round": nothing is tagged ("on the 4th of July" is the month-day rule's).
    assert tag("The talks were held on the 12th floor of the ministry.", WEDNESDAY) == []
    assert tag("The envoys met on the 3rd round of the consultations.", WEDNESDAY) == []


# ---------------------------------------------------------------- what is wanted
def test_a_participle_after_a_verb_of_wanting_is_what_is_wanted_ahead():
    # Anchor Tuesday 31 October 2000: "wants the referendum held before the summer" is the coming summer,
    # 2001-SU (a season with a forward cue is the coming one, docs/timex.md), not the one just over ("held"
    # is no past here). Anchor 10 July 2001: "wants the pipeline finished by the spring": 2002-SP.
    assert value("The premier wants the referendum held before the summer.", "the summer", "2000-10-31") \
        == "2001-SU"
    assert value("Kiev wants the pipeline finished by the spring.", "the spring", "2001-07-10") == "2002-SP"
