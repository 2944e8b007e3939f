"""Round 12, second half (ppl20): who an event has, on sentences written for these tests; the people are the
gazetteer's or invented."""
import datetime

from events.extraction.entities import find_entities
from events.extraction.pipeline import extract_article

FEB = datetime.date(2001, 2, 16)  # Igor Ivanov foreign minister, Sergei Ivanov secretary of the Security Council


def actors_of(text, date_text, gazetteer, day=FEB):
    [mention] = [m for m in extract_article(text, day, gazetteer) if m.date_text == date_text]
    return sorted(a.name for a in mention.actors)


def test_an_organs_spokesman_with_a_possessive_is_named(gazetteer):
    # "the Foreign Ministry's spokesman, X,": an invented spokesman, introduced as "the trade minister, X" is.
    text = "In Tehran on Sunday the Foreign Ministry's spokesman, Hamid Reza Dastani, dismissed the complaints."
    assert actors_of(text, "Sunday", gazetteer) == ["Hamid Reza Dastani"]


def test_a_spokesman_sharing_a_leaders_surname_is_not_the_leader(gazetteer):
    # "Zhu" alone is Zhu Rongji; "Zhu Wenhao" after the title is another man.
    text = "In Beijing on Tuesday the Foreign Ministry's spokesman, Zhu Wenhao, said the visit was routine."
    assert actors_of(text, "Tuesday", gazetteer) == ["Zhu Wenhao"]


def test_a_description_in_apposition_describes_the_name_before_it(gazetteer):
    # "the minister for atomic energy" right after Rumyantsev is Rumyantsev, not the minister named before.
    text = ("Kamal Kharrazi spent four hours with Igor Ivanov on Monday. "
            "Aleksandr Rumyantsev, the minister for atomic energy, is to go to Tehran next month.")
    assert actors_of(text, "next month", gazetteer, datetime.date(2001, 10, 2)) == ["Aleksandr Rumyantsev"]


def test_the_minister_after_a_comma_but_no_name_still_finds_its_antecedent(gazetteer):
    # Control: a comma after a date, not a name, before "the minister": he is the minister named before.
    text = ("Igor Ivanov arrived in Hanoi on Monday. "
            "On Tuesday, the minister signed a protocol on the Cam Ranh base.")
    assert actors_of(text, "Tuesday", gazetteer, datetime.date(2001, 7, 25)) == ["Igor Ivanov"]


def test_a_title_in_apposition_does_not_make_a_shared_surname_the_topic(gazetteer):
    # Igor Ivanov is named twice, Sergei Ivanov once (his title after the comma is the same mention): a bare
    # "Ivanov" far from both is the article's Ivanov, Igor.
    filler = "The two sides also went over the old Soviet debt at length and with no result. " * 5
    text = ("Joschka Fischer held talks with Igor Ivanov on Tuesday. The talks with Ivanov covered the Balkans. "
            "Sergei Ivanov, the secretary of the Security Council, had spoken in Munich on February 3. " + filler +
            "A spokesman said that Ivanov would come to Berlin in May.")
    assert actors_of(text, "May", gazetteer) == ["Igor Ivanov"]


def people_named(text, gazetteer, day=datetime.date(2001, 4, 12)):
    return sorted({m.ref.name for m in find_entities(text, day, gazetteer).actors})


def test_a_portfolio_word_between_the_state_and_minister_keeps_the_comma_name(gazetteer):
    # "South Korea's finance minister, X": the portfolio word does not hide the state; the invented minister is named.
    text = "Viktor Khristenko flies on to Seoul tomorrow for talks with South Korea's finance minister, Jin Taewon."
    assert people_named(text, gazetteer) == ["Jin Taewon", "Viktor Khristenko"]


def test_a_lowercase_word_that_is_no_portfolio_still_hides_the_comma_name(gazetteer):
    # Control: "young" is no portfolio; the name after the comma is not taken for the minister.
    text = "Viktor Khristenko flies on to Seoul tomorrow for talks with South Korea's young minister, Jin Taewon."
    assert people_named(text, gazetteer) == ["Viktor Khristenko"]


def test_the_inviter_is_no_party_to_the_visit_he_invites_to(gazetteer):
    text = ("The ambassador said on Friday that Jacques Chirac had invited Vladimir Putin to pay a state visit to "
            "France before the end of the year.")
    assert actors_of(text, "the end of the year", gazetteer, datetime.date(2001, 10, 8)) == ["Vladimir Putin"]


def test_the_inviter_of_a_possessive_invitation_is_no_party_either(gazetteer):
    text = "Gerhard Schroeder's invitation to Putin to visit Hanover again next year still stands."
    assert actors_of(text, "next year", gazetteer, datetime.date(2001, 10, 8)) == ["Vladimir Putin"]


def test_a_host_who_invites_to_his_own_place_with_no_visit_verb_stays(gazetteer):
    # Control: "invited him to his ranch" names no verb of coming; the host receives him there.
    text = ("Vladimir Putin is expected in the United States. George W. Bush has invited him to his ranch in Texas "
            "in November.")
    names = actors_of(text, "November", gazetteer, datetime.date(2001, 7, 27))
    assert "George W. Bush" in names


def test_a_later_clause_opening_on_the_two_ministers_and_their_names_keeps_its_people(gazetteer):
    # ", and the two foreign ministers, A and B, meet ...": a later happening's subject, not the first event's.
    text = ("Leonid Kuchma is to attend the CIS summit in Moscow in late November, and the two foreign ministers, "
            "Igor Ivanov and Anatoly Zlenko, meet in Kharkiv in mid-September.")
    day = datetime.date(2001, 8, 27)
    assert actors_of(text, "late November", gazetteer, day) == ["Leonid Kuchma"]
    assert actors_of(text, "mid-September", gazetteer, day) == ["Anatoliy Zlenko", "Igor Ivanov"]
