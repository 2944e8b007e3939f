"""Milliseconds per article for event extraction over the Monitor corpus (gazetteer load excluded).

    .venv/bin/python scripts/bench_extraction.py [--repeat 50]
"""
import argparse
import datetime
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.entities import default_gazetteer  # noqa: E402
from events.extraction.events import default_rules  # noqa: E402
from events.extraction.pipeline import article_body, extract_article  # noqa: E402

CORPUS = REPO / ".." / "shared" / "corpus" / "monitor"
# Issue dates of the corpus articles (weekdays skipping US federal holidays; DESIGN.md section 1).
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gazetteer, rules = default_gazetteer(), default_rules()
    load_ms = (time.perf_counter() - started) * 1000
    articles = list(corpus_articles())
    for _, body, anchor in articles:  # warm the regex caches once
        extract_article(body, anchor, gazetteer, rules)
    print(f"gazetteer and rules load: {load_ms:.1f} ms")
    total_ms, total_mentions = 0.0, 0
    for name, body, anchor in articles:
        started = time.perf_counter()
        for _ in range(args.repeat):
            mentions = extract_article(body, anchor, gazetteer, rules)
        per_article = (time.perf_counter() - started) * 1000 / args.repeat
        total_ms += per_article
        total_mentions += len(mentions)
        print(f"{name}: {len(body)} chars, {len(mentions)} mentions, {per_article:.2f} ms per article")
    print(f"mean over {len(articles)} articles x {args.repeat}: {total_ms / len(articles):.2f} ms per article, "
          f"{total_mentions} mentions in all")


if __name__ == "__main__":
    main()
