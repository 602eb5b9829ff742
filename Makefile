# Two commands for a newcomer (README): `make run` and `make test`. Everything they need is
# installed from the lock files: uv.lock (Python, through a pinned uv) and package-lock.json.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
I18N_IGNORE := --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=build --ignore=staticfiles \
	--ignore=tests --ignore=data

export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_NO_PROGRESS := 1

.PHONY: help run test install python-packages frontend translations static chromium lint \
	check-migrations openapi check-openapi configuration-reference check-configuration-reference \
	pytest messages bench nginx

help:
	@echo "make run   - install, migrate, load demo data, start web, worker and beat (PORT=$(PORT))"
	@echo "make test  - install, lint, check migrations and API schema, run every test"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

python-packages: $(UV)
	$(UV) sync --frozen --quiet

frontend:
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

translations: python-packages
	$(MANAGE) compilemessages $(I18N_IGNORE) -v0

install: python-packages frontend translations

static: install
	$(MANAGE) collectstatic --noinput -v0

run: static
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo
	@echo ""
	@echo "Veiligheidshuis draait op http://127.0.0.1:$(PORT)/  (Ctrl-C stopt web, worker en beat)"
	@echo ""
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" DEMO_MODE=true SECURE_COOKIES=false \
		honcho start --port $(PORT) --procfile Procfile

# --- tests ------------------------------------------------------------------------------------

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The load balancer of docker-compose.yml, run by tests/load/test_balancer.py; installed, never
# started as a service (RUNLEVEL=1 keeps Debian's scripts from starting it).
nginx:
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-core >/dev/null; }

lint: python-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: python-packages
	$(MANAGE) makemigrations --check --dry-run

openapi: python-packages
	$(MANAGE) spectacular --format openapi-json --file docs/api/openapi.json

check-openapi: python-packages
	$(MANAGE) spectacular --format openapi-json --file build/openapi.json
	diff -u docs/api/openapi.json build/openapi.json || \
		{ echo "docs/api/openapi.json is stale: run 'make openapi' and commit it."; exit 1; }

configuration-reference: python-packages
	$(PY) -c "import config.settings; from config.environment import render_reference; \
		print(render_reference(), end='')" > docs/configuration.md

check-configuration-reference: python-packages
	$(PY) -c "import config.settings; from config.environment import render_reference; \
		print(render_reference(), end='')" > build/configuration.md
	diff -u docs/configuration.md build/configuration.md || \
		{ echo "docs/configuration.md is stale: run 'make configuration-reference'."; exit 1; }

messages: python-packages
	$(MANAGE) makemessages -l nl -l en $(I18N_IGNORE) --no-obsolete

pytest: install chromium nginx
	# Two processes (pytest-xdist), each with a broker database of its own for its real-worker
	# tests (tests/celery_worker.py). Schemathesis makes one test per API operation only in a
	# single process: under xdist it would run as one test, so it runs in a process of its own
	# (its own test database and broker database), beside the others rather than after them: run
	# after them it had one core busy and the other idle for two minutes. Its output follows
	# theirs; either failing fails the target.
	@mkdir -p build
	@$(VENV)/bin/pytest -p no:cacheprovider tests/config/test_schemathesis.py \
		> build/schemathesis.log 2>&1 & schemathesis=$$!; \
	$(VENV)/bin/pytest -n 2 --durations=25 --ignore=tests/config/test_schemathesis.py; \
	status=$$?; wait $$schemathesis; schemathesis_status=$$?; \
	echo "--- tests/config/test_schemathesis.py (run beside the others) ---"; \
	cat build/schemathesis.log; \
	[ $$status -eq 0 ] && [ $$schemathesis_status -eq 0 ]

test: install chromium nginx lint check-migrations check-openapi check-configuration-reference pytest

# --- bench (issue 13) ---------------------------------------------------------------------------

BENCH_SCALE ?= national
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/vh_bench_$(subst .,_,$(BENCH_SCALE))

# Every figure of issue 13 on a database of its own, seeded when empty (docs/performance.md).
# `BENCH_SCALE=0.1 make bench` for a tenth, `BENCH_SCALE=demo make bench` for the demo data.
bench: install
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_SCALE=$(BENCH_SCALE) $(PY) -m bench
