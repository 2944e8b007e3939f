"""Issue 11, fifteenth round (people attached to the wrong event): a later clause's counterpart is its own ("On
Tuesday she met A, and yesterday the visitor was received by B"; "..., his counterpart, A, and yesterday he was
received by B"; "received by A, and the same afternoon by B"), a person in a relative clause is no agent ("Z, who came
with the premier, is to see B today"), and a reception with no receiver takes the host the next sentence opens on
("the guest was received in the Kremlin. President X told the visitor ..."). Every sentence is written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 6, 12)  # a Tuesday


def test_a_later_clause_with_its_own_subject_takes_its_own_counterpart(gazetteer):
    text = ("Indian Foreign Secretary Chokila Iyer arrived in Moscow on Sunday. On Monday she held consultations with "
            "First Deputy Foreign Minister Vyacheslav Trubnikov, and yesterday the visitor was received by Foreign "
            "Minister Igor Ivanov.")
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Chokila Iyer", "Igor Ivanov"}


def test_a_clause_opening_after_a_names_apposition_is_its_own(gazetteer):
    text = ("Foreign Minister Han Seung-soo arrived in Moscow on Sunday evening. On Monday the visitor held talks "
            "with his counterpart, Igor Ivanov, and yesterday he was received by Prime Minister Mikhail Kasyanov.")
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Han Seung-soo", "Mikhail Kasyanov"}
    assert actors_of(text, DAY, "Monday", gazetteer) == {"Han Seung-soo", "Igor Ivanov"}


def test_a_list_after_a_names_apposition_stays_one_object(gazetteer):
    text = ("On Monday Han Seung-soo held talks with his counterpart, Igor Ivanov, and Defense Minister Sergei "
            "Ivanov.")
    assert actors_of(text, DAY, "Monday", gazetteer) == {"Han Seung-soo", "Igor Ivanov", "Sergei Ivanov"}


def test_a_gapped_receiver_after_comma_and_is_the_later_dates_alone(gazetteer):
    text = ("General Pham Van Tra arrived in Moscow on Sunday. Yesterday the guest was received by Prime Minister "
            "Mikhail Kasyanov, and the same afternoon by Deputy Prime Minister Ilya Klebanov.")
    assert actors_of(text, DAY, "the same afternoon", gazetteer) == {"Pham Van Tra", "Ilya Klebanov"}
    assert actors_of(text, DAY, "Yesterday", gazetteer) == {"Pham Van Tra", "Mikhail Kasyanov"}


def test_a_person_in_the_subjects_relative_clause_is_no_party(gazetteer):
    text = ("Prime Minister Anatoly Kinakh held talks with Mikhail Kasyanov on Monday. Foreign Minister Anatoliy "
            "Zlenko, who came with the premier, stayed behind and is to see Igor Ivanov today.")
    assert actors_of(text, DAY, "today", gazetteer) == {"Anatoliy Zlenko", "Igor Ivanov"}


def test_the_host_of_a_reception_is_the_next_sentences_speaker_to_the_guest(gazetteer):
    text = ("Prime Minister Anatoly Kinakh held talks with Mikhail Kasyanov on Monday. Yesterday the guest was "
            "received in the Kremlin (UNIAN, June 11-12). President Vladimir Putin, who had telephoned Leonid Kuchma "
            "on Saturday, told the visitor that Moscow would wait.")
    assert actors_of(text, DAY, "Yesterday", gazetteer) == {"Anatoliy Kinakh", "Vladimir Putin"}


def test_a_reception_by_a_named_receiver_takes_no_host_from_the_next_sentence(gazetteer):
    text = ("Prime Minister Anatoly Kinakh was received in the Kremlin by Vladimir Putin yesterday. Foreign "
            "Minister Igor Ivanov told the visitor that Moscow would wait.")
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Anatoliy Kinakh", "Vladimir Putin"}
