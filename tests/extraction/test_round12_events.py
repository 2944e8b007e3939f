"""Issue 11, twelfth round (trig19): which happenings are found and their type. Sentences are our own. DAY is
Tuesday, June 12, 2001."""
import pytest

from tests.extraction._one_mention import one


@pytest.mark.parametrize("text, date_text", [
    # a schedule verb names the visit, "there" as well as "in": the tense forms built by construction
    ("Miller accepted an invitation to Moscow and is expected there in the autumn.", "the autumn"),
    ("The Greek premier took up the invitation and is due there early next year.", "early next year"),
    ("The two chancellors were expected there on Friday, but the fog kept them in Bonn.", "Friday"),
])
def test_expected_there_is_a_visit(gazetteer, text, date_text):
    mention = one(text, gazetteer, date_text)
    assert mention.event_type == "visit"
