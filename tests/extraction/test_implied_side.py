"""The article's other side (events/extraction/events/implied_side.py): a happening of an article about a pair of
states (the home state and the article's subject state) that names one of them takes the other when the stored
model finds it implied. Short articles of our own; each case is checked with the step off (MONITOR_IMPLIED_SIDE=off)
so that the test shows the step's own doing."""
from __future__ import annotations

import datetime
import json

import pytest

from events.extraction.events import implied_side
from events.extraction.pipeline import extract_article

ANCHOR = datetime.date(2001, 3, 14)

# The visit's host is implied: after the arrival, "the afternoon" is spent in Sweden, which the sentence never names.
SWEDEN = ("Vladimir Putin flew to Stockholm this week. Sweden holds the union's presidency, and the Swedish premier "
          "had invited him. Putin flew in on Friday morning and spent the afternoon with the union's leaders. He then "
          "met Swedish business leaders. Sweden's king received him on Saturday.")
# "The two sides" of an article about Kazakhstan sign in the Kremlin: Kazakhstan is implied, Russia named.
KAZAKHSTAN = ("Kazakhstan and its neighbour have argued over the seabed for years. Astana wants a median line, and "
              "Kazakh officials have said so since 1994. The two sides signed the protocol in the Kremlin on Monday. "
              "Kazakhstan's oil companies are pleased.")
# A journey home meets no one: Sweden is not added to the flight back.
HOMEWARD = ("Vladimir Putin flew to Stockholm this week. Sweden holds the union's presidency, and the Swedish premier "
            "had invited him. Putin spent the afternoon on Friday with the union's leaders. He flew home to Moscow on "
            "Saturday. Sweden's press was kind.")


def _countries(text: str, date_text: str, monkeypatch, switch: str) -> list[str]:
    monkeypatch.setenv(implied_side.SWITCH, switch)
    [mention] = [m for m in extract_article(text, ANCHOR) if m.date_text == date_text]
    return mention.countries


@pytest.mark.parametrize("text, date_text, rules, with_step", [
    (SWEDEN, "the afternoon", ["RU"], ["RU", "SE"]),
    (KAZAKHSTAN, "Monday", ["RU"], ["RU", "KZ"]),
])
def test_the_implied_other_side_is_added(text, date_text, rules, with_step, monkeypatch):
    assert _countries(text, date_text, monkeypatch, "off") == rules
    assert _countries(text, date_text, monkeypatch, "") == with_step


def test_a_journey_home_takes_no_other_side(monkeypatch):
    assert _countries(HOMEWARD, "Saturday", monkeypatch, "off") == ["RU"]
    assert _countries(HOMEWARD, "Saturday", monkeypatch, "") == ["RU"]


def test_a_text_that_names_its_subject_state_twice_has_no_pair(monkeypatch):
    # Sweden named twice (under MIN_SUBJECT_MENTIONS): no pair, the afternoon keeps the rules' Russia; a third
    # mention makes Sweden the article's subject and the afternoon takes it.
    text = ("Sweden had invited him, and Sweden holds the presidency. Putin flew in on Friday morning and spent the "
            "afternoon with the union's leaders.")
    assert _countries(text, "the afternoon", monkeypatch, "") == ["RU"]
    assert _countries(text + " Sweden's press was kind.", "the afternoon", monkeypatch, "") == ["RU", "SE"]


def test_the_candidate_is_offered_only_with_one_of_the_pair(monkeypatch):
    # Both of the pair already there: nothing to offer (the step never removes a state).
    monkeypatch.setenv(implied_side.SWITCH, "")
    implied_side._recorder = []
    try:
        extract_article(SWEDEN, ANCHOR)
        recorded = list(implied_side._recorder)
    finally:
        implied_side._recorder = None
    assert recorded and all(missing in ("RU", "SE") for _, missing, _ in recorded)
    assert all("bias" in features and any(f.startswith("role=") for f in features) for _, _, features in recorded)


def test_the_stored_model_beat_no_step_by_leave_batch_out():
    spec = json.loads(implied_side.MODEL_FILE.read_text(encoding="utf-8"))["implied_side"]
    folds = spec["leave_batch_out"]
    assert sum(f["gains"] - f["losses"] for f in folds.values()) > 0 or not spec["enabled"]
    assert not any(name.startswith("val") or name == "heldout16" for name in spec["trained_on"])
    assert all(isinstance(w, float) for w in spec["weights"].values())
