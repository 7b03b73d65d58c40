"""Real servers started by tests on ports of their own: Redis, PostgreSQL and the app itself.

Each stops what it started, and each can be stopped and started again mid-test, which is what
the fault tests do to them.
"""

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from tests.utils import REPO


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, timeout, step=0.1):
    """Poll `condition` until it is true; returns the seconds it took, or raises TimeoutError."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(step)
    raise TimeoutError(f"not true within {timeout} s: {getattr(condition, '__name__', condition)}")


def fetch(url, method="GET", headers=None, timeout=10):
    """(status, headers, body bytes) of one HTTP request; HTTP errors are answers too."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(url, **kwargs):
    status, _headers, body = fetch(url, **kwargs)
    return status, (json.loads(body) if body else None)


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="test-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: listening(self.port), 10)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or (
        [shutil.which(name)] if shutil.which(name) else []
    )
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return found[-1]


class PostgresServer:
    """A PostgreSQL cluster of its own in a temporary folder (trust auth, user postgres)."""

    def __init__(self):
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="test-postgres-")
        self.data = os.path.join(self.directory, "data")
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self._as_postgres:
            shutil.chown(self.directory, "postgres")
        self._run(postgres_bin("initdb"), "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")

    def _run(self, *command):
        if self._as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        self._run(
            postgres_bin("pg_ctl"), "-D", self.data, "-w", "-l", os.path.join(self.directory, "log"),
            "-o", f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )  # fmt: skip

    def stop(self):
        self._run(postgres_bin("pg_ctl"), "-D", self.data, "-w", "-m", "fast", "stop")

    def create_database(self, name):
        self._run(postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def close(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def app_env(**overrides):
    """The environment of an app process: development settings without debug pages."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DOTENV_PATH": "",  # a developer's .env must not reach the process
        "DEBUG": "0",
        "WAGTAILADMIN_BASE_URL": "http://testserver",
        **overrides,
    }


class AppServer:
    """The product served by gunicorn (as in production) or runserver (as `make run`)."""

    def __init__(self, env, server="gunicorn"):
        self.env = env
        self.server = server
        self.port = free_port()
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        bin_dir = os.path.dirname(sys.executable)
        if self.server == "gunicorn":
            command = [
                os.path.join(bin_dir, "gunicorn"),
                "cms.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "1",
            ]
            command += ["--log-level", "warning"]
        else:
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        self.process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

        def up():
            if self.process.poll() is not None:
                raise RuntimeError(f"the app process exited: {self.process.stdout.read().decode()[-3000:]}")
            try:
                return fetch(f"{self.base}/health/", timeout=2)[0] in (200, 503)
            except OSError:
                return False

        wait_until(up, timeout, step=0.3)
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def run_manage(self, *args, timeout=300):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def raw_request(port, method, target, headers=(), timeout=10):
    """(status, headers, body) of a request sent byte for byte, as a hostile client would send
    it: `target` is bytes, not checked or quoted by any client library."""
    headers = {"Host": "127.0.0.1", **dict(headers), "Connection": "close"}
    lines = [method.encode() + b" " + target + b" HTTP/1.1"]
    lines += [f"{name}: {value}".encode() for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, body
