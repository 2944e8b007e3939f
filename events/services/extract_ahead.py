"""Extraction one article ahead, on a thread of its own, while the article before is being stored.

A one-process batch ingest spends an article's time in two halves that need not follow each other:
`extract_article` (pure Python, no Django, no database) and storing (statements whose answers the process
waits for while PostgreSQL works). While the process waits for the database it holds no interpreter lock,
so a second thread can extract the NEXT article in that time: the database's time and the extraction's
overlap instead of adding up (the machine's second core runs the PostgreSQL backend).

What is extracted ahead is only a guess until it is used: `extract_article(body, anchor, gazetteer)` is a
pure function of its three arguments, and the result is used only when the article about to be stored has
the same body, the same anchor (its issue's date, read in the storing transaction) and the very same
gazetteer object (the snapshot process_article takes). Otherwise the article is extracted again, as
without this module. So what is stored is exactly what the one-thread ingest stores.

Only one thread ever runs the extraction code (one worker, and an article not extracted ahead is extracted
by that same worker while the caller waits), so the extraction needs no locking of its own. An exception in
the extraction is raised where the result is taken, inside the article's transaction, as before.
"""
from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

# While the worker extracts, the storing thread wakes from each database answer and asks for the interpreter
# lock: with CPython's default switch interval (5 ms) it could wait that long each time. A shorter interval
# during the batch hands the lock over within a fraction of a millisecond.
SWITCH_INTERVAL = 0.0005

_active = threading.local()  # .ahead: the ExtractionAhead of the batch this thread runs, if any


class ExtractionAhead:
    """One worker thread; results keyed by (body, anchor, gazetteer). Use as a context manager."""

    KEEP = 8  # results waiting to be taken (a skipped article's is dropped with the oldest); > ingest.AHEAD_DEPTH

    def __init__(self):
        self._executor = None
        self._pending = {}  # (body, anchor, id(gazetteer)) -> (future, gazetteer)
        self._switch = None

    def __enter__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract-ahead")
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self._previous, _active.ahead = active(), self
        return self

    def __exit__(self, *exc):
        _active.ahead = self._previous
        for future, _ in self._pending.values():
            future.cancel()
        self._pending.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)
        sys.setswitchinterval(self._switch)
        return False

    def submit(self, body: str, anchor, gazetteer) -> None:
        """Start extracting (body, anchor) with `gazetteer` on the worker."""
        key = (body, anchor, id(gazetteer))
        if key in self._pending:
            return
        while len(self._pending) >= self.KEEP:
            future, _ = self._pending.pop(next(iter(self._pending)))
            future.cancel()
        self._pending[key] = (self._executor.submit(_extract, body, anchor, gazetteer), gazetteer)

    def extract(self, body: str, anchor, gazetteer):
        """The mentions of (body, anchor, gazetteer): the result extracted ahead when there is one for exactly
        these arguments, else extracted now (on the worker, so the extraction never runs on two threads)."""
        found = self._pending.pop((body, anchor, id(gazetteer)), None)
        if found is not None and found[1] is gazetteer and not found[0].cancelled():
            return found[0].result()
        return self._executor.submit(_extract, body, anchor, gazetteer).result()


def _extract(body, anchor, gazetteer):
    from events.extraction.pipeline import extract_article

    return extract_article(body, anchor, gazetteer)


def active() -> ExtractionAhead | None:
    """The ExtractionAhead of the batch this thread runs (None outside a one-process batch ingest)."""
    return getattr(_active, "ahead", None)
