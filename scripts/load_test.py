"""Load test: gunicorn on the loopback against DATABASE_URL, driven by locust (scripts/load/locustfile.py).

    DATABASE_URL=postgres://... .venv/bin/python scripts/load_test.py --users 64 --time 60 --workers 4 \
        [--restart-pg-at 30 --pg-data /path/to/cluster] [--max-requests 100000] [--out DIR]

Starts gunicorn (deploy/gunicorn.conf.py, DB_POOL=1, DEBUG off) on 127.0.0.1 with --workers workers,
creates an editor account for the load's admin saves, runs locust headless for --time seconds with --users
users (bounded also by --max-requests), and prints one summary: requests, requests/s, p50/p95/p99 (ms,
end to end through locust), failures by kind, HTTP 5xx counted in gunicorn's access log, and the machine's
load average before and after. With --restart-pg-at S, PostgreSQL is restarted (pg_ctl restart -m fast
on --pg-data, as its owner) S seconds into the run: the app is not restarted.

Only the loopback is ever targeted. The database must already hold the data (manage.py load_events).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def run_env(args, port):
    env = dict(os.environ)
    env.update(
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost", MONITOR_INSECURE_HTTP="1",  # no TLS proxy in this loop
        MONITOR_BEHIND_PROXY="1",  # locust plays nginx: each user's address in X-Forwarded-For
        DB_POOL="1", GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(args.workers),
        LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="monitor_site.settings",
    )
    if args.shared_page_cache:  # as deploy/monitor.env.example sets it: the workers share one page cache
        folder = Path(args.out) / "page-cache"
        shutil.rmtree(folder, ignore_errors=True)
        env["PAGE_CACHE_DIR"] = str(folder)
    else:
        env.pop("PAGE_CACHE_DIR", None)
    env.pop("DEBUG", None)
    return env


def ensure_editor(env, password):
    code = ("from django.contrib.auth import get_user_model; U = get_user_model(); "
            "u, _ = U.objects.get_or_create(username='loadtest', defaults={'is_staff': True, 'is_superuser': True}); "
            "u.is_staff = u.is_superuser = True; u.set_password(%r); u.save()" % password)
    subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)


def restart_postgres(data_dir, at, log):
    time.sleep(at)
    owner = pwd.getpwuid(Path(data_dir).stat().st_uid)
    pg_ctl = next((p for p in (f"/usr/lib/postgresql/{v}/bin/pg_ctl" for v in (15, 16, 17)) if Path(p).exists()),
                  "pg_ctl")

    def as_owner():
        os.setgid(owner.pw_gid)
        os.setuid(owner.pw_uid)

    started = time.monotonic()
    # -l: the restarted server logs to a file; without it, it would inherit (and block on) our pipes.
    server_log = Path(data_dir).parent / "server.log"
    result = subprocess.run([pg_ctl, "-D", str(data_dir), "-l", str(server_log), "-m", "fast", "-w", "restart"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=as_owner if os.geteuid() == 0 else None)
    log["restart"] = {"at_s": at, "took_s": round(time.monotonic() - started, 2), "returncode": result.returncode,
                      "server_log": str(server_log)}


def summarise(prefix):
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv"))) if Path(f"{prefix}_failures.csv").exists() else []
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": total["50%"], "p95_ms": total["95%"], "p99_ms": total["99%"], "max_ms": total["100%"],
        "by_page": [{"name": r["Name"], "n": int(r["Request Count"]), "fail": int(r["Failure Count"]),
                     "p50": r["50%"], "p95": r["95%"], "p99": r["99%"]} for r in rows if r["Name"] != "Aggregated"],
        "failure_kinds": [{"name": f["Name"], "error": f["Error"][:200], "n": int(f["Occurrences"])} for f in failures],
    }


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--time", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--spawn-rate", type=float, default=0, help="users started per second (default users/5)")
    parser.add_argument("--max-requests", type=int, default=100000)
    parser.add_argument("--restart-pg-at", type=float, default=0, help="restart PostgreSQL after S seconds")
    parser.add_argument("--pg-data", help="the PostgreSQL data directory (for --restart-pg-at)")
    parser.add_argument("--out", default="/tmp/monitor-load")
    parser.add_argument("--shared-page-cache", action="store_true",
                        help="one page cache for all workers (PAGE_CACHE_DIR), as in production")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must name the PostgreSQL database to load (with its events)")
    if args.restart_pg_at and not args.pg_data:
        raise SystemExit("--restart-pg-at needs --pg-data")
    return args


def main(argv=None):
    args = _arguments(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = run_env(args, port)
    password = secrets.token_urlsafe(16)
    ensure_editor(env, password)
    report = {"users": args.users, "seconds": args.time, "workers": args.workers, "load_before": loadavg()}
    gunicorn_log = open(out / "gunicorn.log", "w")
    gunicorn = subprocess.Popen([PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "monitor_site.wsgi"],
                                cwd=ROOT, env=env, stdout=gunicorn_log, stderr=subprocess.STDOUT)
    try:
        _wait_for_site(port, out)
        _run_locust(args, env, password, port, out, report)
        report["gunicorn_alive"] = gunicorn.poll() is None
    finally:
        _stop(gunicorn)
        gunicorn_log.close()
    statuses = _access_statuses(out / "gunicorn.log")
    report["http_5xx"] = sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500)
    report["statuses"] = {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))}
    (out / f"u{args.users}_report.json").write_text(json.dumps(report, indent=1))
    _print_report(report)


def _wait_for_site(port, out):
    """Until /healthz answers 200 (a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start; see " + str(out / "gunicorn.log"))
            time.sleep(0.3)


def _run_locust(args, env, password, port, out, report):
    """The locust run (headless, CSV summary), with PostgreSQL restarted mid-run when asked; its figures
    into `report`."""
    prefix = str(out / f"u{args.users}")
    locust_env = dict(env, LOAD_EDITOR_USER="loadtest", LOAD_EDITOR_PASSWORD=password,
                      LOAD_EDITORS=str(max(1, args.users // 16)), LOAD_MAX_REQUESTS=str(args.max_requests),
                      LOAD_CACHE_STATS=f"{prefix}_page_cache.json")
    restart_log = {}
    if args.restart_pg_at:
        threading.Thread(target=restart_postgres, args=(args.pg_data, args.restart_pg_at, restart_log),
                         daemon=True).start()
    spawn = args.spawn_rate or max(1.0, args.users / 5)
    started = time.monotonic()
    subprocess.run([PYTHON, "-m", "locust", "-f", str(ROOT / "scripts" / "load" / "locustfile.py"), "--headless",
                    "-H", f"http://127.0.0.1:{port}", "-u", str(args.users), "-r", str(spawn),
                    "-t", f"{args.time}s", "--stop-timeout", "10", "--csv", prefix, "--only-summary",
                    "--loglevel", "WARNING"],
                   cwd=ROOT, env=locust_env, timeout=args.time + 120, capture_output=True, text=True)
    report["wall_s"] = round(time.monotonic() - started, 1)
    report["load_after"] = loadavg()
    report.update(summarise(prefix))
    report["page_cache"] = _page_cache_hits(Path(f"{prefix}_page_cache.json"))
    if restart_log:
        report["postgres_restart"] = restart_log.get("restart")


def _page_cache_hits(path: Path) -> dict:
    """{"hit": n, "miss": n, "none": n} over all requests (from the locustfile's X-Page-Cache counts)."""
    if not path.exists():
        return {}
    total = {}
    for states in json.loads(path.read_text()).values():
        for state, n in states.items():
            total[state] = total.get(state, 0) + n
    return total


def _stop(gunicorn):
    gunicorn.terminate()
    try:
        gunicorn.wait(timeout=40)
    except subprocess.TimeoutExpired:
        gunicorn.kill()


def _access_statuses(log: Path) -> dict:
    """{HTTP status: count} from gunicorn's JSON access log lines."""
    statuses = {}
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{") and '"gunicorn.access"' in line:
            status = json.loads(line).get("status")
            statuses[status] = statuses.get(status, 0) + 1
    return statuses


def _print_report(report):
    print(json.dumps({k: v for k, v in report.items() if k != "by_page"}, indent=1))
    print(f"\n{'page':<48} {'n':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in report["by_page"]:
        print(f"{row['name'][:48]:<48} {row['n']:>6} {row['fail']:>5} {row['p50']:>6} {row['p95']:>6} {row['p99']:>6}")


if __name__ == "__main__":
    main()
