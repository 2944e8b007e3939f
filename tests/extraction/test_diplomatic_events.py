"""Issue 11's diplomatic event classes, each on sentences written for this test (not from any article):
arrivals and departures, signings, foundings, pardons and releases, first meetings in idiomatic words,
news conferences, telephone calls, "is due in", "is expected in", "is to leave tomorrow",
postponements; statuses from the event's own verb; dates of a time of day; lists of parties.

Issue dates are weekdays; every expectation is worked out in the comment above it.
"""
import datetime

import pytest

from events.extraction.pipeline import extract_article

D = datetime.date
TUESDAY = D(2001, 3, 6)  # a Tuesday: "Friday" past is March 2, "tomorrow" March 7


def mention(text, date_text, anchor=TUESDAY):
    found = [m for m in extract_article(text, anchor) if m.date_text == date_text]
    assert found, f"no event dated {date_text!r} in {text!r}"
    return found[0]


def names(m):
    return {a.name for a in m.actors}


@pytest.mark.parametrize("sentence, date_text, day", [
    # Arrivals: "touched down", "pulled into", "landed" are a visit's arrival on that day.
    ("Vladimir Putin touched down in Baku on Friday for talks on the Caspian.", "Friday", D(2001, 3, 2)),
    ("Igor Ivanov's train pulled into Minsk on Thursday morning.", "Thursday morning", D(2001, 3, 1)),
    ("Mikhail Kasyanov landed in Tashkent yesterday.", "yesterday", D(2001, 3, 5)),
    # Departures: "flew home", "left X for Y", a host who "saw him off".
    ("Igor Ivanov flew home from Tbilisi on Friday.", "Friday", D(2001, 3, 2)),
    ("Vladimir Putin left Havana for Ottawa yesterday.", "yesterday", D(2001, 3, 5)),
])
def test_arrivals_and_departures_are_visits_that_occurred(sentence, date_text, day):
    m = mention(sentence, date_text)
    assert (m.event_type, m.status, m.date_start, m.date_end) == ("visit", "occurred", day, day)


def test_a_host_seeing_a_guest_off_is_a_departure():
    # "saw his guest off ... on Saturday evening": Saturday before Tuesday 6 March is 3 March; a time of
    # day ("evening") dates the event on that day.
    m = mention("Vladimir Putin saw his guest off at the Vnukovo airport on Saturday evening.", "Saturday evening")
    assert (m.event_type, m.status, m.date_start, m.date_end) == ("visit", "occurred", D(2001, 3, 3), D(2001, 3, 3))
    assert m.granularity == "day"


@pytest.mark.parametrize("sentence, date_text, day", [
    # The visit is still to come: "is due in", "is expected in", "is to leave for".
    ("Igor Ivanov is due in Warsaw on Friday for consultations.", "Friday", D(2001, 3, 9)),
    ("Mikhail Kasyanov is expected in Kiev tomorrow.", "tomorrow", D(2001, 3, 7)),
    ("Igor Ivanov is to leave for Yerevan tomorrow.", "tomorrow", D(2001, 3, 7)),
])
def test_scheduled_visits_are_planned(sentence, date_text, day):
    m = mention(sentence, date_text)
    assert (m.event_type, m.status, m.date_start) == ("visit", "planned", day)


def test_a_return_home_next_month_is_a_planned_visit():
    # "is expected to return to Tbilisi sometime next month": April 2001, still to come.
    m = mention("Igor Ivanov is expected to return to Tbilisi sometime next month.", "next month")
    assert (m.event_type, m.status, m.date_start, m.date_end) == ("visit", "planned", D(2001, 4, 1), D(2001, 4, 30))


def test_a_meeting_today_is_planned_when_its_own_verb_looks_ahead():
    # Dated on the issue day itself: "is to meet ... today" has not happened yet...
    m = mention("Igor Ivanov is to meet the Iraqi oil minister in Baghdad today.", "today")
    assert (m.status, m.date_start) == ("planned", TUESDAY)
    # ... while "said today it will" happened today: the future is what was said, not the saying.
    m = mention("Igor Ivanov said today that Russia will send a delegation to Baghdad.", "today")
    assert m.status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    ("Vladimir Putin and the Cuban leader signed a joint declaration on Thursday.", "Thursday"),
    ("The two foreign ministers initialed the border treaty in Moscow on Monday.", "Monday"),
    ("Putin and Kasyanov put their names to a framework accord on Friday with Kazakhstan.", "Friday"),
])
def test_signings_of_declarations_and_treaties_are_agreements(sentence, date_text):
    assert mention(sentence, date_text).event_type == "agreement"


def test_signing_a_joint_statement_is_an_agreement_and_planned_for_today():
    # The object "joint statement" names the document, not a reporting verb; "are to sign ... today" is
    # still to come on the issue day.
    m = mention("Vladimir Putin and the Canadian prime minister are to sign a joint statement on the Arctic today.",
                "today")
    assert (m.event_type, m.status) == ("agreement", "planned")


@pytest.mark.parametrize("sentence, date_text", [
    ("The leaders of Russia, China and Kazakhstan proclaimed a new regional organization in Shanghai on June 15.",
     "June 15"),
    ("Igor Ivanov opened the new Russian consulate in Almaty on Friday.", "Friday"),
    ("Russia and Belarus founded their union state in April 1997.", "April 1997"),
])
def test_foundings_and_openings(sentence, date_text):
    assert mention(sentence, date_text).event_type == "founding"


def test_a_list_of_states_is_one_subject_not_a_chain_of_clauses():
    # The commas of "Russia, China, Kazakhstan and Kyrgyzstan" separate parties of one subject: every
    # listed state is a party of the founding, not only the last one before the verb.
    m = mention("The leaders of Russia, China, Kazakhstan and Kyrgyzstan proclaimed a new regional "
                "organization in Shanghai on June 15.", "June 15")
    assert {"RU", "CN", "KZ", "KG"} <= set(m.countries)


@pytest.mark.parametrize("sentence, date_text, day", [
    ("Vladimir Putin pardoned the American businessman yesterday.", "yesterday", D(2001, 3, 5)),
    ("The American was released from Lefortovo prison in Moscow on Friday.", "Friday", D(2001, 3, 2)),
    ("The two journalists were freed by their Chechen captors on Saturday, according to Moscow.", "Saturday",
     D(2001, 3, 3)),
])
def test_pardons_and_releases(sentence, date_text, day):
    m = mention(sentence, date_text)
    assert (m.event_type, m.status, m.date_start) == ("release", "occurred", day)


@pytest.mark.parametrize("sentence, date_text", [
    ("Vladimir Putin and the new American president sized each other up for the first time in Slovenia on "
     "Saturday.", "Saturday"),
    ("Igor Ivanov first sat down with the Polish foreign minister in Moscow in July 2000.", "July 2000"),
    ("Putin and the German chancellor got to know each other in Berlin in June 2000.", "June 2000"),
    ("Mikhail Kasyanov was received by the Chinese premier in Beijing on Friday.", "Friday"),
])
def test_first_meetings_in_idiomatic_words_are_meetings(sentence, date_text):
    assert mention(sentence, date_text).event_type == "meeting"


def test_a_news_conference_is_a_statement():
    m = mention("Igor Ivanov told a news conference in Moscow on Friday that the talks had gone well.", "Friday")
    assert (m.event_type, m.status, m.date_start) == ("statement", "occurred", D(2001, 3, 2))


def test_a_telephone_call_names_both_parties():
    # "telephoned X yesterday": a call (CAMEO 041), not a meeting in person; both ends are its actors.
    m = mention("Vladimir Putin telephoned Igor Ivanov yesterday to discuss the crisis in Macedonia.", "yesterday")
    assert (m.event_type, m.date_start) == ("phone", D(2001, 3, 5))
    assert names(m) == {"Vladimir Putin", "Igor Ivanov"}


def test_a_visit_put_off_is_postponed_at_the_date_it_was_expected():
    # "which had been expected this spring, has been postponed": the spring visit is the one put off.
    m = mention("Vladimir Putin's visit to Poland, which had been expected this spring, has been postponed.",
                "this spring")
    assert (m.event_type, m.status) == ("visit", "postponed")
    assert (m.date_start, m.date_end) == (D(2001, 3, 1), D(2001, 5, 31))


def test_taking_office_and_resigning_are_appointments():
    assert mention("Ariel Sharon took office in March.", "March").event_type == "appointment"
    m = mention("Mikhail Kasyanov is expected to resign sometime next month.", "next month")
    assert (m.event_type, m.status) == ("appointment", "planned")


def test_two_dates_in_one_sentence_each_date_their_own_verb():
    # "returned ... on Thursday" is the return; "held talks ... late last month" the talks: the
    # return's own trigger keeps "Thursday" from taking the talks.
    text = ("Igor Ivanov returned to Moscow on Thursday from Tbilisi, where he had held talks with the "
            "Georgian side late last month.")
    thursday, late = mention(text, "Thursday"), mention(text, "late last month")
    assert (thursday.event_type, thursday.date_start) == ("visit", D(2001, 3, 1))
    assert (late.event_type, late.date_start, late.date_end) == ("meeting", D(2001, 2, 21), D(2001, 2, 28))


def test_a_bare_weekday_in_a_past_clause_is_dated_backwards_in_the_event():
    # "who is expected in Moscow next month" looks ahead, but "arrived in Tbilisi on Friday" is past:
    # Friday before Tuesday 6 March is 2 March, not 9 March.
    m = mention("Igor Ivanov, who is expected in Warsaw next month, arrived in Tbilisi on Friday.", "Friday")
    assert (m.event_type, m.status, m.date_start) == ("visit", "occurred", D(2001, 3, 2))


def test_an_arrival_for_talks_is_the_arrival():
    # "touched down ... on Friday for talks": the talks are the journey's purpose; the date dates the arrival.
    m = mention("Vladimir Putin touched down in Baku on Friday for talks on the Caspian.", "Friday")
    assert (m.event_type, m.status) == ("visit", "occurred")


def test_a_person_named_for_his_envoy_is_not_the_envoys_party():
    # "President Putin's envoy ... is to visit Grozny": the envoy travels, not Putin.
    m = mention("Viktor Kazantsev, President Putin's envoy to the south of Russia, is to visit Grozny later "
                "this week.", "later this week")
    assert "Vladimir Putin" not in names(m)


def test_the_subject_before_an_apposition_is_the_clauses():
    # "Ivanov, the foreign minister, flew to Minsk on Monday": the apposition's closing comma does not cut
    # Ivanov off from his verb.
    m = mention("In Belarus itself, Igor Ivanov, the foreign minister, flew to Minsk on Monday.", "Monday")
    assert names(m) == {"Igor Ivanov"}


def test_the_weekday_tense_rule_of_the_tagger():
    from events.extraction.timex import tag

    def value(sentence):
        return next(t["value"] for t in tag(sentence, TUESDAY_ISO) if t["text"] == "Friday")

    # Past clause, future elsewhere in the sentence: the Friday before Tuesday 6 March, 2 March.
    assert value("Kocharian, who will visit Moscow next month, received the envoy on Friday.") == "2001-03-02"
    # The clause's own strong cue still looks ahead ("will be received"), and a plan word too.
    assert value("He will be received by the president on Friday.") == "2001-03-09"
    assert value("Aliev, who arrived on Sunday, is due in Moscow on Friday.") == "2001-03-09"
    # A weekday at the head of the sentence has no clause before it: the words after it decide.
    assert value("On Friday, the minister will fly to Baku.") == "2001-03-09"


TUESDAY_ISO = TUESDAY.isoformat()


def test_that_afternoon_is_the_afternoon_of_the_date_just_told():
    from events.extraction.timex import tag
    text = "Igor Ivanov arrived in Minsk on Tuesday. That afternoon he opened the new Russian embassy."
    afternoon = next(t for t in tag(text, "2001-02-22") if t["text"] == "That afternoon")
    # Tuesday before Thursday 22 February 2001 is 20 February; the afternoon of that day (TIME, TAF).
    assert (afternoon["type"], afternoon["value"], afternoon["earliest"]) == ("TIME", "2001-02-20TAF", "2001-02-20")
    m = mention(text, "That afternoon", D(2001, 2, 22))
    assert (m.event_type, m.date_start) == ("founding", D(2001, 2, 20))


def test_a_source_date_is_never_what_the_day_after_counts_from():
    # "the day after ... (IRNA, June 28)": the citation dates the report; the reference is the last event
    # date told, Thursday 26 June 1997, so the day after is 27 June, not 29 June.
    from events.extraction.timex import tag
    text = "He arrived in Moscow on Thursday and left for Tehran the day after the signing (IRNA, June 28)."
    after = next(t for t in tag(text, "1997-06-30") if t["text"] == "the day after")
    assert after["value"] == "1997-06-27"


def test_a_definite_happening_naming_nobody_takes_the_previous_sentences_parties():
    # "The trip ... had been put off twice": no person or country in the sentence, but "The trip" is the
    # visit just told (Putin in Yerevan), so its parties are that visit's, and this past spring (2001)
    # is the date given up.
    text = ("Vladimir Putin touched down in Yerevan on Friday for a state visit. The trip, originally expected "
            "this past spring, had been put off twice.")
    m = mention(text, "this past spring", D(2001, 9, 17))
    assert (m.event_type, m.status) == ("visit", "postponed")
    assert names(m) == {"Vladimir Putin"} and set(m.countries) == {"RU", "AM"}
    # Across a paragraph break no person is inherited (the new paragraph may be about anyone): a happening of
    # the vocabulary then takes only the article's two states (extract._story_pair_parties).
    text = text.replace(" The trip", "\n\nThe trip")
    m = mention(text, "this past spring", D(2001, 9, 17))
    assert names(m) == set() and set(m.countries) == {"RU", "AM"}


def test_a_trigger_of_the_dates_own_clause_beats_a_nearer_one_across_a_break():
    # "flew to ... on Saturday morning, after a speech in the Polish capital on Friday": the speech is
    # nearer to "Saturday morning" in characters but lies across ", after"; it is Friday's, and the
    # flight is Saturday morning's.
    text = ("Vladimir Putin flew to Warsaw from Kiev on Saturday morning, after a speech in the Ukrainian capital "
            "on Friday in which he praised the new bridge.")
    saturday, friday = mention(text, "Saturday morning"), mention(text, "Friday")
    assert (saturday.event_type, saturday.date_start) == ("visit", D(2001, 3, 3))
    assert (friday.event_type, friday.date_start) == ("statement", D(2001, 3, 2))


def test_a_later_dates_happening_is_not_the_earlier_dates():
    # "is due in Moscow later this month to prepare a visit by Chirac sometime next year": the visit
    # and Chirac are next year's; later this month is Ivanov's trip alone.
    text = "Igor Ivanov is due in Paris later this month to prepare a visit by Jacques Chirac sometime next year."
    later = mention(text, "later this month")
    assert names(later) == {"Igor Ivanov"}
    assert "Jacques Chirac" in names(mention(text, "next year"))


def test_a_relative_clause_has_the_person_it_follows_as_subject():
    # "Putin, who arrived in Minsk on Sunday, is to leave for Kiev tomorrow": Sunday's arrival is Putin's.
    m = mention("Vladimir Putin, who arrived in Minsk on Sunday, is to leave for Kiev tomorrow.", "Sunday")
    assert names(m) == {"Vladimir Putin"} and m.event_type == "visit"


def test_he_in_a_sentence_naming_nobody_is_the_person_just_told_about():
    text = ("Igor Ivanov arrived in Minsk on Tuesday. That afternoon he opened the new Russian embassy in the "
            "Belarusian capital.")
    m = mention(text, "That afternoon", D(2001, 2, 22))
    assert names(m) == {"Igor Ivanov"}


def test_a_participle_after_a_comma_goes_on_telling_the_same_happening():
    # ", ending a four-day visit to India": India is the visit's country though after the comma.
    m = mention("Vladimir Putin left Bombay for Moscow yesterday, ending a four-day visit to India.", "yesterday",
                D(2000, 10, 6))
    assert {"RU", "IN"} <= set(m.countries)


def test_since_opens_the_clause_of_the_date_after_it():
    # "his first visit to Russia since he took office in March": March dates the taking of office, a
    # clause of its own; Russia is the visit's, not the appointment's.
    m = mention("Jacques Chirac left Moscow yesterday, his first visit to Russia since he took office in March.",
                "March", D(2001, 9, 6))
    assert m.event_type == "appointment" and "RU" not in m.countries


def test_an_adverb_aside_does_not_cut_the_subject_from_its_verb():
    # "Russian Foreign Minister Igor Ivanov, meanwhile, arrived in Baghdad yesterday": the clause of
    # "arrived" starts at the subject, with its country (Russia) and the place's (Iraq).
    m = mention("Russian Foreign Minister Igor Ivanov, meanwhile, arrived in Baghdad yesterday.", "yesterday")
    assert names(m) == {"Igor Ivanov"} and {"RU", "IQ"} <= set(m.countries)


def test_both_sides_are_the_parties_of_the_happening_just_told():
    # The second sentence names one state (France, the place); "Both sides" are Russia and Iraq, the
    # parties of the talks the sentence before told.
    text = ("Igor Ivanov held talks with the Iraqi foreign minister in Moscow yesterday. Both sides agreed that "
            "the next round will take place in Paris in October.")
    m = mention(text, "October")
    assert {"RU", "IQ"} <= set(m.countries)


def test_a_relative_clause_aside_does_not_cut_the_host_from_the_meeting():
    # "Putin hosted Kasyanov, whose government ..., and Ivanov in the Kremlin yesterday": the ", whose ...,"
    # aside does not start yesterday's clause; Putin hosted both.
    m = mention("Vladimir Putin hosted Mikhail Kasyanov, whose government faces a vote, and Igor Ivanov in the "
                "Kremlin yesterday for talks on the budget.", "yesterday")
    assert names(m) == {"Vladimir Putin", "Mikhail Kasyanov", "Igor Ivanov"}


def test_a_verb_after_comma_and_shares_the_subject_before():
    # "Ivanov arrived in Baghdad yesterday ..., and is to meet the Iraqi oil minister today": today's
    # meeting is Ivanov's, with his country.
    text = "Igor Ivanov arrived in Baghdad yesterday at the head of a delegation, and is to meet the Iraqi oil minister today."
    m = mention(text, "today")
    assert names(m) == {"Igor Ivanov"} and {"RU", "IQ"} <= set(m.countries) and m.status == "planned"
