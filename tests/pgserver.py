"""A throw-away PostgreSQL server for the test run: initdb + pg_ctl in a temporary folder.

Everything here runs as root and initdb refuses root, so the cluster belongs to the unprivileged
`postgres` user when we are root. The server listens on 127.0.0.1 on a free port and on a Unix socket
inside its folder, trusts local connections, and is stopped and removed when the run ends.
"""
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BINARY_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]


def find_binary(name):
    for folder in PG_BINARY_DIRS:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install Debian's postgresql package (.ci/run does)")
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="monitor-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "postgres"
        self._as_user = None
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as_user = account

    def _run(self, args, **kwargs):
        preexec = None
        if self._as_user is not None:
            uid, gid = self._as_user.pw_uid, self._as_user.pw_gid

            def preexec():
                os.setgid(gid)
                os.setuid(uid)
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        return subprocess.run(args, check=True, capture_output=True, text=True, preexec_fn=preexec, env=env,
                              cwd=self.folder, **kwargs)

    def start(self):
        self._run([find_binary("initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                   "--encoding=UTF8", "--no-sync"])
        self.resume()
        return self

    @property
    def _options(self):
        return (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")

    def halt(self, mode="fast"):
        """Stop the server but keep its data (an outage); resume() starts it again on the same port."""
        self._run([find_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"])

    def restart(self, mode="fast"):
        """A PostgreSQL restart as an operator does it: every open connection is cut."""
        self._run([find_binary("pg_ctl"), "-D", str(self.data), "-o", self._options, "-m", mode, "-l",
                   str(self.folder / "server.log"), "-w", "-t", "60", "restart"])

    def resume(self):
        self._run([find_binary("pg_ctl"), "-D", str(self.data), "-o", self._options, "-l",
                   str(self.folder / "server.log"), "-w", "-t", "60", "start"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start; see {self.folder / 'server.log'}")

    @property
    def url(self):
        return f"postgres://{self.user}@127.0.0.1:{self.port}/postgres"

    def stop(self):
        try:
            self._run([find_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
