"""The event-type registry (data/event_types.json): loaded once, validated, and the one place a new type
is added (extraction reads its triggers and flags from it)."""
import copy
import datetime
import json

import pytest

from events.extraction.entities import default_gazetteer, find_entities
from events.extraction.event_types import TYPES_FILE, EventTypeError, EventTypeRegistry, default_registry
from events.extraction.events import EventRules, extract_events
from events.extraction.events.rules import RULES_FILE
from events.extraction.sentences import split_sentences


def registry_data():
    return json.loads(TYPES_FILE.read_text(encoding="utf-8"))


def test_every_type_has_its_flags_and_the_sets_the_code_reads():
    registry = default_registry()
    assert registry.codes(encounter=True) == ("visit", "meeting", "summit")
    assert registry.codes(joint_act=True) == ("agreement",)
    assert registry.codes(puts_off=True) == ("postponement",)
    # An election (issue 11, fourth round) is no encounter and names no two parties, but it can be put off
    # ("the elections, set for February 25, were postponed") and a postponement links to its thread.
    assert set(registry.codes(postponable=True)) == {"visit", "meeting", "summit", "agreement", "military",
                                                     "nuclear", "economic", "election"}
    assert registry["election"].family == "election" and not registry["election"].two_party
    # Issue 11 added three types: a telephone call (CAMEO 041) and a pardon or release (0841) name two
    # parties ("Komura telephoned Akaev", "Putin pardoned Pope"); a founding or opening is a state's act.
    assert registry.codes(two_party=True) == ("meeting", "summit", "agreement", "letter", "phone", "release")
    assert registry.codes(state_act=True) == ("statement", "protest", "founding")
    assert registry["visit"].cameo == "042" and registry["appointment"].cameo is None
    # Ties between equally near triggers go to the type listed first in trigger_order: a postponement
    # word beats the happening it names.
    assert registry.trigger_order[0].code == "postponement"


def test_linking_and_met_most_often_answer_different_questions():
    """Linking keeps encounters on near days with different counterparts apart; "met most often" counts
    encounters and agreements. An agreement is a joint act but no encounter."""
    agreement = default_registry()["agreement"]
    assert (agreement.encounter, agreement.joint_act) == (False, True)


def test_flags_may_be_asked_together():
    assert default_registry().codes(schedulable=True, encounter=False) == ("agreement", "letter", "election")
    with pytest.raises(KeyError):
        default_registry().codes(flying=True)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["types"].append(copy.deepcopy(d["types"][0])), "listed twice"),
    (lambda d: d["types"][0].pop("encounter"), "flag 'encounter'"),
    (lambda d: d["types"][0]["triggers"].append("Visit"), "lower-case letter"),
    (lambda d: d["types"][0]["triggers"].append("visit(("), "not a valid regex"),
    (lambda d: d["trigger_order"].pop(), "trigger_order"),
    (lambda d: d["types"][0]["summary"].pop("none"), "templates"),
    (lambda d: d["types"][0].update(code="Visit"), "lower-case letters"),
    (lambda d: d["types"][0].update(max_trigger_distance=0), "positive"),
])
def test_a_broken_registry_is_refused_with_the_type_and_field_named(change, message):
    data = registry_data()
    change(data)
    with pytest.raises(EventTypeError, match=message):
        EventTypeRegistry(data)


def test_the_choices_check_names_a_difference():
    registry = default_registry()
    registry.check_choices(registry.choices())
    with pytest.raises(EventTypeError):
        registry.check_choices(registry.choices()[:-1])


def test_a_new_type_needs_only_a_registry_entry():
    """What the open-world work does to add a type: one entry (code, flags, triggers, templates) and its
    place in trigger_order; extraction then finds it, with no code change."""
    data = registry_data()
    expulsion = dict(data["types"][0], code="expulsion", label="expulsion of diplomats", cameo="1663",
                     family="protest", encounter=False, schedulable=False, postponable=False, two_party=False,
                     state_act=True, governing=False, triggers=["expel(?:s|led|ling)?"],
                     summary={"one": "{who} expels diplomats", "many": "{who} expel diplomats", "none": "Expulsion"},
                     object="{who} expulsion")
    data["types"].append(expulsion)
    data["trigger_order"].insert(0, "expulsion")
    rules = EventRules(json.loads(RULES_FILE.read_text(encoding="utf-8")), EventTypeRegistry(data))
    text = "Moscow expelled two Polish diplomats on January 20."
    anchor = datetime.date(2001, 2, 13)
    start = text.index("January 20")
    timex = {"start": start, "end": start + len("January 20"), "text": "January 20", "type": "DATE",
             "value": "2001-01-20", "mod": None, "earliest": "2001-01-20", "latest": "2001-01-20", "role": "event"}
    gazetteer = default_gazetteer()
    [mention] = extract_events(text, anchor, [timex], split_sentences(text), find_entities(text, anchor, gazetteer),
                               gazetteer, rules)
    # A state act named by the state nearest the act ("Moscow"), from the new type's template.
    assert (mention.event_type, mention.summary) == ("expulsion", "Russia expels diplomats")
