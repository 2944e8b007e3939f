"""Issue 11, fifteenth round (ppl23): people the finder missed or resolved wrongly. A person after a lowercase title
with a possessive determiner ("its vice chairman, X,"), a title's posting before the comma ("its ambassador in
Tokyo, X,"), "the speaker", "his guest" as the visitor the host was told with, a subject after an adverbial of place,
"the host, X," in apposition, and "him" in a coordinate clause. Every sentence is written for this test."""
import datetime

from events.extraction.entities import find_actors, find_entities

DAY = datetime.date(2001, 6, 1)


def actors(text, gazetteer, day=DAY):
    return [(m.text, m.ref.name) for m in find_entities(text, day, gazetteer).actors]


def test_a_lowercase_title_after_a_possessive_determiner_introduces_the_person(gazetteer):
    found = [(m.text, m.ref.known) for m in find_actors(
        "A trade delegation led by its vice chairman, Oum Jae-sook, is in Moscow this week.", DAY, gazetteer)]
    assert ("Oum Jae-sook", False) in found
    found = [m.text for m in find_actors("The premier's spokesman, Karl-Otto Brenner, said nothing new.", DAY,
                                         gazetteer)]
    assert found == ["Karl-Otto Brenner"]


def test_a_possessive_determiner_before_a_verb_makes_no_person(gazetteer):
    assert find_actors("Its chairman said, Tuesday Morning, that talks went well.", DAY, gazetteer) == []


def test_a_titles_posting_before_the_comma_gives_the_person_no_state_of_that_place(gazetteer):
    found = find_actors("Seoul recalled its ambassador in Minsk, Yoo Jae-kwon, for consultations.", DAY, gazetteer)
    assert [(m.text, m.ref.country) for m in found] == [("Yoo Jae-kwon", None)]


def test_the_speaker_stands_for_the_parliaments_chair_named_before(gazetteer):
    found = actors("State Duma Speaker Gennady Seleznyov arrived in Minsk on Monday. The speaker flies home "
                   "tomorrow.", gazetteer)
    assert ("The speaker", "Gennady Seleznyov") in found


def test_his_guest_is_the_visitor_named_with_the_host_not_a_leader_named_since(gazetteer):
    found = actors("Cuba's foreign minister, Felipe Pérez Roque, held talks with Igor Ivanov on Tuesday. The visit "
                   "had been prepared by an aide who saw Fidel Castro in Havana. On Wednesday Ivanov and his guest "
                   "signed a protocol.", gazetteer)
    assert ("his guest", "Felipe Perez Roque") in found


def test_a_name_after_an_adverbial_of_place_is_the_subject_a_pronoun_continues(gazetteer):
    found = actors("Igor Ivanov met Koizumi in Shanghai. Yesterday, back in Tokyo, Koizumi said that he hoped to "
                   "visit Moscow.", gazetteer)
    assert ("he", "Junichiro Koizumi") in found


def test_the_host_in_apposition_to_a_name_is_that_name_only(gazetteer):
    found = actors("Vietnam's defense minister, Pham Van Tra, arrived in Moscow on Monday. Afterwards the host, "
                   "Sergei Ivanov, spoke to reporters.", gazetteer)
    assert [name for text, name in found if text.startswith("the host")] == []
    assert ("Sergei Ivanov", "Sergei Ivanov") in found


def test_him_in_a_coordinate_clause_is_the_subject_of_the_clause_before(gazetteer):
    found = actors("Viktor Khristenko met Costas Simitis in Athens. Simitis accepted an invitation to Moscow, and "
                   "Greek officials expect him there in the spring.", gazetteer)
    assert ("him", "Costas Simitis") in found


def test_a_hyphenated_given_name_opening_with_a_given_name_makes_a_person(gazetteer):
    found = [(m.text, m.ref.known) for m in find_actors(
        "A committee delegation led by Hans-Georg Wendler arrives on Friday.", DAY, gazetteer)]
    assert found == [("Hans-Georg Wendler", False)]
    assert find_actors("The Nord-Ostsee Canal was closed.", DAY, gazetteer) == []


def test_a_new_holder_after_a_states_possessive_is_that_states_person(gazetteer):
    found = find_actors("Norway's new ambassador in Moscow, Sir Oddvar Brekke, presented his credentials.", DAY,
                        gazetteer)
    assert [(m.text, m.ref.country) for m in found] == [("Oddvar Brekke", "NO")]


def test_a_title_after_a_persons_possessive_and_a_comma_introduces_the_person(gazetteer):
    found = [m.text for m in find_actors("Vajpayee's national security adviser, Sunil Mehrotra, held talks in "
                                         "Moscow.", DAY, gazetteer)]
    assert "Sunil Mehrotra" in found


def test_an_agentless_reception_in_the_kremlin_is_the_russian_presidents(gazetteer):
    found = actors("Ukraine's prime minister arrived on Monday, and the next day the guest was received in the "
                   "Kremlin.", gazetteer)
    assert ("Kremlin", "Vladimir Putin") in found
    found = actors("The guest was received in the Kremlin by Foreign Minister Igor Ivanov.", gazetteer)
    assert ("Kremlin", "Vladimir Putin") not in found
