"""A fixed reference workload, so that a benchmark's figure can be compared across machines.

    .venv/bin/python scripts/bench_reference.py [--repeat 7]

The extraction budget (issue 11: <= 10 ms per article) is measured on the owners' machine, and ours differ
(the same code took 9.35 ms on one session's machine and 15.7 ms on the next's). Benchmarks time this workload
in the same run and print their figure beside it and as a ratio (figure / reference), which carries from one
machine to another far better than milliseconds do.

The workload is small, deterministic pure Python of the kinds extraction spends its time on: integer
arithmetic in a loop, string slicing and case folding, dict look-ups, small objects, and regex scans of a
generated text. **It is fixed forever**: changing it breaks every ratio recorded before (docs/extraction-history.md
records this machine's figures). Its result is checked (REFERENCE_CHECKSUM), so an edit cannot go unnoticed.
Time: CPU time of this process (time.process_time), the best of `repeat` runs (the least disturbed by
other work on a shared machine).
"""
from __future__ import annotations

import argparse
import re
import time

# The words of the generated text; a linear congruential generator picks them (no library's RNG, whose
# algorithm could change).
_WORDS = ("the", "minister", "Russia", "visit", "talks", "on", "Monday", "said", "in", "Moscow", "agreement",
          "President", "of", "and", "signed", "December", "28", "a", "delegation", "to", "Tehran", "last", "week")
_NAME = re.compile(r"(?<![\w])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_DATE = re.compile(r"\b(?:Monday|December\s+\d+|last\s+week)\b", re.IGNORECASE)
REFERENCE_CHECKSUM = 937759039


class _Item:
    __slots__ = ("start", "end", "text")

    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text


def _text(seed: int, count: int) -> str:
    state, words = seed, []
    for _ in range(count):
        state = (state * 1103515245 + 12345) % 2147483648
        words.append(_WORDS[(state >> 16) % len(_WORDS)])
    return " ".join(words)


def reference_workload() -> int:
    """One run of the workload; returns its checksum (always REFERENCE_CHECKSUM)."""
    total = 0
    for i in range(300_000):  # integer arithmetic
        total = (total + i * i) % 1_000_000_007
    text = _text(7, 20_000)
    counts: dict[str, int] = {}
    for word in text.split():  # dict look-ups, case folding
        key = word.lower()
        counts[key] = counts.get(key, 0) + 1
    items = [_Item(m.start(), m.end(), m.group()) for m in _NAME.finditer(text)]  # regex scans, small objects
    items += [_Item(m.start(), m.end(), m.group()) for m in _DATE.finditer(text)]
    spans = sorted((item.start, -item.end) for item in items)
    sliced = sum(len(text[start:-end].upper()) for start, end in spans[::7])  # slicing
    return (total + sum(counts.values()) * 31 + len(items) * 17 + sliced) % 2_147_483_647


def reference_ms(repeat: int = 7) -> float:
    """CPU milliseconds of one run of the workload: the best of `repeat` runs."""
    best = None
    for _ in range(repeat):
        started = time.process_time()
        checksum = reference_workload()
        elapsed = (time.process_time() - started) * 1000
        if checksum != REFERENCE_CHECKSUM:
            raise RuntimeError(f"the reference workload changed (checksum {checksum}): it must stay fixed")
        best = elapsed if best is None else min(best, elapsed)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"reference workload: {reference_ms(args.repeat):.1f} ms (best of {args.repeat}, CPU time)")


if __name__ == "__main__":
    main()
