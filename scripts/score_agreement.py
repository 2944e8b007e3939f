"""How far a second, independent annotator agrees with the gold on each key event's actors and countries.

    .venv/bin/python scripts/score_agreement.py tests/devset/agreement/heldout12_second.json

The second file lists, for every key event of one part (by article id and the event's place in the article's gold
list, its date phrase repeated as a check), the people and states the second annotator judged to take part, read
from the article and the rule book (docs/annotation.md) without seeing the gold. Each answer is scored exactly as
scripts/score_devset.py scores the extraction (every required gold item, nothing outside the required and
optional ones, names also by their key), so the figure is the ceiling a perfect tagger of *one* careful reading
could reach against the gold's reading: what the extraction's "actors right" and "countries right" should be
compared with.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "devset"), str(REPO / "scripts")]

from devset import load  # noqa: E402
from score_devset import _spellings, _spelt, set_right  # noqa: E402


def _one_spelling(item: str, gold_items: list[str]) -> str:
    """An answer may give a person's variants as 'A|B' (as the gold does): the first that is a gold spelling, else A."""
    variants = item.split("|")
    accepted = _spellings([s for gold in gold_items for s in gold.split("|")])
    return next((v for v in variants if _spelt(v, accepted)), variants[0])


def agreement(answers: list[dict]) -> dict:
    """Counts of events, and of those whose actors / countries / both agree with the gold."""
    gold = {article.id: article for article in load()}
    counts = {"events": 0, "actors": 0, "countries": 0, "both": 0}
    disagreements = []
    for answer in answers:
        article = gold.get(str(answer["article"]))
        if article is None:
            raise SystemExit(f"article {answer['article']!r} is in no gold part")
        event = article.events[answer["event"]]
        if event.date_text != answer["date_phrase"]:
            raise SystemExit(f"article {article.id} event {answer['event']}: gold dates it by {event.date_text!r}, "
                             f"the answer by {answer['date_phrase']!r}")
        gold_actors, gold_countries = event.actors + event.actors_optional, event.countries + event.countries_optional
        actors = set_right([_one_spelling(a, gold_actors) for a in answer["actors"]], event.actors,
                           event.actors_optional)
        countries = set_right([_one_spelling(c, gold_countries) for c in answer["countries"]], event.countries,
                              event.countries_optional)
        counts["events"] += 1
        counts["actors"] += actors
        counts["countries"] += countries
        counts["both"] += actors and countries
        if not (actors and countries):
            disagreements.append(f"  {article.id} {event.date_text!r}: gold {event.actors} {event.countries}, "
                                 f"second {answer['actors']} {answer['countries']}")
    counts["disagreements"] = disagreements
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answers", type=Path)
    parser.add_argument("--list", action="store_true", help="print every event the two readings disagree on")
    args = parser.parse_args()
    counts = agreement(json.loads(args.answers.read_text(encoding="utf-8")))
    n = counts["events"]
    for key in ("actors", "countries", "both"):
        print(f"{key:10s} agree {counts[key] / n:6.1%}  ({counts[key]} of {n} key events)")
    if args.list:
        print("\n".join(counts["disagreements"]))


if __name__ == "__main__":
    main()
