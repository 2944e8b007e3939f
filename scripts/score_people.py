"""Recall of the gold key events' persons among the persons the entity finder sees in their sentences.

    .venv/bin/python scripts/score_people.py                   # every development part, one line each
    .venv/bin/python scripts/score_people.py --part heldout5   # one part
    .venv/bin/python scripts/score_people.py --batch 6         # one batch of the development part
    .venv/bin/python scripts/score_people.py --part heldout5 --errors   # ... and every person missed

Which event a person is given to is the attachment step's (events/); this measures only whether people
and places recognition (events/extraction/entities: gazetteer, unknown persons, anaphora) puts the person in
the sentence at all. For each gold key event, each required gold actor ('A|B': either spelling) counts as
found when some actor mention (named, by office, or by description or pronoun) of the sentence that holds
the event's date phrase has that name (folded or by name key, as scripts/score_devset.py compares names).
"with a state": of the persons found, those whose mention carries a state (the state the person acts for).
Never scores heldout6 unless asked by name (the lead's unseen part). The validation part val7 is scored in aggregate
only (`--part val7`): its misses are never printed (`--errors` is refused for it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.citations import find_attributions  # noqa: E402
from events.extraction.entities import default_gazetteer, find_entities  # noqa: E402
from events.extraction.pipeline import cap_sentences  # noqa: E402
from events.extraction.sentences import split_sentences  # noqa: E402
from scripts.score_devset import BATCHES, _spellings, _spelt  # noqa: E402
from tests.devset.devset import load  # noqa: E402

DEVELOPMENT_PARTS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")


def _sentence_of(sentences, position):
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None


def score(part: str, batch: int | None = None) -> dict:
    gazetteer = default_gazetteer()
    totals = {"articles": 0, "gold_persons": 0, "found": 0, "with_state": 0}
    misses: list[str] = []
    for article in load():
        if article.part == part and (batch is None or int(article.id) in BATCHES[batch]):
            totals["articles"] += 1
            _score_article(article, gazetteer, totals, misses)
    return {**totals, "misses": misses}


def _score_article(article, gazetteer, totals: dict, misses: list[str]) -> None:
    """Counts one article's gold persons into `totals`; the missed ones go to `misses`."""
    body = article.body
    sentences = cap_sentences(split_sentences(body), body)
    masked = [(a.start, a.end) for a in find_attributions(body)]
    entities = find_entities(body, article.anchor, gazetteer, masked, sentences)
    for event in article.events:
        sentence = _sentence_of(sentences, event.date_start)
        mentions = entities.actors_in(sentence.start, sentence.end) if sentence else []
        for person in event.actors:
            totals["gold_persons"] += 1
            spellings = _spellings(person.split("|"))
            hits = [m for m in mentions if _spelt(m.ref.name, spellings)]
            totals["found"] += bool(hits)
            totals["with_state"] += any(m.ref.country for m in hits)
            if not hits:
                misses.append(f"{article.id} {person!r} not in the sentence of {event.date_text!r} "
                              f"(sentence has: {sorted({m.ref.name for m in mentions})})")


def _refuse_val7_errors(parser, args) -> None:
    if args.part == "val7" and args.errors:
        parser.error("val7 is scored in aggregate only: its misses are not shown (--errors is refused)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=DEVELOPMENT_PARTS + ("heldout6", "val7"))
    parser.add_argument("--batch", type=int, choices=tuple(BATCHES))
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    _refuse_val7_errors(parser, args)
    parts = [args.part] if args.part else (["dev"] if args.batch else list(DEVELOPMENT_PARTS))
    grand = {"gold_persons": 0, "found": 0}
    for part in parts:
        result = score(part, args.batch)
        n = result["gold_persons"] or 1
        label = part + (f" (batch {args.batch})" if args.batch else "")
        print(f"{label:18} {result['articles']:3} articles  gold persons {result['gold_persons']:4}  found "
              f"{result['found']:4} ({100 * result['found'] / n:.1f}%)  with a state {result['with_state']}")
        grand["gold_persons"] += result["gold_persons"]
        grand["found"] += result["found"]
        if args.errors:
            print("\n".join("  " + line for line in result["misses"]))
    if len(parts) > 1:
        print(f"{'all':18}              gold persons {grand['gold_persons']:4}  found {grand['found']:4} "
              f"({100 * grand['found'] / (grand['gold_persons'] or 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
