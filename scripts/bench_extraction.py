"""Milliseconds per article for event extraction over the Monitor corpus (gazetteer load excluded).

    .venv/bin/python scripts/bench_extraction.py [--repeat 50]

Per article: the median and the best of `repeat` runs of extract_article, and the share of the
temporal tagger (timex.tag) in it, since the tagger is a separate module with its own figures.
Times are CPU time of this process (time.process_time), so other work on the machine does not inflate them.

Machines differ (the same code: 9.35 ms on one session's machine, 15.7 ms on the next's), so the run also times
the fixed reference workload of scripts/bench_reference.py (best of its runs before and after the articles) and
prints the median beside it and as a ratio: "median / reference" compares across machines, milliseconds do not.
"""
import argparse
import datetime
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.entities import default_gazetteer  # noqa: E402
from events.extraction.events import default_rules  # noqa: E402
from events.extraction.pipeline import article_body, extract_article  # noqa: E402
from events.extraction.timex import tag  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
from bench_reference import reference_ms  # noqa: E402

CORPUS = REPO / ".." / "shared" / "corpus" / "monitor"
# Issue dates of the corpus articles (weekdays skipping US federal holidays; ../shared/docs/DESIGN.md section 1).
ISSUE_DATES = {(7, 1): "2001-01-02", (7, 30): "2001-02-13", (6, 114): "2000-06-13",
               (6, 129): "2000-07-05", (7, 79): "2001-04-24"}
_ISSUE = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)")


def corpus_articles():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        match = _ISSUE.search(text)
        key = (int(match.group(1)), int(match.group(2))) if match else None
        if key in ISSUE_DATES:
            yield path.name, article_body(text), datetime.date.fromisoformat(ISSUE_DATES[key])


def timings_ms(function, repeat):
    # CPU time of this process: what the work costs, whatever else the shared machine is running.
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        function()
        runs.append((time.process_time() - started) * 1000)
    return statistics.median(runs), min(runs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--reference-repeat", type=int, default=5,
                        help="runs of the reference workload before the articles and again after them")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gazetteer, rules = default_gazetteer(), default_rules()
    print(f"gazetteer and rules load: {(time.perf_counter() - started) * 1000:.1f} ms")
    articles = list(corpus_articles())
    reference = reference_ms(args.reference_repeat)
    for _, body, anchor in articles:  # warm the caches once
        extract_article(body, anchor, gazetteer, rules)
    medians, bests, tagger_bests, count = [], [], [], 0
    for name, body, anchor in articles:
        median, best = timings_ms(lambda: extract_article(body, anchor, gazetteer, rules), args.repeat)
        _, tagger_best = timings_ms(lambda: tag(body, anchor), args.repeat)
        mentions = len(extract_article(body, anchor, gazetteer, rules))
        count += mentions
        medians.append(median)
        bests.append(best)
        tagger_bests.append(tagger_best)
        print(f"{name}: {len(body)} chars, {mentions} mentions, median {median:.2f} ms, best {best:.2f} ms "
              f"(of which timex.tag best {tagger_best:.2f} ms)")
    reference = min(reference, reference_ms(args.reference_repeat))
    median = statistics.mean(medians)
    print(f"reference workload (scripts/bench_reference.py): {reference:.1f} ms, best of {2 * args.reference_repeat}; "
          f"median per article / reference = {median / reference:.3f}")
    print(f"{len(articles)} articles x {args.repeat}: median {statistics.mean(medians):.2f} ms per article, "
          f"best {statistics.mean(bests):.2f} ms; without timex.tag (best) "
          f"{statistics.mean(bests) - statistics.mean(tagger_bests):.2f} ms; {count} mentions in all; "
          f"reference workload {reference:.1f} ms, ratio {median / reference:.3f}")


if __name__ == "__main__":
    main()
