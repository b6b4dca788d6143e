# Two commands: `make demo` and `make test`. Both set everything up from nothing.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
export HZDIGITAL_HOME ?= $(CURDIR)/var

.PHONY: demo test setup uv python-deps node-deps system lint bench

demo: setup
	$(UV) run hzdigital demo

test: setup system
	$(UV) run pytest

setup: python-deps node-deps

uv:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || python3 -m pip install --quiet uv

python-deps: uv
	$(UV) sync --frozen

node-deps:
	@test -d node_modules/echarts -a node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund

system:
	@bash scripts/ensure-system.sh

lint: python-deps
	$(UV) run ruff check src tests bench
	$(UV) run ruff format --check src tests bench
	$(UV) run mypy
