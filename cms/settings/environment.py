"""Reading configuration from the environment, with errors a person can act on.

Every failure raises ImproperlyConfigured with a one-line message that names the variable;
manage.py and wsgi.py print that line instead of a traceback.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_list(name, default):
    """A comma-separated list; blank items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url):
    """Parse DATABASE_URL (sqlite:///path or postgres://user@host:port/name)."""
    try:
        config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    except Exception:  # dj-database-url raises several types; the URL may hold a password
        raise ImproperlyConfigured(
            "DATABASE_URL is malformed; expected sqlite:///path/to/db.sqlite3 "
            "or postgres://user:password@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL names an unsupported database ({engine or 'none'}); "
            "use sqlite:///... or postgres://..."
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL has no database name after the host, e.g. postgres://host:5432/cms."
        )
    if engine == "django.db.backends.sqlite3":
        # Kept open like PostgreSQL's: a new SQLite connection reads the schema again before its
        # first query (about 2 ms here), more than a stored delivery document costs to read. A
        # file's connection does not break, so there is nothing to check.
        config["CONN_HEALTH_CHECKS"] = False
        # The web process and the background worker write the same file: WAL lets readers go on
        # while one writes, IMMEDIATE takes the write lock at the start of a transaction (so it
        # never has to be upgraded half-way, which fails at once), and the timeout makes a
        # second writer wait its turn instead of failing with "database is locked".
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config
