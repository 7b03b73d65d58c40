import json

from tests.utils import run_python


def test_health_answers_200_when_the_database_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    # The tests' cache is in memory: there is no Redis to report on.
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_is_unreachable():
    # A real app process whose database is a PostgreSQL port where nothing listens.
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    result = run_python(
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        },
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {
        "status": 503,
        "body": {"status": "unavailable", "database": "unreachable", "redis": "not configured"},
    }
