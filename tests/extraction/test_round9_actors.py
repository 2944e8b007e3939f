"""Issue 11, ninth round (att16): which people an event takes. Sentences written for this test; DAY is Tuesday,
June 12, 2001 (tests/extraction/_one_mention.py)."""
import pytest

from tests.extraction._one_mention import one


def names(mention):
    return sorted(ref.name for ref in mention.actors)


# A possessed happening noun dated inside its own noun phrase ("X's visit to Y in May": attachment_coordinates.
# owned_happening_actors): the owner's, not the parties of the verb the phrase hangs on.
def test_a_possessed_visit_dated_in_its_phrase_is_the_owners(gazetteer):
    text = ("Vladimir Putin and Gerhard Schroeder talked for two hours yesterday, their first meeting since Putin's "
            "visit to Kyiv in April.")
    assert names(one(text, gazetteer, "April")) == ["Vladimir Putin"]


def test_a_possessed_visits_host_stays(gazetteer):
    # Kuchma is of the state visited: the visit's host, wherever the sentence names him.
    text = ("Vladimir Putin and Leonid Kuchma talked for two hours yesterday, their first meeting since Putin's visit "
            "to Kyiv in April.")
    assert names(one(text, gazetteer, "April")) == ["Leonid Kuchma", "Vladimir Putin"]


def test_the_owner_of_another_dates_phrase_is_not_this_dates(gazetteer):
    text = ("The treaty signed when Boris Yeltsin came to Warsaw in August 1993 was followed by three accords during "
            "Viktor Chernomyrdin's visit in February 1995.")
    assert names(one(text, gazetteer, "August 1993")) == ["Boris Yeltsin"]
    assert names(one(text, gazetteer, "February 1995")) == ["Viktor Chernomyrdin"]


def test_a_verb_between_the_noun_and_the_date_keeps_the_clauses_people(gazetteer):
    # The date hangs on "met", not on the possessed noun: both men are its parties.
    text = "After Putin's visit was announced, Putin met Kuchma in Kyiv on Friday."
    assert names(one(text, gazetteer, "Friday")) == ["Leonid Kuchma", "Vladimir Putin"]


# A relative clause holding the date: its subject is the person it follows, over his state or a short appositive
# (clauses._antecedent_start).
@pytest.mark.parametrize("text, date_text, expected", [
    ("The assembly's new president, Leni Fischer of Germany, who was elected on Monday, said she would go to Moscow.",
     "Monday", ["Leni Fischer"]),
    ("Jiang Zemin, the host, who received Vladimir Putin on Saturday, said that Beijing backed the campaign.",
     "Saturday", ["Jiang Zemin", "Vladimir Putin"]),
])
def test_a_relative_clauses_person_is_its_subject(text, date_text, expected, gazetteer):
    assert names(one(text, gazetteer, date_text)) == expected


def test_a_person_before_a_longer_phrase_is_no_relative_subject(gazetteer):
    # The relative clause follows a clause of its own ("met Putin on the border issue"), not a person's appositive:
    # Lavrov, its person, is the subject of the earlier verb, and the date's clause is the relative one.
    text = ("Sergei Lavrov met the envoys of the border commission, which was set up on Monday, and said little.")
    assert "Sergei Lavrov" not in names(one(text, gazetteer, "Monday"))


# A coordinated main clause may have a pronoun for its subject (attachment_coordinates._COORDINATE): its people are
# its own, not the first clause's.
def test_a_clause_with_a_pronoun_subject_leaves_the_first_clauses_people(gazetteer):
    text = ("Eduard Shevardnadze is due in Kyiv on Friday for talks with Leonid Kuchma, and he will attend the summit "
            "in Moscow in March.")
    assert names(one(text, gazetteer, "March")) == ["Eduard Shevardnadze"]


def test_an_object_pronoun_after_and_opens_no_clause(gazetteer):
    # "and him": no subject, no clause of its own; the meeting is both men's.
    text = "Eduard Shevardnadze met Leonid Kuchma in Kyiv on Friday, and the two men will meet again in March."
    assert names(one(text, gazetteer, "Friday")) == ["Eduard Shevardnadze", "Leonid Kuchma"]


# A statement's speaker, not the person named only as owner of "his counterpart" or as "his hosts"
# (attachment_coordinates.statement_actors).
@pytest.mark.parametrize("text, date_text, expected", [
    ("Igor Ivanov is to come to Kuala Lumpur in late July. His Malaysian counterpart, Syed Hamid Albar, said yesterday "
     "that the fighters would be on the agenda.", "yesterday", ["Syed Hamid Albar"]),
    ("Yevgeny Primakov arrived in Delhi on Monday. Primakov told his hosts on Tuesday morning that the president "
     "still meant to come.", "Tuesday morning", ["Yevgeny Primakov"]),
])
def test_a_statement_is_its_speakers(text, date_text, expected, gazetteer):
    assert names(one(text, gazetteer, date_text)) == expected


def test_a_meeting_keeps_the_owner_of_his_counterpart(gazetteer):
    # Not a statement: "met his counterpart" is a two-sided happening; Ivanov (his) takes part.
    text = "Igor Ivanov arrived in Kuala Lumpur on Sunday. He met his Malaysian counterpart, Syed Hamid Albar, yesterday."
    assert "Igor Ivanov" in names(one(text, gazetteer, "yesterday"))


def test_a_dropped_person_takes_his_state_along(gazetteer):
    # Schroeder (Germany), named only in the clause of yesterday's talks, is no party of Putin's April visit to Kyiv;
    # Germany, which only he brought, goes with him.
    text = ("Vladimir Putin and Gerhard Schroeder talked for two hours yesterday, their first meeting since Putin's "
            "visit to Kyiv in April.")
    assert "DE" not in one(text, gazetteer, "April").countries
    assert "DE" in one(text, gazetteer, "yesterday").countries
