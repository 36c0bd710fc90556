# pmpath's verbs. The README uses `make run` and `make test`; the others are documented in
# docs/development.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PMPATH := $(BIN)/pmpath
VENDOR := pmpath/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || command -v google-chrome)

.PHONY: help install run setup serve test lint fmt typecheck test-sqlite test-postgres e2e bench bench-load clean

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: $(VENV)/.installed $(VENDOR)/.installed ## Create .venv and install pinned Python and front-end dependencies

$(VENV)/.installed: requirements/base.txt requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Front-end libraries come from the npm registry, pinned by package-lock.json, and are copied
# into a git-ignored static folder: never committed, never loaded from a CDN.
# jsonresume-schema.json is the JSON Resume schema that resume imports are validated against.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/sortablejs/Sortable.min.js $(VENDOR)/Sortable.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.umd.min.js
	cp node_modules/@picocss/pico/css/pico.min.css $(VENDOR)/pico.min.css
	cp node_modules/@jsonresume/schema/schema.json $(VENDOR)/jsonresume-schema.json
	@touch $@

run: install ## Install, migrate, load the knowledge base and serve on http://127.0.0.1:8000
	@$(PMPATH) setup
	@$(PMPATH) serve --host $(HOST) --port $(PORT)

setup: install ## Migrate and load the knowledge base (idempotent)
	@$(PMPATH) setup

test: install lint test-sqlite test-postgres e2e ## Lint, then every test on SQLite, PostgreSQL and in Chromium

lint: install ## ruff check and format check
	$(BIN)/ruff check pmpath tests bench
	$(BIN)/ruff format --check pmpath tests bench

fmt: install ## Format and fix what ruff can
	$(BIN)/ruff format pmpath tests bench
	$(BIN)/ruff check --fix pmpath tests bench

typecheck: install ## mypy over the package
	$(BIN)/mypy pmpath

test-sqlite: install ## Unit and HTTP tests on SQLite
	@echo "== tests on SQLite"
	env -u PMPATH_TEST_DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider

test-postgres: install ## The same tests on PostgreSQL (needs PMPATH_TEST_DATABASE_URL)
	@if [ -n "$$PMPATH_TEST_DATABASE_URL" ]; then \
	  echo "== tests on PostgreSQL ($$PMPATH_TEST_DATABASE_URL)"; \
	  $(BIN)/pytest -q -p no:cacheprovider; \
	elif [ -n "$$PMPATH_REQUIRE_POSTGRES" ]; then \
	  echo "PMPATH_REQUIRE_POSTGRES is set but PMPATH_TEST_DATABASE_URL is not" >&2; exit 1; \
	else \
	  echo "== PostgreSQL tests SKIPPED: set PMPATH_TEST_DATABASE_URL=postgresql://USER@HOST:5432/DB to run them"; \
	fi

e2e: install ## Browser tests in headless Chromium (skipped with a notice when none is found)
	@if [ -n "$(CHROMIUM)" ]; then \
	  echo "== browser tests in $(CHROMIUM)"; \
	  PMPATH_CHROMIUM="$(CHROMIUM)" $(BIN)/pytest -q -p no:cacheprovider tests/e2e --e2e; \
	elif [ -n "$$PMPATH_REQUIRE_E2E" ]; then \
	  echo "PMPATH_REQUIRE_E2E is set but no Chromium was found" >&2; exit 1; \
	else \
	  echo "== browser tests SKIPPED: no Chromium found (apt-get install chromium)"; \
	fi

BENCH_DATA ?= data/bench

bench: install ## Benchmarks: heavy user, cold start, every page, engines (docs/performance.md)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
	  || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
	PMPATH_DATA_DIR=$(BENCH_DATA) $(PMPATH) setup
	PMPATH_DATA_DIR=$(BENCH_DATA) $(PMPATH) bench seed
	@# Every part runs and reports even when an earlier one misses; the exit status says if any did.
	@missed=""; \
	PMPATH_DATA_DIR=$(BENCH_DATA) $(PMPATH) bench coldstart || missed="$$missed cold-start"; \
	PMPATH_DATA_DIR=$(BENCH_DATA) $(PMPATH) bench pages || missed="$$missed pages"; \
	$(BIN)/pytest -q -p no:cacheprovider bench --benchmark-columns=min,median,max,rounds || missed="$$missed engines"; \
	if [ -n "$$PMPATH_BENCH_DATABASE_URL" ]; then \
	  echo "== hosted mode: PostgreSQL + Redis, one process of 8 threads on one core (the production default per core), 16 connections"; \
	  ( export DATABASE_URL="$$PMPATH_BENCH_DATABASE_URL" PMPATH_DATA_DIR=$(BENCH_DATA)-pg \
	      PMPATH_REDIS_URL="$${PMPATH_REDIS_URL:-redis://127.0.0.1:6379/5}"; \
	    $(PMPATH) setup && $(PMPATH) bench seed && \
	    $(PMPATH) bench pages --workers 1 --threads 8 --connections 16 --target-rps 400 --mix-duration 20 ) \
	    || missed="$$missed hosted"; \
	else \
	  echo "== hosted-mode benchmark SKIPPED: set PMPATH_BENCH_DATABASE_URL=postgresql://USER@HOST/DB"; \
	fi; \
	if [ -n "$$missed" ]; then echo "== bench: missed in:$$missed" >&2; exit 1; fi; \
	echo "== bench: every target met"

# The hosted load test (docs/deploying.md): locust in its own environment, nginx and two web
# processes on PostgreSQL + Redis, one killed half-way. Needs PMPATH_LOAD_DATABASE_URL.
.venv-load/.installed: requirements/load.txt
	@test -x .venv-load/bin/python || $(PYTHON) -m venv .venv-load
	.venv-load/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/load.txt
	@touch $@

bench-load: install .venv-load/.installed ## Hosted load test: 200 candidates, nginx, 2 web processes, one killed
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq nginx-light >/dev/null; } \
	  || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
	@test -n "$$PMPATH_LOAD_DATABASE_URL" || { echo "set PMPATH_LOAD_DATABASE_URL=postgresql://USER@HOST/DB (a database for this test)" >&2; exit 1; }
	export DATABASE_URL="$$PMPATH_LOAD_DATABASE_URL" PMPATH_DATA_DIR=$(BENCH_DATA)-load \
	  PMPATH_REDIS_URL="$${PMPATH_REDIS_URL:-redis://127.0.0.1:6379/4}"; \
	  $(PMPATH) setup && $(PMPATH) bench load --users 200 --duration 120 --kill-after 80

clean: ## Remove .venv, node_modules and the vendored front-end files (keeps ./data)
	rm -rf $(VENV) .venv-load node_modules $(VENDOR)
