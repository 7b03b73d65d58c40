import pytest

from tests.utils import run_manage

GOOD_KEY = "k3y-" + "x9Vq2#mZ8@pL5wR7tY1uE4" * 3
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "DATABASE_URL": "sqlite:////tmp/cms-settings-check.sqlite3",
    "ALLOWED_HOSTS": "cms.example.edu.cn",
    "CSRF_TRUSTED_ORIGINS": "https://cms.example.edu.cn",
    "WAGTAILADMIN_BASE_URL": "https://cms.example.edu.cn",
}


def assert_one_line_error(result, *words):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]
    assert_one_line_error(run_manage("check", env=env), "SECRET_KEY")


def test_production_refuses_to_start_with_debug_on():
    assert_one_line_error(run_manage("check", env={**PRODUCTION, "DEBUG": "1"}), "DEBUG")


@pytest.mark.parametrize("url", ["nonsense", "postgres://user:pw@host:notaport/cms", "mysql://db/cms"])
def test_malformed_database_url_is_named(url):
    result = run_manage("check", env={**PRODUCTION, "DATABASE_URL": url})
    assert_one_line_error(result, "DATABASE_URL")
    assert "pw" not in result.stderr  # never echo credentials


def test_unreadable_boolean_is_named():
    result = run_manage("check", env={**PRODUCTION, "SECURE_SSL_REDIRECT": "maybe"})
    assert_one_line_error(result, "SECURE_SSL_REDIRECT")


def test_deploy_check_is_clean_with_the_documented_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
