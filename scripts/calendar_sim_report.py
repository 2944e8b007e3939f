"""Share of simulated issues the calendar fitter dates exactly and within one day, by evidence density.

    .venv/bin/python scripts/calendar_sim_report.py [--seeds 1 2 3] [--volumes 8 9 10]

Each row simulates whole volumes (events.extraction.calendar_sim: a random calendar unknown to the
fitter, 15% of cross-references wrong, 1% of citations dated in the future), reads the evidence back
from the Monitor-format text and fits the archive (events.extraction.calendar_fit.fit_archive).
Density = articles per issue carrying dated citations (density 0: no issue has any); a second set of rows
leaves a share of the issues with no dated evidence at all.
"""
import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events.extraction.calendar import issue_evidence  # noqa: E402
from events.extraction.calendar_fit import IssueInput, fit_archive  # noqa: E402
from events.extraction.calendar_sim import article_text, simulate  # noqa: E402


def evaluate(density, seed, volumes, empty_share):
    rng = random.Random(seed)
    archive = simulate(volumes, rng, articles=max(density, 2), cited=density, empty_share=empty_share)
    inputs = {}
    for article in archive.articles:
        item = inputs.setdefault(article.volume, {}).setdefault(article.number, IssueInput(article.number))
        item.evidence.extend(issue_evidence(article.volume, article.number, article_text(article)))
    fits = fit_archive({v: list(items.values()) for v, items in inputs.items()})
    exact = near = total = worst = 0
    for (volume, number), truth in archive.truth.items():
        got = fits[volume].issues[number].date
        total += 1
        exact += got == truth
        near += abs((got - truth).days) <= 1
        worst = max(worst, abs((got - truth).days))
    return exact, near, total, worst


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--volumes", type=int, nargs="+", default=[8, 9, 10])
    parser.add_argument("--densities", type=int, nargs="+", default=[0, 1, 2, 3, 4, 6])
    parser.add_argument("--empty-shares", type=float, nargs="+", default=[0.0, 0.05],
                        help="shares of issues with no dated evidence at all")
    args = parser.parse_args(argv)
    print("| cited articles per issue | issues with no evidence | issues | exact | within ±1 day | worst error (days) | seconds |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for empty in args.empty_shares:
        for density in args.densities:
            started = time.perf_counter()
            exact = near = total = worst = 0
            for seed in args.seeds:
                e, n, t, w = evaluate(density, seed, args.volumes, empty if density else 1.0)
                exact, near, total, worst = exact + e, near + n, total + t, max(worst, w)
            print(f"| {density} | {100 * (empty if density else 1.0):.0f}% | {total} | {100 * exact / total:.1f}% | "
                  f"{100 * near / total:.1f}% | {worst} | {time.perf_counter() - started:.1f} |")


if __name__ == "__main__":
    main()
