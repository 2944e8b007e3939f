"""Which way a bare weekday or month of a plan or a report points: short sentences of our own.
Calendar: 2001-03-13 is a Tuesday; the Sunday before it is March 11, the one after March 18; the Thursday before
March 8, the one after March 15."""
from events.extraction.timex import tag

ANCHOR = "2001-03-13"


def value(text, phrase):
    found = [t for t in tag(text, ANCHOR) if t["text"] == phrase]
    assert len(found) == 1, tag(text, ANCHOR)
    return found[0]["value"]


def test_a_happening_that_takes_place_on_a_weekday_is_ahead():
    assert value("The premier stays at home, where the local elections take place on Sunday.", "Sunday") == "2001-03-18"
    assert value("The vote takes place on Sunday.", "Sunday") == "2001-03-18"
    assert value("The vote took place on Sunday.", "Sunday") == "2001-03-11"


def test_a_report_aside_does_not_turn_a_plan_into_the_past():
    # "will see ... in July and, aides said, ... in November": November 2001 (ahead), not November 2000.
    text = ("The two presidents will see each other again at the summit in Genoa in July and, aides said, at the "
            "leaders' meeting in Shanghai in November.")
    assert value(text, "November") == "2001-11"
    # Without a plan the month is the one before the issue.
    assert value("The presidents met in Genoa in July and, aides said, spoke again in November.", "November") == "2000-11"


def test_a_place_between_the_verb_and_its_weekday_leaves_the_verb_in_charge():
    # "agreed in Brussels on Thursday": the agreeing is past (March 8), whatever "would" says earlier.
    text = "He said his country would back the body the ministers agreed in Brussels on Thursday to set up."
    assert value(text, "Thursday") == "2001-03-08"
    assert value("He will arrive in Camp David on Thursday.", "Thursday") == "2001-03-15"


def test_a_passive_participle_takes_its_tense_from_the_auxiliary():
    assert value("The next summit is to be held in Paris in October.", "October") == "2001-10"
    assert value("The session is to be held on Thursday.", "Thursday") == "2001-03-15"
    assert value("The session was held on Thursday.", "Thursday") == "2001-03-08"
