# CityFix developer commands. `make dev` runs the whole system on embedded defaults,
# `make test` runs every check. Both set up what is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
STAMP := $(VENV)/.cityfix-synced
FRONTEND_STAMP := frontend/dist/index.html
FRONTEND_SOURCES := $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune -o -type f -print 2>/dev/null)

.PHONY: setup dev test lint typecheck drift pytest compose-check frontend-check api-client browser-deps contracts clean

setup: $(STAMP) $(FRONTEND_STAMP) browser-deps

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check 'uv>=0.13,<0.14'

$(STAMP): $(UV) pyproject.toml uv.lock contracts/pyproject.toml
	$(UV) sync --frozen --inexact --quiet
	@touch $(STAMP)

$(FRONTEND_STAMP): $(FRONTEND_SOURCES)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@touch $(FRONTEND_STAMP)

# Browser tests need Chromium. As root, install Debian's package when none is present;
# otherwise say what to install (the browser tests refuse to run without one).
browser-deps:
	@if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || [ -n "$$CITYFIX_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will say how to get one"; \
	else echo "note: no Chromium found; install Debian's 'chromium' package for the browser tests"; fi

dev: setup
	$(BIN)/cityfix dev --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

drift: $(STAMP)
	$(BIN)/cityfix contracts check

compose-check: $(STAMP)
	$(BIN)/python scripts/compose_check.py

frontend-check: $(FRONTEND_STAMP)
	cd frontend && npm run --silent check

# The web app's typed API client follows the committed OpenAPI document: run after `make contracts`
# (frontend-check fails while frontend/src/lib/api-schema.d.ts is stale).
api-client:
	cd frontend && ( [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error ) && npm run --silent api:generate

pytest: setup
	$(BIN)/pytest

test: setup lint typecheck drift compose-check frontend-check pytest

# Regenerates the committed interface documents and the web app's typed client from them.
contracts: $(STAMP)
	$(BIN)/cityfix contracts export
	$(MAKE) --no-print-directory api-client

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .cityfix .pytest_cache .mypy_cache .ruff_cache
