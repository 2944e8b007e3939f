"""Issue 11, fourth development batch (tests/devset 51-60): what its failures taught, each on sentences written
for this test (not the development articles' text): elections as events, more everyday triggers, days' parts
as the reference of "the next morning", and the modal "may" looking ahead."""
import datetime

import pytest

from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


def values(text, anchor=DAY):
    return [(t["text"], t["value"]) for t in tag(text, anchor)]


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # Elections are events of their own type (no encounter, not two-party, postponable).
    ("Ukraine held parliamentary elections on Sunday.", "Sunday", "election"),
    ("Kuchma was re-elected in November 1999.", "November 1999", "election"),
    ("The Peruvian runoff, set for July 1, will decide it.", "July 1", "election"),
    # Meetings: "saw X" (not "saw X off", a departure), a dinner, "spent <day> with", "went over the text".
    ("Erkki Tuomioja saw Igor Ivanov in Helsinki on Friday.", "Friday", "meeting"),
    ("Kasyanov joined them for dinner on Friday.", "Friday", "meeting"),
    ("Putin spent Friday with Kim Dae-jung.", "Friday", "meeting"),
    ("Ivanov went over the draft with Erkki Tuomioja on Friday.", "Friday", "meeting"),
    ("Ivanov saw him off at the airport on Friday.", "Friday", "visit"),
    # Visits: "come to", "come back", "flew on to", "is in <place> today", a stop named as a noun,
    # "invitation to return", "bring X to".
    ("Tuomioja will come to Moscow next week.", "next week", "visit"),
    ("Igor Ivanov will come back in January.", "January", "visit"),
    ("Ivanov flew on to Windhoek on Friday.", "Friday", "visit"),
    ("Igor Ivanov is in Pretoria today.", "today", "visit"),
    ("Ivanov saw Nujoma during Friday's stop.", "Friday", "visit"),
    ("Igor Ivanov accepted an invitation to return next year.", "next year", "visit"),
    ("Putin hopes to bring Kim Jong-il to Seoul next year.", "next year", "visit"),
    # Statements and acts: conceding, promising, offering, explaining; strikes; cutting exports; forming
    # a cabinet.
    ("Ivan Kostov conceded defeat on Monday.", "Monday", "statement"),
    ("Norway promised its share on Monday.", "Monday", "statement"),
    ("Tuomioja had to explain the vote to Ivanov on Monday.", "Monday", "statement"),
    ("Israeli aircraft struck a Syrian radar station on Sunday.", "Sunday", "military"),
    ("Russian companies will cut exports in the first quarter of next year.", "the first quarter of next year",
     "economic"),
    ("Simeon Saxe-Coburg-Gotha is to form a cabinet next month.", "next month", "appointment"),
])
def test_more_everyday_words_are_triggers(gazetteer, sentence, date_text, event_type):
    assert one("Igor Ivanov arrived in Cairo. " + sentence, gazetteer, date_text).event_type == event_type


def test_a_day_s_part_is_the_reference_of_the_next_morning():
    # "Monday night" is a TIME; before, only DATE values were references, so "the next morning" counted
    # from the issue date (Tuesday June 12, 2001): now from Monday June 11.
    text = "Ivanov arrived on Monday night and was received the next morning. That afternoon they signed a protocol."
    assert values(text) == [("Monday night", "2001-06-11TNI"), ("the next morning", "2001-06-12TMO"),
                            ("That afternoon", "2001-06-12TAF")]


def test_the_same_evening_is_the_same_day_and_the_previous_evening_the_day_before():
    # "evening" contains "eve": the word, not the letters, says "the day before".
    assert values("They met on June 5 and again the same evening.") == [("June 5", "2001-06-05"),
                                                                         ("the same evening", "2001-06-05TEV")]
    assert values("They met on June 5 and had talked the previous evening.") == [
        ("June 5", "2001-06-05"), ("the previous evening", "2001-06-04TEV")]


def test_the_modal_may_before_a_month_looks_ahead_over_a_past_auxiliary():
    # Issue of May 24, 2001: the visit "was put off" (past) "and may now take place in October": the coming
    # October. After the date "may" says nothing of it ("on Tuesday said ... may" stays past).
    anchor = datetime.date(2001, 5, 24)
    text = "The visit was put off because of the budget and may now take place in October."
    assert values(text, anchor) == [("now", "PRESENT_REF"), ("October", "2001-10")]
    assert values("Bush on Tuesday said the United States may act.", anchor) == [("Tuesday", "2001-05-22")]
    assert values("The talks may have ended in October.", anchor) == [("October", "2000-10")]


@pytest.mark.parametrize("sentence", [
    # The issue day's happening told in a timetable's present is still to come (DAY is the issue date).
    "Igor Ivanov leaves for Helsinki today.",
    "Costas Simitis begins a three-day visit to Moscow today.",
    "Igor Ivanov is in Pretoria today.",
    "Igor Ivanov is to see Jiang Zemin there today.",
])
def test_the_issue_day_in_a_timetable_present_is_planned(gazetteer, sentence):
    assert one("Igor Ivanov arrived in Cairo on Sunday. " + sentence, gazetteer, "today").status == "planned"


def test_said_today_stays_what_happened_today(gazetteer):
    assert one("Igor Ivanov said today that talks will resume.", gazetteer, "today").status == "occurred"


def test_a_happening_moved_to_a_date_is_planned_there_and_postponed_from_the_first(gazetteer):
    # "first planned for April" is the date given up; "may now take place in October" the new one.
    text = ("Thabo Mbeki's visit to Russia, first planned for April, was put off because of the budget and may now "
            "take place in October.")
    assert one(text, gazetteer, "April").status == "postponed"
    assert one(text, gazetteer, "October").status == "planned"


def test_there_is_the_last_place_named_before_it(gazetteer):
    # "flew on to Brunei ...; he is to see them there today": Brunei, though the sentence names no place near
    # the date; a town the traveller comes from is no place of the event.
    text = ("From Ulaanbaatar Putin flew on to Brunei for the APEC summit, which opened yesterday; he is to see "
            "Jiang Zemin there today.")
    assert one(text, gazetteer, "today").countries == ["RU", "CN", "BN"]
    assert "MN" not in one(text, gazetteer, "yesterday").countries


def test_an_arrival_with_no_destination_took_place_where_the_paragraph_s_last_encounter_did(gazetteer):
    text = ("Rafik Hariri held talks with Vladimir Putin in the Kremlin on Monday. Hariri, who arrived on Sunday, "
            "also met Kasyanov.")
    assert one(text, gazetteer, "Sunday").countries == ["LB", "RU"]
    # Across a paragraph only into a state of the article's pair (tenth round): the home state's Kremlin is the
    # story's place; a third state's place in another paragraph is another trip's, not implied.
    text = ("Rafik Hariri held talks with Vladimir Putin in the Kremlin on Monday.\n\n"
            "Hariri, who arrived on Sunday, said little.")
    assert one(text, gazetteer, "Sunday").countries == ["LB", "RU"]
    text = ("Lebanon's Rafik Hariri held talks with Jacques Chirac in Paris on Monday.\n\n"
            "Hariri, who arrived on Sunday, said little.")
    assert one(text, gazetteer, "Sunday").countries == ["LB"]


def test_a_way_home_from_a_summit_is_no_place_of_the_stop(gazetteer):
    text = "Vladimir Putin stopped in Dushanbe on Monday on his way home from the APEC summit in Shanghai."
    assert one(text, gazetteer, "Monday").countries == ["RU", "TJ"]
    # A plain origin stays: the trip from there is the news.
    assert "PL" in one("George W. Bush flew to Ljubljana from Warsaw on Saturday.", gazetteer, "Saturday").countries


def test_an_election_in_a_sentence_naming_no_state_is_the_article_s_subject_state(gazetteer):
    # The article names Bulgaria (and its people) most besides Russia, the home state (event_rules.json).
    text = ("Bulgarian Foreign Minister Nadezhda Mihaylova saw Igor Ivanov in Sofia on Monday. Ivan Kostov "
            "conceded defeat on Sunday.\n\nThe presidential election, set for November 11, will be a second test.")
    m = one(text, gazetteer, "November 11")
    assert (m.event_type, m.status, m.actors, m.countries) == ("election", "planned", [], ["BG"])


def test_the_two_governments_in_a_sentence_naming_no_state_are_the_subject_and_home_states(gazetteer):
    text = ("Erkki Tuomioja saw Igor Ivanov in Helsinki on Monday. The two governments have been at odds since "
            "talks on the canal broke down in mid-May.")
    assert one(text, gazetteer, "mid-May").countries == ["FI", "RU"]


def test_people_of_a_later_date_s_own_happening_are_not_an_earlier_date_s(gazetteer):
    # "The statement, signed on Tuesday," names nobody; the summary's nearest people are those of the same
    # day's explaining, a later happening of the sentence: not Tuesday's.
    text = ("The statement, signed on Tuesday, embarrassed Seoul's allies in Washington, and Foreign Minister "
            "Lee Joung-binn had to explain it to the US ambassador, Stephen Bosworth, the same day.")
    assert one(text, gazetteer, "Tuesday").actors == []
    assert {a.name for a in one(text, gazetteer, "the same day").actors} == {"Lee Joung-binn", "Stephen Bosworth"}


def test_two_days_joined_by_and_are_one_stay(gazetteer):
    # DAY is Tuesday June 12, 2001: Monday is June 11, Tuesday June 12; the stay is both days.
    m = one("Vladimir Putin spent Monday and Tuesday in Ulaanbaatar.", gazetteer, "Monday")
    assert (m.date_start, m.date_end) == (datetime.date(2001, 6, 11), datetime.date(2001, 6, 12))


def test_one_verb_two_dates_each_takes_its_own_object(gazetteer):
    text = ("Costas Simitis is to meet Vladimir Putin tomorrow and Prime Minister Mikhail Kasyanov on Friday, "
            "when the two governments will sign agreements.")
    assert {a.name for a in one(text, gazetteer, "tomorrow").actors} == {"Costas Simitis", "Vladimir Putin"}
    assert {a.name for a in one(text, gazetteer, "Friday").actors} == {"Costas Simitis", "Mikhail Kasyanov"}


def test_a_verb_after_and_opens_another_conjunct(gazetteer):
    # "met" after "and" is yesterday's, not the same evening's; and the earlier conjunct's Ivanov is not
    # yesterday's.
    text = ("George Papandreou, who arrived in Moscow on Monday to prepare the talks, saw Igor Ivanov the same "
            "evening and met Duma leaders yesterday.")
    assert {a.name for a in one(text, gazetteer, "the same evening").actors} == {"George Papandreou", "Igor Ivanov"}
    assert {a.name for a in one(text, gazetteer, "yesterday").actors} == {"George Papandreou"}


def test_a_counterpart_is_not_sought_across_a_semicolon(gazetteer):
    text = ("Prime Minister Ivan Kostov conceded defeat on Monday; President Petar Stoyanov will begin "
            "consultations with the parties on Friday.")
    assert [a.name for a in one(text, gazetteer, "Friday").actors] == ["Petar Stoyanov"]


def test_a_sentence_opening_on_a_state_has_no_opening_phrase_and_its_later_happening_keeps_its_people(gazetteer):
    # "Norway promised its share last week," is a clause with its subject, not an opening phrase running on
    # into the next one; Martens and Mexico are Monday's.
    text = "Norway promised its share last week, and Mexico's energy minister, Ernesto Martens, said on Monday."
    m = one(text, gazetteer, "last week")
    assert (m.actors, m.countries) == ([], ["NO"])
    # A statement's content with a later date stays its own ("that she had received no reply to the
    # invitation she sent to Putin last summer": Russia is the statement's too; test_anaphora says so).


def test_a_return_visit_with_no_place_is_to_the_home_state(gazetteer):
    text = "Tarja Halonen is to pay a return visit next spring."
    assert one(text, gazetteer, "next spring").countries == ["FI", "RU"]


def test_a_participle_aside_keeps_the_subject_with_its_verb(gazetteer):
    # ", first planned for April," stands between the subject (which names Russia) and "was put off ... and may
    # now take place in October".
    text = ("Thabo Mbeki's state visit to Russia, first planned for April, was put off because of the budget "
            "and may now take place in October.")
    assert one(text, gazetteer, "October").countries == ["ZA", "RU"]


def test_a_whose_clause_belongs_to_the_person_before_it(gazetteer):
    # "whose government turned down ... this past April": Kostov's government, so Bulgaria's act.
    text = ("Relations cooled under Ivan Kostov, whose government turned down a Russian offer to finish the "
            "Belene plant this past April.")
    assert set(one(text, gazetteer, "this past April").countries) == {"BG", "RU"}


def test_withdrew_with_the_date_before_from_is_a_protest(gazetteer):
    text = ("Ali Shamkhani is due in Moscow next month to discuss arms deliveries, which Moscow resumed after it "
            "withdrew this past November from its 1995 pledge to Washington.")
    m = one(text, gazetteer, "this past November")
    assert (m.event_type, m.actors) == ("protest", [])


def test_an_earlier_verb_s_place_with_its_own_date_is_not_this_date_s(gazetteer):
    text = "Igor Ivanov flew on to Windhoek yesterday for a brief stop and is in Pretoria today."
    assert one(text, gazetteer, "today").countries == ["RU", "ZA"]


def test_an_arrival_takes_the_place_of_a_signing_told_before(gazetteer):
    text = ("Abdelaziz Bouteflika and Vladimir Putin signed a declaration in the Kremlin on Wednesday. Bouteflika, "
            "who had arrived on Tuesday for a state visit, also met Kasyanov.")
    assert one(text, gazetteer, "Tuesday").countries == ["DZ", "RU"]


@pytest.mark.parametrize("text, code", [
    ("Putin toured the works in Ulsan on Friday.", "KR"), ("Ivanov flew to Vyborg on Friday.", "RU"),
    ("Ivanov flew to Crete on Friday.", "GR"), ("Ivanov flew to Walvis Bay on Friday.", "NA"),
])
def test_more_places_of_the_batch_s_countries(gazetteer, text, code):
    assert code in one("Igor Ivanov arrived in Cairo on Monday. " + text, gazetteer, "Friday").countries


def test_the_date_an_offset_counts_from_is_no_reference_for_later_anaphora():
    # October 7 is where "three weeks after" counts from, background; "that afternoon" is Friday's.
    text = ("Vojislav Kostunica flew to Moscow on Friday, three weeks after he took office on October 7. "
            "Putin received him that afternoon.")
    assert values(text, datetime.date(2000, 10, 31))[-1] == ("that afternoon", "2000-10-27TAF")


def test_a_date_a_happening_was_moved_to_shares_its_trigger(gazetteer):
    # "the spring" takes "visit" (nearer); "may now take place in the autumn" is the same visit, moved.
    text = ("Hosni Mubarak last came to Russia in September 1997; his next visit, first planned for the spring, may "
            "now take place in the autumn.")
    spring, autumn = one(text, gazetteer, "the spring"), one(text, gazetteer, "the autumn")
    assert (spring.status, autumn.event_type, autumn.status) == ("postponed", "visit", "planned")
