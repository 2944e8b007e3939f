"""Issue 11, seventh round (date14): status from the tense of the date's own clause, and happenings told with
common verbs outside the trigger vocabulary (event_rules.json backoff.verbs). Sentences are our own, two or
more differently worded ones per rule. DAY is Tuesday, June 12, 2001."""
import pytest

from tests.extraction._one_mention import one


@pytest.mark.parametrize("sentence", [
    # A present progressive with the issue day is an arrangement still to come (the devset's convention: a
    # "today" happening told in the present or future is planned).
    "Boris Tadić, the Serbian defense minister, is staying on today to see Russian arms makers.",
    "The Latvian delegation is flying to Kaliningrad today to meet the regional governor.",
])
def test_a_present_progressive_of_the_issue_day_is_planned(gazetteer, sentence):
    assert one(sentence, gazetteer, "today").status == "planned"


def test_a_past_tense_of_the_issue_day_stays_occurred(gazetteer):
    # The same day told in the past has happened: no progressive, nothing ahead.
    assert one("Ivanov received the Latvian envoy today.", gazetteer, "today").status == "occurred"


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # Telling someone something in person: briefed / informed a named person or body is a meeting.
    ("The Estonian foreign minister briefed Ivanov on the fishing dispute on Friday.", "Friday", "meeting"),
    ("Kasyanov informed the Finnish ambassador of the decision yesterday morning.", "yesterday morning",
     "meeting"),
    # Moving someone up or into a post: an appointment.
    ("On Sunday Putin promoted the commander of the Baltic Fleet to admiral.", "Sunday", "appointment"),
    ("Kuchma nominated a new governor for the Crimea last week.", "last week", "appointment"),
])
def test_common_verbs_outside_the_triggers_tell_a_happening(gazetteer, sentence, date_text, event_type):
    mention = one(sentence, gazetteer, date_text)
    assert mention.event_type == event_type and mention.status == "occurred"


@pytest.mark.parametrize("sentence, date_text", [
    # "closed" is a light verb ("closed the session"), here an adjective with no happening noun to lend it a
    # type: it gives way to the clause's next lexicon verb, "briefed" / "informed" (a meeting).
    ("Andrus Ansip briefed the cabinet behind closed doors on Thursday.", "Thursday"),
    ("The envoy informed the Georgian president of the plan over a closed line yesterday.", "yesterday"),
])
def test_a_light_verb_with_nothing_to_lend_gives_way_to_the_next_verb(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).event_type == "meeting"


@pytest.mark.parametrize("sentence, date_text, status", [
    # Voters and ballots are an election's nouns (event_rules.json backoff.nouns), whatever the verb.
    ("Askar Akaev will face the voters again on October 29.", "October 29", "planned"),
    ("Georgians cast their ballots for a new parliament on Sunday.", "Sunday", "occurred"),
])
def test_voters_and_ballots_are_an_election(gazetteer, sentence, date_text, status):
    mention = one(sentence, gazetteer, date_text)
    assert mention.event_type == "election" and mention.status == status
