# Two commands: `make demo` and `make test`. Both set everything up from nothing.
SHELL := /bin/bash
# uv from PATH, else where `pip install --user uv` puts it (see the `uv` target).
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
export HZDIGITAL_HOME ?= $(CURDIR)/var

# Two workers match the two cores of the project's machines; PYTEST_WORKERS=0 runs in-process.
PYTEST_WORKERS ?= 2
# Extra pytest arguments for both runs, e.g. `make test PYTEST_ARGS="tests/test_uscc.py -x"`.
PYTEST_ARGS ?=
PYTEST = $(UV) run pytest -n $(PYTEST_WORKERS)

.PHONY: demo test test-postgres test-sqlite setup uv python-deps node-deps system lint bench

demo: setup
	$(UV) run hzdigital demo

# The whole suite on PostgreSQL, then the database tests again on SQLite: both stores must work,
# and the tests that never touch the database would only repeat themselves.
test: system setup
	@$(MAKE) --no-print-directory test-postgres
	@$(MAKE) --no-print-directory test-sqlite

# Against DATABASE_URL when it is set, else against a private throwaway cluster in var/pg.
# HZDIGITAL_EXPECT_DB makes tests/test_postgres.py fail if the run quietly used another database.
test-postgres:
	bash scripts/pg-test-cluster.sh env HZDIGITAL_EXPECT_DB=postgresql $(PYTEST) $(PYTEST_ARGS)

# Tests marked own_process swap the SQLite test connection, which a browser test's live server
# thread shares: they run after the rest, alone in one process (exit 5 = none selected).
test-sqlite:
	env -u DATABASE_URL HZDIGITAL_EXPECT_DB=sqlite $(PYTEST) -m "database and not postgres and not own_process" $(PYTEST_ARGS)
	env -u DATABASE_URL HZDIGITAL_EXPECT_DB=sqlite $(UV) run pytest -n 0 -m "database and not postgres and own_process" $(PYTEST_ARGS) || test $$? -eq 5

setup: python-deps node-deps

uv:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv \
	  || python3 -m pip install --quiet --user uv \
	  || python3 -m pip install --quiet --user --break-system-packages uv

python-deps: uv
	$(UV) sync --frozen

# npm ci also copies ECharts and HTMX into static/vendor (package.json's postinstall); run it
# again whenever the lock file is newer than that copy, or the copy is missing.
node-deps:
	@test src/hzdigital/static/vendor/echarts.min.js -nt package-lock.json \
	  -a src/hzdigital/static/vendor/htmx.min.js -nt package-lock.json \
	  || npm ci --no-audit --no-fund

system:
	@bash scripts/ensure-system.sh

# The framework-free core (DESIGN.md): typed and checked by mypy; Django apps are not.
CORE := $(addprefix src/hzdigital/,lib classification warehouse monitoring evaluation demo eligibility)

lint: python-deps
	$(UV) run ruff check src tests $(wildcard bench)
	@# Migrations are written by `makemigrations`; their layout is Django's, not ours.
	$(UV) run ruff format --check --extend-exclude '**/migrations/*' src tests $(wildcard bench)
	$(UV) run mypy $(CORE)

# Every benchmark, each against its named baseline in the same run; figures go to bench/RESULTS.md
# by hand, with the machine's load (timings never decide a test).
bench: python-deps
	$(UV) run python bench/bench_cube.py
	$(UV) run python bench/bench_spark.py
	$(UV) run python bench/bench_import.py
	$(UV) run python bench/bench_classify_text.py
	$(UV) run python bench/bench_eligibility.py
	$(UV) run python bench/bench_support_cache.py
	$(UV) run python bench/bench_index.py
	$(UV) run python bench/bench_report.py
