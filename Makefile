# The commands a developer and CI share. `make serve` and `make test` are the README's quick start.
UV ?= uv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
export FACTCHECK_TEST_DB ?= all
# The venv's interpreter: an optimised CPython build where the machine has one (see
# scripts/venv_python); a UV_PYTHON set by the caller wins.
VENV_PYTHON := $(shell sh scripts/venv_python)
ifneq ($(VENV_PYTHON),)
export UV_PYTHON ?= $(VENV_PYTHON)
endif

.PHONY: setup native serve test lint typecheck imports openapi alembic-check bench-smoke ci

setup:  ## install uv if missing, then the locked dependencies
	@command -v $(UV) >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv>=0.5"
	$(UV) sync --frozen

native: setup  ## compile the pure core with mypyc (about 2 minutes; used while its sources are unchanged)
	$(UV) run python scripts/build_native.py

serve: setup  ## migrate, load the seeds, serve the API on SQLite
	$(UV) run factcheck ingest seeds/
	$(UV) run factcheck serve --host $(HOST) --port $(PORT)

test: setup  ## the whole suite (FACTCHECK_TEST_DB=sqlite|postgres|all; PYTEST_ARGS narrows it)
	$(UV) run pytest $(PYTEST_ARGS)

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck: setup
	$(UV) run mypy

imports: setup
	$(UV) run lint-imports

openapi: setup
	$(UV) run factcheck openapi

ci:
	bash .ci/run
