"""Loads the hand-made development set (tests/devset/gold.json, the batch files gold/*.json, articles/) and
locates its gold in the text.

From the eighth round each new batch has a file of its own, tests/devset/gold/NAME.json, shaped like gold.json
({"rule": ..., "split": {part: [ids]}, "articles": [...]}), so that two writers never edit one file.

Plain Python, no Django and no extraction: used by scripts/score_devset.py and the gold-integrity test.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.json"
BATCH_FILES = HERE / "gold"
ARTICLES = HERE / "articles"
_PUBLICATION = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)[ \t]*\n(?:[ \t]*\n)?")


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    value: str


@dataclass
class GoldEvent:
    date_start: int  # span of the dating phrase in the body
    date_end: int
    date_text: str
    type: str
    status: str
    earliest: datetime.date
    latest: datetime.date
    actors: list[str]  # each 'A|B' = accepted spellings of one person
    countries: list[str]
    actors_optional: list[str] = field(default_factory=list)
    countries_optional: list[str] = field(default_factory=list)


@dataclass
class GoldArticle:
    id: str
    file: str
    volume: int
    issue: int
    anchor: datetime.date
    body: str
    part: str  # dev | heldout | heldout2 | heldout3 (the second and third batches' held-out parts) | heldout4 (71-80)
    timexes: list[GoldTimex]
    events: list[GoldEvent]


def gold_data(path: Path = GOLD, batch_dir: Path = BATCH_FILES) -> dict:
    """gold.json with every batch file's split and articles added: {"split": {part: [ids]}, "articles": [...]}.
    An id in two files, or a part named in two files, is an error: a batch is one file's."""
    data = json.loads(path.read_text(encoding="utf-8"))
    split = {name: list(ids) for name, ids in data["split"].items() if name != "rule"}
    articles = list(data["articles"])
    files = sorted(batch_dir.glob("*.json")) if batch_dir.is_dir() else []
    for batch in files:
        extra = json.loads(batch.read_text(encoding="utf-8"))
        for name, ids in extra["split"].items():
            if name in split:
                raise ValueError(f"{batch.name}: part {name!r} is already named in another gold file")
            split[name] = list(ids)
        articles.extend(extra["articles"])
    ids = [entry["id"] for entry in articles]
    duplicates = sorted({id_ for id_ in ids if ids.count(id_) > 1})
    if duplicates:
        raise ValueError(f"article ids in two gold entries: {', '.join(duplicates)}")
    return {"split": split, "articles": articles}


def part_names(path: Path = GOLD) -> list[str]:
    """Every part the split names (dev, heldout, ..., and each batch file's)."""
    return list(gold_data(path)["split"])


def load(path: Path = GOLD) -> list[GoldArticle]:
    data = gold_data(path)
    parts = {name: set(ids) for name, ids in data["split"].items()}
    seen: dict[str, str] = {}
    for name, ids in parts.items():
        for id_ in ids:
            if id_ in seen:
                raise ValueError(f"article {id_} in two parts: {seen[id_]} and {name}")
            seen[id_] = name
    articles = []
    for entry in data["articles"]:
        text = (ARTICLES / entry["file"]).read_text(encoding="utf-8")
        match = _PUBLICATION.search(text)
        if not match:
            raise ValueError(f"{entry['file']}: no Publication line")
        if (int(match.group(1)), int(match.group(2))) != (entry["volume"], entry["issue"]):
            raise ValueError(f"{entry['file']}: Publication line says {match.group(1)}/{match.group(2)}")
        body = text[match.end():]
        part = seen.get(entry["id"])
        if part is None:
            raise ValueError(f"{entry['file']}: in neither part of the split")
        articles.append(GoldArticle(entry["id"], entry["file"], entry["volume"], entry["issue"],
                                    datetime.date.fromisoformat(entry["anchor"]), body, part,
                                    _timexes(entry, body), [_event(entry, body, e) for e in entry["events"]]))
    return articles


def _timexes(entry, body):
    found, position = [], 0
    for text, value in entry["timexes"]:
        start = _find_word(body, text, position)
        if start < 0:
            raise ValueError(f"{entry['file']}: time expression {text!r} not found after offset {position}")
        found.append(GoldTimex(start, start + len(text), text, value))
        position = start + len(text)
    return found


def _find_word(body, text, position):
    # The phrase as whole words ('29' is not the end of '1929').
    match = re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w])").search(body, position)
    return match.start() if match else -1


def _event(entry, body, event):
    at = event["at"]
    if body.count(at) != 1:
        raise ValueError(f"{entry['file']}: 'at' {at!r} occurs {body.count(at)} times")
    offset = body.index(at)
    inner = at.find(event["date"])
    if inner < 0:
        raise ValueError(f"{entry['file']}: date {event['date']!r} not inside {at!r}")
    earliest = datetime.date.fromisoformat(event["earliest"])
    latest = datetime.date.fromisoformat(event["latest"])
    if latest < earliest:
        raise ValueError(f"{entry['file']}: {at!r} ends before it starts")
    return GoldEvent(offset + inner, offset + inner + len(event["date"]), event["date"], event["type"],
                     event["status"], earliest, latest, list(event["actors"]), list(event["countries"]),
                     list(event.get("actors_optional", [])), list(event.get("countries_optional", [])))
