# Everyday commands. `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer; the newest interpreter found builds the virtualenv (early 3.12
# releases drop the space between words of long non-ASCII mail subjects).
define find_python
for candidate in "$$PYTHON" python3.14 python3.13 $$(ls -d $$HOME/.pyenv/versions/3.1[3-9]*/bin/python3 2>/dev/null | sort -rV) \
    python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3 2>/dev/null | sort -rV); do \
  [ -n "$$candidate" ] || continue; \
  path=$$(command -v "$$candidate" 2>/dev/null) || continue; \
  "$$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo "$$path"; exit 0; }; \
done; exit 1
endef

.PHONY: help
help:
	@echo "make demo      install, migrate, load the demo councils and serve http://$(HOST):$(PORT)"
	@echo "               (PORT=8123 and VAR_DIR=/some/folder choose the port and where data and mail go)"
	@echo "make test      run the whole test suite"
	@echo "make lint      ruff (lint and format check) and mypy"
	@echo "make worker / make beat   Celery worker and scheduler (needs REDIS_URL)"
	@echo "make backup               the database and uploaded files to var/backups/portal-DATE.tar.gz"
	@echo "make restore FILE=...     put a backup back (stop the web and worker processes first)"
	@echo "make api-check            the API against its OpenAPI document with schemathesis"
	@echo "make bench-announce       announce to 20 and 2,000 invitees through Redis, a worker and SMTP"
	@echo "make bench-load           50 users of every role for 3 minutes; no write lost or doubled"
	@echo "make bench-plans          the plans dashboard and summary at national scale (see README)"
	@echo "make bench-reminders      the daily reminder job over 25 and 250 plans"
	@echo "make bench-imports        a plan import at Busan's size and a national file of 25,000 projects"
	@echo "make bench-suite          make test of the head against the reference commit, in turns"

$(PY):
	@python=$$($(find_python)) || { echo "Python 3.12 or newer is needed (Django 6). Install it, or set PYTHON=/path/to/python3.12" >&2; exit 1; }; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end packages: install Node.js 20 or newer" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.vendored: node_modules/.installed scripts/vendor-static.mjs
	npm run --silent vendor
	touch $@

.PHONY: install
install: $(VENV)/.installed static/vendor/.vendored

# The compiled catalogues, redone only when their .po changed, with the msgfmt call compilemessages makes.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: messages
messages: $(MESSAGES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "msgfmt (GNU gettext) not found: using the committed $@"; fi

.PHONY: makemessages
makemessages: install
	$(MANAGE) makemessages -l ko -l en --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=static --ignore=staticfiles --ignore=tests --ignore=bench

# Collected (hashed, compressed) static files, redone only when a source or a package changed.
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)
staticfiles/.collected: $(VENV)/.installed static/vendor/.vendored $(STATIC_SOURCES)
	$(MANAGE) collectstatic --no-input -v 0
	touch $@

.PHONY: demo
# Links in the demo's mail point at the address it is served on (PORT=8123 make demo), unless SITE_URL says.
demo: export SITE_URL ?= http://$(HOST):$(PORT)
# The demo's staff and officials log in without a second factor unless TWO_FACTOR_REQUIRED=1.
demo: export TWO_FACTOR_REQUIRED ?= 0
demo: install messages staticfiles/.collected
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo
	@echo "Serving the demo at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(MANAGE) runserver $(HOST):$(PORT) --skip-checks

.PHONY: test
# One worker per core; idle workers take queued tests from busy ones, so the long browser tests spread out.
# Compiled modules are kept (in __pycache__, which git ignores) even where the environment turns that
# off: otherwise every worker compiles the code and rewrites every test module's asserts on every run.
test: install messages
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n auto --dist worksteal $(PYTEST_ARGS)

.PHONY: lint
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

.PHONY: format
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: worker
worker: install
	$(BIN)/celery -A council worker --loglevel=info

.PHONY: beat
beat: install
	$(BIN)/celery -A council beat --loglevel=info --schedule=var/celerybeat-schedule

.PHONY: bench-announce
bench-announce: install
	$(PY) -m bench.announce

BACKUP_DIR ?= $(or $(VAR_DIR),var)/backups

.PHONY: backup
backup: install
	$(MANAGE) backup $(BACKUP_DIR)/portal-$$(date +%Y%m%d-%H%M%S).tar.gz

.PHONY: restore
restore: install
	@test -n "$(FILE)" || { echo "Name the archive: make restore FILE=var/backups/portal-....tar.gz" >&2; exit 1; }
	$(MANAGE) restore $(FILE)
	$(MANAGE) migrate --no-input -v 0

.PHONY: api-check
# schemathesis against the demo served by gunicorn, in a throwaway database (see bench/api_check.py).
api-check: install
	$(PY) -m bench.api_check $(API_CHECK_ARGS)

.PHONY: bench-load
# 50 users of every role for 3 minutes, then every acknowledged write checked in the database.
bench-load: install
	$(PY) -m bench.mixed_load $(BENCH_ARGS)

.PHONY: bench-reminders
bench-reminders: install
	$(PY) -m bench.reminders

.PHONY: bench-imports
bench-imports: install
	$(PY) -m bench.imports $(BENCH_ARGS)

.PHONY: bench-plans
bench-plans: install
	$(PY) -m bench.run $(BENCH_ARGS)

.PHONY: bench-suite
# Fresh clones of the head and of the reference commit (in the temporary folder), each `make test` in turns.
bench-suite: install
	$(PY) -m bench.suite $(BENCH_ARGS)

.PHONY: clean
clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles
