"""Issue 11, fourteenth round (people): one subject's predicates in a row, each with a date of its own. A later
predicate ("and returns to Moscow on Friday", "and on Friday was received by X", "and yesterday saw Y") shares the
subject and keeps its own people; a counterpart of a neighbouring predicate ("for talks with Z") is not its. Every
sentence is written for this test."""
import datetime

from tests.extraction._one_mention import actors_of

DAY = datetime.date(2001, 6, 12)  # a Tuesday


def test_a_return_after_talks_elsewhere_is_the_travellers_alone(gazetteer):
    text = ("Foreign Minister Igor Ivanov flies to Beijing tomorrow for talks with Foreign Minister Tang Jiaxuan, "
            "and returns to Moscow on Friday.")
    assert actors_of(text, DAY, "Friday", gazetteer) == {"Igor Ivanov"}
    assert actors_of(text, DAY, "tomorrow", gazetteer) == {"Igor Ivanov", "Tang Jiaxuan"}


def test_a_return_without_a_comma_is_the_travellers_alone(gazetteer):
    text = ("Colin Powell flies to Ankara tonight for talks with Foreign Minister Ismail Cem and returns to "
            "Washington on Saturday.")
    assert actors_of(text, DAY, "Saturday", gazetteer) == {"Colin Powell"}


def test_a_later_duty_of_the_same_subject_leaves_the_earlier_counterpart(gazetteer):
    text = ("Joschka Fischer flew from Moscow to Kyiv on Monday afternoon for talks with President Leonid Kuchma "
            "and is to report to the Union's foreign ministers in Luxembourg next Monday.")
    assert actors_of(text, DAY, "next Monday", gazetteer) == {"Joschka Fischer"}


def test_a_date_right_after_and_opens_the_subjects_next_predicate(gazetteer):
    text = ("Joschka Fischer held talks with Foreign Minister Igor Ivanov on Thursday and on Friday was received "
            "in the Kremlin by President Vladimir Putin.")
    assert actors_of(text, DAY, "Friday", gazetteer) == {"Joschka Fischer", "Vladimir Putin"}


def test_the_last_of_a_series_of_predicates_keeps_the_subject(gazetteer):
    text = ("Tang Jiaxuan arrived on Sunday, held talks with Igor Ivanov on Monday, and yesterday saw Prime "
            "Minister Mikhail Kasyanov.")
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Tang Jiaxuan", "Mikhail Kasyanov"}


def test_a_date_after_and_before_a_new_subject_is_no_predicate_of_the_first(gazetteer):
    text = "Igor Ivanov met Tang Jiaxuan on Monday, and yesterday Kasyanov received Colin Powell."
    assert "Igor Ivanov" not in actors_of(text, DAY, "yesterday", gazetteer)


def test_a_speech_still_ahead_is_dated_when_the_next_predicate_is_a_journey(gazetteer):
    from tests.extraction._one_mention import one
    text = "Vladimir Putin is to speak to the nation this evening on the budget, and leaves tomorrow for Rome."
    assert one(text, gazetteer, "this evening").event_type == "statement"
    assert actors_of(text, DAY, "this evening", gazetteer) == {"Vladimir Putin"}


def test_the_host_of_a_visit_told_by_when_is_the_main_clauses_person_of_the_visited_state(gazetteer):
    text = "Jiang Zemin raised the pipeline when Putin came to Beijing in July, and experts have met twice since."
    assert actors_of(text, DAY, "July", gazetteer) == {"Vladimir Putin", "Jiang Zemin"}


def test_a_person_of_an_earlier_predicate_is_no_host_of_the_when_visit(gazetteer):
    text = ("Igor Ivanov saw Jaswant Singh on Monday and spoke of a declaration to be signed when Putin goes to "
            "India in October.")
    assert actors_of(text, DAY, "October", gazetteer) == {"Vladimir Putin"}


def test_a_departure_participle_is_the_subjects_alone(gazetteer):
    text = ("Tang Jiaxuan leaves for Kyiv tomorrow, where he is to meet Foreign Minister Anatoly Zlenko, before "
            "flying home on Friday.")
    assert actors_of(text, DAY, "Friday", gazetteer) == {"Tang Jiaxuan"}


def test_two_names_in_apposition_before_a_semicolon_are_the_nouns_and_the_events(gazetteer):
    text = ("On Monday Tang Jiaxuan held talks with the speakers of both houses of the Russian parliament, "
            "Gennady Seleznyov and Yegor Stroyev; he flies home tomorrow.")
    assert actors_of(text, DAY, "Monday", gazetteer) == {"Tang Jiaxuan", "Gennady Seleznyov", "Yegor Stroev"}


def test_a_name_in_apposition_before_the_sources_is_the_events(gazetteer):
    text = ("Tang Jiaxuan arrived on Sunday and yesterday saw Deputy Prime Minister Viktor Khristenko and the "
            "railways minister, Nikolai Aksyonenko (Itar-Tass, Xinhua, June 10-11).")
    assert actors_of(text, DAY, "yesterday", gazetteer) == {"Tang Jiaxuan", "Viktor Khristenko",
                                                            "Nikolai Aksyonenko"}


def test_a_persons_secretary_acts_for_him_and_he_takes_no_part(gazetteer):
    text = ("Indian Prime Minister Atal Bihari Vajpayee is to visit Moscow in November. Brajesh Mishra, the Indian "
            "prime minister's principal secretary, arrived in Moscow on Monday.")
    assert actors_of(text, DAY, "Monday", gazetteer) == {"Brajesh Mishra"}


def test_a_list_goes_on_after_a_described_name(gazetteer):
    text = ("On Monday Tang Jiaxuan saw Vladimir Rushailo, the secretary of the Security Council, and Prime Minister "
            "Mikhail Kasyanov; he flies home tomorrow.")
    assert actors_of(text, DAY, "Monday", gazetteer) == {"Tang Jiaxuan", "Vladimir Rushailo", "Mikhail Kasyanov"}
