"""The event-type registry: what each type of happening is, read once from data/event_types.json.

    default_registry() -> EventTypeRegistry      (validated; cached)
    registry.get("visit").encounter -> True
    registry.codes(encounter=True) -> ("visit", "meeting", "summit")

One home for everything a type means: its code and label (events.models.EventType is built from them),
its CAMEO-like code, its linking family, its flags, its triggers and summary templates. Read by event
extraction (triggers, two_party, schedulable, statement, state_act, field, governing), thread linking
(family, postponable, puts_off, encounter), the pages ("met most often": encounter or joint_act) and,
through the model's choices, the templates. The flags are documented in the data file's "_note".
Plain Python (no Django).

Encounters and joint acts: linking keeps two encounters (visit, meeting, summit) on near days with
different counterparts apart, since they are two meetings of one trip; an agreement is not an
encounter there (its parties on near days are the same deal). The "met most often" list counts
encounters and joint acts (agreement), since the parties named in an agreement dealt with each other.
The two questions differ, so they are two flags.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TYPES_FILE = Path(__file__).resolve().parent / "data" / "event_types.json"
FLAGS = ("two_party", "schedulable", "postponable", "puts_off", "encounter", "joint_act", "statement", "state_act",
         "field", "governing")
_TEMPLATE_KEYS = {"one", "many", "none"}


class EventTypeError(ValueError):
    """The registry file is not valid; the message names the type and the field."""


@dataclass(frozen=True)
class EventTypeInfo:
    code: str
    label: str
    cameo: str | None
    family: str
    triggers: tuple[str, ...]
    summary: dict
    summary_to_come: dict | None
    object: str
    max_trigger_distance: int | None
    two_party: bool
    schedulable: bool
    postponable: bool
    puts_off: bool
    encounter: bool
    joint_act: bool
    statement: bool
    state_act: bool
    field: bool
    governing: bool
    trigger_lemmas: tuple[str, ...] = ()


class EventTypeRegistry:
    """The types in display order (the model's choices), and in trigger order (ties between triggers)."""

    def __init__(self, data: dict):
        entries = data.get("types")
        if not isinstance(entries, list) or not entries:
            raise EventTypeError("event types: 'types' must be a non-empty list")
        self.types = tuple(_parse(entry) for entry in entries)
        self._by_code = {info.code: info for info in self.types}
        if len(self._by_code) != len(self.types):
            raise EventTypeError("event types: a code is listed twice")
        order = data.get("trigger_order")
        if not isinstance(order, list) or sorted(order) != sorted(self._by_code):
            raise EventTypeError("event types: 'trigger_order' must list every type's code once")
        self.trigger_order = tuple(self._by_code[code] for code in order)

    def get(self, code: str) -> EventTypeInfo | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> EventTypeInfo:
        return self._by_code[code]

    def codes(self, **flags: bool) -> tuple[str, ...]:
        """Codes (display order) of the types whose flags have the given values: codes(encounter=True)."""
        unknown = set(flags) - set(FLAGS)
        if unknown:
            raise KeyError(f"unknown event-type flags: {sorted(unknown)}")
        return tuple(info.code for info in self.types
                     if all(getattr(info, flag) == value for flag, value in flags.items()))

    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs, display order: the model's choices."""
        return [(info.code, info.label) for info in self.types]

    def check_choices(self, choices) -> None:
        """Raise EventTypeError unless `choices` ((value, label) pairs, e.g. the model's) are the registry's."""
        if list(choices) != self.choices():
            raise EventTypeError(f"event types differ from the model's choices: {list(choices)} != {self.choices()}")


def _parse(entry: dict) -> EventTypeInfo:
    code = entry.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[a-z_]+", code):
        raise EventTypeError(f"event type code must be lower-case letters: {code!r}")
    where = f"event type {code!r}"
    for check in (_check_flags, _check_triggers, _check_trigger_lemmas, _check_templates, _check_fields):
        check(entry, where)
    return EventTypeInfo(
        code=code, label=entry["label"], cameo=entry.get("cameo"), family=entry["family"],
        triggers=tuple(entry["triggers"]), summary=entry["summary"], summary_to_come=entry.get("summary_to_come"),
        object=entry.get("object", "{who} " + code), max_trigger_distance=entry.get("max_trigger_distance"),
        trigger_lemmas=tuple(entry.get("trigger_lemmas", ())), **{flag: entry[flag] for flag in FLAGS})


def _check_flags(entry: dict, where: str) -> None:
    for flag in FLAGS:
        if not isinstance(entry.get(flag), bool):
            raise EventTypeError(f"{where}: flag {flag!r} must be true or false")


def _check_triggers(entry: dict, where: str) -> None:
    triggers = entry.get("triggers")
    if not isinstance(triggers, list) or not triggers:
        raise EventTypeError(f"{where}: 'triggers' must be a non-empty list of patterns")
    for pattern in triggers:
        if not isinstance(pattern, str) or not pattern[:1].islower():
            raise EventTypeError(f"{where}: trigger must start with a lower-case letter: {pattern!r}")
        try:
            re.compile(pattern)
        except re.error as error:
            raise EventTypeError(f"{where}: trigger {pattern!r} is not a valid regex: {error}") from None


def _check_trigger_lemmas(entry: dict, where: str) -> None:
    lemmas = entry.get("trigger_lemmas", [])
    if not isinstance(lemmas, list) or not all(isinstance(lemma, str) and lemma[:1].islower() for lemma in lemmas):
        raise EventTypeError(f"{where}: 'trigger_lemmas' must be a list of verbs starting with a lower-case letter")


def _check_templates(entry: dict, where: str) -> None:
    for key in ("summary", "summary_to_come"):
        templates = entry.get(key)
        if (key == "summary" or templates is not None) and (
                not isinstance(templates, dict) or set(templates) != _TEMPLATE_KEYS):
            raise EventTypeError(f"{where}: {key!r} needs exactly the templates {sorted(_TEMPLATE_KEYS)}")


def _check_fields(entry: dict, where: str) -> None:
    if not isinstance(entry.get("label"), str) or not isinstance(entry.get("family"), str):
        raise EventTypeError(f"{where}: 'label' and 'family' must be strings")
    distance = entry.get("max_trigger_distance")
    if distance is not None and (not isinstance(distance, int) or distance <= 0):
        raise EventTypeError(f"{where}: 'max_trigger_distance' must be a positive number of characters")


@lru_cache(maxsize=1)
def default_registry() -> EventTypeRegistry:
    return EventTypeRegistry(json.loads(TYPES_FILE.read_text(encoding="utf-8")))
