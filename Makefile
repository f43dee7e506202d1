# thidua — the two commands: `make run` and `make test`. See README.md.
PY := .venv/bin/python
UV := bin/uv

.PHONY: run test lint format install install-test messages migrate demo bench bench-pages bench-load bench-portal serve clean

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

# The hot pages' queries and times (a table, not a test): the demo in a throw-away SQLite database, or with
# DATABASE_URL=postgres://…/province that database (read only) and the demo in province_demo. BENCH_ARGS: e.g.
# "--runs 5 --only people". README "Benchmarks".
bench-pages: install messages
	$(PY) bench/pages.py $(BENCH_ARGS)

# 100 users signing in and browsing for 60 s against a server already started for it on 127.0.0.1:$PORT
# (README "Benchmarks": the environment line of `make serve`). LOAD_ARGS: e.g. "--users 20 --duration 30".
bench-load: install
	$(PY) bench/load.py --port $${PORT:-8000} $(LOAD_ARGS)

# 100 anonymous visitors of the public portal (home, documents list, search, a document) for 30 s against a
# server already started on 127.0.0.1:$PORT (README "Benchmarks"). LOAD_ARGS: e.g. "--clients 20 --duration 10".
bench-portal: install
	$(PY) bench/portal_load.py --port $${PORT:-8000} $(LOAD_ARGS)

serve: install messages  ## production start: collectstatic, migrate, gunicorn + the task worker (README "Production")
	bin/serve $(SERVE_ARGS)

clean:
	rm -rf .venv .tools data
