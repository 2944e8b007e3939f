"""Production behaviour: settings values, the health endpoint, 503 when the database is down, and
reconnection after a PostgreSQL restart without restarting the app (gunicorn against its own server).
"""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
ON_POSTGRES = os.environ.get("MONITOR_TEST_DB", "postgres") != "sqlite"
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (MONITOR_TEST_DB=sqlite run)")


def production_env(**extra):
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    env.update(SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="127.0.0.1,timeline.example.org",
               DJANGO_SETTINGS_MODULE="monitor_site.settings", PYTHONPATH=str(REPO))
    env.update(extra)
    return env


def settings_in(env, expression):
    """Evaluate `expression` in a fresh process whose settings come from `env` (production: DEBUG unset)."""
    code = ("import json, django; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({expression}, default=str))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_database_settings_pooled():
    db = settings_in(production_env(DATABASE_URL="postgres://monitor@db.example.org:5432/monitor", DB_POOL="1"),
                     's.DATABASES["default"]')
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["CONN_MAX_AGE"] == 0  # Django's pool refuses persistent connections; the pool keeps them
    options = db["OPTIONS"]
    assert options["pool"]["min_size"] == 1 and options["pool"]["max_size"] == 4
    assert options["pool"]["timeout"] == 5
    assert options["connect_timeout"] == 5
    assert options["options"] == "-c lock_timeout=10s -c statement_timeout=60s"


def test_production_database_settings_persistent_and_overridden():
    env = production_env(DATABASE_URL="postgres://monitor@db.example.org/monitor", DB_LOCK_TIMEOUT="2s",
                         DB_STATEMENT_TIMEOUT="0", DB_CONN_MAX_AGE="120")
    db = settings_in(env, 's.DATABASES["default"]')
    assert db["CONN_HEALTH_CHECKS"] is True and db["CONN_MAX_AGE"] == 120
    assert "pool" not in db["OPTIONS"]
    assert db["OPTIONS"]["options"] == "-c lock_timeout=2s -c statement_timeout=0"


def test_bad_timeout_is_a_clear_configuration_error():
    env = production_env(DATABASE_URL="postgres://monitor@db.example.org/monitor", DB_LOCK_TIMEOUT="10 s; drop")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "DB_LOCK_TIMEOUT must be a PostgreSQL duration" in result.stderr


def test_production_security_and_logging_settings():
    values = settings_in(production_env(), '{"debug": s.DEBUG, "ssl": s.SECURE_SSL_REDIRECT, '
                                           '"hsts": s.SECURE_HSTS_SECONDS, "cookie": s.SESSION_COOKIE_SECURE, '
                                           '"exempt": s.SECURE_REDIRECT_EXEMPT, '
                                           '"formatter": s.LOGGING["formatters"]["main"]}')
    assert values["debug"] is False and values["ssl"] is True and values["cookie"] is True
    assert values["hsts"] >= 31536000
    assert values["exempt"] == ["^healthz$"]
    assert values["formatter"] == {"()": "monitor_site.logs.JsonFormatter"}


def test_json_log_lines():
    import logging

    from monitor_site.logs import JsonFormatter

    record = logging.LogRecord("monitor.health", logging.WARNING, __file__, 1, "database unavailable: %s",
                               ("refused",), None)
    record.path = "/"
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "monitor.health"
    assert line["message"] == "database unavailable: refused" and line["path"] == "/"
    assert line["time"].endswith("+00:00")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["exc_type"] == "ValueError" and "boom" in line["traceback"]


@needs_postgres
@pytest.mark.django_db
def test_timeouts_reach_the_server():
    # The test run's own connections carry the production defaults (tests run with DEBUG off).
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "10s"
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1min"


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# --- against a real gunicorn and a PostgreSQL server of its own ------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path, *, timeout=20):
    """(status, headers, body) of a GET through "the TLS proxy" (X-Forwarded-Proto: https)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def own_server():
    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


def _start_gunicorn(server, port, **env):
    env = production_env(DATABASE_URL=server.url, MONITOR_BEHIND_PROXY="1", GUNICORN_BIND=f"127.0.0.1:{port}",
                         WEB_CONCURRENCY="2", **env)
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stderr
    log = open(server.folder / "gunicorn.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                                "monitor_site.wsgi"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(port, "/healthz", timeout=5)[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("gunicorn did not answer: " + (server.folder / "gunicorn.log").read_text()[-3000:])


@needs_postgres
@pytest.mark.slow
@pytest.mark.parametrize("pool", ["1", "0"], ids=["pooled", "persistent"])
def test_outage_503_and_restart_without_app_restart(own_server, pool):
    port = _free_port()
    gunicorn = _start_gunicorn(own_server, port, DB_POOL=pool, DB_POOL_TIMEOUT="2")
    try:
        # Plain HTTP health checks are not redirected to HTTPS (the proxy host checks over loopback).
        plain = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=20)
        assert plain.status == 200 and json.loads(plain.read())["status"] == "ok"
        for _ in range(4):  # every worker holds a connection now (two workers)
            assert _get(port, "/")[0] == 200

        # 1. A restart: connections are cut while idle. No request after it may fail, no app restart.
        own_server.restart()
        statuses = [_get(port, path)[0] for path in ["/", "/healthz", "/", "/healthz", "/", "/"]]
        assert statuses == [200] * 6, statuses

        # 2. An outage: 503 with Retry-After and a page that says so, for pages and the health check;
        # anonymous pages cached since the last change are still served (nothing can change meanwhile).
        own_server.halt()
        halted = time.monotonic()
        time.sleep(1.1)  # past the data version's memo: the version cannot be read any more
        status, headers, body = _get(port, "/?country=RU")
        assert status == 503, body[:500]
        assert headers.get("Retry-After") == "30"
        assert "Temporarily unavailable" in body and "Server error" not in body
        status, _, body = _get(port, "/healthz")
        assert status == 503 and json.loads(body)["status"] == "error"
        # "/" was cached during step 1 by the worker(s) that served it (which worker accepts is the kernel's
        # choice): those answer from the cache, a worker that never rendered it answers 503.
        cached = [_get(port, "/") for _ in range(6)]
        assert any(c[0] == 200 and c[1].get("X-Page-Cache") == "hit, database unavailable" for c in cached)
        assert all(c[0] == 200 or (c[0] == 503 and "Temporarily unavailable" in c[2]) for c in cached)

        # 3. Back again: served at once by the same gunicorn. The outage lasts 20 s: psycopg_pool's own back-off
        # (1, 2, 4, 8, 16 s ...) would next try ~11 s after the resume; the pool's reconnect_timeout (5 s, see
        # monitor_site/database.py) gives such an attempt up, and the next request starts one with a 1 s delay.
        time.sleep(max(0.0, halted + 20 - time.monotonic()))
        own_server.resume()
        deadline = time.monotonic() + 8
        statuses = []
        while time.monotonic() < deadline:
            statuses = [_get(port, p)[0] for p in ["/", "/healthz", "/", "/healthz"]]
            if statuses == [200] * 4:
                break
            time.sleep(0.5)
        assert statuses == [200] * 4, statuses
        assert gunicorn.poll() is None  # the same app served throughout
        # The log is JSON lines: the access log and the outage warning.
        lines = [json.loads(line) for line in (own_server.folder / "gunicorn.log").read_text().splitlines()
                 if line.startswith("{")]
        assert any(line.get("logger") == "gunicorn.access" and line.get("status") == 503 for line in lines)
        assert any(line.get("logger") == "monitor.health" for line in lines)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


# --- deploy/ ----------------------------------------------------------------------------------------

def _env_file(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_documented_environment_passes_check_deploy():
    env = _env_file(REPO / "deploy" / "monitor.env.example")
    assert env["SECRET_KEY"] == "change-me"
    env["SECRET_KEY"] = secrets.token_urlsafe(64)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=REPO, env=production_env(**env), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    db = settings_in(production_env(**env), 's.DATABASES["default"]')
    assert db["OPTIONS"]["pool"]["max_size"] == 4 and db["CONN_HEALTH_CHECKS"] is True


def test_units_point_at_files_that_exist():
    for unit in (REPO / "deploy").glob("*.service"):
        text = unit.read_text()
        assert "EnvironmentFile=/etc/monitor-timeline/monitor.env" in text, unit.name
        exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
        for word in exec_start.split():
            if word.startswith("/srv/monitor-timeline/") and ".venv" not in word:
                local = REPO / word.removeprefix("/srv/monitor-timeline/")
                assert local.exists() and os.access(local, os.X_OK), word
            if word.startswith("deploy/"):
                assert (REPO / word).exists(), word


def test_units_run_commands_that_exist():
    from django.core.management import get_commands

    commands = get_commands()
    for unit in (REPO / "deploy").glob("*.service"):
        words = next(line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")).split()
        if "manage.py" in words:
            command = words[words.index("manage.py") + 1]
            assert command in commands, f"{unit.name} runs manage.py {command}, which does not exist"


@needs_postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_held_row_lock_fails_after_lock_timeout_instead_of_waiting_forever():
    # Issue 14: "an ingest waits forever on a held row lock". Another session holds the issue's row lock;
    # ours gives up after lock_timeout (10 s by default) with an OperationalError (answered 503 on the web).
    import psycopg
    from django.db import OperationalError, transaction

    from events.models import Issue

    issue = Issue.objects.create(volume=7, number=301, date="2001-03-01")
    s = connection.settings_dict
    with psycopg.connect(host=s["HOST"], port=s["PORT"], user=s["USER"], dbname=s["NAME"]) as other:
        other.execute("SELECT id FROM events_issue WHERE id = %s FOR UPDATE", [issue.pk])
        started = time.monotonic()
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            Issue.objects.select_for_update().get(pk=issue.pk)
        waited = time.monotonic() - started
        other.rollback()
    assert 9 <= waited < 30, waited
