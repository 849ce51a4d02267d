# Every install step lives here: a fresh clone needs only Python 3.11+ and Node.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/sendtrack
VENDOR := src/sendtrack/static/vendor
GOVUK := node_modules/govuk-frontend/dist/govuk
DEMO_CHILDREN ?= 3000
# Each leg runs on pytest-xdist workers, one a CPU by default (`auto`): the tests wait on subprocesses,
# browsers and the database, but also start servers and Chromium of their own, so more workers than
# CPUs only adds contention. Whole files go to one worker (`loadfile`) so module fixtures (a demo area,
# the identity provider) are built once. PYTEST_WORKERS=0 runs a leg in one process.
PYTEST_WORKERS ?= auto
PYTEST_XDIST := -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: run serve test bench bench-before-after lint install install-test install-prod assets browser-deps test-sqlite test-postgres migrate clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed assets
install-test: $(VENV)/.installed-test assets

# What a production image runs: the app, its front-end assets, and static files collected for whitenoise.
install-prod: install
	SENDTRACK_ENV=production SECRET_KEY=collectstatic-needs-no-real-key ALLOWED_HOSTS=localhost \
		$(BIN)/sendtrack collectstatic --no-input --verbosity 0

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# GOV.UK Frontend's compiled CSS asks for /assets/; we serve it under /static/govuk/.
# The GDS Transport font is only for service.gov.uk, so a council service falls back to Arial.
assets: node_modules/.package-lock.json
	@mkdir -p $(VENDOR)/govuk $(VENDOR)/js
	@cp -r $(GOVUK)/assets $(VENDOR)/govuk/
	@sed -e 's#/assets/#/static/vendor/govuk/assets/#g' -e 's#"GDS Transport",##g' -e 's#GDS Transport,##g' \
		$(GOVUK)/govuk-frontend.min.css > $(VENDOR)/govuk/govuk-frontend.min.css
	@cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(GOVUK)/govuk-frontend.min.css.map \
		$(VENDOR)/govuk/
	@cp node_modules/htmx.org/dist/htmx.min.js node_modules/chart.js/dist/chart.umd.min.js \
		node_modules/chart.js/dist/chart.umd.min.js.map \
		node_modules/axe-core/axe.min.js $(VENDOR)/js/

migrate: install
	$(BIN)/sendtrack migrate --no-input

run: install
	$(BIN)/sendtrack migrate --no-input
	$(BIN)/sendtrack demo-data --if-empty --children $(DEMO_CHILDREN) --seed 1
	$(BIN)/sendtrack demo-logins
	@if [ "$${JOBS_BACKEND:-immediate}" = "database" ]; then \
		echo "Jobs are queued and run by a worker started beside the server (JOBS_BACKEND=database)."; \
		$(BIN)/sendtrack worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
		$(BIN)/sendtrack runserver 127.0.0.1:8000; \
	else \
		echo "Jobs run inside the server as they start (no worker); JOBS_BACKEND=database make run starts one."; \
		$(BIN)/sendtrack runserver 127.0.0.1:8000; \
	fi

# Production settings under gunicorn on this machine (plain HTTP on loopback, so no HTTPS redirect).
serve: install-prod
	$(BIN)/sendtrack migrate --no-input
	$(BIN)/sendtrack demo-data --if-empty --children $(DEMO_CHILDREN) --seed 1
	SENDTRACK_ENV=production SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret_key} \
		ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
		$(BIN)/sendtrack serve --bind $${SENDTRACK_BIND:-127.0.0.1:8000}

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/bandit -q -r src -c pyproject.toml --severity-level high --confidence-level high
	$(BIN)/python tools/audit_dependencies.py
	$(BIN)/sendtrack makemigrations --check --dry-run

# Browser tests drive Debian's Chromium; install it when it is missing.
browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@command -v soffice >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer >/dev/null) || echo "LibreOffice could not be installed; its test will be skipped"

test-sqlite: install-test
	DATABASE_URL= $(BIN)/pytest $(PYTEST_XDIST)

test-postgres: install-test
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(BIN)/python -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 2)' 2>/dev/null; then \
		echo "== PostgreSQL leg =="; DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_XDIST); \
	else echo "PostgreSQL is not reachable on 127.0.0.1:5432: skipping that leg"; fi

test: install-test install-prod browser-deps lint
	@echo "== SQLite leg =="
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

INSTALL_WRK := command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
# Issue 20's figures for BENCH_BEFORE (a commit) and this checkout, one run on this machine (about
# 50 minutes at full size; BENCH_ARGS="--only pages,sen2 --cases 2000" and the like for less).
BENCH_BEFORE ?= cfb12c0

bench: install-test
	@$(INSTALL_WRK)
	@mkdir -p var/bench
	$(BIN)/python bench/run_all.py

bench-before-after: install-test
	@$(INSTALL_WRK)
	@mkdir -p var/bench
	$(BIN)/python bench/bench_before_after.py --before $(BENCH_BEFORE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/test-artifacts
