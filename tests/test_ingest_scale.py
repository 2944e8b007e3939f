"""Ingest at archive scale, run as an operator runs it (real processes on the test PostgreSQL): a killed
ingest resumes with nothing half-stored; a database outage stops the run with one message."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from events.models import Article, Event, Thread
from events.synthetic import ArchiveGenerator
from tests.pgserver import free_port
from tests.test_ingest_command import REPO, database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="separate processes need a server database"),
]


def _ingest(folder, url=None, **popen):
    env = dict(os.environ, DATABASE_URL=url or database_url(), DEBUG="", MONITOR_ALLOW_INSECURE_KEY="1")
    return subprocess.Popen([sys.executable, str(REPO / "manage.py"), "ingest", "--no-progress", str(folder)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def test_a_killed_ingest_resumes_with_nothing_half_stored(tmp_path):
    ArchiveGenerator(seed=11).generate(tmp_path, [7], 4, limit=80)
    process = _ingest(tmp_path)
    deadline = time.monotonic() + 120
    while Article.objects.count() < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = Article.objects.count()
    assert 12 <= stored < 80
    # Every stored article is whole: it has its events (an article and its events commit together).
    assert not Article.objects.filter(processed_at__isnull=True).exists()
    assert Article.objects.filter(events__isnull=True).count() == 0
    out, err = _ingest(tmp_path).communicate(timeout=300)
    assert f"articles new: {80 - stored}, unchanged: {stored}, failed: 0" in out, err
    assert Article.objects.count() == 80
    events, threads = Event.objects.count(), Thread.objects.count()
    # Nothing was doubled: a third run changes nothing.
    out, err = _ingest(tmp_path).communicate(timeout=300)
    assert "articles new: 0, unchanged: 80, failed: 0" in out
    assert (Event.objects.count(), Thread.objects.count()) == (events, threads)


def test_a_database_outage_stops_the_run_with_one_message(tmp_path):
    ArchiveGenerator(seed=12).generate(tmp_path, [7], 1, limit=6)
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/postgres"  # nothing listens there
    out, err = _ingest(tmp_path, url=dead).communicate(timeout=120)
    lines = [line for line in err.splitlines() if line.strip()]
    # One line, naming the cause and what to do, instead of one failure per remaining file.
    assert len(lines) == 1, err
    assert lines[0].startswith("CommandError: database unavailable:") or "database unavailable:" in lines[0]
    assert "stopped after 0 of 6 files" in lines[0] and "run the same command again" in lines[0]
