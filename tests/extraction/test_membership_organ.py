"""An organ named as a membership ("a seat on the UN Security Council", "membership of the Security Council") is
no gathering of the event: its seat (New York, the United States) is not added. A meeting of the organ still
takes it. Sentences are our own."""
from events.extraction.entities import default_gazetteer
from events.extraction.pipeline import extract_article

GAZETTEER = default_gazetteer()
ANCHOR = "2001-06-07"


def countries(text):
    mentions = extract_article(text, ANCHOR, GAZETTEER)
    assert mentions
    return set(mentions[0].countries)


def test_a_seat_on_the_council_adds_no_seat_state():
    assert "US" not in countries("On Tuesday the envoy was received by Igor Ivanov, who said Russia supported "
                                 "Japan's membership of the UN Security Council.")
    assert "US" not in countries("Yesterday the visitor was received by Igor Ivanov, who told her that Russia "
                                 "backed Germany's claim to a permanent seat on the UN Security Council.")


def test_a_session_of_the_council_still_adds_its_seat():
    assert "US" in countries("Yesterday the UN Security Council met to discuss Iraq, and Russia's envoy spoke.")
