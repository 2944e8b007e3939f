"""Backup and restore (deploy/backup.sh, deploy/restore.sh) round trip on the test run's PostgreSQL server."""
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests import factories
from tests.pgserver import find_binary

REPO = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.skipif(os.environ.get("MONITOR_TEST_DB", "postgres") == "sqlite", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # the dump runs in another process: the data must be committed
]

# What must survive: every table's rows, compared as an ordered text digest computed by the server.
TABLES = ["events_issue", "events_article", "events_thread", "events_event", "events_event_actors",
          "events_event_countries", "events_historicalevent", "django_migrations"]


def digest(url, table):
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                            f"FROM {table} t").fetchone()


def url_for(name):
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"


def test_backup_and_restore_round_trip(tmp_path):
    russia = factories.country("RU", "Russia")
    thread = factories.thread("Talks in the capital", start=date(2001, 3, 12))
    for n in range(3):
        factories.event(sentence=f"The envoys met on March 12 for the {n}th round of talks.", date_text="on March 12",
                        countries=[russia], actors=[factories.actor("A. Envoy")], thread_obj=thread)
    source = url_for(connection.settings_dict["NAME"])
    before = {table: digest(source, table) for table in TABLES}
    assert before["events_event"][0] == 3

    env = dict(os.environ, DATABASE_URL=source, PG_BIN=str(Path(find_binary("pg_dump")).parent))
    backup = subprocess.run(["bash", "deploy/backup.sh", str(tmp_path)], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and dump.name.startswith("monitor-") and dump.suffix == ".dump"
    assert not list(tmp_path.glob("*.partial"))

    target_name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target_name}"')
    target = url_for(target_name)
    try:
        restore = subprocess.run(["bash", "deploy/restore.sh", str(dump)], cwd=REPO,
                                 env=dict(env, DATABASE_URL=target), capture_output=True, text=True, timeout=120)
        assert restore.returncode == 0, restore.stderr
        after = {table: digest(target, table) for table in TABLES}
        assert after == before
        # The app runs on the restored database: no migration missing, the events are there.
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"], cwd=REPO,
            env=dict(env, DATABASE_URL=target), capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stdout + check.stderr
        # Restoring again over a non-empty database without --replace fails, changing nothing.
        again = subprocess.run(["bash", "deploy/restore.sh", str(dump)], cwd=REPO,
                               env=dict(env, DATABASE_URL=target), capture_output=True, text=True, timeout=120)
        assert again.returncode != 0
        assert {table: digest(target, table) for table in TABLES} == before
        # With --replace it succeeds (tables dropped and restored in one transaction).
        replace = subprocess.run(["bash", "deploy/restore.sh", str(dump), "--replace"], cwd=REPO,
                                 env=dict(env, DATABASE_URL=target), capture_output=True, text=True, timeout=120)
        assert replace.returncode == 0, replace.stderr
        assert {table: digest(target, table) for table in TABLES} == before
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')


def test_restore_refuses_a_missing_file(tmp_path):
    result = subprocess.run(["bash", "deploy/restore.sh", str(tmp_path / "nothing.dump")], cwd=REPO,
                            env=dict(os.environ, DATABASE_URL=url_for("postgres")), capture_output=True, text=True)
    assert result.returncode == 2 and "cannot read" in result.stderr
