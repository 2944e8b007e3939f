"""The stored attachment model (data/attachment_model.json): per kind of party ("actor", "country"), a weight per
feature name and a threshold on the summed score (a logistic model's log-odds). Scoring is a sum of dict look-ups;
an unknown feature weighs nothing."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "attachment_model.json"


@dataclass(frozen=True)
class KindModel:
    weights: dict[str, float]
    threshold: float


class AttachmentModel:
    """Weights and thresholds of both kinds of party; `enabled` False keeps the rules' choice everywhere, a kind whose
    cross-validated figure did not beat the rules' (`cv_beats_rules` False) keeps the rules' choice for that kind."""

    def __init__(self, data: dict, every_kind: bool = False):
        self.enabled = bool(data.get("enabled", True))
        self.kinds = {kind: KindModel(dict(spec["weights"]), float(spec["threshold"]))
                      for kind, spec in data.get("kinds", {}).items() if every_kind or spec.get("cv_beats_rules", True)}
        self.all_weights = {name for spec in data.get("kinds", {}).values() for name in spec["weights"]}

    def score(self, kind: str, features: list[str]) -> float:
        weights = self.kinds[kind].weights
        return sum(weights.get(f, 0.0) for f in features)

    def accepts(self, kind: str, features: list[str]) -> bool:
        return self.score(kind, features) >= self.kinds[kind].threshold

    def decides(self, kind: str) -> bool:
        return kind in self.kinds

    def feature_names(self) -> set[str]:
        """Every feature the file weighs, of kinds switched on or off."""
        return set(self.all_weights)


# MONITOR_ATTACHMENT=on scores with every kind of the stored model whatever its switches say (to measure it:
# `MONITOR_ATTACHMENT=on .venv/bin/python scripts/score_devset.py --part heldout5`); =off keeps the rules' choice.
SWITCH = "MONITOR_ATTACHMENT"


@lru_cache(maxsize=4)
def _load(path: str, switch: str) -> AttachmentModel | None:
    file = Path(path)
    if switch == "off" or not file.exists():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    if switch == "on":
        return AttachmentModel({**data, "enabled": True}, every_kind=True)
    model = AttachmentModel(data)
    return model if model.enabled and model.kinds else None


def stored_model(path: Path = MODEL_FILE) -> AttachmentModel:
    """The stored model as it is, switched on or off (tests, the trainer)."""
    return AttachmentModel(json.loads(path.read_text(encoding="utf-8")), every_kind=True)


def default_model() -> AttachmentModel | None:
    """The stored model, None when there is none or it is switched off (`"enabled": false`)."""
    return _load(str(MODEL_FILE), os.environ.get(SWITCH, ""))
