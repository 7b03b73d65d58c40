"""Reading configuration from the environment, with errors a person can act on.

Every failure raises ImproperlyConfigured with a one-line message that names the variable;
manage.py and wsgi.py print that line instead of a traceback.

A `.env` file at the project root (beside manage.py) is loaded into the environment when this
module is imported, which base.py does before it reads any setting; see load_dotenv().
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
# Settings that never read a .env file: the test suite's must not depend on a developer's.
NO_DOTENV_SETTINGS = {"cms.settings.test"}
_DOTENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTENV_COMMENT = re.compile(r"(?:^|\s)#")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def dotenv_path():
    """The file load_dotenv() reads: DOTENV_PATH when set (relative to the project root; empty
    means none), otherwise `.env` at the project root, wherever the process was started."""
    raw = os.environ.get("DOTENV_PATH")
    if raw is None:
        return PROJECT_ROOT / ".env"
    if not raw.strip():
        return None
    return PROJECT_ROOT / Path(raw.strip()).expanduser()


def parse_dotenv(text, source=".env"):
    """KEY=VALUE lines into a dict, in order (a repeated key: the last one).

    Blank lines and lines starting with `#` are skipped, and `export ` before the key is allowed.
    A value may be in single or double quotes, taken literally (no escapes, no $VARIABLES);
    after a quoted value only a comment may follow. In an unquoted value a `#` at its start or
    after a space begins a comment. Errors name the line, never its text (it may be a password).
    """
    values = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, equals, raw = line.partition("=")
        key = key.strip()
        if not equals or not _DOTENV_KEY.fullmatch(key):
            raise ImproperlyConfigured(f"{source} line {number} is not KEY=VALUE.")
        raw = raw.strip()
        if raw[:1] in ("'", '"'):
            end = raw.find(raw[0], 1)
            rest = raw[end + 1 :].strip() if end != -1 else ""
            if end == -1 or (rest and not rest.startswith("#")):
                raise ImproperlyConfigured(
                    f"{source} line {number}: {key}'s quoted value is not closed, or text follows it."
                )
            values[key] = raw[1:end]
        else:
            values[key] = _DOTENV_COMMENT.split(raw, maxsplit=1)[0].rstrip()
    return values


def load_dotenv():
    """Put the .env file's variables into os.environ, except those the real environment already
    has: those win. A missing file is fine. Returns the names it set.

    The settings module is chosen before this runs, so the file cannot change it: a
    DJANGO_SETTINGS_MODULE there that names another module is refused rather than ignored.
    """
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE")
    path = dotenv_path()
    if settings_module in NO_DOTENV_SETTINGS or path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise ImproperlyConfigured(f"{path} (the .env file, DOTENV_PATH) cannot be read: {reason}.") from None
    values = parse_dotenv(text, source=str(path))
    wanted = values.get("DJANGO_SETTINGS_MODULE")
    if settings_module and wanted not in (None, settings_module):
        raise ImproperlyConfigured(
            f"DJANGO_SETTINGS_MODULE in {path} is {wanted} but {settings_module} is loading; "
            "the module is chosen before .env is read, so set DJANGO_SETTINGS_MODULE in the environment."
        )
    added = [name for name in values if name not in os.environ]
    for name in added:
        os.environ[name] = values[name]
    return added


# Before any setting is read: base.py imports this module first.
load_dotenv()


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
