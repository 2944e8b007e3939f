"""Issue 11, sixth round (evt13): general mechanisms for whether a happening is found, its date and its status,
each on sentences written for this test (never the development articles' text), with at least two differently
worded sentences per rule. DAY is Tuesday, June 12, 2001."""
import pytest

from events.extraction.pipeline import extract_article
from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


@pytest.mark.parametrize("sentence, date_text", [
    # A postponement under a modal has not happened: the visit keeps its plan (the date lies ahead).
    ("Voronin, who is to visit Ankara in late July, warned on Friday that the trip could be postponed.",
     "late July"),
    ("Kuchma is due in Beijing next month, but his aides say the visit may yet be delayed.", "next month"),
])
def test_a_postponement_in_doubt_puts_nothing_off(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("sentence, date_text", [
    # "set for"/"scheduled for" a date, with a postponement of the same happening in the sentence: the date
    # is the one given up, past (last week) or not.
    ("A visit by Kuchma to Minsk, set for last week, was quietly called off.", "last week"),
    ("Aliev's talks in Baku with Ivanov, scheduled for Monday, were postponed at the last minute.", "Monday"),
])
def test_the_date_a_happening_was_set_for_is_given_up(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "postponed"


def test_the_new_date_after_now_set_for_is_planned(gazetteer):
    # "is now set for" names the new date (not given up); the putting-off itself is last week's.
    sentence = "Kuchma's visit to Minsk was postponed last week and is now set for July 3."
    assert one(sentence, gazetteer, "July 3").status == "planned"
    assert one(sentence, gazetteer, "last week").status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    # A span that holds the issue day ("this month", "this year") is planned when the sentence wants it.
    ("Kuchma said he hoped to see Putin again this month.", "this month"),
    ("Aliev wants to meet Kocharian in Paris this year.", "this year"),
])
def test_a_hope_or_wish_in_a_span_holding_the_issue_day_is_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("sentence, date_text", [
    # What lies wholly after the issue date has not occurred, whatever trigger of another clause typed it (here
    # a postponement of the second clause, which used to give "occurred").
    ("The Tengiz line is due to carry its first crude next summer, and Tokaev complained that Moscow keeps "
     "delaying the permits.", "next summer"),
    ("Kazakhstan hopes to export grain through Novorossiisk next spring, and its officials accuse Moscow of "
     "delaying the quotas.", "next spring"),
])
def test_a_date_wholly_ahead_is_never_occurred(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


def dated(text, gazetteer):
    """(date phrase, type, status) of every mention of `text`."""
    return [(m.date_text, m.event_type, m.status) for m in extract_article(text, DAY, gazetteer)]


@pytest.mark.parametrize("sentence, date_text, event_type, status", [
    # The back-off (events/backoff.py): no trigger of the vocabulary, but a verb of the back-off lexicon governs
    # the date in a clause that names a party; its type is the verb's, its status its tense's.
    ("Aliev reached Tbilisi on Sunday evening after a long drive from Baku.", "Sunday evening", "visit", "occurred"),
    ("Nazarbayev dined with Jiang Zemin in Almaty on Monday.", "Monday", "meeting", "occurred"),
    ("The Georgian parliament is to vote tomorrow on a resolution on the Russian bases.", "tomorrow", "statement",
     "planned"),
    # A light verb ("hold", "close") takes the type of its clause's happening noun, even one in the subject before
    # a participle aside.
    ("Kyrgyz troops will hold their first joint exercise with Kazakhstan in the autumn.", "the autumn", "military",
     "planned"),
    ("The forum, chaired by Finnish Premier Paavo Lipponen, is due to close on Thursday.", "Thursday", "meeting",
     "planned"),
    # No verb of the lexicon: "with" and a named person is a meeting; being in a place named after "in" a visit.
    ("Voronin had prepared the draft with Kasyanov in Sochi on May 3.", "May 3", "meeting", "occurred"),
    ("Russia's envoy, Viktor Kalyuzhny, was in Baku and Ashgabat last week.", "last week", "visit", "occurred"),
])
def test_a_date_without_a_trigger_backs_off_to_its_clause_s_happening(gazetteer, sentence, date_text, event_type,
                                                                       status):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.event_type, mention.status) == (event_type, status)


@pytest.mark.parametrize("text, expected", [
    # An anaphoric date ("the same day", "the next day") opening its sentence: the clause after it, or the "when"
    # clause right after the date, tells what happened; the day is the one told before.
    ("Kuchma arrived in Warsaw on Monday. Later the same day three Ukrainian sailors were killed in a collision off "
     "Sevastopol.", ("the same day", "military", "occurred", "2001-06-11")),
    # (here the loan, an economic trigger of the "when" clause, types it)
    ("Talks in Kiev opened on Monday. The breakthrough came the next day, when ministers in Brussels approved the "
     "loan.", ("the next day", "economic", "occurred", "2001-06-12")),
    # A clause opening on "where" happens at the place named before it (Genoa: a party of the sentence).
    ("The G-8 leaders were in Genoa, where a protester was shot dead by the police on Friday afternoon.",
     ("Friday afternoon", "military", "occurred", "2001-06-08")),
])
def test_an_anaphoric_or_relative_clause_s_happening_is_found(gazetteer, text, expected):
    date_text = expected[0]
    [mention] = [m for m in extract_article(text, DAY, gazetteer) if m.date_text == date_text]
    assert (mention.date_text, mention.event_type, mention.status, mention.date_start.isoformat()) == expected


@pytest.mark.parametrize("sentence, date_text, start", [
    # "since" bounds a span ("since last year"), except after "first <happening>" (the last one was then) and
    # "has been in <place>" (the arrival).
    ("Aliev is on his first visit to Moscow since the spring of 1998.", "the spring of 1998", "1998-03-01"),
    ("Kalyuzhny has been in Ashgabat since Thursday.", "Thursday", "2001-06-07"),
])
def test_since_dates_a_happening_after_first_or_has_been_in(gazetteer, sentence, date_text, start):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.event_type, mention.status, mention.date_start.isoformat()) == ("visit", "occurred", start)


@pytest.mark.parametrize("text", [
    # Precision: a clause with no verb of the lexicon, no happening noun, no "with <person>" is no event ...
    "The radar station, built in 1964, remains Russia's largest listening post in Cuba.",
    # ... nor is a word after a preposition a verb ("restrictions on imports"), nor a possessive date that qualifies
    # a noun other than its trigger ("this year's chairman"), nor a month a verb ("March").
    "The restrictions on imports of Spanish fruit in January angered Madrid.",
    "Kuchma, this year's chairman of the CIS council, flew to Minsk.",
    # (Since the eighth round "will be reviewed in March" is a planned happening of its own verb: backoff._any_verb.)
    "The Russian quota for Azerbaijani gas in March is under review.",
])
def test_the_back_off_finds_no_happening_where_none_is_told(gazetteer, text):
    dates = [d for d, _, _ in dated(text, gazetteer)]
    assert not {"1964", "January", "this year", "March"} & set(dates), dated(text, gazetteer)


@pytest.mark.parametrize("sentence, date_text, status", [
    # "was to have" + verb: the happening did not take place at the date (postponed).
    ("Voronin, who was to have addressed the Rada in Kiev this week, will go there in July instead.", "this week",
     "postponed"),
    ("Kuchma and Lukashenka were to have met in Minsk on Monday, but the meeting was called off.", "Monday",
     "postponed"),
    # A scheduled happening named with its places ("the CIS summit in Minsk in October") is planned whatever "could"
    # says of the journey to it.
    ("Kuchma could stop in Kiev on his way to the CIS summit in Minsk in October.", "October", "planned"),
])
def test_unfulfilled_and_named_happenings(gazetteer, sentence, date_text, status):
    assert one(sentence, gazetteer, date_text).status == status


@pytest.mark.parametrize("sentence, date_text", [
    # The issue day in the date's own clause: a future auxiliary, or a present verb before its object.
    ("Lukashenka flew to Moscow yesterday for a council session, which is to open this morning in the Kremlin.",
     "this morning"),
    ("The OSCE mission gives its verdict at a news conference in Minsk this afternoon.", "this afternoon"),
])
def test_the_issue_day_in_the_date_s_own_clause_is_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


def values(text):
    return [(t["text"], t["value"]) for t in tag(text, DAY)]


@pytest.mark.parametrize("text, expected", [
    # A day's part (a TIME of a known day) is the day a later bare "the afternoon" of its sentence belongs to.
    ("Kasyanov spent yesterday morning at the talks in Kiev and toured the port in the afternoon.",
     [("yesterday morning", "2001-06-11TMO"), ("the afternoon", "2001-06-11TAF")]),
    ("Aliev met the Turkish premier on Sunday evening in Ankara, and on Monday morning he saw the president; he "
     "flew home in the afternoon.", [("Sunday evening", "2001-06-10TEV"), ("Monday morning", "2001-06-11TMO"),
                                     ("the afternoon", "2001-06-11TAF")]),
])
def test_a_day_part_is_the_day_of_a_later_bare_day_part(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A day that names a thing ("the incident of June 3", "the note of May 30") is not the day the story is on:
    # "the same evening", "the next day" count from the day told before it.
    ("Guliyev summoned the Iranian envoy on Monday over the incident of June 3. Tehran replied the same evening.",
     [("Monday", "2001-06-11"), ("June 3", "2001-06-03"), ("the same evening", "2001-06-11TEV")]),
    ("Kuchma received the Polish envoy on Friday to discuss the note of May 30. Warsaw answered the next day.",
     [("Friday", "2001-06-08"), ("May 30", "2001-05-30"), ("the next day", "2001-06-09")]),
])
def test_a_day_naming_a_thing_is_no_reference_for_anaphora(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("sentence, date_text, summary", [
    # A back-off happening's type is a guess by its verb's class: its summary quotes its own clause (the verb
    # group on, without the date) after its parties.
    ("The Ukrainian navy intercepted a Russian trawler off Crimea on Saturday.", "Saturday",
     "Ukraine: intercepted a Russian trawler off Crimea"),
    ("Aliev reached Tbilisi on Sunday evening after a long drive from Baku.", "Sunday evening",
     "Aliyev: reached Tbilisi after a long drive from Baku"),
    # A light verb's happening noun outside the quoted words is named after it.
    ("The forum, chaired by Finnish Premier Paavo Lipponen, is due to close on Thursday.", "Thursday",
     "Lipponen: is due to close (forum)"),
])
def test_a_back_off_summary_quotes_its_clause(gazetteer, sentence, date_text, summary):
    assert one(sentence, gazetteer, date_text).summary == summary


@pytest.mark.parametrize("sentence, date_text, status", [
    # "could" about a date ahead is a possibility of a plan (planned); about a past date, speculation (reported).
    ("Aides said the trip to Baku could take place in the autumn.", "the autumn", "planned"),
    ("Kuchma could sign the gas deal with Niyazov next month.", "next month", "planned"),
    ("Kuchma could have met Niyazov in Ashgabat on Monday.", "Monday", "reported"),
])
def test_could_ahead_is_planned_and_could_past_is_reported(gazetteer, sentence, date_text, status):
    assert one(sentence, gazetteer, date_text).status == status


@pytest.mark.parametrize("text, date_text, day", [
    # A bare day part told in the past, with no day in its own sentence, is the story's last day before the issue
    # day (told in a sentence before); in the present it is still the issue day's.
    ("Putin spent yesterday in Minsk. In the morning he met Lukashenka and Kasyanov.", "the morning", "2001-06-11"),
    ("Kuchma arrived in Baku on Sunday. The talks with Aliev, held in the afternoon, went well.", "the afternoon",
     "2001-06-10"),
    ("Kuchma arrived in Baku on Sunday. He meets Aliev in the afternoon.", "the afternoon", "2001-06-12"),
])
def test_a_bare_day_part_in_the_past_is_the_story_s_day(gazetteer, text, date_text, day):
    [mention] = [m for m in extract_article(text, DAY, gazetteer) if m.date_text == date_text]
    assert mention.date_start.isoformat() == day


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # "since" a date of an ongoing activity's start, or followed by a "when" clause telling what happened then.
    ("Ukrainian miners have been blocking the roads to Kiev since Monday.", "Monday", "protest"),
    ("Tension in Abkhazia has grown since Friday, when Georgian troops crossed the Inguri.", "Friday", "visit"),
    ("The Chechen fighters have held the town since Sunday, when they stormed the police station.", "Sunday",
     "military"),
])
def test_since_an_activity_began_or_since_a_day_when(gazetteer, sentence, date_text, event_type):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.event_type, mention.status) == (event_type, "occurred")


@pytest.mark.parametrize("sentence, date_text", [
    # A "that" clause right after a trigger verb, with no happening of its own, is that trigger's (here "agreed").
    ("Kuchma agreed that Polish observers would monitor the border crossings from next month.", "next month"),
    ("The two ministers agreed that joint Russian-Georgian patrols would start on the border in July.", "July"),
])
def test_a_that_clause_without_a_happening_is_its_governing_trigger_s(gazetteer, sentence, date_text):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.event_type, mention.status) == ("agreement", "planned")


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # A relative clause on "which" names its party by its antecedent, in the chunk before it.
    ("The gas reaches Turkey through the Blue Stream line, which opened in December.", "December", "founding"),
    ("The oil goes to the Georgian port of Supsa, which opened its terminal in April.", "April", "founding"),
])
def test_a_which_clause_takes_its_party_from_its_antecedent(gazetteer, sentence, date_text, event_type):
    assert one(sentence, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("sentence, date_text", [
    # "had been meant to take place", "was supposed to begin" a date, then put off: the date given up.
    ("The summit in Yalta had been meant to take place in March, but it was postponed.", "March"),
    ("Kuchma's visit to Minsk was supposed to begin on Monday but was called off.", "Monday"),
])
def test_meant_or_supposed_to_take_place_then_put_off_is_postponed(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "postponed"
