"""Trains the learned attachment step (events/extraction/events/attachment.py) on the development set's gold.

    .venv/bin/python scripts/train_attachment.py --by-batch  # leave-batch-out CV, train, write the model (off)
    .venv/bin/python scripts/train_attachment.py --cv-only --by-batch   # only the cross-validated figures
    .venv/bin/python scripts/train_attachment.py --parts dev+heldout8   # train on these parts only
    .venv/bin/python scripts/train_attachment.py --on        # write it switched on (the default writes it off)

Data: every key event of the training parts (TRAIN_PARTS: every burned part, dev, heldout ..
heldout15 and val7; never the validation parts val8 .. val16 nor the lead's unseen heldout16, which are not even
read: NEVER_READ) that the pipeline
finds (the first mention whose date phrase overlaps the gold one, as scripts/score_devset.py matches them). Each
candidate party of that mention (attachment.actor_candidates, country_candidates, recorded while the pipeline runs
with the model off) is labelled 1 when it is one of the event's required gold actors/countries (score_devset's
name matching), 0 when it is outside the required and optional ones; optional ones are left out of the loss.

Model: L2-regularised logistic regression per kind of party (actor, country), fitted by Newton's method with
conjugate gradients on sparse binary features (numpy only; deterministic). Features seen fewer than MIN_COUNT
times in the training data are dropped. The regularisation and the threshold are chosen by cross-validation
(--by-batch: a fold per batch, the development part's by score_devset.BATCHES; else FOLDS folds by article number) on the number of key events whose actor (country) set is exactly
right, the scorer's measure; the final model is fitted on all training articles with them. Takes seconds.
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.entities import default_gazetteer  # noqa: E402
from events.extraction.events import attachment  # noqa: E402
from events.extraction.events.attachment_model import MODEL_FILE  # noqa: E402
from events.extraction.pipeline import extract_article  # noqa: E402
from scripts.score_devset import BATCHES, set_right  # noqa: E402
from tests.devset import devset  # noqa: E402

# Every burned part (from the ninth round; the stored model's command names them again with --parts)
TRAIN_PARTS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "val7",
               "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15")
# The validation parts (aggregate scores only) and the lead's unseen test: never opened, never trained on. (heldout8 was
# the eighth round's unseen test, heldout9 the ninth's, heldout10 the tenth's, heldout11 the eleventh's, heldout12 the twelfth's, heldout13 the thirteenth's, heldout14 the fourteenth's, heldout15 the fifteenth's; burned since, they may be trained on.)
NEVER_READ = ("val8", "val9", "val10", "val11", "val12", "val13", "val14", "val15", "val16", "heldout16")
FOLDS = 5
MIN_COUNT = 2
LAMBDAS = (0.3, 1.0, 3.0, 10.0)
KINDS = ("actor", "country")
BY_BATCH = False  # --by-batch: leave-batch-out cross-validation
PART_OF: dict[str, str] = {}  # article id -> its part (filled by load_articles)


@dataclass
class Event:
    """One gold key event of an article, with the candidates of the mention that found it (None: not found)."""
    article: str
    gold: object  # devset.GoldEvent
    candidates: dict | None  # kind -> list[attachment.Candidate]
    batch: str = ""  # the article's batch (its part; the development part's by BATCHES): leave-batch-out folds


def load_articles(parts) -> list:
    """The articles of `parts` (devset.GoldArticle), reading only their own files (never NEVER_READ's)."""
    data = devset.gold_data()
    wanted = {id_ for name, ids in data["split"].items() if name in parts and name not in NEVER_READ for id_ in ids}
    PART_OF.update({id_: name for name, ids in data["split"].items() for id_ in ids if id_ in wanted})
    return [_article(entry) for entry in data["articles"] if entry["id"] in wanted]


def _article(entry: dict):
    """One gold entry's article, its body read from its own file."""
    text = (devset.ARTICLES / entry["file"]).read_text(encoding="utf-8")
    body = text[devset._PUBLICATION.search(text).end():]
    events = [devset._event(entry, body, e) for e in entry["events"]]
    return devset.GoldArticle(entry["id"], entry["file"], entry["volume"], entry["issue"],
                              datetime.date.fromisoformat(entry["anchor"]), body, "", [], events)


def collect(articles, gazetteer) -> list[Event]:
    """Runs the pipeline with the model off on each article and pairs each gold event with its mention's candidates."""
    saved, attachment.USE_MODEL = attachment.USE_MODEL, False
    events = []
    try:
        for article in articles:
            with attachment.recording() as records:
                mentions = extract_article(article.body, article.anchor, gazetteer)
            by_key = {key: {"actor": people, "country": states} for key, people, states in records}
            for gold in article.events:
                found = [m for m in mentions if m.date_text_start < gold.date_end and gold.date_start < m.date_text_end]
                events.append(Event(article.id, gold, by_key.get(found[0].key) if found else None,
                                    batch_of(article)))
    finally:
        attachment.USE_MODEL = saved
    return events


def label(candidate, gold, names: dict) -> int | None:
    """1: a required gold party; 0: outside required and optional; None: optional (no loss)."""
    if candidate.kind == "actor":
        name, required, optional = candidate.value.name, gold.actors, gold.actors_optional
    else:
        name, required, optional = names.get(candidate.value, candidate.value), gold.countries, gold.countries_optional
    if any(set_right([name], [item], []) for item in required):
        return 1
    if optional and set_right([name], [], optional):
        return None
    return 0


def set_is_right(chosen: list, gold, kind: str, names: dict) -> bool:
    if kind == "actor":
        return set_right([c.value.name for c in chosen], gold.actors, gold.actors_optional)
    return set_right([names.get(c.value, c.value) for c in chosen], gold.countries, gold.countries_optional)


# -- the logistic model (sparse binary features, Newton-CG) ---------------------------------------------------

class Design:
    """Rows of active feature indices (CSR-like) over a vocabulary."""

    def __init__(self, rows: list[list[str]], vocabulary: dict[str, int]):
        cols = [[vocabulary[f] for f in dict.fromkeys(row) if f in vocabulary] for row in rows]
        self.n, self.d = len(rows), len(vocabulary)
        self.cols = np.array([c for row in cols for c in row], dtype=np.int64)
        self.rows = np.repeat(np.arange(self.n), [len(row) for row in cols])

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=w[self.cols], minlength=self.n)

    def tdot(self, r: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, weights=r[self.rows], minlength=self.d)


def fit(design: Design, y: np.ndarray, lam: float, newton_steps: int = 12, cg_steps: int = 40) -> np.ndarray:
    """Minimises sum logloss + lam/2 |w|^2 by Newton's method, each step solved by conjugate gradients."""
    w = np.zeros(design.d)
    for _ in range(newton_steps):
        p = 1 / (1 + np.exp(-design.dot(w)))
        grad = design.tdot(p - y) + lam * w
        if np.linalg.norm(grad) < 1e-6:
            break
        curvature = p * (1 - p)
        w -= _conjugate_gradient(lambda v: design.tdot(curvature * design.dot(v)) + lam * v, grad, cg_steps)
    return w


def _conjugate_gradient(apply, b: np.ndarray, steps: int) -> np.ndarray:
    x = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rr = r @ r
    for _ in range(steps):
        ap = apply(p)
        alpha = rr / (p @ ap)
        x += alpha * p
        r -= alpha * ap
        new = r @ r
        if new < 1e-12:
            break
        p = r + new / rr * p
        rr = new
    return x


def vocabulary_of(rows: list[list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}


def train_kind(events: list[Event], kind: str, names: dict, lam: float) -> dict[str, float]:
    """Feature weights for `kind` fitted on `events`' labelled candidates."""
    rows, ys = [], []
    for event in events:
        for candidate in (event.candidates or {}).get(kind, []):
            y = label(candidate, event.gold, names)
            if y is not None:
                rows.append(candidate.features)
                ys.append(y)
    vocabulary = vocabulary_of(rows)
    w = fit(Design(rows, vocabulary), np.array(ys, dtype=float), lam)
    return {f: float(w[i]) for f, i in vocabulary.items()}


def score_of(weights: dict[str, float], features: list[str]) -> float:
    return sum(weights.get(f, 0.0) for f in features)


# -- cross-validation ---------------------------------------------------------------------------------------

def folds_of(events: list[Event]) -> list[int]:
    """Fold of each event: its batch's rank (--by-batch: leave-batch-out), else its article's rank among the training
    articles (by number) modulo FOLDS."""
    if BY_BATCH:
        batches = sorted({e.batch for e in events})
        return [batches.index(e.batch) for e in events]
    ids = sorted({e.article for e in events}, key=int)
    fold = {id_: i % FOLDS for i, id_ in enumerate(ids)}
    return [fold[e.article] for e in events]


def fold_count(events: list[Event]) -> int:
    return len({e.batch for e in events}) if BY_BATCH else FOLDS


def batch_of(article) -> str:
    """The article's batch: its part, the development part's split by score_devset.BATCHES."""
    number = int(article.id)
    return next((f"batch{k}" for k, ids in BATCHES.items() if number in ids), PART_OF.get(article.id, "other"))


def out_of_fold_scores(events: list[Event], kind: str, names: dict, lam: float) -> list[list[float] | None]:
    """Each event's candidates' scores by a model trained without its article's fold."""
    folds = folds_of(events)
    scores: list[list[float] | None] = [None] * len(events)
    for k in range(fold_count(events)):
        weights = train_kind([e for e, f in zip(events, folds) if f != k], kind, names, lam)
        for i, (event, f) in enumerate(zip(events, folds)):
            if f == k and event.candidates is not None:
                scores[i] = [score_of(weights, c.features) for c in event.candidates[kind]]
    return scores


def right_with(events, kind, names, scores, threshold) -> int:
    right = 0
    for event, event_scores in zip(events, scores):
        if event.candidates is None:
            continue
        chosen = [c for c, s in zip(event.candidates[kind], event_scores) if applied(c, s, threshold)]
        right += set_is_right(chosen, event.gold, kind, names)
    return right


def applied(candidate, score: float, threshold: float) -> bool:
    """Whether the candidate is chosen, as the pipeline applies the model: for people it only takes away the rules'
    choices, and only of people named outside the event's clause (attachment._model_actors, _kept_by_model)."""
    if candidate.kind != "actor":
        return score >= threshold
    return candidate.chosen and (score >= threshold or "in_clause" in candidate.features)


def rules_right(events, kind, names) -> int:
    return sum(set_is_right([c for c in e.candidates[kind] if c.chosen], e.gold, kind, names)
               for e in events if e.candidates is not None)


def oracle_right(events, kind, names) -> int:
    """Events whose right set is reachable from the candidates (every required one among them)."""
    return sum(set_is_right([c for c in e.candidates[kind] if label(c, e.gold, names) == 1], e.gold, kind, names)
               for e in events if e.candidates is not None)


THRESHOLDS = tuple(round(t, 2) for t in np.arange(-2.0, 2.01, 0.25))


def cross_validate(events, kind, names) -> dict:
    """Out-of-fold right counts for each regularisation and threshold; the best pair (ties: the larger lam, the
    threshold nearest 0)."""
    table = {}
    for lam in LAMBDAS:
        scores = out_of_fold_scores(events, kind, names, lam)
        for threshold in THRESHOLDS:
            table[(lam, threshold)] = right_with(events, kind, names, scores, threshold)
    best = max(table, key=lambda key: (table[key], key[0], -abs(key[1])))
    return {"lam": best[0], "threshold": best[1], "right": table[best], "table": table}


def per_fold(events, kind, names, lam, threshold) -> list[tuple[int, int, int]]:
    """(events, rules right, model right) of each fold at the chosen settings."""
    scores = out_of_fold_scores(events, kind, names, lam)
    folds = folds_of(events)
    rows = []
    for k in range(fold_count(events)):
        chosen = [i for i, f in enumerate(folds) if f == k]
        part = [events[i] for i in chosen]
        rows.append((len(part), rules_right(part, kind, names),
                     right_with(part, kind, names, [scores[i] for i in chosen], threshold)))
    return rows


def validate(events, kind, names, weights, threshold) -> tuple[int, int]:
    """(rules right, model right) on events the model was not trained on."""
    scores = [[score_of(weights, c.features) for c in e.candidates[kind]] if e.candidates is not None else None
              for e in events]
    return rules_right(events, kind, names), right_with(events, kind, names, scores, threshold)


def _command(args) -> str:
    """The command line that writes this model again (stored in the file)."""
    flags = [flag for flag, used in (("--on", args.on), ("--by-batch", args.by_batch)) if used]
    if args.parts:
        flags.append("--parts " + "+".join(TRAIN_PARTS))
    return " ".join([".venv/bin/python scripts/train_attachment.py", *flags])


def main(argv=None) -> int:
    global TRAIN_PARTS, BY_BATCH
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="print the cross-validated figures, write nothing")
    parser.add_argument("--validate", choices=("heldout5",), help="also score this part (never trained on)")
    parser.add_argument("--hold-out-batch", type=int, choices=(6,),
                        help="leave this development batch (6: 105-116) out of training and score it as fresh articles")
    parser.add_argument("--on", action="store_true",
                        help="write the model switched on (only after it beat the rules on CV and heldout5)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--parts", help="train on these parts, joined by '+' (default: " + "+".join(TRAIN_PARTS) + ")")
    parser.add_argument("--by-batch", action="store_true", help="leave-batch-out cross-validation (a fold per batch)")
    args = parser.parse_args(argv)
    if args.parts:
        TRAIN_PARTS = tuple(p for p in args.parts.split("+") if p not in NEVER_READ)
    BY_BATCH = args.by_batch
    gazetteer = default_gazetteer()
    names = gazetteer.country_names
    articles, events, held = _data(args, gazetteer)
    found = sum(e.candidates is not None for e in events)
    print(f"training: {len(articles)} articles, {len(events)} key events, {found} found")
    model = {"enabled": args.on, "kinds": {}}
    for kind in KINDS:
        model["kinds"][kind] = _train_and_report(events, kind, names, held)
    if not args.cv_only:
        model["trained_on"] = (f"parts {', '.join(TRAIN_PARTS)} of tests/devset/gold.json: {len(articles)} articles, "
                               f"{len(events)} key events ({found} found)")
        model["command"] = _command(args)
        # (the file also holds other steps' weights, implied_side's: they stay)
        kept = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        model = {**kept, **model}
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def _data(args, gazetteer) -> tuple[list, list[Event], dict]:
    """The training articles, their events, and the events of the parts scored without training on them."""
    articles = load_articles(TRAIN_PARTS)
    fresh = [a for a in articles if args.hold_out_batch and int(a.id) in BATCHES[args.hold_out_batch]]
    articles = [a for a in articles if a not in fresh]
    held = {}
    if args.validate:
        held[args.validate] = collect(load_articles((args.validate,)), gazetteer)
    if fresh:
        held[f"batch {args.hold_out_batch}"] = collect(fresh, gazetteer)
    return articles, collect(articles, gazetteer), held


def _train_and_report(events, kind, names, held: dict) -> dict:
    """Cross-validates, prints the figures, fits on all `events`; the kind's entry of the model file. A kind is used
    (when the model is on) only if its cross-validated count beats the rules'."""
    result = cross_validate(events, kind, names)
    lam, threshold = result["lam"], result["threshold"]
    rules = rules_right(events, kind, names)
    print(f"{kind}: rules {rules}/{len(events)}, rules+model (CV, lam {lam}, threshold {threshold}) "
          f"{result['right']}/{len(events)}, reachable {oracle_right(events, kind, names)}")
    for k, (n, r, m) in enumerate(per_fold(events, kind, names, lam, threshold)):
        print(f"  fold {k}: {n} events, rules {r}, rules+model {m}")
    weights = train_kind(events, kind, names, lam)
    for held_name, held_events in held.items():
        r, m = validate(held_events, kind, names, weights, threshold)
        print(f"  {held_name} (not trained on): {len(held_events)} key events, rules {r}, rules+model {m}")
    return {"cv_beats_rules": result["right"] > rules, "threshold": threshold, "lambda": lam,
            "cv": {"events": len(events), "rules_right": rules, "model_right": result["right"]},
            "weights": {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}}


if __name__ == "__main__":
    sys.exit(main())
