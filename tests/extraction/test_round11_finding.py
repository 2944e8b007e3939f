"""Issue 11, eleventh round (trig18): key events found on fresh text. Sentences are our own. DAY is Tuesday,
June 12, 2001."""
import pytest

from events.extraction.pipeline import extract_article
from tests.extraction._one_mention import DAY, one


@pytest.mark.parametrize("text, date_text, states, people", [
    # a new paragraph naming nobody goes on with the article's story: the article's two states (and, for its
    # encounter, the principal pair its opening named: side19, events.principal_pair)
    ("Gerhard Schroeder flew to Moscow on Monday for two days with Vladimir Putin.\n\n"
     "The formal talks on Tuesday turned on the debt.", "Tuesday", {"DE", "RU"},
     {"Gerhard Schroeder", "Vladimir Putin"}),
    ("Malaysia's air force flies Russian jets and Kuala Lumpur wants more of them.\n\n"
     "The contract for the first squadron, signed in June 1994, was paid partly in palm oil.", "June 1994",
     {"MY", "RU"}, set()),
])
def test_a_happening_of_the_vocabulary_naming_nobody_takes_the_articles_two_states(gazetteer, text, date_text,
                                                                                    states, people):
    mention = one(text, gazetteer, date_text)
    assert {ref.name for ref in mention.actors} == people and set(mention.countries) == states


@pytest.mark.parametrize("text", [
    # only the back-off reads these dates (no word of the vocabulary): a sentence naming nobody stays out
    "Gerhard Schroeder flew to Moscow on Monday.\n\nThe weather turned cold on Tuesday.",
    "Malaysia's air force flies Russian jets.\n\nThe pilots complained in June 1994 of the spare parts.",
])
def test_a_back_off_guess_naming_nobody_is_still_no_happening(gazetteer, text):
    assert [m.date_text for m in extract_article(text, DAY, gazetteer)
            if m.date_text in ("Tuesday", "June 1994")] == []


def test_a_sentences_last_word_since_does_not_bound_the_next_sentences_date(gazetteer):
    # "... every month since. Yesterday ...": "since" ends the sentence before; Yesterday dates the telling
    text = ("Kuchma and Putin have spoken by telephone every month since. Yesterday Kuchma told the Rada that "
            "the debt was paid.")
    assert one(text, gazetteer, "Yesterday").event_type == "statement"
    # right before the date, "since" still bounds a span
    text = "Kuchma has told the Rada nothing since yesterday."
    assert [m for m in extract_article(text, DAY, gazetteer) if m.date_text == "yesterday"] == []


@pytest.mark.parametrize("text, date_text, event_type", [
    # every form of a registry verb is a trigger by construction (event_types.json trigger_lemmas)
    ("Kuchma was gloomier, saying on Saturday that the gas debt would take years to settle.", "Saturday",
     "statement"),
    ("That evening Ivanov dined with Foreign Minister Jaswant Singh at the Taj hotel.", "That evening", "meeting"),
    ("Kasyanov was telling the Duma on Friday that the budget would hold.", "Friday", "statement"),
])
def test_a_registry_verb_is_a_trigger_in_every_form(gazetteer, text, date_text, event_type):
    assert one(text, gazetteer, date_text).event_type == event_type


def test_a_lemmas_base_form_is_left_to_the_listed_triggers():
    # "is due in Moscow next week to discuss ...": the infinitive is the journey's purpose, no trigger of its own
    from events.extraction.events.rules import default_rules
    rules = default_rules()
    assert rules.trigger_regex.fullmatch("saying") and rules.trigger_regex.fullmatch("telling")
    assert rules.trigger_regex.fullmatch("tell") is None and rules.trigger_regex.fullmatch("stating")
    assert rules.trigger_regex.fullmatch("states") is None  # "state*": also a noun, only -ed and -ing


@pytest.mark.parametrize("text, date_text", [
    # a date in a clause with no verb of its own goes on with the clause before the comma (backoff)
    ("The text was finished by the two deputy ministers, Grigory Karasin and Tang Jiaxuan, in Beijing in late May.",
     "late May"),
    ("The Kuchma plan was drawn up in Kyiv, and the date was fixed, Ukrainian diplomats say, only in mid-April.",
     "mid-April"),
])
def test_a_verbless_fragment_takes_the_verb_before_its_comma(gazetteer, text, date_text):
    assert one(text, gazetteer, date_text).date_text == date_text
