"""Round 11 of issue 11 (tim18): the date a happening was to take place and did not (postponed), and which way a
date goes when its clause plans or when the story has moved on. Sentences are our own; the expected statuses and
values are reasoned in the comments. The extraction runs as of DAY (Tuesday 12 June 2001)."""
from tests.extraction._one_mention import one


def test_was_to_have_taken_place_on_a_date_is_that_date_given_up(gazetteer):
    # The verb, its place and the date after "was to have": the summit did not take place on May 8-9, whatever
    # the putting-off's own date ("last week") is.
    text = "The summit of the Baltic states, which was to have taken place in Riga on May 8-9, was put off last week."
    assert one(text, gazetteer, "May 8-9").status == "postponed"
    # With no postponement word at all.
    text = "The session of the joint commission that was to have opened on Monday in Kiev never met."
    assert one(text, gazetteer, "Monday").status == "postponed"
    # A plain past keeps its status: the summit did take place.
    text = "The summit of the Baltic states took place in Riga on May 8-9."
    assert one(text, gazetteer, "May 8-9").status == "occurred"


def test_put_off_from_a_month_is_postponed(gazetteer):
    # "put off from April": April was the time set and given up (the news is of a putting-off).
    text = "Kuchma met Putin on Friday at the summit of the CIS, put off from April by the floods."
    assert one(text, gazetteer, "April").status == "postponed"


def test_put_off_a_season_or_month_is_the_time_given_up(gazetteer):
    # "was put off last autumn and again in March": both times given up (a month or longer after the word).
    text = "Kasyanov's visit to Tokyo was put off last autumn and again in March."
    assert one(text, gazetteer, "last autumn").status == "postponed"
    assert one(text, gazetteer, "March").status == "postponed"
    # A day after the word is the day of the putting-off: "postponed on Monday" happened on Monday.
    text = "Kasyanov's visit to Tokyo was postponed on Monday."
    assert one(text, gazetteer, "Monday").status != "postponed"
    # A date before the postponement word is the one given up; the month after the word is the putting-off's.
    text = "The summit of the Baltic states, which was to have taken place in Riga on May 8-9, was put off last month."
    assert one(text, gazetteer, "last month").status != "postponed"


def test_a_date_proposed_for_a_happening_put_off_is_given_up(gazetteer):
    # "had proposed to hold in Minsk this month, has been put off": this month was the date given up.
    text = "The summit, which Lukashenka had proposed to hold in Minsk this month, has been put off again."
    assert one(text, gazetteer, "this month").status == "postponed"


# ---- which way a date without a year goes when its clause plans
from events.extraction.timex import tag  # noqa: E402


def values(text, anchor):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_an_infinitive_after_an_invitation_or_agreement_looks_ahead():
    # On 15 February 2001 the autumn just over (2000, ended 77 days ago) is nearer than the coming one, and
    # "accepted" is past; but the visit of "an invitation to visit" comes after the accepting: 2001.
    v = values("Kuchma has accepted an invitation to visit Moscow for a trade fair in the autumn.", "2001-02-15")
    assert v["the autumn"] == "2001-FA"
    v = values("The two ministers agreed to meet again in the autumn.", "2001-02-15")
    assert v["the autumn"] == "2001-FA"
    # With no such infinitive the past clause keeps the autumn over.
    assert values("Kuchma visited Moscow for a trade fair in the autumn.", "2001-02-15")["the autumn"] == "2000-FA"


def test_no_infinitive_no_look_ahead():
    # "an invitation to the ceremony on Saturday": a noun after "to", no infinitive; the Saturday just past.
    v = values("He landed carrying an invitation to the ceremony on Saturday.", "2001-01-22")
    assert v["Saturday"] == "2001-01-20"
    # A date in a time adjunct of its own dates that adjunct's happening ("during Putin's visit in October", told
    # as past): the October over, not the one ahead.
    v = values("The commission the two leaders agreed to set up during Putin's visit to Delhi in October met.",
               "2001-02-20")
    assert v["October"] == "2000-10"


def test_a_bare_noon_is_of_the_day_the_story_is_at():
    # Thursday 12 April 2001: "on Monday morning" is the 9th; "at noon" of the next sentence is Monday's too.
    text = "The chancellor flew in on Monday morning. The forum opened at noon in the old palace."
    assert values(text, "2001-04-12")["noon"] == "2001-04-09"  # valued as its day (docs/annotation.md)
    # With no day told, the issue day; a named weekday is that day's noon.
    assert values("The forum opens at noon in the old palace.", "2001-04-12")["noon"] == "2001-04-12"
    assert values("The deadline expired at noon Saturday.", "2001-04-12")["noon Saturday"] == "2001-04-07T12:00"


def test_a_weekday_of_last_or_next_week_is_one_expression():
    # Tuesday 7 August 2001: "Tuesday of last week" is 31 July (not today, the bare "Tuesday"), and "the day
    # before" counts from it; "Friday of next week" is 17 August, "Friday of this week" the 10th.
    text = "The train stopped in Omsk on Tuesday of last week and in Novosibirsk the day before."
    v = values(text, "2001-08-07")
    assert v["Tuesday of last week"] == "2001-07-31"
    assert v["the day before"] == "2001-07-30"
    v = values("The envoy returns on Friday of next week; the vote is on Friday of this week.", "2001-08-07")
    assert v["Friday of next week"] == "2001-08-17"
    assert v["Friday of this week"] == "2001-08-10"


def test_days_of_talks_that_ended_on_a_day_cover_them_all(gazetteer):
    # DAY is Tuesday 12 June 2001: "ended two days of talks ... yesterday" is 10-11 June (the rule book: a
    # two-day summit dated by the day it ended covers both days).
    text = "Putin and Kuchma ended two days of informal talks in Sochi yesterday with a joint statement."
    mention = one(text, gazetteer, "yesterday")
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == ("2001-06-10", "2001-06-11")
    text = "In three days of talks, which ended yesterday, Putin and Kuchma signed four accords."
    mention = one(text, gazetteer, "yesterday")
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == ("2001-06-09", "2001-06-11")
    # "ended a two-day visit yesterday": the gold dates the leaving, the last day only.
    text = "Putin ended a two-day visit to Madrid yesterday with a news conference beside Aznar."
    mention = one(text, gazetteer, "yesterday")
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == ("2001-06-11", "2001-06-11")


def test_n_and_a_half_units_and_the_verb_last():
    # "two and a half hours" (the half before the unit) as "two hours and a half": PT2H30M; TIMEX3 has no fractions.
    assert values("Their talks lasted two and a half hours.", "2001-06-19")["two and a half hours"] == "PT2H30M"
    assert values("The first attempt in two and a half years.", "2001-06-19")["two and a half years"] == "P2Y6M"
    # "was to last an hour and a half": "last" is the verb, the length is the whole phrase (not "last an hour").
    v = values("The meeting was planned to last an hour and a half.", "2001-06-19")
    assert v == {"an hour and a half": "PT1H30M"}
    # "the last three hours" is still a length.
    assert values("They talked for the last three hours.", "2001-06-19")["the last three hours"] == "PT3H"


def test_a_date_of_its_own_time_adjunct_after_was_to_have_is_not_given_up(gazetteer):
    # "was to have been his first trip abroad since the election in March": March dates the election, which took
    # place; only the trip (undated) did not.
    text = "The visit to Minsk was to have been Putin's first trip since the election in March."
    assert one(text, gazetteer, "March").status != "postponed"
