"""The .env file: loaded by the settings when present, below the real environment.

Each case that loads settings starts a fresh process whose DOTENV_PATH names a temporary file, so
a developer's own .env at the project root plays no part.
"""

import json
import os
import subprocess
import sys

import pytest

from cms.settings import environment
from tests.utils import REPO, run_python

DEFAULT_SITE_NAME = "International Cooperation CMS"


def show(dotenv, names, module="cms.settings.dev", env=None):
    """Load the settings in a new process; its variables `names` and WAGTAIL_SITE_NAME."""
    code = (
        "import json, os\n"
        "from django.conf import settings\n"
        "site_name = settings.WAGTAIL_SITE_NAME\n"  # loads the settings, and so the .env file
        f"names = {list(names)!r}\n"
        "print(json.dumps({'env': {n: os.environ.get(n) for n in names}, 'site_name': site_name}))\n"
    )
    result = run_python(
        code, env={"DJANGO_SETTINGS_MODULE": module, "DOTENV_PATH": str(dotenv), **(env or {})}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def configuration_error(dotenv, module="cms.settings.dev"):
    """The one line manage.py prints when the settings refuse to load."""
    code = "from cms.startup import load_settings\nload_settings('cms.settings.dev')\n"
    result = run_python(code, env={"DJANGO_SETTINGS_MODULE": module, "DOTENV_PATH": str(dotenv)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def dotenv(tmp_path):
    path = tmp_path / "cms.env"

    def write(text):
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_a_value_from_the_file_is_read(dotenv):
    path = dotenv("WAGTAIL_SITE_NAME=From the file\nCMS_DOTENV_PROBE=1\n")
    assert show(path, ["CMS_DOTENV_PROBE"]) == {
        "env": {"CMS_DOTENV_PROBE": "1"},
        "site_name": "From the file",
    }


def test_the_real_environment_wins(dotenv):
    path = dotenv("WAGTAIL_SITE_NAME=From the file\nCMS_DOTENV_PROBE=file\nCMS_DOTENV_EMPTY=file\n")
    real = {"WAGTAIL_SITE_NAME": "Real", "CMS_DOTENV_PROBE": "real", "CMS_DOTENV_EMPTY": ""}
    assert show(path, ["CMS_DOTENV_PROBE", "CMS_DOTENV_EMPTY"], env=real) == {
        "env": {"CMS_DOTENV_PROBE": "real", "CMS_DOTENV_EMPTY": ""},
        "site_name": "Real",
    }


def test_quotes_comments_and_export_are_understood(dotenv):
    path = dotenv(
        "# a comment line\n"
        "\n"
        "   # an indented comment\n"
        'export DOUBLE="two words # not a comment"  # a comment\n'
        "SINGLE='  kept as written  '\n"
        "QUOTE='say \"hi\"'\n"
        "PLAIN=plain value   # a trailing comment\n"
        "HASH=pa#ss\n"
        "EMPTY=\n"
        "EMPTY_QUOTED=''\n"
        "SPACED = around the equals sign \n"
        "URL=postgres://cms:secret@127.0.0.1:5432/cms?sslmode=require\n"
        "NAME=中哈丝路\r\n"
        "REPEATED=first\n"
        "REPEATED=last\n"
    )
    expected = {
        "DOUBLE": "two words # not a comment",
        "SINGLE": "  kept as written  ",
        "QUOTE": 'say "hi"',
        "PLAIN": "plain value",
        "HASH": "pa#ss",
        "EMPTY": "",
        "EMPTY_QUOTED": "",
        "SPACED": "around the equals sign",
        "URL": "postgres://cms:secret@127.0.0.1:5432/cms?sslmode=require",
        "NAME": "中哈丝路",
        "REPEATED": "last",
    }
    assert show(path, list(expected))["env"] == expected


def test_a_missing_file_is_fine(tmp_path):
    assert show(tmp_path / "no-such.env", ["CMS_DOTENV_PROBE"]) == {
        "env": {"CMS_DOTENV_PROBE": None},
        "site_name": DEFAULT_SITE_NAME,
    }


def test_the_test_settings_ignore_it(dotenv):
    path = dotenv("WAGTAIL_SITE_NAME=From the file\nCMS_DOTENV_PROBE=1\n")
    assert show(path, ["CMS_DOTENV_PROBE"], module="cms.settings.test") == {
        "env": {"CMS_DOTENV_PROBE": None},
        "site_name": DEFAULT_SITE_NAME,
    }


@pytest.mark.parametrize(
    "line, words",
    [
        ("SECRET_KEY s3cret-value", ["line 2", "KEY=VALUE"]),
        ("SECRET_KEY='s3cret-value", ["line 2", "SECRET_KEY"]),
        ("SECRET_KEY='s3cret'-value", ["line 2", "SECRET_KEY"]),
        ("2SECRET=s3cret-value", ["line 2", "KEY=VALUE"]),
    ],
)
def test_a_malformed_line_is_named_without_its_text(dotenv, line, words):
    error = configuration_error(dotenv(f"# first\n{line}\n"))
    for word in words:
        assert word in error
    assert "s3cret" not in error


def test_the_file_cannot_pick_another_settings_module(dotenv):
    path = dotenv("DJANGO_SETTINGS_MODULE=cms.settings.production\n")
    assert "DJANGO_SETTINGS_MODULE" in configuration_error(path)
    # Naming the module that is loading anyway is harmless.
    path = dotenv("DJANGO_SETTINGS_MODULE=cms.settings.dev\nCMS_DOTENV_PROBE=1\n")
    assert show(path, ["CMS_DOTENV_PROBE"])["env"] == {"CMS_DOTENV_PROBE": "1"}


def test_the_default_file_is_beside_manage_py_wherever_the_process_starts(tmp_path):
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    result = subprocess.run(
        [sys.executable, "-c", "from cms.settings import environment; print(environment.dotenv_path())"],
        cwd=tmp_path,
        env={**base, "PYTHONPATH": str(REPO), "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(REPO / ".env")
    assert (REPO / "manage.py").is_file()


def test_dotenv_path_names_another_file_or_turns_loading_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DOTENV_PATH", str(tmp_path / "other.env"))
    assert environment.dotenv_path() == tmp_path / "other.env"
    monkeypatch.setenv("DOTENV_PATH", "deploy/cms.env")
    assert environment.dotenv_path() == REPO / "deploy" / "cms.env"
    monkeypatch.setenv("DOTENV_PATH", "")
    assert environment.dotenv_path() is None
    monkeypatch.delenv("DOTENV_PATH")
    assert environment.dotenv_path() == REPO / ".env"
