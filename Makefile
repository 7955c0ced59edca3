# Inzetbaar: the two commands of the quick start (`make demo`, `make test`) and the jobs behind them.
# Everything installs into .venv from the hashed lock, so a fresh machine needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
UV_VERSION := 0.13.9

.PHONY: demo serve test lint check-migrations pytest lock benchmarks messages clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## demo: set up, migrate the SQLite database under var/, generate the demo region and serve on :8000
demo: $(STAMP)
	$(BIN)/inzetbaar manage migrate --noinput
	$(BIN)/inzetbaar demo
	$(BIN)/inzetbaar serve

serve: $(STAMP)
	$(BIN)/inzetbaar serve

## test: set up and run the whole suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: lint check-migrations pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: $(STAMP)
	INZETBAAR_VAR_DIR=$$(mktemp -d) $(BIN)/inzetbaar manage makemigrations --check --dry-run

pytest: $(STAMP)
	$(BIN)/pytest

## lock: re-resolve requirements.lock from pyproject.toml (needs the network to PyPI)
lock:
	@test -x .tools/bin/uv || ($(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv==$(UV_VERSION))
	.tools/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --quiet -o requirements.lock

## messages: refresh the Dutch and English translation files (needs GNU gettext)
messages: $(STAMP)
	cd src/inzetbaar && ../../$(BIN)/django-admin makemessages -l nl -l en --no-obsolete --no-location \
		--ignore 'static/vendor/*' && ../../$(BIN)/django-admin compilemessages

benchmarks: $(STAMP)
	@for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .tools .pytest_cache
