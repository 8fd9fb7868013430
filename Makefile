# Two commands do everything on a fresh machine (see README):
#   make run   — set up (virtualenv, install, translations, database) and serve
#   make test  — the same set-up, then lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make-stamps
PORT := $(or $(TOURROUTE_PORT),5000)
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test setup lint messages clean

run: setup
	$(BIN)/tourroute init-db
	$(BIN)/tourroute seed
	$(BIN)/tourroute run --host 127.0.0.1 --port $(PORT)

test: setup
	scripts/ensure-test-tools.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile

setup: $(STAMPS)/installed $(MO_FILES)

$(STAMPS)/installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@mkdir -p $(STAMPS) && touch $@

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMPS)/installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

# Refresh the catalogues after adding or changing visible strings.
messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --width 100

clean:
	rm -rf $(VENV) $(STAMPS) $(MO_FILES)
