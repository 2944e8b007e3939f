"""Issue 11, eighth round (dat15): whether a happening happened (status) and whether it is found at all.
Sentences are our own, two differently worded ones per rule. DAY is Tuesday, June 12, 2001."""
import pytest

from tests.extraction._one_mention import one


@pytest.mark.parametrize("sentence, date_text", [
    # "earlier this month" runs from the 1st to the issue day: it is over, whatever another clause expects.
    ("The talks will turn to Chechnya, where Russian troops stormed a village in Dagestan earlier this month.",
     "earlier this month"),
    ("Kuchma will raise the gas debt, which Ukraine promised to settle earlier this week.", "earlier this week"),
])
def test_a_span_ending_on_the_issue_day_is_not_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    # The issue day's happening under "would" or "is also to": still to come.
    ("Ivanov told reporters that the two ministers would sign a protocol in Kiev this evening.", "this evening"),
    ("The Latvian premier is also to be received by Putin in the Kremlin today.", "today"),
])
def test_the_issue_days_happening_under_a_future_verb_is_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("sentence, date_text", [
    # The date's own clause tells the issue day in a timetable's present ("closes", "ends"): planned.
    ("Kasyanov said the agreements would be ready before the Moscow session closes this evening.",
     "this evening"),
    ("Putin and Kuchma meet again in Sochi before the visit ends today.", "today"),
])
def test_a_timetable_present_in_the_dates_own_clause_is_planned(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status == "planned"


@pytest.mark.parametrize("text, date_text, people", [
    # A sentence that names nobody but goes on with "They" / "the two men": the people of the happening just
    # told, and their states (not that happening's place).
    ("Putin met Kuchma in Sochi on Monday. They dined together that evening at a dacha by the sea.",
     "that evening", {"Vladimir Putin", "Leonid Kuchma"}),
    ("Igor Ivanov received Tarja Halonen in the Kremlin on Friday. The two leaders talked late into the night.",
     "the night", {"Igor Ivanov", "Tarja Halonen"}),
])
def test_a_pronoun_subject_carries_on_with_the_people_just_told(gazetteer, text, date_text, people):
    mention = one(text, gazetteer, date_text)
    assert {actor.name for actor in mention.actors} == people
    assert mention.event_type == "meeting" and mention.status == "occurred"


def test_a_sentence_with_a_pronoun_and_no_happening_is_still_no_event(gazetteer):
    # "They" with no verb of a happening in its clause tells nothing datable.
    from events.extraction.pipeline import extract_article
    from tests.extraction._one_mention import DAY
    text = "Putin met Kuchma in Sochi on Monday. They were in good spirits on Tuesday."
    assert [m.date_text for m in extract_article(text, DAY, gazetteer)] == ["Monday"]


def test_a_lemma_is_inflected_by_the_spelling_rules():
    from events.extraction.events.rules import inflections
    # Regular verbs: base, -s, -ed, -ing; "+" doubles the last consonant; a phrase inflects its first word.
    assert inflections("expel+") == ["expel", "expels", "expelled", "expelling"]
    assert inflections("pull out") == ["pull out", "pulls out", "pulled out", "pulling out"]
    assert inflections("occupy") == ["occupy", "occupies", "occupied", "occupying"]
    # "*": a verb that is also a noun keeps only its -ed and -ing forms ("the sign", "an attack" are no verbs);
    # irregular past forms replace -ed.
    assert inflections("sign*") == ["signed", "signing"]
    assert inflections("withdraw", {"withdraw": ["withdrew", "withdrawn"]}) == [
        "withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"]


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # Verbs of the lemma lexicon (event_rules.json backoff.lemmas), outside the trigger vocabulary, in forms no
    # list spelt out: a protest, a journey's end, a reshuffle, an arrest.
    ("Georgian students picketed the Russian embassy in Tbilisi yesterday.", "yesterday", "protest"),
    ("The Russian peacekeepers pulled out of Pristina on Friday.", "Friday", "visit"),
    ("Kuchma reshuffled the Ukrainian cabinet on Monday.", "Monday", "appointment"),
    ("Lukashenka's police detained two Russian cameramen near Grodno on Sunday.", "Sunday", "military"),
])
def test_verbs_of_the_lemma_lexicon_tell_a_happening(gazetteer, sentence, date_text, event_type):
    mention = one(sentence, gazetteer, date_text)
    assert mention.event_type == event_type and mention.status == "occurred"


@pytest.mark.parametrize("text, date_text", [
    # A body of the article's two states ("The Supreme State Council", "The Joint Commission") gathering, in a
    # sentence that names no state: the article's subject state and the home state.
    ("Putin and Lukashenka signed the union treaty on Wednesday. The Supreme State Council is due to hold its first "
     "session in January.", "January"),
    ("Kasyanov and Kuchma signed the gas accord on Tuesday. The Joint Commission is to meet again in the spring.",
     "the spring"),
])
def test_a_body_of_the_two_states_gathering_is_theirs(gazetteer, text, date_text):
    mention = one(text, gazetteer, date_text)
    assert mention.event_type == "meeting" and mention.status == "planned"
    assert set(mention.countries) == {"RU", "BY" if "Lukashenka" in text else "UA"}


@pytest.mark.parametrize("text", [
    # "hosts", "visits" after a possessive or article are nouns, no timetable's present: the issue day's dinner
    # and talks told in the past have happened.
    "Igor Ivanov met Tarja Halonen in Helsinki on Monday. His hosts gave a dinner for him today.",
    "Their hosts held talks with Kasyanov in Minsk today.",
    "Putin's hosts gave a dinner for him in Hanoi today.",
])
def test_a_timetable_word_after_a_determiner_says_nothing_of_the_status(gazetteer, text):
    assert one(text, gazetteer, "today").status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    # (lead) A dated clause that names a party and has a verb outside the lexicon still tells a happening
    # (backoff._any_verb): a verb before the date, or after a date that opens the clause.
    ("The Foreign Ministry handed the Polish ambassador a list of demands on Tuesday.", "Tuesday"),
    ("On Monday the Kazakh government quietly scrapped the export duty on Russian grain.", "Monday"),
])
def test_a_verb_outside_the_lexicon_still_tells_a_happening(gazetteer, sentence, date_text):
    mention = one(sentence, gazetteer, date_text)
    assert (mention.event_type, mention.status) == ("statement", "occurred")


@pytest.mark.parametrize("text", [
    # ... but a state is no happening: a copula, "would be", a verb after a date inside a noun phrase.
    "The weather in Tbilisi was cold on Monday.",
    "Shevardnadze would be busy in Batumi next week.",
    "The ban on imports of Georgian wine in March upset Tbilisi.",
])
def test_a_state_or_a_verb_the_date_does_not_govern_is_no_happening(gazetteer, text):
    from events.extraction.pipeline import extract_article
    from tests.extraction._one_mention import DAY
    assert extract_article(text, DAY, gazetteer) == []
