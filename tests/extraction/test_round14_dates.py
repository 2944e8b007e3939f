"""Issue 11, fourteenth round (tim22): the days of "this week" by the event's status, and the dates of pasts and
plans. Sentences are our own; the expected intervals are reasoned in the comments. DAY is Tuesday, June 12, 2001
(its ISO week runs from Monday, June 11, to Sunday, June 17)."""
import pytest

from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


@pytest.mark.parametrize("sentence, date_text", [
    # a happening over (or under way) on the issue day: the week's Monday to the issue day
    ("Kuchma spent two days in Moscow this week trying to settle the gas debt.", "this week"),
    ("The Iranian foreign minister came to Beijing this week with a message from Khatami.", "this week"),
    # "has spent the week": a time, the story's week (the issue's, no date told before)
    ("Aliev has spent the week in Ankara negotiating the pipeline's route.", "the week"),
])
def test_this_week_of_a_happening_told_in_the_past_runs_to_the_issue_day(gazetteer, sentence, date_text):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.status, str(mention.date_start), str(mention.date_end)) == ("occurred", "2001-06-11", "2001-06-12")


@pytest.mark.parametrize("sentence, date_text", [
    # a planned one: the issue day to Sunday
    ("Kuchma will fly to Moscow this week for talks on the gas debt.", "this week"),
    ("Aliev is expected in Ankara this week to sign the pipeline accord.", "this week"),
])
def test_this_week_of_a_plan_runs_from_the_issue_day(gazetteer, sentence, date_text):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.status, str(mention.date_start), str(mention.date_end)) == ("planned", "2001-06-12", "2001-06-17")


@pytest.mark.parametrize("sentence", [
    "A visit to Kiev by Kasyanov, set for this week, was called off.",
    "Moscow called off a visit to Kiev by a military delegation that had been planned for this week.",
])
def test_this_week_given_up_is_the_whole_week(gazetteer, sentence):
    # the date given up tells neither a past nor a plan of its own: the ISO week
    mention = one(sentence, gazetteer, "this week")
    assert (mention.status, str(mention.date_start), str(mention.date_end)) == ("postponed", "2001-06-11", "2001-06-17")


def test_a_past_verb_governing_the_week_outweighs_a_later_clause_future(gazetteer):
    # "would" belongs to what he prepares, not to his stay: occurred
    sentence = "Kuchma has spent the week in Moscow preparing what would be the first visit by Putin."
    assert one(sentence, gazetteer, "the week").status == "occurred"


@pytest.mark.parametrize("text, phrase", [
    ("The finance minister spent the week in Washington.", "the week"),
    ("The envoy also stopped in Riga during the week.", "the week"),
])
def test_the_week_spent_or_during_is_a_time(text, phrase):
    [timex] = [t for t in tag(text, DAY) if t["text"] == phrase]
    assert timex["value"] == "2001-W24"


@pytest.mark.parametrize("text", [
    "For the week, the index dropped three percent.",
    "It was the week's busiest session.",
])
def test_a_bare_the_week_is_no_time(text):
    assert not [t for t in tag(text, DAY) if t["text"] == "the week"]


@pytest.mark.parametrize("sentence, date_text, expected", [
    # a deadline or a stay of a plan "until" a day ahead: the issue day to that day (rule book, heldout13)
    ("Russia and Ukraine signed a protocol which gives the experts until July 1 to reconcile their figures.", "July 1", ("2001-06-12", "2001-07-01")),
    ("The Georgian envoy is to remain in Moscow until Friday to work on the border accord.", "Friday",
     ("2001-06-12", "2001-06-15")),
    # the date a happening is put off to: the date itself
    ("Moscow fears that the talks with Tokyo on the treaty will be put off until the autumn.", "the autumn",
     ("2001-09-01", "2001-11-30")),
])
def test_until_a_date_ahead_dates_a_plan(gazetteer, sentence, date_text, expected):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.status, str(mention.date_start), str(mention.date_end)) == ("planned",) + expected


@pytest.mark.parametrize("sentence, date_text", [
    # the end of a state, no happening
    ("Sweden holds the union's presidency until the end of June.", "the end of June"),
    ("Pyongyang will keep its moratorium on missile tests until 2003.", "2003"),
])
def test_until_the_end_of_a_state_dates_nothing(gazetteer, sentence, date_text):
    from events.extraction.pipeline import extract_article
    assert not [m for m in extract_article(sentence, DAY, gazetteer) if m.date_text == date_text]


def test_a_past_perfect_proposal_is_past():
    # "had proposed": a past perfect, the spring over (not the coming one)
    text = "The consortium that the president had proposed in the spring is still to be formed."
    [timex] = [t for t in tag(text, "2001-10-05") if t["text"] == "the spring"]
    assert timex["value"] == "2001-SP"


@pytest.mark.parametrize("sentence, date_text", [
    # "was to" + its verb before a date, with a putting-off in the sentence: the date given up
    ("The arms deal with India, which Moscow's cabinet was to approve in May, was put off at the last moment.", "May"),
])
def test_a_plan_told_as_not_carried_out_is_postponed(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "postponed"


def test_the_new_date_is_planned_when_another_date_was_given_up(gazetteer):
    sentence = ("Kono is to come to Moscow in early July for talks with Ivanov, a visit first set for April and "
                "postponed when the cabinet fell.")
    assert one(sentence, gazetteer, "early July").status == "planned"
    assert one(sentence, gazetteer, "April").status == "postponed"


def _value(text, phrase, anchor="2001-06-14"):
    [timex] = [t for t in tag(text, anchor) if t["text"] == phrase]
    return timex["value"]


def test_a_background_day_in_a_relative_clause_leaves_the_story_day():
    # Wednesday (yesterday, June 13) is the story's day; "who had flown in on Saturday" steps back and returns
    text = ("The Iranian speaker spent a long day in Beijing yesterday. In the morning he saw the premier, who had "
            "flown in from Hanoi on Saturday, and in the evening he dined with the foreign minister.")
    assert _value(text, "the evening") == "2001-06-13TEV"


def test_a_day_told_in_a_since_clause_leaves_the_story_day():
    # the round began yesterday (June 13); "since Bush announced on June 1" looks back over a span
    text = ("Ivanov and Talbott met again in Moscow yesterday. It was their first round since Bush announced on "
            "June 1 that he would build the shield. Putin, who received Talbott in the afternoon, was cautious.")
    assert _value(text, "the afternoon") == "2001-06-13TAF"


@pytest.mark.parametrize("text, phrase, expected", [
    # counted from the day the happening was told (the signing on Friday, June 8), not the last date (Sunday)
    ("The two presidents signed the border treaty in Kiev on Friday. Solana, who had arrived on Sunday, flew "
     "home the day after the signing.", "the day after", "2001-06-09"),
    # "ended a three-day visit yesterday" (June 13) is the departure
    ("Kasyanov ended a three-day visit to Hanoi yesterday. He had met the party leader on Monday, and the prime "
     "minister saw him the day before his departure.", "the day before", "2001-06-12"),
])
def test_the_day_after_a_named_happening_counts_from_its_day(text, phrase, expected):
    assert _value(text, phrase) == expected


@pytest.mark.parametrize("text, phrase", [
    # after "for" a capitalized May or March is the month, not the modal or the verb
    ("The visit had been set for March and was postponed because of the election.", "March"),
    ("The talks, scheduled for May, were called off.", "May"),
])
def test_may_or_march_after_for_is_the_month(text, phrase):
    assert _value(text, phrase)[5:7] in ("03", "05")


def test_may_as_a_modal_is_no_month():
    assert not [t for t in tag("Officials in Kiev said the talks May resume soon.", "2001-06-14") if t["text"] == "May"]


@pytest.mark.parametrize("sentence", [
    "Aliev flies to Tbilisi today and plans to visit Batumi over the weekend.",
    "The Japanese envoy is expected to tour the islands over the weekend.",
])
def test_over_the_weekend_dates_a_happening(gazetteer, sentence):
    # DAY is Tuesday, June 12, 2001: the coming weekend is June 16-17
    mention = one(sentence, gazetteer, "the weekend")
    assert (str(mention.date_start), str(mention.date_end)) == ("2001-06-16", "2001-06-17")


def test_over_the_past_year_dates_nothing(gazetteer):
    from events.extraction.pipeline import extract_article
    sentence = "Trade between Russia and Iran has doubled over the past year, Kasyanov said on Monday."
    assert [m.date_text for m in extract_article(sentence, DAY, gazetteer)] == ["Monday"]


@pytest.mark.parametrize("sentence", [
    "The joint commission is to meet in Moscow at the end of the year.",
    "Kasyanov will visit Hanoi at the end of this year.",
])
def test_a_plan_at_the_end_of_the_year_runs_from_the_issue_day(gazetteer, sentence):
    date_text = "the end of this year" if "this year" in sentence else "the end of the year"
    mention = one(sentence, gazetteer, date_text)
    assert (str(mention.date_start), str(mention.date_end)) == ("2001-06-12", "2001-12-31")
