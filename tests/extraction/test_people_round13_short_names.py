"""Issue 11, thirteenth round, second half (people): a person named in full is later called by the short form the
news of his country uses: the paternal surname of a Spanish double surname ("Luis Ortega Varela" -> "Ortega"), the
last word of a Vietnamese name written with its diacritics ("Nguyễn Mạnh Cầm" -> "Cầm"). Every sentence is
written for this test."""
import datetime

from events.extraction.entities import find_actors


def people(text, gazetteer, day):
    return [(m.text, m.ref.name) for m in find_actors(text, datetime.date.fromisoformat(day), gazetteer)]


def test_the_paternal_surname_of_a_double_surname_names_the_person_alone(gazetteer):
    found = people("Trade Minister Luis Ortega Varela came to Moscow on Monday. Ortega met the prime minister's "
                   "deputy the next day.", gazetteer, "2000-10-01")
    assert ("Ortega", found[0][1]) in found
    assert found[0][1].endswith("Ortega Varela")


def test_a_given_name_in_the_middle_is_not_taken_for_a_surname(gazetteer):
    found = people("Ambassador Peter Paul Brandt arrived in Riga. Paul said nothing.", gazetteer, "2000-10-01")
    assert [text for text, _ in found if text == "Paul"] == []


def test_a_vietnamese_name_written_with_diacritics_is_called_by_its_last_word(gazetteer):
    found = people("Deputy Prime Minister Nguyễn Mạnh Cầm flew to Moscow. Igor Ivanov met Cầm on Monday.",
                   gazetteer, "2000-09-26")
    assert ("Cầm", "Nguyen Manh Cam") in found
    assert ("Cam", "Nguyen Manh Cam") not in people("The fleet left Cam Ranh Bay.", gazetteer, "2000-09-26")
