# thidua — the two commands: `make run` and `make test`. See README.md.
PY := .venv/bin/python
UV := bin/uv

.PHONY: run test lint format install install-test messages migrate demo bench clean

run: install messages migrate demo  ## install, migrate, load the demo, serve on 127.0.0.1:8000 (PORT overrides)
	bin/run

# Test processes (pytest-xdist): 2 by default, the cores of the CI machine; TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= 2

test: install-test messages  ## install test needs (Debian chromium included) and run the whole suite
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: install  ## ruff (lint + format check), Django system checks, missing migrations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

install:
	bin/install-system-packages run
	$(UV) sync --frozen --quiet

install-test:
	bin/install-system-packages test
	$(UV) sync --frozen --quiet

messages:
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools -v 0

migrate:
	$(PY) manage.py migrate --no-input -v 0

demo:
	$(PY) manage.py load_demo

bench: install migrate  ## print the rules engine's figures on 50 000 synthetic people (not a test)
	$(PY) bench/eligibility.py

clean:
	rm -rf .venv .tools data
