"""Issue 11, seventh round (part14): which states take part in an event. Sentences written for this test; DAY is
Tuesday, June 12, 2001 (tests/extraction/_one_mention.py). The archive's home state is Russia
(event_rules.json home_state)."""
import pytest

from events.extraction.entities import default_gazetteer
from tests.extraction._one_mention import one


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize("text, date_text, expected", [
    # A meeting has two sides; its clause names only the place (Slovenia). The home state is named in the
    # sentence by the reporting officials' adjective: the other side.
    ("Russian defense officials said that a joint commission would meet in Ljubljana next month to settle the "
     "debt for the helicopters.", "next month", {"SI", "RU"}),
    # The two sides named in an apposition before the clause's verb: Greece by its capital, Russia only there.
    ("Experts of the two defense ministries, Russian and Greek, will meet in Athens next week to agree on the "
     "price of the missiles.", "next week", {"GR", "RU"}),
    # An agreement (two-sided) told as a statement's content: its place is Turkey's, the signer is the Russian
    # consortium of the main clause.
    ("The Russian consortium said on Friday that it expected to sign the pipeline contract in Ankara in "
     "September.", "September", {"TR", "RU"}),
])
def test_a_two_sided_happening_takes_the_home_state_the_sentence_names(text, date_text, expected, gazetteer):
    assert set(one(text, gazetteer, date_text).countries) == expected


def test_a_journey_home_meets_no_other_side(gazetteer):
    # "flies home": the Latvian premier returns to his own state; the Russian proposal he praised is no party.
    text = "The Latvian premier, who flies home tonight, praised the Russian proposal on the border."
    assert one(text, gazetteer, "tonight").countries == ["LV"]

