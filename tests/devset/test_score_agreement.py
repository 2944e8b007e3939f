"""scripts/score_agreement.py scores a second reading as score_devset scores the extraction. Runs no extraction."""
import importlib.util
from pathlib import Path

import pytest

from tests.devset.devset import load

_SPEC = importlib.util.spec_from_file_location(
    "score_agreement", Path(__file__).resolve().parents[2] / "scripts" / "score_agreement.py")
score_agreement = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(score_agreement)


def _answers_copying_the_gold(article):
    # A reading that names each required item by its first accepted spelling agrees everywhere.
    return [{"article": article.id, "event": i, "date_phrase": e.date_text,
             "actors": [a.split("|")[0] for a in e.actors], "countries": [c.split("|")[0] for c in e.countries]}
            for i, e in enumerate(article.events)]


def test_a_reading_equal_to_the_gold_agrees_on_every_event_and_a_changed_one_does_not():
    article = next(a for a in load() if a.part == "dev" and any(e.actors for e in a.events))
    answers = _answers_copying_the_gold(article)
    counts = score_agreement.agreement(answers)
    assert counts["events"] == len(article.events) == counts["actors"] == counts["countries"] == counts["both"]
    # One extra person the gold neither requires nor allows: that event's actors disagree, its countries do not.
    changed = next(a for a in answers if a["actors"])
    changed["actors"] = changed["actors"] + ["Nobody Inventedov"]
    counts = score_agreement.agreement(answers)
    assert counts["actors"] == len(article.events) - 1
    assert counts["countries"] == len(article.events)
    assert len(counts["disagreements"]) == 1


def test_an_answer_for_another_phrase_than_the_gold_event_is_refused():
    article = next(a for a in load() if a.part == "dev" and a.events)
    answers = _answers_copying_the_gold(article)
    answers[0]["date_phrase"] = "a phrase of another event"
    with pytest.raises(SystemExit, match="gold dates it by"):
        score_agreement.agreement(answers)


def test_an_answer_giving_variants_as_the_gold_does_is_one_person():
    # 'A|B' in an answer, as in the gold, is one person spelt two ways: it agrees when either spelling is the gold's.
    article = next(a for a in load() if any(e.actors for e in a.events))
    answers = _answers_copying_the_gold(article)
    changed = next(a for a in answers if a["actors"])
    changed["actors"][0] = "Somebody Elsewise|" + changed["actors"][0]
    assert score_agreement.agreement(answers)["actors"] == len(article.events)
