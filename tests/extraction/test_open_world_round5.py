"""Issue 11, fifth round: general rules for events, their dating, status and parties, each on sentences written
for this test (never the development articles' text), with a second, differently worded sentence so that a
rule does not just fit the sentence that prompted it. DAY is Tuesday, June 12, 2001."""
import pytest

from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


def values(text, anchor=DAY):
    return [(t["text"], t["value"]) for t in tag(text, anchor)]


@pytest.mark.parametrize("text, expected", [
    # A bare "the afternoon" after a day named earlier in its sentence is that day's afternoon (Saturday June 9),
    # not the issue day's; "the same evening" in the next sentence counts from it.
    ("Kuchma opened the fair in Kharkiv on Saturday and spent the afternoon with Kasyanov. They dined together "
     "the same evening.", [("Saturday", "2001-06-09"), ("the afternoon", "2001-06-09TAF"),
                           ("the same evening", "2001-06-09TEV")]),
    # The same with the day first and a full stop of an abbreviation ("St.") between: still one sentence.
    ("On Friday the minister toured St. Petersburg's port and flew home in the evening.",
     [("Friday", "2001-06-08"), ("the evening", "2001-06-08TEV")]),
    # With no day before it in its sentence, "the afternoon" is still the issue day's.
    ("Ivanov arrived on Sunday. He meets the Finnish president in the afternoon.",
     [("Sunday", "2001-06-10"), ("the afternoon", "2001-06-12TAF")]),
])
def test_a_bare_day_part_belongs_to_the_day_its_sentence_named(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("sentence, date_text, status", [
    # The issue day told in a timetable's present is still to come when the issue appears, wherever the
    # trigger stands in the clause: the verb of the clause ("sees", "leaves") is before the date.
    ("Kasyanov sees the Finnish premier at a working lunch today before flying home.", "today", "planned"),
    ("Voronin leaves for Kiev tomorrow after a short stop in Odessa today.", "today", "planned"),
    # Past tense on the issue day is what happened; a reporting verb's present is a statement made.
    ("Kasyanov saw the Finnish premier at a working lunch today before flying home.", "today", "occurred"),
    ("Voronin says today that the talks went well.", "today", "occurred"),
    # "visits" after a determiner is a noun, no timetable verb.
    ("Kuchma and Kasyanov discussed the visits today.", "today", "occurred"),
])
def test_the_issue_day_in_a_timetable_s_present_is_planned(gazetteer, sentence, date_text, status):
    assert one(sentence, gazetteer, date_text).status == status


@pytest.mark.parametrize("sentence, date_text, status", [
    # A hedge in another clause of the sentence is not the date's: the happening is told as a fact.
    ("Kuchma arrived in Baku on Monday with a list of demands that reportedly includes a pipeline.", "Monday",
     "occurred"),
    ("Voronin first met Putin in Sochi in May 2000, and the two were said to have parted as friends.",
     "May 2000", "occurred"),
    # In the date's own clause, or in an opening phrase covering the sentence, it is the date's.
    ("Kuchma reportedly arrived in Baku on Monday.", "Monday", "reported"),
    ("According to reports, Voronin met Putin in Sochi on Monday.", "Monday", "reported"),
    # A date in an opening phrase dates the main clause after its commas, hedge and all.
    ("On Monday, at a dinner in Kiev, Kuchma reportedly met Kasyanov.", "Monday", "reported"),
])
def test_a_hedge_is_the_date_s_only_in_its_clause(gazetteer, sentence, date_text, status):
    assert one(sentence, gazetteer, date_text).status == status


@pytest.mark.parametrize("text, date_text, country", [
    # "flew into" a town puts the traveller there; "there" later points to it.
    ("Ivanov flew into Bucharest on Monday and saw Colin Powell there the same evening.", "the same evening",
     "RO"),
    ("The Russian delegation flew into Riga on Sunday.", "Sunday", "LV"),
    # A town after "at" is a place too ("at Sochi"), but not a possessive ("at Baghdad's request").
    ("Igor Ivanov arrived at Yalta on Monday.", "Monday", "UA"),
    ("Igor Ivanov landed at Samarkand on Monday.", "Monday", "UZ"),
])
def test_into_and_at_a_town_name_a_place(gazetteer, text, date_text, country):
    assert country in one(text, gazetteer, date_text).countries


def test_at_a_town_s_request_is_no_place(gazetteer):
    # "there" is the last place named before it: Tehran, not Baghdad (a possessive after "at").
    text = "Ivanov flew to Tehran on Monday at Baghdad's request and met Khatami there on Tuesday."
    assert one(text, gazetteer, "Tuesday").countries == ["IR"]


@pytest.mark.parametrize("text, date_text, countries", [
    # A statement in a relative clause is its antecedent's: the people named before the clause bring no state.
    ("Igor Ivanov flew to Kiev on Monday and saw Kuchma, who conceded the point on television that evening.",
     "that evening", ["UA"]),
    ("Kasyanov met Lukashenka last week and then Voronin, who said on Friday that the union would wait.", "Friday",
     ["MD"]),
    # Content before the verb still gives its people's states ("X will ..., the ministry announced").
    ("Kuchma will see Putin in Sochi on June 20, the Ukrainian Foreign Ministry announced yesterday.",
     "yesterday", ["UA", "RU"]),
])
def test_a_statement_in_a_relative_clause_takes_no_state_from_before_it(gazetteer, text, date_text, countries):
    assert one(text, gazetteer, date_text).countries == countries


@pytest.mark.parametrize("text, date_text, countries", [
    # "the two governments" in a clause naming fewer than two states: those named before it in the sentence, then
    # the article's subject state and the home state (event_rules.json home_state, Russia).
    ("Hanoi wants Russian arms. The Vietnamese debt deal, which the two governments signed last autumn, is small.",
     "last autumn", ["VN", "RU"]),
    ("Astana wants a pipeline. The Kazakh oil accord, which both governments initialed in May, has stalled.",
     "May", ["KZ", "RU"]),
])
def test_the_two_governments_with_one_state_named_are_it_and_the_home_state(gazetteer, text, date_text, countries):
    assert sorted(one(text, gazetteer, date_text).countries) == sorted(countries)


@pytest.mark.parametrize("text, date_text, countries", [
    # An article on the Russian government that names the United States nowhere else: "the White House" is the
    # Russian government's building in Moscow.
    ("Kasyanov wants lower tariffs. The ministers agreed on them at a session in the White House on Monday.",
     "Monday", ["RU"]),
    ("Russian oil companies will cut exports. Kasyanov chaired the talks in the White House on Friday.", "Friday",
     ["RU"]),
    # Where the article names an American (or the United States), it is Washington's.
    ("Bill Clinton wants lower tariffs. Kasyanov discussed them in the White House on Monday.", "Monday",
     ["RU", "US"]),
])
def test_the_white_house_in_an_article_on_russian_politics_is_moscow_s(gazetteer, text, date_text, countries):
    assert sorted(one(text, gazetteer, date_text).countries) == sorted(countries)


@pytest.mark.parametrize("text, date_text, absent, countries", [
    # An election is its state's: people of other clauses of the sentence, or a host before a "whose" clause's
    # apposition, take no part, nor bring their states (the owner of "whose" may: the summary names him).
    ("Putin also saw Prime Minister Enkhbayar, whose party, the heir of the old regime, won the parliamentary "
     "elections last July.", "last July", "Vladimir Putin", ["MN"]),
    ("Kasyanov met Lukashenka in Minsk, whose opponents, a divided lot, lost the presidential election in "
     "September.", "September", "Mikhail Kasyanov", ["BY"]),
    # A state named in the election's clause is its state, not the state of a person of the next clause.
    ("The Ukrainian parliamentary elections are set for March 31, while Putin is pressing for a gas deal.",
     "March 31", "Vladimir Putin", ["UA"]),
])
def test_an_election_takes_only_its_clause_s_people_and_states(gazetteer, text, date_text, absent, countries):
    mention = one(text, gazetteer, date_text)
    assert absent not in [a.name for a in mention.actors]
    assert mention.countries == countries


@pytest.mark.parametrize("text, expected", [
    # A weekday closing an opening phrase takes the tense of the main clause's verb after the comma, not of what
    # that verb reports ("would"): the past Friday, June 8.
    ("After three hours of talks on Friday, Kuchma said that Ukraine would pay its gas debt.", "2001-06-08"),
    ("Following a dinner in the Kremlin on Friday, the two presidents agreed that they would meet again.",
     "2001-06-08"),
    # "spent" is a past verb (irregular past forms added): the past Saturday, June 9.
    ("Ivanov, who travels with the president, spent Saturday with the Chinese minister.", "2001-06-09"),
    # What a day is set aside for is to come: the coming Friday, June 15.
    ("The opposition has called another rally for Friday.", "2001-06-15"),
    ("The union has booked the square for Friday.", "2001-06-15"),
])
def test_a_bare_weekday_takes_its_governing_verb_s_tense(text, expected):
    [(_, value)] = [v for v in values(text) if v[0] in ("Friday", "Saturday")]
    assert value == expected


@pytest.mark.parametrize("sentence, date_text", [
    ("Thousands rallied in Kiev on Sunday.", "Sunday"),
    ("The opposition marched through Minsk on Sunday.", "Sunday"),
    ("Students staged a demonstration outside the Rada on Sunday.", "Sunday"),
])
def test_rallies_and_marches_are_protests(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).event_type == "protest"


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # Going somewhere, starting for home, crossing a border, touring: visits.
    ("Kasyanov will go to Tashkent later this month.", "later this month", "visit"),
    ("Voronin goes to Kiev tomorrow.", "tomorrow", "visit"),
    ("Lukashenka starts for home on Friday.", "Friday", "visit"),
    ("The Chinese premier's train crossed the border at Zabaikalsk on Monday.", "Monday", "visit"),
    ("Kuchma spent Monday touring the shipyards of Mykolaiv.", "Monday", "visit"),
    # Welcoming a guest is a meeting; addressing a parliament is a statement.
    ("Kuchma welcomed his guest at the Mariinsky Palace on Monday.", "Monday", "meeting"),
    ("Putin addressed the Polish Sejm on Monday.", "Monday", "statement"),
])
def test_more_travel_and_encounter_words_are_triggers(gazetteer, sentence, date_text, event_type):
    assert one("Igor Ivanov arrived in Cairo. " + sentence, gazetteer, date_text).event_type == event_type


def test_goes_and_starts_look_ahead_for_a_bare_weekday():
    # Present-tense travel verbs of a timetable: the coming Friday (June 15), not the last one.
    assert values("Kuchma goes home on Friday.") == [("Friday", "2001-06-15")]
    assert values("Voronin starts for home on Friday, by train.") == [("Friday", "2001-06-15")]


def test_a_counterpart_after_with_is_no_party_of_an_earlier_date_s_happening(gazetteer):
    # "with Kasyanov" belongs to the same evening's talks, a later date's own happening of the sentence.
    text = ("Kuchma welcomed his guests at the airport on Monday morning, and Voronin held talks with Kasyanov "
            "the same evening.")
    names = [a.name for a in one(text, gazetteer, "Monday morning").actors]
    assert "Mikhail Kasyanov" not in names and "Leonid Kuchma" in names


@pytest.mark.parametrize("text, date_text, country", [
    # A tour or visit of something that is no place took place where the paragraph's last encounter did.
    ("Putin and Kuchma met in Kharkiv on Monday. On Tuesday the Russian president toured a tank factory.",
     "Tuesday", "UA"),
    ("Kasyanov held talks in Minsk on Monday. The next day he visited a tractor plant.", "The next day", "BY"),
])
def test_a_tour_with_no_place_is_where_the_paragraph_s_last_encounter_was(gazetteer, text, date_text, country):
    assert country in one(text, gazetteer, date_text).countries


def test_a_tour_takes_no_place_from_another_paragraph(gazetteer):
    text = "Putin and Kuchma met in Kharkiv on Monday.\n\nOn Tuesday the Russian president toured a tank factory."
    assert "UA" not in one(text, gazetteer, "Tuesday").countries


@pytest.mark.parametrize("sentence, status", [
    # The issue day's happening after a future auxiliary of its clause, however far before the trigger: planned.
    ("Kasyanov flew on to Kiev last night; he is to lay a wreath and meet Kuchma today.", "planned"),
    ("Voronin will tour the port and then meet Kuchma today.", "planned"),
])
def test_a_future_auxiliary_of_the_clause_makes_the_issue_day_planned(gazetteer, sentence, status):
    assert one(sentence, gazetteer, "today").status == status


@pytest.mark.parametrize("text, date_text", [
    # A clause naming its parties by state name only ("that Indonesia shelved", "signed by Washington and
    # Tashkent") acts as states: no person of the sentence takes part by name.
    ("Shihab wants to revive the purchase of fighters that Indonesia shelved in 1997.", "1997"),
    ("Powell saw Karimov at the base, which is used under the accord Washington and Tashkent signed on "
     "October 12.", "October 12"),
])
def test_a_clause_naming_states_by_name_takes_no_person(gazetteer, text, date_text):
    assert one(text, gazetteer, date_text).actors == []


def test_a_clause_naming_a_state_s_officials_keeps_its_people(gazetteer):
    # By a demonym ("Russian and Uzbek officials"), the sentence's people of those states stay.
    text = "Talks between Russian and Uzbek officials on Monday prepared Kasyanov's visit."
    assert "Mikhail Kasyanov" in [a.name for a in one(text, gazetteer, "Monday").actors]


@pytest.mark.parametrize("text, date_text, absent", [
    # "after"/"before" opening a clause of its own (a subject and a finite verb) tells another happening: its
    # people are not the date's, even as the visited country's hosts.
    ("Kasyanov arrived in Minsk on Friday, shortly after Belarusian President Alyaksandr Lukashenka agreed to the "
     "gas terms.", "Friday", "Alyaksandr Lukashenka"),
    ("Igor Ivanov flew into Kiev on Monday, two days before Ukrainian President Leonid Kuchma had left for Brussels.",
     "Monday", "Leonid Kuchma"),
])
def test_a_subordinate_after_clause_s_people_are_not_the_date_s(gazetteer, text, date_text, absent):
    assert absent not in [a.name for a in one(text, gazetteer, date_text).actors]


def test_after_a_phrase_of_the_same_happening_keeps_its_people(gazetteer):
    # "after talks with Lukashenka" is no clause: Lukashenka is the visit's host.
    text = "Kasyanov left Minsk on Friday after talks with Belarusian President Alyaksandr Lukashenka."
    assert "Alyaksandr Lukashenka" in [a.name for a in one(text, gazetteer, "Friday").actors]
