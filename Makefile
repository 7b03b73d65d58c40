# The two commands README.md opens with: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian's Chromium, which the browser tests (tests/browser) drive; they are skipped without it.
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format check messages demo bench clean

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

## run: install, migrate, load the demo content and serve http://$(HOST):$(PORT) (admin at /admin/), with the background worker beside it
# Absolute media URLs (API answers, previews, the PO index) name the address `make run` serves on,
# unless the environment sets WAGTAILADMIN_BASE_URL.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	@$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## demo: migrate and load the demo content (idempotent), and print the admin login
demo: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py create_demo_admin

## test: install the test tools if missing and run the whole suite (SQLite unless DATABASE_URL says otherwise); the browser tests need Chromium
test: $(VENV)/.dev-installed
	@echo "CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(PYTEST_ARGS)"
	@CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ ! -x $(CHROMIUM) ] && [ "$$REQUIRE_BROWSER" != 1 ]; then \
		echo "Browser tests skipped: $(CHROMIUM) is missing (apt-get install -y chromium fonts-noto-cjk)."; fi; \
	exit $$status

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

# The UI-string catalogs in locales/locale/ (LOCALE_PATHS): zh_Hans and kk, one for all our apps.
MESSAGE_LOCALES ?= zh_Hans kk
MANAGE_I18N := DJANGO_SETTINGS_MODULE=cms.settings.dev $(PY) manage.py
MESSAGES_IGNORE := --ignore=$(VENV) --ignore=.venv --ignore=node_modules --ignore=tests --ignore=docs \
	--ignore=media --ignore=static --ignore=migrations --ignore='requirements*.txt'

## messages: refresh locales/locale/*/django.po from the code and templates, then compile django.mo (needs GNU gettext); translate new or fuzzy entries, then run it again
messages: $(VENV)/.runtime-installed
	@command -v msgfmt >/dev/null || { echo "GNU gettext is needed: apt-get install gettext (macOS: brew install gettext)"; exit 1; }
	$(MANAGE_I18N) makemessages $(foreach l,$(MESSAGE_LOCALES),--locale=$(l)) --extension=html,txt,py \
		--add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(MANAGE_I18N) compilemessages $(foreach l,$(MESSAGE_LOCALES),--locale=$(l)) $(MESSAGES_IGNORE)
	$(MANAGE_I18N) build_ui_fallbacks
	@for l in $(MESSAGE_LOCALES); do msgfmt --check-format --check-header -o /dev/null locales/locale/$$l/LC_MESSAGES/django.po || exit 1; \
		printf '%s: ' $$l; msgfmt --statistics -o /dev/null locales/locale/$$l/LC_MESSAGES/django.po; done

## bench: build a data set, serve it with gunicorn and measure the APIs against a trivial view and stock v2 (needs wrk; BENCH_ARGS="--sizes 60,300 --databases sqlite")
bench: $(VENV)/.runtime-installed
	@command -v wrk >/dev/null || { echo "bench needs wrk (apt-get install wrk)"; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media static
