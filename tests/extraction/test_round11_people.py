"""People named by a role, not a name (eleventh round): "the Russian guest", "the Iranian visitor" stand for the
person of that state the article named before. Sentences written for these tests; the people are the gazetteer's."""
import datetime

from events.extraction.entities import find_entities
from events.extraction.pipeline import extract_article

DAY = datetime.date(2001, 4, 30)  # a Monday


def mentions(text, gazetteer, day=DAY):
    return [(m.text, m.ref.name) for m in find_entities(text, day, gazetteer).actors]


def test_the_russian_guest_is_the_russian_named_before_not_his_host(gazetteer):
    text = ("Igor Sergeyev arrived in Tehran on Tuesday. The same day President Mohammad Khatami received the Russian "
            "guest and spoke of trade.")
    assert ("the Russian guest", "Igor Sergeev") in mentions(text, gazetteer)
    [meeting] = [e for e in extract_article(text, DAY, gazetteer) if e.date_text == "The same day"]
    assert {a.name for a in meeting.actors} >= {"Mohammad Khatami", "Igor Sergeev"}


def test_the_demonym_picks_the_person_of_its_state_over_one_named_later(gazetteer):
    # Kasyanov is named last, but the Iranian guest is Kharrazi.
    text = ("Kamal Kharrazi flew into Moscow on Monday and saw Mikhail Kasyanov. On Tuesday the Iranian guest "
            "toured a plant.")
    found = mentions(text, gazetteer)
    assert ("the Iranian guest", "Kamal Kharrazi") in found
    assert ("the Iranian guest", "Mikhail Kasyanov") not in found


def test_a_two_word_demonym_and_the_visitor(gazetteer):
    text = "Vladimir Putin flew to Pyongyang on Tuesday. Kim Jong Il met the Russian visitor at the station."
    assert ("the Russian visitor", "Vladimir Putin") in mentions(text, gazetteer)
    text = "Kim Jong Il came to Moscow on Tuesday. The next day Putin saw the North Korean guest off."
    assert ("the North Korean guest", "Kim Jong-il") in mentions(text, gazetteer)


def test_a_word_naming_no_state_or_nobody_of_that_state_resolves_nothing(gazetteer):
    text = "Jiang Zemin arrived in Moscow on Tuesday. The Kremlin guest toured a plant."
    assert not [m for m in mentions(text, gazetteer) if "guest" in m[0]]
    text = "Jiang Zemin arrived in Moscow on Tuesday. The Indian guest toured a plant."
    assert not [m for m in mentions(text, gazetteer) if "guest" in m[0]]


def test_the_president_is_not_a_vice_president_named_before(gazetteer):
    # Hu Jintao was China's vice-president in 2001: "the president" who received him is Moscow's.
    text = "Hu Jintao arrived in Moscow on Sunday. On Monday the president received him in the Kremlin."
    found = mentions(text, gazetteer)
    assert ("the president", "Hu Jintao") not in found
    assert ("the president", "Vladimir Putin") in found
    # A deputy prime minister is no "prime minister" either.
    text = "Ilya Klebanov flew to Tehran on Sunday. The prime minister stayed in Moscow."
    assert ("The prime minister", "Ilya Klebanov") not in mentions(text, gazetteer)


def test_the_marshal_is_the_person_the_article_named_after_that_rank(gazetteer):
    text = ("North Korea's defense minister, Marshal Kim Il Chol, flew into Moscow on Tuesday. Sergei Ivanov met him "
            "at the airport. The marshal toured a tank school on Wednesday.")
    assert ("The marshal", "Kim Il-chol") in mentions(text, gazetteer)
    [tour] = [e for e in extract_article(text, DAY, gazetteer) if e.date_text == "Wednesday"]
    assert "Kim Il-chol" in {a.name for a in tour.actors}


def test_the_marshal_resolves_nothing_when_no_one_was_given_that_rank(gazetteer):
    text = "Defense Minister Kim Il Chol flew into Moscow on Tuesday. The marshal toured a tank school on Wednesday."
    assert not [m for m in mentions(text, gazetteer) if m[0] == "The marshal"]


def test_the_guest_of_a_sentence_naming_no_one_is_the_visitor_who_arrived(gazetteer):
    # Igor Ivanov is named last (and "he" is no name yet), but the guest is Singh, who arrived.
    text = ("Jaswant Singh arrived on Sunday night. On Monday he and Foreign Minister Igor Ivanov signed a protocol. "
            "The next morning the guest crossed town to the Defense Ministry.")
    found = mentions(text, gazetteer)
    assert ("the guest", "Jaswant Singh") in found
    assert ("the guest", "Igor Ivanov") not in found


def test_with_no_arrival_told_the_guest_is_still_the_last_subject(gazetteer):
    text = "Jiang Zemin was met at the airport by Vladimir Putin. In the Kremlin the visitor was shown the throne room."
    assert ("the visitor", "Jiang Zemin") in mentions(text, gazetteer)


def test_the_visitor_is_the_envoy_who_was_sent_not_his_principal(gazetteer):
    # Bush is the first subject of the sentence before, but the one who came is the envoy he sent.
    text = ("Vladimir Putin spoke to George W. Bush on Monday, and Richard Armitage was sent to Moscow to explain the "
            "plan. On Friday the visitor held talks with Georgy Mamedov.")
    found = mentions(text, gazetteer)
    assert ("the visitor", "Richard Armitage") in found
    assert ("the visitor", "George W. Bush") not in found


def test_the_guest_is_the_one_who_travelled_to_the_capital(gazetteer):
    text = ("Jiang Zemin telephoned Vladimir Putin on Sunday, and Tang Jiaxuan travelled to Moscow the next day. "
            "On Tuesday the guest toured a plant.")
    assert ("the guest", "Tang Jiaxuan") in mentions(text, gazetteer)


def test_the_guest_is_the_visitor_whose_arrival_follows_his_apposition(gazetteer):
    # Sergei Ivanov is the last subject, but the guest is the minister named in apposition who arrived.
    text = ("Vietnam's defense minister, General Pham Van Tra, arrived in Moscow on Monday. On Tuesday the host, "
            "Sergei Ivanov, spoke to reporters. Yesterday the guest was received by Mikhail Kasyanov.")
    found = mentions(text, gazetteer)
    assert ("the guest", "Pham Van Tra") in found
    assert ("the guest", "Sergei Ivanov") not in found
