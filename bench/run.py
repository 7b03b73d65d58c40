"""Delivery benchmark: `make bench` (or `python bench/run.py --help`).

For each database (SQLite, and PostgreSQL when reachable) and each data size (`--sizes`, synthetic
articles per locale, each with six paragraphs and two captioned images, on top of the demo
content; every data set is built once and kept under var/bench/), it measures two things:

1. Reads. gunicorn (2 sync workers, cms/gunicorn.conf.py) serves the data set and wrk loads each
   endpoint, in two modes: `render` (API_STORED_ANSWERS=0: every request renders its answer) and
   `stored` (every answer stored beforehand by `manage.py render_answers`, whose time and count are
   reported). Each number is reported beside references measured in the same run: a trivial
   Django view returning fixed JSON (measured again in each mode) and Wagtail's stock API v2.
   Queries per request are counted in-process for a repeated request.

2. Publish costs. With gunicorn serving and one `manage.py run_worker --interval 0.2` beside it
   (API_RENDER_AHEAD=1), after `render_answers` has stored everything, an edit of one of the
   newest Chinese articles (its title) is published from `manage.py shell -c`
   (`page.save_revision().publish()`), `--publishes` times; the table gives the medians.
   - T0 is the moment the publish returned inside the shell. The article's details
     (`?locale=zh-hans`, `en` and `kk`) and the first Chinese list window are polled through
     gunicorn, each POLLS_PER_URL times at once on new connections (so both workers answer), in
     rounds from before the shell starts until every round shows the new title wherever the title
     was shown before (the English and Kazakh details show their own translation's title, which
     the edit does not change: they must answer 200). "Publish to visible" is from T0 to the end
     of the first round of that streak (0 if it ended before T0); the shell's own exit, which
     takes longer, does not count.
   - Then the run waits until no stored answer is stale and no rendering task is queued or
     running: "publish to no stale answer left".
   - "Rendered" counts the StoredAnswer rows whose `rendered_at` is after the moment the shell was
     started (nothing else renders then: the server is not being polled and the worker is idle),
     fragments (rows named `fragment:...`) among them; "deleted", the rows that were there before
     and are gone; "marked stale", the sum of what home.answers.invalidation.invalidate reported
     inside the shell.
   The same for a draft save (`save_revision()` alone), which should mark and render nothing and
   show its title nowhere. The title is published back afterwards, so that a kept data set stays
   as it was built. A cost that grows with the data set shows in the ratio between the sizes.

Every process is started from a copy of the working tree made when the run starts (under
var/bench/src-<pid>, removed at the end), so that files edited meanwhile change neither the code
measured nor the release fingerprint the stored answers are keyed by.

Nothing here is a test: it measures and prints, and docs/performance.md records a run.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VAR = REPO / "var" / "bench"
# Where every process of the run is started: a copy of the working tree made when the run starts
# (`snapshot_source`), so that files edited during the run change neither what is measured nor
# the release fingerprint the stored answers are keyed by.
SOURCE = REPO
PYTHON = sys.executable
BIN = Path(PYTHON).parent
API = "/api/content/v1"

# Publish phase: how often each polled URL is asked per round (from as many threads at once, each
# on a new connection, so that both gunicorn workers answer), and how long anything may take.
POLLS_PER_URL = 4
VISIBLE_TIMEOUT = 60
SETTLE_TIMEOUT = 180
STUCK_TIMEOUT = 15
FLAT = 1.5
# Times closer than this are equal as far as this measurement can tell: the worker looks at its
# queue every 0.2 s.
RESOLUTION = 0.2


def snapshot_source():
    """Copy the files git knows of (tracked, or untracked and not ignored) to var/bench/src-<pid>."""
    global SOURCE
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        timeout=60,
    )
    if listed.returncode:
        log("not a git work tree: the run uses the files in place")
        return
    target = VAR / f"src-{os.getpid()}"
    shutil.rmtree(target, ignore_errors=True)
    for name in listed.stdout.decode().split("\0"):
        if name and (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    SOURCE = target


def log(message):
    print(message, file=sys.stderr, flush=True)


def reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dataset:
    """One database holding the demo content plus `size` synthetic articles per locale."""

    def __init__(self, database, size, url):
        self.database, self.size, self.url = database, size, url
        self.name = f"{database}-{size}"
        self.media = VAR / f"media-{self.name}"

    def env(self, stored=True, render_ahead=True):
        env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
                "DOTENV_PATH": "",  # what is measured is set here, not by a developer's .env
                "DATABASE_URL": self.url,
                "API_STORED_ANSWERS": "1" if stored else "0",
                "API_RENDER_AHEAD": "1" if render_ahead else "0",
                "MEDIA_ROOT": str(self.media),
                "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            }
        )
        return env

    def prepare(self):
        """Migrate and load the data set once; a marker file says what a database already holds.
        The tasks the load queued (search and reference index) are run, so that the worker of
        the publish phase starts on an empty queue."""
        marker = VAR / f"{self.name}.built"
        wanted = f"{self.url} {self.size}"
        if marker.exists() and marker.read_text() == wanted:
            log(f"[{self.name}] data set already built ({self.size} synthetic articles per locale)")
            return
        if self.database == "postgres":
            create_postgres_database(self.url)
        env = self.env(stored=False, render_ahead=False)
        log(f"[{self.name}] migrating and loading {self.size} synthetic articles per locale ...")
        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0", timeout=1800)
        manage(env, "load_demo_content", "--synthetic", str(self.size), "-v1", timeout=7200)
        manage(env, "run_worker", "--once", "-v0", capture=True, timeout=1800)
        marker.write_text(wanted)
        log(f"[{self.name}] built in {time.monotonic() - started:.0f} s")


def create_postgres_database(url):
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def manage(env, *args, capture=False, timeout=600):
    """Run a management command; what it prints goes to stderr, beside the progress lines, unless
    it is captured."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=SOURCE,
        env=env,
        stdout=subprocess.PIPE if capture else sys.stderr,
        stderr=subprocess.PIPE if capture else None,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise Failure(f"manage.py {args[0]} failed ({result.returncode})", result.stderr)
    return result.stdout


class Failure(Exception):
    """Something the benchmark ran failed: the product, not the benchmark (as far as it can tell)."""

    def __init__(self, message, detail=""):
        super().__init__(message)
        self.detail = (detail or "").strip()

    def __str__(self):
        last = self.detail.splitlines()[-1] if self.detail else ""
        return f"{self.args[0]}: {last}" if last else self.args[0]


def last_json(output):
    return json.loads(output.strip().splitlines()[-1])


def probe(env, code, *args, timeout=600):
    """Run `code` in a Django process on `env` and return the JSON its last line prints."""
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code, *args],
        cwd=SOURCE,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise Failure("a Django probe failed", result.stderr)
    return last_json(result.stdout)


FIND_PAGES = """
import json
from news.models import NewsArticlePage
from locales.resolution import visible_pages
kk = visible_pages(NewsArticlePage.objects.filter(locale__language_code="kk")).order_by("-date", "-pk")
zh = visible_pages(
    NewsArticlePage.objects.filter(locale__language_code="zh-hans", slug__startswith="synthetic-")
).order_by("-date", "-pk").first()
print(json.dumps({"kk_article": kk.values_list("pk", flat=True)[5], "zh_article": zh.pk, "zh_title": zh.title}))
"""

COUNT_QUERIES = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
out = {}
for name, url in json.loads(sys.argv[1]).items():
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    out[name] = len(queries)
print(json.dumps(out))
"""

# What a page's answers show when rendered now (the environment says API_STORED_ANSWERS=0), view
# counts left out: what the stored answers served after a publish must equal.
FRESH_RENDERS = """
import hashlib, json, re, sys
from django.test import Client
client = Client()
out = {}
for url in json.loads(sys.argv[1]):
    response = client.get(url)
    body = re.sub(rb'"view_count":\\s*\\d+', b'"view_count":0', response.content)
    out[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(out))
"""

# One revision of a page from `manage.py shell -c`: a publish, or a draft save. What it marks
# stale is the sum of what each marking (home.answers.invalidation.invalidate) reports.
REVISE = """
import json, time
import home.answers.invalidation as invalidation
from news.models import NewsArticlePage
marked = []
marking = invalidation.invalidate
def counting(tags):
    count = marking(tags)
    marked.append(count)
    return count
invalidation.invalidate = counting
page = NewsArticlePage.objects.get(pk=%(pk)d)
page.title = %(title)s
started = time.monotonic()
revision = page.save_revision()
if %(publish)s:
    revision.publish()
took = time.monotonic() - started
print(json.dumps({"took": took, "returned": time.time(), "marked": sum(marked)}))
"""

# A Django process beside the publish phase, asked about the database between polls: one JSON
# command a line on stdin, one JSON answer a line on stdout.
HELPER = r"""
import datetime, json, sys
import django
django.setup()
from django.db import close_old_connections
from django_tasks_db.models import DBTaskResult
from home.answers.release import release
from home.models import StoredAnswer

PREFIX = "fragment:"
TASK = "home.answers.tasks.render_stale_answers"
keys = {}

def moment(epoch):
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)

def state():
    pending = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
    return {
        "stale": StoredAnswer.objects.filter(stale=True).count(),
        "pending": pending.filter(task_path=TASK).count(),
        "pending_all": pending.count(),
    }

def snapshot():
    global keys
    keys = dict(StoredAnswer.objects.values_list("key", "path"))
    return {"answers": len(keys)}

def since(epoch):
    now = dict(StoredAnswer.objects.values_list("key", "path"))
    rendered = StoredAnswer.objects.filter(rendered_at__gt=moment(epoch))
    tasks = DBTaskResult.objects.filter(enqueued_at__gt=moment(epoch))
    return {
        "rendered": rendered.count(),
        "fragments": rendered.filter(path__startswith=PREFIX).count(),
        "deleted": len(keys.keys() - now.keys()),
        "deleted_paths": sorted(keys[key] for key in keys.keys() - now.keys())[:20],
        "new": len(now.keys() - keys),
        "worker_rendered": sum(
            value or 0 for value in tasks.filter(task_path=TASK, status="SUCCESSFUL").values_list(
                "return_value", flat=True
            )
        ),
        "render_tasks": tasks.filter(task_path=TASK).count(),
        "failed_tasks": [
            f"{path}: {error}"
            for path, error in tasks.filter(status="FAILED").values_list("task_path", "exception_class_path")
        ],
    }

def prune():
    other = StoredAnswer.objects.exclude(release=release()).delete()[1].get("home.StoredAnswer", 0)
    return {"deleted": other, "release": release()}

def clear():
    return {"deleted": StoredAnswer.objects.all().delete()[1].get("home.StoredAnswer", 0)}

def count():
    rows = StoredAnswer.objects.filter(release=release(), stale=False)
    return {"answers": rows.count(), "fragments": rows.filter(path__startswith=PREFIX).count()}

def fingerprint():
    return {"release": release()}

def stale_rows():
    rows = StoredAnswer.objects.filter(stale=True).order_by("path").values_list("path", "release")[:10]
    return {"rows": [f"{path} [{'this release' if rel == release() else 'release ' + rel}]" for path, rel in rows]}

COMMANDS = {
    f.__name__: f for f in (state, snapshot, since, prune, clear, count, fingerprint, stale_rows)
}
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    command = json.loads(line)
    close_old_connections()
    try:
        answer = COMMANDS[command["op"]](*command.get("args", []))
    except Exception as error:
        answer = {"error": repr(error)}
    print(json.dumps(answer), flush=True)
"""


class Helper:
    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-c", HELPER],
            cwd=SOURCE,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        json.loads(self.process.stdout.readline())
        return self

    def __call__(self, op, *args):
        self.process.stdin.write(json.dumps({"op": op, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise Failure(f"the helper's {op} failed", answer["error"])
        return answer

    def __exit__(self, *exc):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)


def count_queries(env, endpoints):
    """Queries of a repeated request (with stored answers, the first one stores)."""
    return probe(env, COUNT_QUERIES, json.dumps(endpoints))


class Server:
    def __init__(self, env, workers=2):
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "cms/gunicorn.conf.py", "cms.wsgi"],
            cwd=SOURCE,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/health/", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise Failure("gunicorn did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def worker_rss_mb(self):
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
                if match:
                    sizes.append(int(match.group(1)) / 1024)
        return max(sizes) if sizes else None

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


class Worker:
    """One `manage.py run_worker --interval 0.2`, its output kept in var/bench/<data set>-worker.log."""

    def __init__(self, env, name):
        self.env, self.log_path = env, VAR / f"{name}-worker.log"
        self.stuck = False

    def __enter__(self):
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "run_worker", "--interval", "0.2"],
            cwd=SOURCE,
            env={**self.env, "PYTHONUNBUFFERED": "1"},
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_ready(self, helper):
        """Until it has started and run what was queued (it queues scheduled publishing first)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.alive():
            started = "worker started" in self.log_path.read_text(errors="replace")
            if started and helper("state")["pending_all"] == 0:
                return True
            time.sleep(0.1)
        return False

    def alive(self):
        return self.process.poll() is None

    def tail(self, lines=15):
        self.log_file.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def __exit__(self, *exc):
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)  # it finishes the running task first
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_file.close()


def wrk(url, duration, connections):
    """requests/s, p50 and p99 (ms) from wrk, the same way for every endpoint."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


TRIVIAL = "trivial JSON view"
STOCK_LIST = "stock v2 list (20, fields=*)"
STOCK_DETAIL = "stock v2 detail"
DETAIL = "delivery detail (HTML body, alternates)"
DETAIL_50 = "delivery detail, 50 connections"
# Measured only in the render mode: they never read stored answers.
REFERENCES = (STOCK_LIST, STOCK_DETAIL, "our v2 list (20, fields=*)")


def endpoints(kk_article):
    return {
        TRIVIAL: "/bench/trivial/",
        STOCK_LIST: "/bench/stock-v2/pages/?type=news.NewsArticlePage&fields=*&limit=20&locale=kk",
        STOCK_DETAIL: f"/bench/stock-v2/pages/{kk_article}/",
        "our v2 list (20, fields=*)": "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20&locale=kk",
        "delivery list (20)": f"{API}/news?locale=kk&limit=20",
        DETAIL: f"{API}/news/{kk_article}?locale=kk",
        "delivery list, fallback kk->en": f"{API}/news?locale=kk&limit=20&offset=20",
    }


# Searches as readers type them (tests/news/test_search.py holds more): rendered at every request,
# since a search is never stored, and compared with a stored detail read.
SEARCHES = {
    "search zh-hans 阿斯塔纳大学": f"{API}/news?locale=zh-hans&search=%E9%98%BF%E6%96%AF%E5%A1%94%E7%BA%B3%E5%A4%A7%E5%AD%A6",
    "search kk студенттеріне": f"{API}/news?locale=kk&search=%D1%81%D1%82%D1%83%D0%B4%D0%B5%D0%BD%D1%82%D1%82%D0%B5%D1%80%D1%96%D0%BD%D0%B5",
    "search en online courses": f"{API}/news?locale=en&search=online+courses",
}


MODES = {
    # Every request renders its answer in Python.
    "render": False,
    # Every request reads its answer, rendered before the run by `render_answers`.
    "stored": True,
}


def measure_search(dataset, pages, args):
    """Each search of SEARCHES beside the trivial view and a stored detail, answers stored."""
    every = endpoints(pages["kk_article"])
    targets = {TRIVIAL: every[TRIVIAL], DETAIL: every[DETAIL], **SEARCHES}
    return measure_reads(dataset, pages, args, targets=targets, modes={"stored": True})


def measure_reads(dataset, pages, args, targets=None, modes=MODES):
    targets = targets or endpoints(pages["kk_article"])
    rows = []
    where = {"database": dataset.database, "size": dataset.size}
    for mode, stored in modes.items():
        env = dataset.env(stored=stored)
        release_before = None
        if stored:
            with Helper(env) as helper:
                helper("clear")
                release_before = helper("fingerprint")["release"]
                log(f"[{dataset.name}] render_answers ...")
                started = time.monotonic()
                output = manage(env, "render_answers", capture=True, timeout=3600)
                took = time.monotonic() - started
                counted = helper("count")
            match = re.search(r"Rendered (\d+) answers", output)
            rows.append(
                {
                    **where,
                    "mode": mode,
                    "endpoint": "render_answers",
                    "took": took,
                    "requests": int(match.group(1)) if match else None,
                    "stored": counted["answers"],
                    "fragments": counted["fragments"],
                    "output": output.strip(),
                }
            )
            log(
                f"[{dataset.name}] render_answers: {output.strip()} ({counted['answers']} rows) in {took:.0f} s"
            )
        queries = count_queries(env, targets)
        with Server(env) as server:
            for label, path in targets.items():
                if label in REFERENCES and stored:
                    continue
                url = server.url + path
                for _ in range(3):  # warm the workers (and store what render_answers left out)
                    urllib.request.urlopen(url, timeout=60).read()
                result = wrk(url, args.duration, args.connections)
                rows.append({**where, "mode": mode, "endpoint": label, **result, "queries": queries[label]})
                log(f"[{dataset.name}/{mode}] {label}: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms")
            # The tail under load: 50 connections on the delivery detail.
            tail = wrk(server.url + targets[DETAIL], args.duration, 50)
            rows.append({**where, "mode": mode, "endpoint": DETAIL_50, **tail, "queries": queries[DETAIL]})
            rows.append(
                {
                    **where,
                    "mode": mode,
                    "endpoint": "worker RSS after the run (MB)",
                    "rss": server.worker_rss_mb(),
                }
            )
        if stored:
            with Helper(env) as helper:
                release_after = helper("fingerprint")["release"]
            if release_after != release_before:
                rows.append({**where, "mode": mode, "endpoint": "warning", "release_changed": True})
                log(f"[{dataset.name}] the release fingerprint moved during the run (source edited)")
    return rows


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def poll_round(pool, server, paths):
    """Every path asked POLLS_PER_URL times at once: {path: [(status, body), ...]}."""
    futures = {path: [pool.submit(fetch, server.url + path) for _ in range(POLLS_PER_URL)] for path in paths}
    return {path: [future.result() for future in found] for path, found in futures.items()}


def shows_title(body, title):
    """Whether an answer's bytes carry `title` as a title (not only inside a longer one)."""
    return any(
        re.search(rb'"title":\s*' + re.escape(json.dumps(title, ensure_ascii=ascii).encode()), body)
        for ascii in (False, True)
    )


def revise(env, pk, title, publish):
    code = REVISE % {"pk": pk, "title": json.dumps(title), "publish": publish}
    output = manage(env, "shell", "-v0", "-c", code, capture=True, timeout=300)
    return last_json(output)


def settle(helper, worker, started, timeout=SETTLE_TIMEOUT):
    """Wait until no answer is stale and no rendering task is queued or running; seconds since
    `started`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = helper("state")
        if state["stale"] == 0 and state["pending"] == 0:
            return time.monotonic() - started, state
        if not worker.alive():
            return None, {**state, "problem": "the worker exited", "worker_log": worker.tail()}
        time.sleep(0.1)
    problem = f"not settled within {timeout} s; stale: {', '.join(helper('stale_rows')['rows'])}"
    return None, {**state, "problem": problem, "worker_log": worker.tail()}


def measure_publish(dataset, pages, args):
    """Publish costs at this size: see the module's docstring."""
    env = dataset.env(stored=True, render_ahead=True)
    pk, title = pages["zh_article"], pages["zh_title"]
    detail = [f"{API}/news/{pk}?locale={code}" for code in ("zh-hans", "en", "kk")]
    listing = f"{API}/news?locale=zh-hans"
    paths = [*detail, listing]
    result = {
        "database": dataset.database,
        "size": dataset.size,
        "article": pk,
        "publishes_asked": args.publishes,
        "problems": [],
    }
    with Helper(env) as helper:
        result["release"] = helper("prune")["release"]
        log(f"[{dataset.name}] publish: render_answers ...")
        manage(env, "render_answers", capture=True, timeout=3600)
        manage(env, "render_answers", "--stale", capture=True, timeout=3600)
        with (
            Server(env) as server,
            Worker(env, dataset.name) as worker,
            concurrent.futures.ThreadPoolExecutor(POLLS_PER_URL * len(paths)) as pool,
        ):
            if not worker.wait_ready(helper):
                result["problems"].append(f"the worker did not start or empty the queue: {worker.tail()}")
                return result
            _took, state = settle(helper, worker, time.monotonic())
            if "problem" in state:
                result["problems"].append(f"before the publish: {state['problem']}")
                return result
            before = poll_round(pool, server, paths)
            bad = [path for path, answers in before.items() if any(s != 200 for s, _ in answers)]
            if bad:
                result["problems"].append(f"not 200 before the publish: {', '.join(bad)}")
                return result
            # A polled answer that showed the title must show the new one (the English and
            # Kazakh details show their own translation's, which this edit does not change).
            shows = {path: shows_title(before[path][0][1], title) for path in paths}
            if not (shows[detail[0]] and shows[listing]):
                result["problems"].append("the article is not in the first Chinese window")
                return result
            result["shows_title"] = shows

            original = re.sub(r" \(bench [^)]*\)$", "", title)  # left by an interrupted run
            result["publishes"] = []
            run_token = time.strftime("%H%M%S")
            for number in range(1, args.publishes + 1):
                edited = f"{original} (bench {run_token}-{number})"
                result["publishes"].append(
                    one_change(helper, worker, pool, server, env, pk, edited, True, shows)
                )
                if number == 1:
                    result["fresh"] = compare_with_renders(dataset, server, paths)
            result["publish"] = medians(result["publishes"])
            draft = f"{original} (bench draft)"
            result["draft"] = one_change(helper, worker, pool, server, env, pk, draft, False, shows)
            # Put the title back, so that a kept data set stays as it was built.
            result["restore"] = one_change(helper, worker, pool, server, env, pk, original, True, shows)
    for number, change in enumerate(result.get("publishes", []), 1):
        result["problems"] += [f"publish {number}: {problem}" for problem in change["problems"]]
    for name in ("draft", "restore"):
        result["problems"] += [f"{name}: {problem}" for problem in result.get(name, {}).get("problems", [])]
    return result


def medians(changes):
    """Each number's median over the publishes (None when one of them has none)."""
    out = {}
    for name, value in changes[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            values = sorted(change.get(name) for change in changes if change.get(name) is not None)
            if len(values) < len(changes):
                out[name] = None
            elif all(isinstance(v, int) for v in values) and len(values) % 2 == 0:
                out[name] = values[len(values) // 2]  # an answer count stays a whole number
            else:
                middle = len(values) // 2
                out[name] = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return out


def one_change(helper, worker, pool, server, env, pk, title, publish, shows):
    """Revise the page (publish or draft save) while polling, and measure what follows.

    The polls run from before the shell starts until after it has returned, so "visible" is not
    delayed by the shell's own exit; T0 is when the publish returned inside the shell. Once the
    worker has not settled after one change, the next ones are given less time: the run reports
    it and goes on."""
    change = {"problems": []}
    helper("snapshot")
    start_epoch = time.time()
    rounds = []  # (when the round ended, whether every poll showed what it should, paths showing `title`)
    settled_at = []  # when the helper found nothing stale and no rendering task waiting
    with concurrent.futures.ThreadPoolExecutor(1) as runner:
        shell = runner.submit(revise, env, pk, title, publish)
        t0 = deadline = None
        while True:
            answers = poll_round(pool, server, list(shows))
            ended = time.monotonic()
            good = all(
                status == 200 and (not shows[path] or shows_title(body, title))
                for path, found in answers.items()
                for status, body in found
            )
            showing = [
                path for path, found in answers.items() if any(shows_title(b, title) for _, b in found)
            ]
            rounds.append((ended, good, showing))
            state = helper("state")
            if state["stale"] == 0 and state["pending"] == 0:
                settled_at.append(time.monotonic())
            if t0 is None and shell.done():
                revised = shell.result()  # raises what the shell raised
                exited = time.monotonic()
                t0 = exited - max(time.time() - revised["returned"], 0.0)
                deadline = t0 + VISIBLE_TIMEOUT
                change.update(
                    {"call": revised["took"], "marked": revised["marked"], "shell_exit": exited - t0}
                )
            if t0 is None:
                continue
            after = [r for r in rounds if r[0] >= t0]
            if not publish and len(after) >= 3:
                break
            if publish and len(after) >= 3 and all(good for _, good, _ in rounds[-3:]):
                break
            if ended > deadline:
                break
    change["rounds"] = len(rounds)
    change["round_seconds"] = [round(b[0] - a[0], 3) for a, b in zip(rounds, rounds[1:], strict=False)]
    if publish:
        # Visible from the end of the first round after which every round showed the new title.
        stable = None
        for index in range(len(rounds) - 1, -1, -1):
            if not rounds[index][1]:
                break
            stable = rounds[index][0]
        change["visible"] = None if stable is None else max(stable - t0, 0.0)
        if stable is None:
            missing = sorted({path for path in shows if shows[path] and path not in rounds[-1][2]})
            change["problems"].append(
                f"not visible within {VISIBLE_TIMEOUT} s: {', '.join(missing) or '(not 200)'}"
            )
        first_good = next((index for index, r in enumerate(rounds) if r[1]), None)
        if first_good is not None and not all(r[1] for r in rounds[first_good:]):
            change["problems"].append("a poll showed the old title after every poll had shown the new one")
    else:
        shown = sorted({path for _, _, showing in rounds for path in showing})
        change["draft_shown"] = shown
        if shown:
            change["problems"].append(f"the draft title is shown by {', '.join(shown)}")
    # Settled: nothing stale and no rendering task waiting, seen after T0 (the publish marks its
    # answers and queues the task before it returns), between the rounds or after them.
    seen = [moment for moment in settled_at if moment >= t0]
    if seen:
        took, state = seen[0] - t0, {}
    else:
        took, state = settle(helper, worker, t0, STUCK_TIMEOUT if worker.stuck else SETTLE_TIMEOUT)
    worker.stuck = worker.stuck or took is None
    change["settled"] = took
    if took is None:
        change["problems"].append(f"{state['problem']} (stale {state['stale']}, tasks {state['pending']})")
        change["worker_log"] = state["worker_log"]
    counts = helper("since", start_epoch)
    change.update(counts)
    if counts["failed_tasks"]:
        change["problems"].append(f"failed tasks: {'; '.join(counts['failed_tasks'])}")
    log(
        f"[{worker.log_path.stem.removesuffix('-worker')}/{'publish' if publish else 'draft save'}] marked "
        f"{change['marked']}, rendered {counts['rendered']} (fragments {counts['fragments']}), deleted "
        f"{counts['deleted']}, visible {change.get('visible')}, settled {took}, shell exit "
        f"{change['shell_exit']:.2f} s after the call returned"
    )
    return change


def compare_with_renders(dataset, server, paths):
    """Whether each polled answer, served after the worker settled, equals a render made now."""
    renders = probe(dataset.env(stored=False), FRESH_RENDERS, json.dumps(paths))
    same = {}
    for path in paths:
        status, body = fetch(server.url + path)
        body = re.sub(rb'"view_count":\s*\d+', b'"view_count":0', body)
        same[path] = [status, hashlib.sha256(body).hexdigest()] == renders[path]
    return same


def prepare(dataset, _pages, _args):
    """The data set built, and the pages the measurements use."""
    dataset.prepare()
    return probe(dataset.env(stored=False), FIND_PAGES)


def guarded(measure, dataset, pages, args):
    """What `measure` returns, or the failure that stopped it, told in the report (the rest of the
    run goes on)."""
    try:
        return measure(dataset, pages, args)
    except (Failure, subprocess.SubprocessError, OSError) as error:
        detail = getattr(error, "detail", "")
        log(f"[{dataset.name}] {measure.__name__} stopped: {error}\n{detail[-4000:]}")
        problem = {"database": dataset.database, "size": dataset.size, "problems": [str(error)]}
        if measure in (measure_reads, measure_search):
            return [{**problem, "mode": "-", "endpoint": "error"}]
        if measure is measure_publish:
            return {**problem, "article": pages.get("zh_article")}
        return problem


# --- The report ---------------------------------------------------------------------------------


def read_report(rows):
    lines = []
    for database, size in dict.fromkeys((row["database"], row["size"]) for row in rows):
        ours = [row for row in rows if row["database"] == database and row["size"] == size]
        trivial = {r["mode"]: r["rps"] for r in ours if r["endpoint"] == TRIVIAL}
        stock = {r["endpoint"]: r["rps"] for r in ours if r["endpoint"] in (STOCK_LIST, STOCK_DETAIL)}
        lines.append(
            f"\n{database}, {size} synthetic articles per locale: trivial view "
            + ", ".join(f"{rps:.0f} req/s ({mode})" for mode, rps in trivial.items())
        )
        lines.append(
            f"{'endpoint':44} {'mode':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'/trivial':>9} "
            f"{'/stock':>7} {'queries':>8}"
        )
        detail_p50 = {r["mode"]: r["p50"] for r in ours if r["endpoint"] == DETAIL}
        for row in ours:
            if row["endpoint"] == "error":
                lines.append(f"  PROBLEM: {row['problems'][0]}")
            elif row["endpoint"] == "warning":
                lines.append(f"{'  (the release moved during this mode: source was edited)':44}")
            elif "rss" in row:
                lines.append(f"{row['endpoint']:44} {row['mode']:6} {row['rss'] or 0:8.0f}")
            elif "took" in row:
                fragments = f" ({row['fragments']} list fragments)" if row["fragments"] else ""
                lines.append(
                    f"{row['endpoint']:44} {row['mode']:6} {row['stored']:8} answers{fragments} stored "
                    f"in {row['took']:.0f} s ({row['requests']} requests)"
                )
            else:
                reference = stock.get(STOCK_DETAIL if "detail" in row["endpoint"] else STOCK_LIST)
                versus_stock = (
                    f"{row['rps'] / reference:7.1f}"
                    if reference and row["endpoint"] != TRIVIAL and row["endpoint"] not in stock
                    else "      -"
                )
                notes = f"  ({row['errors']} non-2xx)" if row["errors"] else ""
                notes += f"  ({row['timeouts']} timeouts)" if row.get("timeouts") else ""
                if row["endpoint"] in SEARCHES and detail_p50.get(row["mode"]):
                    notes += f"  (p50 {row['p50'] / detail_p50[row['mode']]:.1f} x the detail's)"
                lines.append(
                    f"{row['endpoint']:44} {row['mode']:6} {row['rps']:8.0f} {row['p50']:8.1f} {row['p99']:8.1f} "
                    f"{row['rps'] / trivial[row['mode']]:9.3f} {versus_stock} {row['queries']:8}{notes}"
                )
    return "\n".join(lines)


# (label, where the value is in a publish result, format): seconds are formatted with 2 decimals.
PUBLISH_METRICS = (
    ("publish call in manage.py shell (s)", ("publish", "call"), "{:.2f}"),
    ("publish to visible on every poll (s)", ("publish", "visible"), "{:.2f}"),
    ("publish to no stale answer left (s)", ("publish", "settled"), "{:.2f}"),
    ("answers marked stale per publish", ("publish", "marked"), "{:d}"),
    ("answers rendered per publish", ("publish", "rendered"), "{:d}"),
    ("  of them list fragments", ("publish", "fragments"), "{:d}"),
    ("  rendered by the worker's tasks", ("publish", "worker_rendered"), "{:d}"),
    ("answers deleted per publish", ("publish", "deleted"), "{:d}"),
    ("answers marked stale per draft save", ("draft", "marked"), "{:d}"),
    ("answers rendered per draft save", ("draft", "rendered"), "{:d}"),
)


def publish_report(results):
    lines = []
    for database in dict.fromkeys(result["database"] for result in results):
        ours = sorted((r for r in results if r["database"] == database), key=lambda r: r["size"])
        sizes = [r["size"] for r in ours]
        ratio_label = f"{sizes[-1]}/{sizes[0]}"
        lines.append(
            f"\n{database}: publish costs, median of {ours[0].get('publishes_asked', '?')} publishes"
        )
        lines.append(
            "(an edit of one of the newest Chinese articles; gunicorn 2 workers and one run_worker "
            "--interval 0.2, API_RENDER_AHEAD=1)"
        )
        lines.append(
            f"{'metric':40}"
            + "".join(f"{f'{size} art.':>11}" for size in sizes)
            + f"{ratio_label:>10}  flat (<= {FLAT})"
        )
        not_flat = []
        for label, (part, name), style in PUBLISH_METRICS:
            values = [r.get(part, {}).get(name) for r in ours]
            cells = "".join(f"{'-' if v is None else style.format(v):>11}" for v in values)
            small, large = values[0], values[-1]
            if small is None or large is None:
                ratio, flat = "-", "?"
            elif small == 0:
                ratio, flat = ("-", "yes") if large == 0 else ("inf", "no")
            else:
                ratio = f"{large / small:.2f}"
                flat = "yes" if large / small <= FLAT else "no"
                if flat == "no" and style == "{:.2f}" and large - small < RESOLUTION:
                    flat = f"yes (< {RESOLUTION} s apart)"
            if flat == "no":
                not_flat.append(f"{label.strip()} ({ratio})")
            lines.append(f"{label:40}{cells}{ratio:>10}  {flat}")
        lines.append("flat: every metric" if not not_flat else f"not flat: {'; '.join(not_flat)}")
        for r in ours:
            fresh = r.get("fresh", {})
            stale_paths = [path for path, same in fresh.items() if not same]
            draft_shown = r.get("draft", {}).get("draft_shown")
            lines.append(
                f"{r['size']} art.: article {r['article']}; after the publish the polled answers "
                + (
                    "equal a fresh render"
                    if fresh and not stale_paths
                    else f"differ from a fresh render: {', '.join(stale_paths) or '?'}"
                )
                + "; draft title "
                + ("shown by no poll" if draft_shown == [] else f"shown by {', '.join(draft_shown or ['?'])}")
            )
            for problem in r["problems"]:
                lines.append(f"  PROBLEM: {problem}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="60,300",
        help="synthetic articles per locale, comma-separated, at least five times apart (default 60,300)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (default 2)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/cms_bench",
        help="PostgreSQL URL; each size gets its own database, named with _<size> appended",
    )
    parser.add_argument(
        "--parts",
        default="reads,publish,search",
        help="what to measure, comma-separated: reads, publish, search (default: all three)",
    )
    parser.add_argument(
        "--publishes", type=int, default=3, help="publishes measured per size, medians reported (default 3)"
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()

    sizes = sorted({int(size) for size in args.sizes.split(",")})
    parts = set(args.parts.split(","))
    if args.publishes < 1:
        sys.exit("--publishes must be 1 or more")
    if not parts <= {"reads", "publish", "search"}:
        sys.exit("--parts takes reads, publish and search")
    if "publish" in parts and len(sizes) < 2:
        sys.exit("publish costs compare two sizes: give --sizes two of them")
    if len(sizes) >= 2 and sizes[-1] < 5 * sizes[0]:
        log(f"note: sizes {sizes[0]} and {sizes[-1]} are less than five times apart")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    VAR.mkdir(parents=True, exist_ok=True)
    tree = measured_tree()
    snapshot_source()
    try:
        run(args, sizes, parts, tree)
    finally:
        if SOURCE != REPO:
            shutil.rmtree(SOURCE, ignore_errors=True)


def measured_tree():
    """Which code was measured: the commit, and whether the working tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=30
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=normal"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "code of an unknown commit"
    return (
        f"commit {head}" + (" with local changes" if changed else "") if head else "code of an unknown commit"
    )


def run(args, sizes, parts, tree):
    started = time.monotonic()
    reads, publishes = [], []
    for database in args.databases.split(","):
        if database == "postgres" and not reachable("127.0.0.1", 5432):
            log("PostgreSQL is not reachable on 127.0.0.1:5432: skipped")
            continue
        if database not in ("sqlite", "postgres"):
            sys.exit(f"unknown database {database!r}: sqlite or postgres")
        for size in sizes:
            if database == "sqlite":
                url = f"sqlite:///{VAR / f'sqlite-{size}.sqlite3'}"
            else:
                url = f"{args.postgres}_{size}"
            dataset = Dataset(database, size, url)
            pages = guarded(prepare, dataset, {}, args)
            if "problems" in pages:
                reads.append({**pages, "mode": "-", "endpoint": "error"})
                publishes.append({**pages, "article": None})
                continue
            if "reads" in parts:
                reads += guarded(measure_reads, dataset, pages, args)
            if "search" in parts:
                reads += guarded(measure_search, dataset, pages, args)
            if "publish" in parts:
                publishes.append(guarded(measure_publish, dataset, pages, args))
    if reads:
        print(read_report(reads))
    if publishes:
        print(publish_report(publishes))
    print(
        f"\nsizes: {', '.join(map(str, sizes))} synthetic articles per locale; {args.duration} s per "
        f"endpoint, {args.connections} connections; {datetime.date.today()}, {tree}, "
        f"{time.monotonic() - started:.0f} s in all"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"sizes": sizes, "duration": args.duration, "reads": reads, "publish": publishes}, indent=2
            )
        )


if __name__ == "__main__":
    main()
