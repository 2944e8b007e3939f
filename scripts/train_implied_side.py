"""Trains the implied-side step (events/extraction/events/implied_side.py) on the development set's gold.

    .venv/bin/python scripts/train_implied_side.py            # leave-batch-out figures, then writes the model
    .venv/bin/python scripts/train_implied_side.py --cv-only  # only the leave-batch-out figures
    .venv/bin/python scripts/train_implied_side.py --on       # write it switched on (the default writes it off)

Data: every key event of the burned parts but the validation ones (dev, heldout .. heldout7; val7 and later val
parts are never read: they are scored in aggregate only) that the pipeline finds (the first mention whose date
phrase overlaps the gold one, as scripts/score_devset.py matches them) and for which the step offered the article's
other side (exactly one of the pair among the event's states). Label: 1 when the event's state set is right with
the other side added and wrong without it, 0 when it is right without and wrong with; an event where adding it
changes nothing the scorer sees is left out.

Model: L2-regularised logistic regression (numpy, Newton's method; deterministic). Features seen fewer than
MIN_COUNT times are dropped. Measured by leave-batch-out: each group (a development batch by its article numbers, or
a held-out part) is scored by a model fitted on all the others, counting the events it would make right (gains)
and wrong (losses); the regularisation is the one with the best summed net gain (the stronger on a tie), the threshold the log-odds 0.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["MONITOR_IMPLIED_SIDE"] = "off"  # record the rules' choice, before the step adds anything

from events.extraction.entities import default_gazetteer  # noqa: E402
from events.extraction.events import implied_side  # noqa: E402
from events.extraction.pipeline import extract_article  # noqa: E402
from scripts.score_devset import BATCHES, set_right  # noqa: E402
from tests.devset import devset  # noqa: E402

VALIDATION = ("val7", "val8", "val9", "val10", "val11", "val12", "val13", "val14", "val15", "val16")  # scored in aggregate only: never trained on
UNSEEN = ("heldout16",)  # the lead's fresh held-out batch of the sixteenth round: never read, never trained on (heldout8 .. heldout15, burned, are)
MIN_COUNT = 3
LAMBDAS = (1.0, 3.0, 10.0, 30.0)


def group_of(article) -> str:
    """A development article's batch, or its held-out part's name."""
    if article.part != "dev":
        return article.part
    number = int(article.id)
    return next((f"batch{b}" for b, ids in BATCHES.items() if number in ids), "dev")


def examples() -> list[tuple[str, list[str], int]]:
    """(group, features, label) of every key event where the step's choice changes the scorer's verdict."""
    gazetteer = default_gazetteer()
    rows = []
    for article in devset.load():
        if article.part in VALIDATION + UNSEEN or article.part.startswith("val"):
            continue
        mentions, recorded = _recorded(article, gazetteer)
        rows += [(group_of(article), features, label)
                 for features, label in _deciding_events(article, mentions, recorded, gazetteer.country_names)]
    return rows


def _recorded(article, gazetteer):
    """The article's mentions, and the step's candidates (mention key -> (missing state, features))."""
    implied_side._recorder = []
    try:
        mentions = extract_article(article.body, article.anchor, gazetteer)
        return mentions, {key: (missing, features) for key, missing, features in implied_side._recorder}
    finally:
        implied_side._recorder = None


def _deciding_events(article, mentions, recorded, names):
    """(features, label) of each key event whose mention has a candidate that changes the scorer's verdict;
    label 1 when adding the missing state makes it right."""
    for event in article.events:
        found = [m for m in mentions if m.date_text_start < event.date_end and event.date_start < m.date_text_end]
        if not found or found[0].key not in recorded:
            continue
        mention = found[0]
        missing, features = recorded[mention.key]
        without = [names.get(c, c) for c in mention.countries if c != missing]
        with_it = without + [names.get(missing, missing)]
        right_with = set_right(with_it, event.countries, event.countries_optional)
        right_without = set_right(without, event.countries, event.countries_optional)
        if right_with != right_without:
            yield features, int(right_with)


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias, column 0, not regularised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], lam)
    reg[0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def matrix(rows, vocab: dict) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((len(rows), len(vocab)))
    for i, (_, features, _) in enumerate(rows):
        for f in features:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    return x, np.array([label for _, _, label in rows], dtype=float)


def vocabulary(rows) -> dict:
    counts: dict[str, int] = {}
    for _, features, _ in rows:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    kept = ["bias"] + sorted(f for f, n in counts.items() if n >= MIN_COUNT and f != "bias")
    return {f: i for i, f in enumerate(kept)}


def leave_batch_out(rows, lam: float, threshold: float = 0.0) -> dict[str, tuple[int, int]]:
    """group -> (gains, losses) of a model fitted without the group."""
    result = {}
    for group in sorted({g for g, _, _ in rows}):
        train = [r for r in rows if r[0] != group]
        test = [r for r in rows if r[0] == group]
        vocab = vocabulary(train)
        w = fit(*matrix(train, vocab), lam)
        x, y = matrix(test, vocab)
        add = (x @ w) >= threshold
        result[group] = (int((add & (y == 1)).sum()), int((add & (y == 0)).sum()))
    return result


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    rows = examples()
    if args.fit_on:
        rows = [r for r in rows if r[0] in args.fit_on.split("+")]
    print(f"{len(rows)} events where the other side matters: {sum(r[2] for r in rows)} want it, "
          f"{sum(1 - r[2] for r in rows)} do not")
    lam, net, result = _best_lambda(rows)
    if args.cv_only:
        return 0
    if args.lam is not None:
        lam = args.lam
        result = leave_batch_out(rows, lam)
        net = sum(g - l for g, l in result.values())
    _write_model(rows, lam, net, result, args.on)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--on", action="store_true", help="write the model switched on")
    parser.add_argument("--lambda", dest="lam", type=float, help="this regularisation, not the best one found")
    parser.add_argument("--fit-on", help="fit the written model on these groups only, joined by '+' (e.g. "
                                         "heldout6+heldout7: the others then score it as unseen articles)")
    return parser


def _best_lambda(rows):
    """(lambda, net gain, per-group result) of the regularisation with the best leave-batch-out net gain
    (a tie: the stronger one); prints each."""
    best = None
    for lam in LAMBDAS:
        result = leave_batch_out(rows, lam)
        gains, losses = sum(g for g, _ in result.values()), sum(l for _, l in result.values())
        detail = ", ".join(f"{group} +{g}-{l}" for group, (g, l) in result.items())
        print(f"lambda {lam}: leave-batch-out +{gains} -{losses} = {gains - losses:+d}  ({detail})")
        if best is None or gains - losses >= best[1]:
            best = (lam, gains - losses, result)
    return best


def _write_model(rows, lam, net, result, on: bool) -> None:
    """Fit on `rows` and write the weights (switched on only when asked and the net gain is positive)."""
    vocab = vocabulary(rows)
    w = fit(*matrix(rows, vocab), lam)
    data = json.loads(implied_side.MODEL_FILE.read_text(encoding="utf-8"))
    data["implied_side"] = {
        "_note": "events/extraction/events/implied_side.py: log-odds weights of adding the article's other side; "
                 "written by scripts/train_implied_side.py (leave-batch-out figures below).",
        "enabled": bool(on and net > 0),
        "lambda": lam, "threshold": 0.0,
        "leave_batch_out": {group: {"gains": g, "losses": l} for group, (g, l) in result.items()},
        "trained_on": sorted({g for g, _, _ in rows}),
        "command": "scripts/train_implied_side.py" + (" --on" if on else ""),
        "weights": {f: round(float(w[i]), 4) for f, i in sorted(vocab.items()) if abs(w[i]) > 1e-4},
    }
    implied_side.MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written ({'on' if data['implied_side']['enabled'] else 'off'}), lambda {lam}, net {net:+d}")


if __name__ == "__main__":
    sys.exit(main())
