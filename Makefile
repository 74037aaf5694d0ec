# The three commands in the README: `make run`, `make dev` and `make test`. Everything else helps them.
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
PORT    ?= 8000
VAR_DIR ?= var
SECRET  := $(VAR_DIR)/secret_key
DEV_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(SECRET))" DJANGO_VAR_DIR="$(abspath $(VAR_DIR))"
# Production settings (debug off, the secret from var/, whitenoise, the page cache, friendly error
# pages), except what plain http on 127.0.0.1 needs: no HTTPS redirect, HSTS or HTTPS-only cookies.
# Mail is printed to the terminal unless DJANGO_EMAIL_BACKEND says otherwise, and its links name
# the port actually served.
RUN_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(cat $(SECRET))" DJANGO_VAR_DIR="$(abspath $(VAR_DIR))" \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_HSTS_SECONDS=0 DJANGO_SECURE_COOKIES=0 \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SITE_URL="http://127.0.0.1:$(PORT)" \
	DJANGO_EMAIL_BACKEND="$${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}" \
	DJANGO_MODERATOR_EMAILS="$${DJANGO_MODERATOR_EMAILS:-moderators@localhost}"

.PHONY: run dev test test-browser test-postgres test-conformance lint format messages bench worker clean

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
	mkdir -p -m 700 $(VAR_DIR)
	umask 077; $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

## run: install, migrate, collect static files, load the curated content, build the search index, then
## serve on 127.0.0.1:PORT as production does (gunicorn, debug off) with the task worker beside it.
run: $(VENV)/.run-deps $(SECRET)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py loadcontent
	$(RUN_ENV) $(PY) manage.py rebuild_index --if-stale
	$(RUN_ENV) exec $(PY) manage.py run_site --port $(PORT)

## dev: the same data, served by Django's runserver with debug on and autoreload, for changing code.
dev: $(VENV)/.run-deps $(SECRET)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py loadcontent
	$(DEV_ENV) $(PY) manage.py rebuild_index --if-stale
	$(DEV_ENV) exec $(PY) manage.py runserver 127.0.0.1:$(PORT)

## worker: the background task worker (notifications) beside `make dev` (`make run` runs its own).
worker: $(VENV)/.run-deps $(SECRET)
	$(DEV_ENV) exec $(PY) manage.py db_worker

## test: the whole suite on SQLite (browser tests skip only when chromium is missing outside CI), on
## every core (TEST_WORKERS=1 runs it in one process; each worker has its own database and var/).
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS)
test: $(VENV)/.dev-deps
	$(PYTEST)

test-postgres: $(VENV)/.dev-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PYTEST) -m "not browser and not own_sqlite_site and not same_on_any_database"

test-browser: $(VENV)/.dev-deps
	$(PYTEST) -m browser

## test-conformance: the Nu HTML Checker (npm's vnu-jar, run with Debian's Java) on every page type.
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@command -v java >/dev/null || { echo "Java is missing: apt-get install default-jre-headless"; exit 1; }
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm"; exit 1; }
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix $(VENV)/vnu 'vnu-jar@>=26.9 <27'
	test -f $@

test-conformance: $(VENV)/.dev-deps $(VNU_JAR)
	VNU_JAR=$(VNU_JAR) $(PY) -m pytest -q -s tests/pages/test_conformance.py tests/pages/nu_check.py

lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: after changing interface text, refresh locale/*/LC_MESSAGES/django.po from the code
## (needs GNU gettext), translate what is new, then run it again to compile django.mo; commit both.
messages: $(VENV)/.dev-deps
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=var

## bench: performance and search benchmarks; prints figures.
bench: $(VENV)/.dev-deps
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) var
