"""Event mentions from hand-made sentences and hand-made time expressions (the tagger is tested
elsewhere): which dates count, type by the nearest trigger, status, reported dates, summary."""
import datetime
import json

import pytest

from events.extraction.entities import default_gazetteer, find_entities
from events.extraction.events import default_rules, extract_events, granularity
from events.extraction.sentences import split_sentences

ANCHOR = datetime.date(2001, 1, 2)


def timex(text, phrase, value, earliest, latest=None, role="event", kind="DATE", mod=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase, "type": kind, "value": value, "mod": mod,
            "earliest": earliest, "latest": latest or earliest, "role": role}


def extract(text, timexes, anchor=ANCHOR):
    gazetteer = default_gazetteer()
    entities = find_entities(text, anchor, gazetteer)
    return extract_events(text, anchor, timexes, split_sentences(text), entities, gazetteer, default_rules())


@pytest.mark.parametrize("value, earliest, latest, mod, expected", [
    ("2000-12-28", "2000-12-28", "2000-12-28", None, "day"),
    ("2000-07", "2000-07-21", "2000-07-23", None, "day"),  # "July 21-23": a run of days
    ("2000-07", "2000-07-01", "2000-07-31", None, "month"),
    ("2001-01", "2001-01-21", "2001-01-31", "END", "month"),  # "late last month"
    ("2000-W52", "2000-12-25", "2000-12-31", None, "week"),
    ("2001-SP", "2001-03-01", "2001-05-31", None, "season"),
    ("2001-Q1", "2001-01-01", "2001-03-31", None, "quarter"),
    ("2000-H2", "2000-07-01", "2000-12-31", None, "half"),
    ("2000", "2000-01-01", "2000-12-31", None, "year"),
    ("199X", "1990-01-01", "1999-12-31", None, "decade"),
])
def test_granularity_of_timex_values(value, earliest, latest, mod, expected):
    d = datetime.date.fromisoformat
    assert granularity(value, d(earliest), d(latest), mod) == expected


def test_talks_on_a_day_give_a_meeting_with_both_actors_and_countries():
    text = "Following talks on December 28 with Ali Shamkhani, Sergeev announced a new chapter."
    [mention] = extract(text, [timex(text, "December 28", "2000-12-28", "2000-12-28")])
    assert (mention.date_start, mention.date_end, mention.granularity) == (
        datetime.date(2000, 12, 28), datetime.date(2000, 12, 28), "day")
    assert mention.event_type == "meeting" and mention.status == "occurred"
    assert [a.name for a in mention.actors] == ["Ali Shamkhani", "Igor Sergeev"]
    assert mention.countries == ["IR", "RU"]  # from the actors, in order of appearance
    assert mention.summary == "Shamkhani and Sergeev hold talks"
    assert mention.key == f"{mention.sentence_start}:{text.index('December 28')}"
    assert mention.sentence == text


def test_citation_dates_are_reported_dates_never_events():
    text = "Putin visited Beijing on July 18 (AFP, July 19-20)."
    timexes = [timex(text, "July 18", "2000-07-18", "2000-07-18"),
               timex(text, "July 19-20", "2000-07", "2000-07-19", "2000-07-20", role="citation")]
    mentions = extract(text, timexes, datetime.date(2000, 7, 21))
    assert [m.date_text for m in mentions] == ["July 18"]
    assert mentions[0].reported_dates == [datetime.date(2000, 7, 19), datetime.date(2000, 7, 20)]


def test_a_sentence_dated_only_by_its_citation_gives_no_event():
    text = "Putin met the envoy in Moscow (Reuters, July 19)."
    assert extract(text, [timex(text, "July 19", "2000-07-19", "2000-07-19", role="citation")]) == []


def test_crossreference_dates_are_not_events():
    text = "Putin met Kim in Moscow (see the Monitor, July 19)."
    assert extract(text, [timex(text, "July 19", "2000-07-19", "2000-07-19", role="crossref")]) == []


@pytest.mark.parametrize("sentence, year", [
    ("Moscow renounced the 1995 decision on arms sales.", "1995"),
    ("It was the first visit to Tehran since Iran\u2019s 1979 revolution.", "1979"),
])
def test_a_year_used_as_a_modifier_is_no_event_date(sentence, year):
    start_year = f"{year}-01-01"
    assert extract(sentence, [timex(sentence, year, year, start_year, f"{year}-12-31")]) == []


def test_a_year_after_in_is_an_event_date():
    text = "Moscow signed the treaty with Pyongyang in 1995."
    [mention] = extract(text, [timex(text, "1995", "1995", "1995-01-01", "1995-12-31")])
    assert (mention.event_type, mention.granularity) == ("agreement", "year")


def test_vague_references_and_durations_give_no_event():
    text = "Moscow has visited Tehran in recent days. Putin met Khatami for two days."
    timexes = [timex(text, "recent days", "PAST_REF", None, None),
               timex(text, "two days", "P2D", None, None, kind="DURATION")]
    assert extract(text, timexes) == []


def test_a_date_inside_a_quotation_is_the_speakers_not_an_event():
    text = "Igor Ivanov said in Moscow that \u201cthe visit to Tehran a year ago went well.\u201d"
    assert extract(text, [timex(text, "a year ago", "2000", "2000-01-01", "2000-12-31")]) == []
    # The same words outside quotation marks do date the visit.
    plain = "Igor Ivanov said in Moscow that the visit to Tehran a year ago went well."
    [mention] = extract(plain, [timex(plain, "a year ago", "2000", "2000-01-01", "2000-12-31")])
    assert mention.event_type == "visit"


def test_a_generic_evaluation_a_year_ago_gives_no_event():
    text = "The situation in North Korea, which a year ago seemed much worse, is calmer."
    assert extract(text, [timex(text, "a year ago", "2000", "2000-01-01", "2000-12-31")]) == []


def test_the_start_of_a_span_is_no_event():
    text = "Russia has armed Iran since last year."
    assert extract(text, [timex(text, "last year", "2000", "2000-01-01", "2000-12-31")]) == []


def test_a_sentence_without_actor_or_country_gives_no_event():
    text = "The talks took place on December 28."
    assert extract(text, [timex(text, "December 28", "2000-12-28", "2000-12-28")]) == []


def test_a_date_with_no_trigger_in_reach_gives_no_event():
    text = "On December 28 the weather in Moscow was cold and the streets of the city were quiet and empty."
    assert extract(text, [timex(text, "December 28", "2000-12-28", "2000-12-28")]) == []


def test_future_date_is_planned_visit_with_place():
    text = "Officials confirm that Putin is to arrive in North Korea on July 19."
    [mention] = extract(text, [timex(text, "July 19", "2000-07-19", "2000-07-19")], datetime.date(2000, 7, 5))
    assert (mention.event_type, mention.status) == ("visit", "planned")
    assert mention.summary == "Putin visits North Korea"


def test_later_this_month_starting_on_the_issue_date_is_planned():
    text = "Putin visits Pyongyang later this month."
    t = timex(text, "later this month", "2000-07", "2000-07-05", "2000-07-31", mod="END")
    [mention] = extract(text, [t], datetime.date(2000, 7, 5))
    assert mention.status == "planned"


def test_originally_set_for_is_postponed():
    text = "Putin\u2019s visit to China had originally been set for April 17-18."
    t = timex(text, "April 17-18", "2001-04", "2001-04-17", "2001-04-18")
    [mention] = extract(text, [t], datetime.date(2001, 4, 24))
    assert (mention.event_type, mention.status, mention.granularity) == ("visit", "postponed", "day")


def test_a_past_postponement_is_the_event():
    text = "Last week a planned visit to Moscow by Kim Jong-il had been put off."
    t = timex(text, "Last week", "2001-W16", "2001-04-16", "2001-04-22")
    [mention] = extract(text, [t], datetime.date(2001, 4, 24))
    assert (mention.event_type, mention.status) == ("postponement", "occurred")


def test_speculation_is_reported():
    text = "Sources speculated that Putin might visit Pyongyang on July 20."
    [mention] = extract(text, [timex(text, "July 20", "2000-07-20", "2000-07-20")], datetime.date(2000, 6, 13))
    assert mention.status == "reported"


def test_a_trigger_nearer_another_date_belongs_to_that_date():
    # "summit" sits right after "July 21-23", so it is that date's; "the eve" keeps the visit.
    text = "Putin\u2019s visit to Pyongyang could come on the eve of the July 21-23 summit of the G-8 in Japan."
    timexes = [timex(text, "the eve", "2000-07-20", "2000-07-20"),
               timex(text, "July 21-23", "2000-07", "2000-07-21", "2000-07-23")]
    mentions = extract(text, timexes, datetime.date(2000, 6, 13))
    assert [(m.date_text, m.event_type) for m in mentions] == [("the eve", "visit"), ("July 21-23", "summit")]


def test_nearest_trigger_gives_the_type():
    text = "Igor Ivanov told journalists on June 9 that Putin would meet Kim Jong-il."
    [mention] = extract(text, [timex(text, "June 9", "2000-06-09", "2000-06-09")], datetime.date(2000, 6, 13))
    assert (mention.event_type, mention.status) == ("statement", "occurred")
    assert mention.summary == "Ivanov makes a statement"


def test_letter_and_hedge():
    text = "On June 25, in a letter to Kim Jong-il, Putin reportedly praised the summit."
    [mention] = extract(text, [timex(text, "June 25", "2000-06-25", "2000-06-25")], datetime.date(2000, 7, 5))
    assert (mention.event_type, mention.status) == ("letter", "reported")


def test_as_dict_is_json_ready():
    text = "Following talks on December 28 with Ali Shamkhani, Sergeev announced a new chapter (AFP, December 29)."
    timexes = [timex(text, "December 28", "2000-12-28", "2000-12-28"),
               timex(text, "December 29", "2000-12-29", "2000-12-29", role="citation")]
    [mention] = extract(text, timexes)
    data = json.loads(json.dumps(mention.as_dict()))
    assert data["date_start"] == "2000-12-28" and data["reported_dates"] == ["2000-12-29"]
    assert data["actors"][0] == {"name": "Ali Shamkhani", "known": True, "country": "IR",
                                 "title": "Defense Minister of Iran"}
    assert 0.0 <= data["confidence"] <= 1.0


def test_a_trigger_another_date_takes_leaves_the_next_one_free():
    # "talks" is the June 27 date's own trigger; "arrived" is then the nearest free one for
    # "One day after", which dates Lee's arrival on 28 June.
    text = "One day after the June 27 talks in Moscow, Lee Joung-binn arrived in Moscow for talks."
    timexes = [timex(text, "One day after", "2000-06-28", "2000-06-28"),
               timex(text, "June 27", "2000-06-27", "2000-06-27")]
    mentions = extract(text, timexes, datetime.date(2000, 7, 5))
    assert [(m.date_text, m.event_type) for m in mentions] == [("One day after", "visit"), ("June 27", "meeting")]


def test_the_adjective_capital_is_the_capital_city_in_the_summary():
    text = "On June 28 Lee Joung-binn arrived in the Russian capital."
    [mention] = extract(text, [timex(text, "June 28", "2000-06-28", "2000-06-28")], datetime.date(2000, 7, 5))
    assert mention.summary == "Lee Joung-binn visits Moscow"
    assert mention.countries == ["KR", "RU"]  # Lee's country, then "Russian"


def test_it_might_be_noted_is_no_speculation():
    text = "Kim Jong-il\u2019s opening move, it might be noted, was a visit to Beijing last month."
    t = timex(text, "last month", "2000-05", "2000-05-01", "2000-05-31")
    [mention] = extract(text, [t], datetime.date(2000, 6, 13))
    assert (mention.event_type, mention.status) == ("visit", "occurred")


def test_a_statement_today_about_the_future_happened_today():
    text = "Moscow announced today that Putin will travel."
    [mention] = extract(text, [timex(text, "today", "2001-01-02", "2001-01-02")])
    assert (mention.event_type, mention.status) == ("statement", "occurred")


def test_a_reporting_verb_does_not_type_a_future_date():
    # "said" is the report, made before the issue; "next month" dates what it reports, which here names no
    # happening ("go to Beijing", which this sentence used to say, is a visit trigger since issue 11's fifth round).
    text = "Igor Ivanov said in Moscow that Putin would be busy in Beijing next month."
    t = timex(text, "next month", "2000-07", "2000-07-01", "2000-07-31")
    assert extract(text, [t], datetime.date(2000, 6, 13)) == []
    text = "Igor Ivanov said that Putin would visit Beijing next month."
    t = timex(text, "next month", "2000-07", "2000-07-01", "2000-07-31")
    [mention] = extract(text, [t], datetime.date(2000, 6, 13))
    assert (mention.event_type, mention.status) == ("visit", "planned")


def test_a_state_that_announces_is_named_by_the_summary():
    text = "Late last week Moscow announced that Vladimir Putin will make a trip to Pyongyang."
    t = timex(text, "Late last week", "2000-W23", "2000-06-08", "2000-06-11", mod="END")
    [mention] = extract(text, [t], datetime.date(2000, 6, 13))
    # The state announced (Moscow, not Putin), and the summary says what it announced.
    assert (mention.event_type, mention.summary) == ("statement", "Russia announces Putin visit to Pyongyang")
    assert [a.name for a in mention.actors] == ["Vladimir Putin"]  # still among the participants


def test_an_announcement_with_nothing_named_after_it_is_a_statement():
    text = "Late last week Moscow announced its position."
    t = timex(text, "Late last week", "2000-W23", "2000-06-08", "2000-06-11", mod="END")
    [mention] = extract(text, [t], datetime.date(2000, 6, 13))
    assert mention.summary == "Russia makes a statement"


def test_a_concern_over_a_visit_is_a_protest_by_the_state_not_the_visit():
    # The date follows "visit", but the visit is only what the concern is over: the act dated is the
    # State Department's, so the United States protests, and the visitor's country comes after it.
    text = "The U.S. State Department expressed its concerns over Sergeev\u2019s visit on December 28."
    [mention] = extract(text, [timex(text, "December 28", "2000-12-28", "2000-12-28")])
    assert (mention.event_type, mention.status) == ("protest", "occurred")
    assert mention.countries[0] == "US" and "RU" in mention.countries
    assert mention.summary == "United States protests Sergeev visit"


def test_a_deal_on_a_field_of_cooperation_is_an_agreement_and_could_ahead_is_planned():
    # "could sign a deal on military cooperation": the deal governs the field. "could" about a date ahead is a
    # possibility of a plan: planned (issue 11, sixth round: the development set's gold, six writers, never has
    # "reported" for "could" + a date ahead; "might", "speculated", "rumoured" stay reported, and "could" about a
    # past date too).
    text = "Officials said Russia and Iran could sign a deal on military cooperation by December."
    [mention] = extract(text, [timex(text, "December", "2001-12", "2001-12-01", "2001-12-31")],
                        datetime.date(2001, 2, 13))
    assert (mention.event_type, mention.status) == ("agreement", "planned")
    assert mention.summary == "Russia and Iran to sign an agreement"  # not "agree": it is still to come


def test_speculation_in_another_clause_does_not_touch_the_date():
    # "could" belongs to what the official told, not to the talks that preceded it.
    text = "Following talks in Tehran on Monday, an official told reporters that Russia could sell arms to Iran."
    [mention] = extract(text, [timex(text, "Monday", "2001-02-12", "2001-02-12")], datetime.date(2001, 2, 13))
    assert (mention.event_type, mention.status) == ("meeting", "occurred")


def test_a_meeting_with_a_named_counterpart_beats_a_reporting_verb_far_from_it():
    # The date is next to "underscored" (a reporting verb); the clause's happening is the meeting with
    # a named counterpart, which the words were spoken at.
    text = ("A day earlier Iranian President Mohammad Khatami had underscored his wish for closer ties "
            "with Moscow across the region when, during a separate meeting with Sergeev, he praised Russia.")
    [mention] = extract(text, [timex(text, "A day earlier", "2000-12-27", "2000-12-27")])
    assert (mention.event_type, mention.status) == ("meeting", "occurred")
    assert mention.summary == "Khatami and Sergeev hold talks"


def test_announced_talks_are_not_the_announcement_date():
    # The talks are what was announced (future), so the date stays the announcement's.
    text = "Early last month the Kremlin announced that Putin will go to Pyongyang for talks with Kim Jong-il."
    t = timex(text, "Early last month", "2000-06", "2000-06-01", "2000-06-10", mod="START")
    [mention] = extract(text, [t], datetime.date(2000, 7, 5))
    assert mention.event_type == "statement"
    # (what was announced is named by its first trigger: "go to Pyongyang", a visit since issue 11's fifth round)
    assert mention.summary == "Russia announces Putin visit to Pyongyang"


def test_a_date_naming_a_known_happening_escapes_the_sentences_speculation():
    # "might" is about the visit on the eve; "the July 21-23 summit" is scheduled as such: planned.
    text = "Aides hinted that Putin\u2019s visit might fall on the eve of the July 21-23 summit in Japan."
    timexes = [timex(text, "the eve", "2000-07-20", "2000-07-20"),
               timex(text, "July 21-23", "2000-07", "2000-07-21", "2000-07-23")]
    eve, summit = extract(text, timexes, datetime.date(2000, 6, 13))
    assert (eve.event_type, eve.status) == ("visit", "reported")
    assert (summit.event_type, summit.status) == ("summit", "planned")
    text = ("Officials in Russia were unsure when the trip would happen, and envoys in North Korea hinted "
            "that it might fall on the eve of the July 21-23 summit of the G-7 in Japan.")
    summit = extract(text, [timex(text, "July 21-23", "2000-07", "2000-07-21", "2000-07-23")],
                     datetime.date(2000, 6, 13))[0]
    assert summit.summary == "Summit in Japan"  # the states named far before it are not its hosts
    # And a past one is occurred despite a hedge elsewhere: "his February visit".
    text = "(Igor Ivanov reportedly indicated that Iran had shown no interest when he raised it during his February visit to Tehran.)"
    [visit] = extract(text, [timex(text, "February", "2000-02", "2000-02-01", "2000-02-29")], datetime.date(2000, 7, 5))
    assert (visit.status, visit.summary) == ("occurred", "Ivanov visits Tehran")


def test_the_subject_person_beats_a_country_in_the_summary():
    text = "Kim Jong-il\u2019s first real step out of North Korea\u2019s isolation came during a visit to Beijing last month."
    [mention] = extract(text, [timex(text, "last month", "2000-05", "2000-05-01", "2000-05-31")], datetime.date(2000, 6, 13))
    assert mention.summary == "Kim Jong-il visits Beijing"


def test_an_announced_field_of_work_gets_the_verb():
    text = ("Late last month Russia\u2019s atomic energy agency announced that it had started work on a "
            "new reactor in Iran.")
    t = timex(text, "Late last month", "2001-01", "2001-01-21", "2001-01-31", mod="END")
    [mention] = extract(text, [t], datetime.date(2001, 2, 13))
    assert mention.event_type == "nuclear"
    assert mention.summary == "Russia announces nuclear work in Iran"


def test_postponed_talks_name_the_postponer_and_the_counterpart():
    text = "The postponement by Kim Jong-il of his planned talks this month with Putin surprised Moscow."
    t = timex(text, "this month", "2001-04", "2001-04-01", "2001-04-30")
    [mention] = extract(text, [t], datetime.date(2001, 4, 24))
    assert (mention.event_type, mention.status) == ("meeting", "postponed")
    assert mention.summary == "Kim Jong-il and Putin talks postponed"


def test_talks_between_parties_name_those_parties():
    # Lee arrives after the talks; the talks were between Russian and North Korean officials.
    text = "One day after the June 27 talks between Russian and North Korean officials, Lee Joung-binn arrived in Moscow."
    timexes = [timex(text, "One day after", "2000-06-28", "2000-06-28"),
               timex(text, "June 27", "2000-06-27", "2000-06-27")]
    after, talks = extract(text, timexes, datetime.date(2000, 7, 5))
    assert talks.summary == "Russia and North Korea hold talks"
    assert after.summary == "Lee Joung-binn visits Moscow"


def test_a_letter_names_its_sender_then_its_addressee():
    text = "On June 25, in a letter to Kim Jong-il, Putin praised the summit."
    [mention] = extract(text, [timex(text, "June 25", "2000-06-25", "2000-06-25")], datetime.date(2000, 7, 5))
    assert mention.summary == "Putin writes to Kim Jong-il"


def test_a_place_in_another_clause_is_not_the_happenings():
    text = "Kim Jong-il postponed his talks this month with Putin, which suggests that influence in Pyongyang is limited."
    t = timex(text, "this month", "2001-04", "2001-04-01", "2001-04-30")
    [mention] = extract(text, [t], datetime.date(2001, 4, 24))
    assert "Pyongyang" not in mention.summary


def test_a_reporting_verb_far_from_the_date_does_not_make_an_event():
    # "said" is over 60 characters from "a year ago": the date belongs to the fall in output, which is no
    # diplomatic happening, and a catch-all reporting verb only types a date close to it.
    text = ("Oil output in Russia fell by a tenth from a year ago, which hurt the poorer northern regions badly, "
            "a Moscow spokesman said.")
    assert extract(text, [timex(text, "a year ago", "2000", "2000-01-01", "2000-12-31")]) == []


def test_a_warning_over_a_field_of_cooperation_is_the_warning():
    # "warned Russia on Tuesday over its arms sales": the date is the warning's; the sales are its object,
    # and arms sold "to Iran" are cooperation with Iran, not in it.
    text = "The United States warned Russia on Tuesday over its arms sales to Iran."
    [mention] = extract(text, [timex(text, "Tuesday", "2001-01-02", "2001-01-02")])
    assert (mention.event_type, mention.status) == ("protest", "occurred")
    assert mention.summary == "United States warns over military cooperation with Iran"


# Countries of an event: its actors', those named in the clause that governs its date, and its place.
def test_countries_of_an_earlier_summit_in_a_relative_clause_are_not_the_talks():
    # The Chinese-U.S. summit is what the news came after (a relative clause); the talks this week are in
    # Seoul between Putin and Kim Dae-jung: Seoul and Kim give South Korea, Putin Russia, nothing else.
    text = ("The news, which came a week after a Chinese-U.S. summit in Beijing, broke just days before talks in "
            "Seoul this week between Putin and Kim Dae-jung.")
    [mention] = extract(text, [timex(text, "this week", "2000-W24", "2000-06-12", "2000-06-18")],
                        datetime.date(2000, 6, 13))
    assert mention.event_type == "meeting"
    assert mention.countries == ["KR", "RU"]  # Seoul first, then Putin's Russia (Kim's is South Korea again)


def test_a_country_named_in_a_quotation_is_not_the_speeches():
    # Ivanov spoke in Berlin (the place: Germany); Iran is only his example, inside the quotation.
    text = "Igor Ivanov spoke in Berlin last week, when he told reporters that: \u201cThe case of Iran is the obvious example.\u201d"
    [mention] = extract(text, [timex(text, "last week", "2001-W06", "2001-02-05", "2001-02-11")],
                        datetime.date(2001, 2, 13))
    assert mention.countries == ["RU", "DE"]


def test_a_country_in_a_dash_aside_about_the_actor_is_not_the_meetings():
    # The aside tells what Mamedov did before (talks with the United States); the meeting of the day
    # before is his, in Moscow, with the North Korean ambassador: Russia and North Korea only. The
    # announcement on Monday is Moscow's, and what it announced (the meeting) is part of it.
    text = ("Moscow announced on Monday that Georgy Mamedov\u2013who had led talks with the United States\u2013had met "
            "North Korea\u2019s envoy Pak Ui Chun in Moscow the day before.")
    timexes = [timex(text, "Monday", "2000-06-12", "2000-06-12"),
               timex(text, "the day before", "2000-06-11", "2000-06-11")]
    monday, before = extract(text, timexes, datetime.date(2000, 6, 13))
    assert before.event_type == "meeting" and before.countries == ["RU", "KP"]
    assert monday.event_type == "statement" and monday.countries == ["RU", "KP"]


def test_countries_of_other_clauses_stay_with_their_own_dates():
    # The arrival of July 19 is in North Korea; Beijing is a stop before it (another clause), and Japan
    # the place of the summit after it. The summit's place "in Okinawa, Japan" keeps Japan across the
    # comma; North Korea and China are not the summit's.
    text = ("Sources say Putin will arrive in North Korea on July 19, after a short stay in Beijing, and just "
            "before his part in the July 21-23 summit in Okinawa, Japan (AFP, July 3).")
    timexes = [timex(text, "July 19", "2000-07-19", "2000-07-19"),
               timex(text, "July 21-23", "2000-07", "2000-07-21", "2000-07-23"),
               timex(text, "July 3", "2000-07-03", "2000-07-03", role="citation")]
    arrival, summit = extract(text, timexes, datetime.date(2000, 7, 5))
    assert (arrival.event_type, arrival.countries) == ("visit", ["RU", "KP"])
    assert (summit.event_type, summit.countries) == ("summit", ["RU", "JP"])


def test_an_opening_phrase_shares_the_main_clauses_subject_and_the_two_countries_are_named_before():
    # "Following talks in Tehran on Monday" has no subject of its own: the Russian official's clause
    # gives it Russia, Tehran gives Iran. "The two countries" that could sign are the two named before
    # them in the sentence, Iran and Russia.
    text = ("Following talks in Tehran on Monday, a Russian official told journalists that the two countries might "
            "sign a pact by December.")
    timexes = [timex(text, "Monday", "2001-02-12", "2001-02-12"),
               timex(text, "December", "2001-12", "2001-12-01", "2001-12-31")]
    talks, deal = extract(text, timexes, datetime.date(2001, 2, 13))
    assert (talks.event_type, talks.countries) == ("meeting", ["IR", "RU"])
    assert (deal.event_type, deal.countries) == ("agreement", ["IR", "RU"])


def test_what_a_statement_announces_is_part_of_it():
    # Moscow announced a trip to Pyongyang: the announcement is about North Korea too.
    text = "Late last week Moscow announced that Vladimir Putin will make a trip to Pyongyang."
    t = timex(text, "Late last week", "2000-W23", "2000-06-08", "2000-06-11", mod="END")
    [mention] = extract(text, [t], datetime.date(2000, 6, 13))
    assert mention.countries == ["RU", "KP"]


def test_a_visit_placed_earlier_in_the_article_keeps_its_place_in_a_quoted_protest():
    # The second sentence names Iran only inside the quotation; the visit the protest is over is the one
    # the first sentence puts in Tehran (the same visitor's visit), so Iran is the protest's place.
    text = ("Igor Sergeev\u2019s visit to Tehran last week was his first. Later, the U.S. State Department expressed "
            "its concerns over Sergeev\u2019s visit on December 28, saying that it was \u201cdisturbed by talk of Iran.\u201d")
    timexes = [timex(text, "last week", "2000-W52", "2000-12-25", "2000-12-31"),
               timex(text, "December 28", "2000-12-28", "2000-12-28")]
    visit, protest = extract(text, timexes)
    assert (visit.event_type, visit.countries) == ("visit", ["RU", "IR"])
    assert (protest.event_type, protest.countries) == ("protest", ["US", "RU", "IR"])


def names(mention):
    return [actor.name for actor in mention.actors]


def test_people_whose_possessive_stands_for_a_state_are_not_the_visits_actors():
    # The trip last week is Sergeev's; Putin and Bush only name the two states ("Putin's Russia", "Bush's
    # new administration") whose ties the trip may strain. Their countries stay (abf5190's rule).
    text = ("Igor Sergeev\u2019s trip to Tehran last week may well strain ties between Vladimir Putin\u2019s Russia "
            "and George W. Bush\u2019s new administration.")
    [mention] = extract(text, [timex(text, "last week", "2000-W52", "2000-12-25", "2000-12-31")])
    assert mention.event_type == "visit"
    assert names(mention) == ["Igor Sergeev"]


def test_an_opening_phrase_keeps_its_counterpart_and_the_main_clauses_subject():
    # "After talks ... with his Iranian counterpart" has no subject: Sergeev (the main clause's) held the
    # talks, and Shamkhani, the named counterpart, took part too.
    text = ("After talks on December 28 with his Iranian counterpart, Ali Shamkhani, Igor Sergeev said that arms "
            "sales would soon resume.")
    [mention] = extract(text, [timex(text, "December 28", "2000-12-28", "2000-12-28")])
    assert mention.event_type == "meeting"
    assert set(names(mention)) == {"Igor Sergeev", "Ali Shamkhani"}


def test_an_opening_phrase_with_its_own_parties_does_not_take_the_main_clauses_subject():
    # The talks of June 27 were between Russian and North Korean diplomats; Lee's own trip afterwards is
    # another happening, so he is not one of the talks' actors (and no other person is named).
    text = ("Two days after the June 27 talks between Russian and North Korean diplomats, South Korean Foreign "
            "Minister Lee Joung-binn flew to Moscow.")
    mentions = extract(text, [timex(text, "June 27", "2000-06-27", "2000-06-27")], datetime.date(2000, 7, 5))
    talks = next(m for m in mentions if m.date_text == "June 27")
    assert talks.event_type == "meeting" and talks.actors == []


def test_every_counterpart_after_with_takes_part_in_the_meeting():
    # Losyukov met both men on June 27, the second after ", above all,": both are the meeting's.
    text = ("Aleksandr Losyukov met on June 27 with Foreign Minister Pek Nam Sun and, above all, with Kim "
            "Yong-nam at an airport.")
    [mention] = extract(text, [timex(text, "June 27", "2000-06-27", "2000-06-27")], datetime.date(2000, 7, 5))
    assert mention.event_type == "meeting"
    assert set(names(mention)) == {"Aleksandr Losyukov", "Paek Nam-sun", "Kim Yong-nam"}


def test_the_host_of_a_visit_named_in_another_clause_takes_part():
    # Kim is named after the comma, but he is North Korea's leader, the host of the July visit.
    text = "Vladimir Putin visited North Korea last July, after which he said he had agreed with Kim Jong-il on missiles."
    [mention] = extract(text, [timex(text, "last July", "2000-07", "2000-07-01", "2000-07-31")])
    assert mention.event_type == "visit"
    assert set(names(mention)) == {"Vladimir Putin", "Kim Jong-il"}


def test_a_statement_drops_people_of_what_it_is_not_about():
    # Ivanov announced the news on April 16; Kim and Putin are only in the later clause on whether their
    # meeting would take place, not in the announcement.
    text = ("Igor Ivanov announced the news on April 16, but gave no hint whether a meeting between Kim "
            "Jong-il and Vladimir Putin would take place soon.")
    mentions = extract(text, [timex(text, "April 16", "2001-04-16", "2001-04-16")], datetime.date(2001, 4, 24))
    [confirmed] = [m for m in mentions if m.date_text == "April 16"]
    assert confirmed.event_type == "statement"
    assert names(confirmed) == ["Igor Ivanov"]


def test_a_clause_naming_nobody_keeps_the_sentences_actors():
    # The clause of "last week" names neither person nor country: nothing better than the sentence's
    # people is known, so Putin (who says so) stays.
    text = "Talks were held last week, Vladimir Putin said."
    mentions = extract(text, [timex(text, "last week", "2000-W52", "2000-12-25", "2000-12-31")])
    assert mentions and all(names(m) == ["Vladimir Putin"] for m in mentions)
