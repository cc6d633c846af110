# motcua: one command to run the product, one to test it.
#   make run    environment, migrations, demo data, server on http://127.0.0.1:8000 (SQLite, no Redis)
#   make test   lint, types, layering, migrations check, the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test venv lint typecheck layers migrations-check pytest lock clean serve-prod screenshots

$(VENV)/.installed: requirements/lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "motcua needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/lock.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	MOTCUA_DEBUG=$${MOTCUA_DEBUG-1} $(PY) manage.py migrate --noinput
	MOTCUA_DEBUG=$${MOTCUA_DEBUG-1} $(PY) manage.py load_demo
	MOTCUA_DEBUG=$${MOTCUA_DEBUG-1} $(PY) manage.py runserver --noreload $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	$(VENV)/bin/mypy

layers: venv
	$(VENV)/bin/lint-imports

migrations-check: venv
	$(PY) manage.py makemigrations --check --dry-run

pytest: venv
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck layers migrations-check pytest

# docs/screenshots/*.png from the browser tests' main pages (needs chromium)
screenshots: venv
	MOTCUA_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -q tests/browser/test_pages.py

lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev -p 3.11 --generate-hashes --no-header -o requirements/lock.txt

clean:
	rm -rf $(VENV) var/
