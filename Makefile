# The two commands in the README: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
SECRET := var/secret_key
DEV_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(SECRET))"

.PHONY: run test test-browser test-postgres lint format bench worker clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev-deps: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.run-deps

# A secret key made once for this checkout and kept in var/ (git-ignored).
$(SECRET):
	mkdir -p -m 700 var
	umask 077; $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

## run: install, migrate, load the curated content, build the search index and serve on PORT.
run: $(VENV)/.run-deps $(SECRET)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py loadcontent
	$(DEV_ENV) $(PY) manage.py rebuild_index --if-stale
	$(DEV_ENV) exec $(PY) manage.py runserver 127.0.0.1:$(PORT)

## worker: run the background task worker (notifications) for `make run`.
worker: $(VENV)/.run-deps $(SECRET)
	$(DEV_ENV) exec $(PY) manage.py db_worker

## test: the whole suite on SQLite (browser tests skip only when chromium is missing outside CI).
test: $(VENV)/.dev-deps
	$(PY) -m pytest

test-postgres: $(VENV)/.dev-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -m "not browser"

test-browser: $(VENV)/.dev-deps
	$(PY) -m pytest -m browser

lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## bench: performance and search benchmarks; prints figures.
bench: $(VENV)/.dev-deps
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) var
