"""A saint's name naming a building is no person ("the Kremlin's St. George Hall"), while the same two words
without "St." still name one (a congressman George Hall). Sentences written for this test."""
import datetime

from events.extraction.pipeline import extract_article

DAY = datetime.date(2001, 3, 15)


def _actors(body: str) -> set[str]:
    (mention,) = [m for m in extract_article(body, DAY) if m.date_text == "Tuesday"]
    return {a.name for a in mention.actors}


def test_a_hall_named_after_a_saint_is_no_actor():
    # The guest is the Iranian president (by his title and the day); the hall is only where they met.
    actors = _actors("Vladimir Putin received the Iranian president in the Kremlin's St. George Hall on Tuesday.")
    assert "George Hall" not in actors
    assert "Vladimir Putin" in actors


def test_the_same_words_without_a_saint_still_name_a_person():
    assert _actors("Putin met George Hall, a congressman from Ohio, in the Kremlin on Tuesday.") == {
        "Vladimir Putin", "George Hall"}
