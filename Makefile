# The two commands README.md opens with: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check demo clean

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

## run: install, migrate, load the demo content and serve http://$(HOST):$(PORT) (admin at /admin/)
run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## demo: migrate and load the demo content (idempotent), and print the admin login
demo: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py create_demo_admin

## test: install the test tools if missing and run the whole suite (SQLite unless DATABASE_URL says otherwise)
test: $(VENV)/.dev-installed
	$(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff's checks and formatting
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## check: Django's system checks and a check that no migration is missing
check: $(VENV)/.dev-installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media static
