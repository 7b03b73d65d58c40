"""Delivery benchmark: `make bench` (or `python bench/run.py --help`).

Builds a data set (the demo content plus N synthetic articles per locale, each with six
paragraphs and two captioned images), serves it with gunicorn (2 sync workers, as in
production) and loads each endpoint with wrk. Every number is reported beside two references
measured in the same run on the same machine: a trivial Django view returning fixed JSON, and
Wagtail's stock API v2. Runs on SQLite and, when reachable, PostgreSQL (with Redis as the
shared cache when reachable).

Nothing here is a test: it measures and prints, and docs/performance.md records a run.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VAR = REPO / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


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


def environment(database_url, cache_seconds, redis_url, documents=True):
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "DATABASE_URL": database_url,
            "API_RESPONSE_CACHE_SECONDS": str(cache_seconds),
            "API_DOCUMENTS": "1" if documents else "0",
            "MEDIA_ROOT": str(VAR / "media"),
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"bench-{time.time_ns()}"
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout


def prepare_database(name, database_url, articles):
    """Migrate and load the data set once; a marker file says what a database already holds."""
    marker = VAR / f"{name}.built"
    wanted = f"{database_url} {articles}"
    if marker.exists() and marker.read_text() == wanted:
        log(f"[{name}] data set already built ({articles} synthetic articles per locale)")
        return
    env = environment(database_url, 0, None, documents=False)
    log(f"[{name}] migrating and loading {articles} synthetic articles per locale (a few minutes) ...")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "--synthetic", str(articles), "-v1")
    marker.write_text(wanted)


def probe(env, code, *args):
    """Run `code` in a Django process on `env` and return the JSON its last line prints."""
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


FIND_PAGES = """
import json
from news.models import NewsArticlePage
from locales.resolution import visible_pages
kk = visible_pages(NewsArticlePage.objects.filter(locale__language_code="kk")).order_by("-date")
print(json.dumps({"kk_article": kk.values_list("pk", flat=True)[5]}))
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


def count_queries(env, endpoints):
    """Queries of a repeated request: with the response cache on, none for a cached answer."""
    return probe(env, COUNT_QUERIES, json.dumps(endpoints))


class Server:
    def __init__(self, env, workers=2):
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "cms/gunicorn.conf.py", "cms.wsgi"],
            cwd=REPO,
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
        raise RuntimeError("gunicorn did not start")

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
        self.process.wait(timeout=20)


def wrk(url, duration, connections):
    """requests/s, p50 and p99 (ms) from wrk, the same way for every endpoint."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def endpoints(kk_article):
    return {
        "trivial JSON view": "/bench/trivial/",
        "stock v2 list (20, fields=*)": "/bench/stock-v2/pages/?type=news.NewsArticlePage&fields=*&limit=20&locale=kk",
        "stock v2 detail": f"/bench/stock-v2/pages/{kk_article}/",
        "our v2 list (20, fields=*)": "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20&locale=kk",
        "delivery list (20)": "/api/content/v1/news?locale=kk&limit=20",
        "delivery detail (HTML body, alternates)": f"/api/content/v1/news/{kk_article}?locale=kk",
        "delivery list, fallback kk->en": "/api/content/v1/news?locale=kk&limit=20&offset=20",
    }


# How each mode answers a delivery read: (response cache seconds, stored documents).
MODES = {
    # Every request renders its document in Python: no response cache, no stored documents.
    "render": (0, False),
    # Without HTTP caching: each request reads its stored document (rendered ahead by
    # `render_documents`, as after a publish) from the database, view counts filled in.
    "cold": (0, True),
    # From the shared response cache (Redis) in front of the stored documents.
    "warm": (300, True),
}
REFERENCES = (
    "trivial JSON view",
    "stock v2 list (20, fields=*)",
    "stock v2 detail",
    "our v2 list (20, fields=*)",
)


def run_database(name, database_url, redis_url, args):
    prepare_database(name, database_url, args.articles)
    base_env = environment(database_url, 0, redis_url, documents=False)
    kk_article = probe(base_env, FIND_PAGES)["kk_article"]
    targets = endpoints(kk_article)
    rows = []
    for mode, (seconds, documents) in MODES.items():
        env = environment(database_url, seconds, redis_url, documents)
        if documents and mode == "cold":
            started = time.monotonic()
            manage(env, "render_documents", "--prune", capture=True)
            output = manage(env, "render_documents", capture=True)
            took = time.monotonic() - started
            rendered = int(re.search(r"Rendered (\d+)", output).group(1))
            rows.append(
                {
                    "database": name,
                    "mode": mode,
                    "endpoint": "render_documents",
                    "took": took,
                    "documents": rendered,
                }
            )
            log(f"[{name}] render_documents: {rendered} documents in {took:.0f} s")
        queries = count_queries(env, targets)
        with Server(env) as server:
            for label, path in targets.items():
                # The references have no response cache or documents: measured once, with "render".
                if label in REFERENCES and mode != "render" and label != "trivial JSON view":
                    continue
                url = server.url + path
                for _ in range(3):  # warm the workers (and, when warm, the cache)
                    urllib.request.urlopen(url, timeout=30).read()
                result = wrk(url, args.duration, args.connections)
                rows.append(
                    {"database": name, "mode": mode, "endpoint": label, **result, "queries": queries[label]}
                )
                log(f"[{name}/{mode}] {label}: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms")
            # The tail under load: 50 connections on the delivery detail.
            tail = wrk(server.url + targets["delivery detail (HTML body, alternates)"], args.duration, 50)
            rows.append(
                {
                    "database": name,
                    "mode": mode,
                    "endpoint": "delivery detail, 50 connections",
                    **tail,
                    "queries": queries["delivery detail (HTML body, alternates)"],
                }
            )
            rss = server.worker_rss_mb()
            rows.append(
                {"database": name, "mode": mode, "endpoint": "worker RSS after the run (MB)", "rss": rss}
            )
    return rows


def report(rows):
    lines = []
    for database in dict.fromkeys(row["database"] for row in rows):
        ours = [row for row in rows if row["database"] == database]
        trivial = next(
            r["rps"] for r in ours if r["endpoint"] == "trivial JSON view" and r["mode"] == "render"
        )
        stock_list = next((r["rps"] for r in ours if r["endpoint"].startswith("stock v2 list")), None)
        lines.append(f"\n{database}: trivial view {trivial:.0f} req/s")
        lines.append(
            f"{'endpoint':44} {'mode':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'/trivial':>9} {'/stock':>7} {'queries':>8}"
        )
        for row in ours:
            if "rss" in row:
                lines.append(f"{row['endpoint']:44} {row['mode']:6} {row['rss'] or 0:8.0f}")
                continue
            if "took" in row:
                lines.append(
                    f"{row['endpoint']:44} {row['mode']:6} {row['documents']:8} documents in {row['took']:.0f} s"
                )
                continue
            ratio = row["rps"] / trivial
            versus_stock = f"{row['rps'] / stock_list:7.1f}" if stock_list else "      -"
            errors = f"  ({row['errors']} non-2xx)" if row["errors"] else ""
            lines.append(
                f"{row['endpoint']:44} {row['mode']:6} {row['rps']:8.0f} {row['p50']:8.1f} {row['p99']:8.1f} "
                f"{ratio:9.3f} {versus_stock} {row['queries']:8}{errors}"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=300, help="synthetic articles per locale (default 300)"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (default 2)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/cms_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    VAR.mkdir(parents=True, exist_ok=True)
    redis_url = args.redis if reachable("127.0.0.1", 6379) else None
    rows = []
    for name in args.databases.split(","):
        if name == "sqlite":
            rows += run_database("sqlite", f"sqlite:///{VAR / 'bench.sqlite3'}", redis_url, args)
        elif name == "postgres":
            if not reachable("127.0.0.1", 5432):
                log("PostgreSQL is not reachable on 127.0.0.1:5432: skipped")
                continue
            subprocess.run(
                [PYTHON, "-c", CREATE_DATABASE, args.postgres], cwd=REPO, check=True, env=dict(os.environ)
            )
            rows += run_database("postgres", args.postgres, redis_url, args)
    print(report(rows))
    print(
        f"\ncache: {'Redis' if redis_url else 'per-process memory'}; {args.articles} synthetic articles per locale"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


CREATE_DATABASE = """
import sys, psycopg2
from urllib.parse import urlparse
url = urlparse(sys.argv[1])
conn = psycopg2.connect(host=url.hostname, port=url.port or 5432, user=url.username, dbname="postgres")
conn.autocommit = True
cursor = conn.cursor()
cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [url.path.lstrip("/")])
if not cursor.fetchone():
    cursor.execute('CREATE DATABASE "%s"' % url.path.lstrip("/"))
"""


if __name__ == "__main__":
    main()
