"""Issue 11, seventh round (part14): which states take part in an event. Sentences written for this test; DAY is
Tuesday, June 12, 2001 (tests/extraction/_one_mention.py). The archive's home state is Russia
(event_rules.json home_state)."""
import pytest

from tests.extraction._one_mention import one


@pytest.mark.parametrize("text, date_text, expected", [
    # A meeting has two sides; its clause names only the place (Slovenia). The home state is named in the
    # sentence by the reporting officials' adjective: the other side.
    ("Russian defense officials said that a joint commission would meet in Ljubljana next month to settle the "
     "debt for the helicopters.", "next month", {"SI", "RU"}),
    # The two sides named in an apposition before the clause's verb: Greece by its capital, Russia only there.
    ("Experts of the two defense ministries, Russian and Greek, will meet in Athens next week to agree on the "
     "price of the missiles.", "next week", {"GR", "RU"}),
    # An agreement (two-sided) told as a statement's content: its place is Turkey's, the signer is the Russian
    # consortium of the main clause.
    ("The Russian consortium said on Friday that it expected to sign the pipeline contract in Ankara in "
     "September.", "September", {"TR", "RU"}),
])
def test_a_two_sided_happening_takes_the_home_state_the_sentence_names(text, date_text, expected, gazetteer):
    assert set(one(text, gazetteer, date_text).countries) == expected


def test_a_journey_home_meets_no_other_side(gazetteer):
    # "flies home": the Latvian premier returns to his own state; the Russian proposal he praised is no party.
    text = "The Latvian premier, who flies home tonight, praised the Russian proposal on the border."
    assert one(text, gazetteer, "tonight").countries == ["LV"]


# Coordinated main clauses (attachment_coordinates.py): ", and <a subject of its own> <finite verb>" opens another
# happening's clause; its people are not the first clause's parties, and the first clause's not its.
def test_a_host_named_in_the_next_coordinated_clause_is_no_party(gazetteer):
    # Kwasniewski is Polish and the visit is to Gdansk (a host by the visit rule), but he is the subject of the
    # second clause ("was told"), which has no date: the March visit is Schroeder's alone.
    text = ("Chancellor Schroeder toured the shipyard during his visit to Gdansk last March, and Polish President "
            "Kwasniewski was told that the orders would continue.")
    assert [ref.name for ref in one(text, gazetteer, "last March").actors] == ["Gerhard Schroeder"]


def test_a_person_of_the_first_clause_is_no_party_of_the_second(gazetteer):
    # The ambassador was summoned yesterday (first clause); next week's expulsion is told by Russian officials in
    # the second clause: he takes no part in it.
    text = ("The Polish ambassador, Stefan Kowalski, was called to the ministry yesterday, and Russian officials said "
            "that two Polish diplomats would be asked to leave next week.")
    assert one(text, gazetteer, "next week").actors == []


@pytest.mark.parametrize("text, date_text, expected", [
    # An object pronoun of the second clause points back to the first clause's person: Ivanov stays.
    ("Igor Ivanov landed in Hanoi on Sunday evening, and the Vietnamese prime minister received him the next "
     "morning.", "the next morning", "Igor Ivanov"),
    # A second clause naming no one, whose happening is a definite noun ("the trip"), tells the first clause's
    # happening: Putin's.
    ("Putin accepted an invitation to visit Argentina, and officials in Buenos Aires said the trip would take place "
     "in the autumn.", "the autumn", "Vladimir Putin"),
    # ", and" between two noun phrases (no verb before it) joins two subjects of one verb: both meet.
    ("The commander of the Baltic Fleet, Admiral Vladimir Valuyev, and the Polish navy chief, Admiral Ryszard "
     "Lukasik, will meet in Gdynia next month.", "next month", "Vladimir Valuyev"),
])
def test_the_first_clauses_people_stay_where_the_second_points_back(text, date_text, expected, gazetteer):
    assert expected in [ref.name for ref in one(text, gazetteer, date_text).actors]


@pytest.mark.parametrize("text, date_text, expected", [
    # An arrival naming no destination, in a relative clause: the one other state of the sentence (Germany, by
    # its chancellor in the main clause) is where the Russian minister arrived.
    ("The Russian foreign minister, who flew in on Monday night, spent the following morning with Chancellor "
     "Schroeder at his lakeside residence.", "Monday night", ["RU", "DE"]),
    # The host named only by his state's adjective, after the clause.
    ("Kasyanov, who landed at the island's small airport on Friday, was the guest of the Maltese prime minister "
     "for two days.", "Friday", ["RU", "MT"]),
    # The host named in a later relative clause of the same stretch of the sentence.
    ("Putin arrived at the ranch on Saturday evening, in time for a barbecue at which his Texan host, George W. "
     "Bush, did the cooking.", "Saturday evening", ["RU", "US"]),
])
def test_a_two_sided_happening_of_the_home_state_takes_the_one_other_state_of_its_stretch(
        text, date_text, expected, gazetteer):
    assert one(text, gazetteer, date_text).countries == expected


def test_no_other_side_across_a_semicolon(gazetteer):
    # The Lithuanian is another happening's (after the semicolon): Kasyanov's arrival keeps Russia alone.
    text = ("Kasyanov flew in on Friday; the Lithuanian president is to follow next spring.")
    assert one(text, gazetteer, "Friday").countries == ["RU"]


# What a reporting verb reports (after its "that") has for parties only the people it names: the speaker reports it.
def test_the_speaker_is_no_party_of_what_his_state_will_do(gazetteer):
    # "his government would send a delegation": the government acts; the minister only says so.
    text = "The Latvian foreign minister said on Friday that his government would send a delegation to Minsk in early March."
    assert one(text, gazetteer, "early March").actors == []


def test_the_speaker_named_in_the_content_stays(gazetteer):
    # "he would fly": the speaker himself is the traveller.
    text = "The Kazakh premier said yesterday that he would fly to Beijing next week."
    assert [ref.country for ref in one(text, gazetteer, "next week").actors] == ["KZ"]


@pytest.mark.parametrize("text, date_text, expected", [
    # A state named as what a body or talk is about is no party: Afghanistan is the commission's subject.
    ("The Uzbek and Russian defense ministers met in Tashkent on Tuesday and agreed to set up a joint commission "
     "on Afghanistan.", "Tuesday", ["UZ", "RU"]),
    ("The Chinese envoy held talks about Iraq with Igor Ivanov in Moscow on Friday.", "Friday", ["CN", "RU"]),
    # "sanctions on Libya": "on" after no noun of talk names the state acted upon, a party.
    ("Moscow called on Thursday for an end to the sanctions on Libya.", "Thursday", ["RU", "LY"]),
])
def test_a_state_named_as_a_topic_is_no_party(text, date_text, expected, gazetteer):
    assert one(text, gazetteer, date_text).countries == expected


def test_the_people_of_a_list_take_part_together(gazetteer):
    # "A, B and C, had met": one list of names, the subject of "met"; the rules found two of the three.
    text = ("Their defense ministers, Alain Richard, Rudolf Scharping and Igor Sergeev, had already met that morning "
            "in Brussels.")
    mention = one(text, gazetteer, "that morning")
    assert {"Alain Richard", "Rudolf Scharping", "Igor Sergeev"} <= {ref.name for ref in mention.actors}
    assert {"FR", "DE", "RU"} <= set(mention.countries)


def test_a_relative_clause_after_a_list_is_its_last_names_alone(gazetteer):
    # ", who last came to Moscow this past December" is the foreign minister's, not the president's.
    text = ("Ivanov is to see President Thabo Mbeki and Foreign Minister Nkosazana Dlamini-Zuma, who last came to "
            "Moscow this past December.")
    assert [ref.name for ref in one(text, gazetteer, "this past December").actors] == ["Nkosazana Dlamini-Zuma"]
