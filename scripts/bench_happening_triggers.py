"""Ingest cost with and without the happening table's triggers (events/services/happenings.py).

    .venv/bin/python scripts/bench_happening_triggers.py            # the happening table's triggers
    .venv/bin/python scripts/bench_happening_triggers.py --search   # the search documents' (happening_text.py)

Writes 464 copies of the corpus articles (scripts/bench_ingest.py's copies), ingests them in 8 batches
into one throw-away PostgreSQL database (or DATABASE_URL's, which must be empty), the triggers enabled and
disabled in turn, and prints each batch's seconds beside the load average. Compare the sums: single
batches move with the machine's load.
"""
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_common import setup_django, start_database, stop_database  # noqa: E402
from bench_ingest import DEFAULT_CORPUS, write_copies  # noqa: E402


def _set_triggers(on, search=False):
    from django.db import connection

    from events.services import happening_text
    from events.services.happenings import PG_TRIGGERS

    state = "ENABLE" if on else "DISABLE"
    with connection.cursor() as cursor:
        if search:
            for name, table, _, _, _ in happening_text.PG_TRIGGERS:
                cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {name}")
            return
        for table, _, operations in PG_TRIGGERS:
            for op in operations:
                cursor.execute(f"ALTER TABLE {table} {state} TRIGGER happening_{op.lower()}_{table}")


def main(batches=8, per_batch=58, search="--search" in sys.argv):
    server = start_database()
    try:
        setup_django(empty=True)
        from events.services.ingest import ingest_paths

        root = Path(tempfile.mkdtemp(prefix="happening-bench-"))
        every = root / "all"
        every.mkdir()
        write_copies(DEFAULT_CORPUS, every, batches * per_batch, spread=1)
        folders = [root / f"batch{i}" for i in range(batches)]
        for folder in folders:
            folder.mkdir()
        for j, path in enumerate(sorted(every.iterdir())):
            path.rename(folders[j % batches] / path.name)
        totals = {True: 0.0, False: 0.0}
        for i, folder in enumerate(folders):
            on = i % 2 == 0
            _set_triggers(on, search)
            started = time.perf_counter()
            report = ingest_paths([folder], progress=False)
            seconds = time.perf_counter() - started
            totals[on] += seconds
            print(f"triggers {'on ' if on else 'off'}: {report.articles_new} articles in {seconds:.1f} s "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        _set_triggers(True, search)
        print(f"total: {totals[True]:.1f} s with the triggers, {totals[False]:.1f} s without")
    finally:
        stop_database(server)


if __name__ == "__main__":
    main()
