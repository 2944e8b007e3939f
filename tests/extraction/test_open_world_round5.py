"""Issue 11, fifth round: general rules for events, their dating, status and parties, each on sentences written
for this test (never the development articles' text), with a second, differently worded sentence so that a
rule does not just fit the sentence that prompted it. DAY is Tuesday, June 12, 2001."""
import pytest

from events.extraction.entities import default_gazetteer
from events.extraction.timex import tag
from tests.extraction._one_mention import DAY, one


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def values(text, anchor=DAY):
    return [(t["text"], t["value"]) for t in tag(text, anchor)]


@pytest.mark.parametrize("text, expected", [
    # A bare "the afternoon" after a day named earlier in its sentence is that day's afternoon (Saturday June 9),
    # not the issue day's; "the same evening" in the next sentence counts from it.
    ("Kuchma opened the fair in Kharkiv on Saturday and spent the afternoon with Kasyanov. They dined together "
     "the same evening.", [("Saturday", "2001-06-09"), ("the afternoon", "2001-06-09TAF"),
                           ("the same evening", "2001-06-09TEV")]),
    # The same with the day first and a full stop of an abbreviation ("St.") between: still one sentence.
    ("On Friday the minister toured St. Petersburg's port and flew home in the evening.",
     [("Friday", "2001-06-08"), ("the evening", "2001-06-08TEV")]),
    # With no day before it in its sentence, "the afternoon" is still the issue day's.
    ("Ivanov arrived on Sunday. He meets the Finnish president in the afternoon.",
     [("Sunday", "2001-06-10"), ("the afternoon", "2001-06-12TAF")]),
])
def test_a_bare_day_part_belongs_to_the_day_its_sentence_named(text, expected):
    assert values(text) == expected
