"""", and Moscow has opened ...": a name after ", and" that is the subject of a verb of its own opens a coordinate
clause (clauses.list_comma), so the state it names is not the earlier clause's party; a real list keeps its items.
Short articles of our own."""
from __future__ import annotations

import datetime

from events.extraction.pipeline import extract_article

ANCHOR = datetime.date(2001, 10, 10)
TAIL = "\n\nTurkey again. Turkey agreed. Ankara said so."


def _countries(sentence: str, date_text: str) -> set[str]:
    text = "Turkey and the war\n\n" + sentence + TAIL
    [mention] = [m for m in extract_article(text, ANCHOR) if m.date_text == date_text]
    return set(mention.countries)


def test_a_coordinate_clause_state_is_not_the_statements():
    assert _countries("Turkey announced on Monday that it would send troops to Afghanistan, and Moscow has opened "
                      "its airspace to relief flights.", "Monday") == {"TR", "AF"}


def test_a_coordinate_clause_with_a_reflexive_subject():
    assert _countries("Turkey said on Monday that it would close the border with Iraq, and Moscow itself said "
                      "nothing.", "Monday") == {"TR", "IQ"}


def test_a_list_of_three_keeps_its_last_item():
    assert _countries("The foreign ministers of Turkey, Greece, and Bulgaria met in Sofia on Monday.",
                      "Monday") >= {"TR", "GR", "BG"}
