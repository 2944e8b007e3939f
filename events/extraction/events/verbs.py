"""One vocabulary of finite verbs (data/verbs.json) for the rules that ask "is this a verb of its own?": a second
verb of the same subject ("and met"), a person's own verb after him (", and Tanaka hopes"), a trigger in a verb's
form ("the union's leaders meet"). The forms are built as the trigger lemmas' are (rules.inflections), an
irregular verb's past being the simple past of event_rules.json's irregular tables."""
from __future__ import annotations

import json
from pathlib import Path

from events.extraction.events.rules import RULES_FILE, inflections, irregular_pasts

_DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "verbs.json").read_text(encoding="utf-8"))
_IRREGULAR = irregular_pasts(json.loads(RULES_FILE.read_text(encoding="utf-8")).get("backoff", {}))

AUXILIARIES: tuple[str, ...] = tuple(_DATA["auxiliaries"])
MODALS: tuple[str, ...] = tuple(_DATA["modals"])


def _forms(lemma: str) -> list[str]:
    """base, -s and simple past of `lemma` ("see" -> see, sees, saw)."""
    pasts = _IRREGULAR.get(lemma)
    return inflections(lemma, {lemma: pasts[:1]} if pasts else None)[:3]


def pasts(kind: str = "common") -> tuple[str, ...]:
    """The irregular simple pasts of the vocabulary's `kind` of verbs ("common": met, saw, held, ...); every rule
    reading them matches a regular past by its ending."""
    return tuple(_forms(lemma)[2] for lemma in _DATA[kind] if lemma in _IRREGULAR)


def all_forms(kind: str) -> tuple[str, ...]:
    """Every finite form (base, -s, simple past) of the vocabulary's `kind` of verbs."""
    return tuple(form for lemma in _DATA[kind] for form in _forms(lemma))


def alternation(words) -> str:
    """The words as one regex group of alternatives (plain lower-case words, no escaping needed)."""
    return "(?:" + "|".join(words) + ")"
