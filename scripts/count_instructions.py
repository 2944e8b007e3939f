"""Instructions per corpus article of the extraction, one checkout against another (valgrind cachegrind).

    .venv/bin/python scripts/count_instructions.py BASE_TREE [TREE] [--passes 4] [--mode same|days]

Wall-clock timings on a shared machine move by tens of percent; the count of executed instructions does not, so
two checkouts can be compared to a fraction of a percent. For each tree the script runs extract_article over the
five corpus articles (`../shared/corpus/monitor`, as scripts/bench_extraction.py) under cachegrind twice: after
the load and one warm pass only, and with N more passes. (Ir(N) - Ir(0)) / (5 N) is the cost of one article with
start-up and warm-up taken out. `same` keeps each article's own issue day (as the benchmark); `days` moves it by a
week each pass (as an ingest of new issues, so nothing is cached across passes). TREE defaults to this checkout.
Needs valgrind (Debian package `valgrind`).
"""
from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _passes(count: int, mode: str) -> None:
    """The measured workload, run inside the tree being measured (cwd)."""
    sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), "scripts")]
    from bench_extraction import corpus_articles
    from events.extraction.entities import default_gazetteer
    from events.extraction.events import default_rules
    from events.extraction.pipeline import extract_article

    gazetteer, rules = default_gazetteer(), default_rules()
    articles = list(corpus_articles())
    for _, body, anchor in articles:
        extract_article(body, anchor, gazetteer, rules)
    for k in range(count):
        for _, body, anchor in articles:
            day = anchor + datetime.timedelta(days=7 * k + 1) if mode == "days" else anchor
            extract_article(body, day, gazetteer, rules)


def _instructions(tree: str, count: int, mode: str) -> int:
    result = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, str(Path(__file__).resolve()), "--child", str(count), mode],
        cwd=tree, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode or not found:
        raise SystemExit(f"valgrind failed in {tree}:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _passes(int(sys.argv[2]), sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the checkout to compare against")
    parser.add_argument("tree", nargs="?", default=str(ROOT), help="the checkout measured (default: this one)")
    parser.add_argument("--passes", type=int, default=4)
    parser.add_argument("--mode", choices=("same", "days"), default="same")
    args = parser.parse_args()
    trees = {"base": args.base, "tree": args.tree}
    with ThreadPoolExecutor(2) as pool:
        jobs = {(name, n): pool.submit(_instructions, path, n, args.mode)
                for name, path in trees.items() for n in (0, args.passes)}
        counts = {key: job.result() for key, job in jobs.items()}
    per = {name: (counts[(name, args.passes)] - counts[(name, 0)]) / (5 * args.passes) for name in trees}
    for name, path in trees.items():
        print(f"{name} ({path}): {per[name] / 1e6:.2f} M instructions per article ({args.passes} passes, {args.mode})")
    print(f"tree / base = {per['tree'] / per['base']:.3f}")


if __name__ == "__main__":
    main()
