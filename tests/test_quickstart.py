"""The zero-setup start: the README's run command on SQLite, as a new user runs it.

scripts/run.sh installs, migrates, ingests ../shared/corpus/monitor and serves; here it runs in a
subprocess against a fresh SQLite file and a free port, and the test reads the served timeline.
"""
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "monitor"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"run.sh exited early with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.mark.slow
def test_run_script_serves_the_corpus_on_sqlite(tmp_path):
    port = free_port()
    database = tmp_path / "quickstart.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", PORT=str(port))
    env.pop("DEBUG", None)
    log = tmp_path / "run.log"
    with open(log, "w") as out:
        process = subprocess.Popen(["bash", str(REPO / "scripts" / "run.sh")], cwd=REPO, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        status, page = wait_for(f"http://127.0.0.1:{port}/", process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    printed = log.read_text()
    assert status == 200
    assert f"http://127.0.0.1:{port}/" in printed
    assert database.exists()
    # The corpus holds five articles of five different issues (one file each); the summary says so.
    assert "articles new: 5" in printed, printed[-2000:]
    # One of the corpus's events: the Russian defence minister's talks in Tehran, dated 28 Dec 2000
    # (Vol 7 No 1 is 2 Jan 2001, so a bare "December 28" there is the previous December).
    assert "Dec 2000" in page
