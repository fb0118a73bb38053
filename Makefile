# Grenswerk: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# apt-get needs root: sudo when make does not run as root
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint typecheck pytest bench clean screenshots catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

# Node.js and Neo4j's Cypher parser, for the Cypher check in the tests.
NODE_DEPS := tests/cypher/node_modules/.installed
$(NODE_DEPS): tests/cypher/package.json tests/cypher/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm)
	cd tests/cypher && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# axe-core, injected into every page by the accessibility tests (pinned in package.json).
AXE_DEPS := tests/axe/node_modules/.installed
$(AXE_DEPS): tests/axe/package.json tests/axe/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm)
	cd tests/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Debian's Pango, HarfBuzz and a font for WeasyPrint (the PDF reports).
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
$(VENV)/.pdf-libs: | $(BIN)/python
	@if ! dpkg-query -W -f='$${Status}\n' $(PDF_LIBS) 2>/dev/null \
			| grep -c 'install ok installed' | grep -qx 4; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS); \
	fi
	touch $@

run: $(VENV)/.installed $(VENV)/.pdf-libs
	$(BIN)/grenswerk demo
	@echo "Log in at http://$(HOST):$(PORT)/ with this admin key (it opens demo and voorbeeld-roc):"
	@$(BIN)/grenswerk keys create --all --role admin --label "make run"
	$(BIN)/grenswerk serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# The browser tests refresh the README's pictures (tests/browser/test_screenshots.py).
pytest: $(VENV)/.installed-dev $(VENV)/.pdf-libs $(NODE_DEPS) $(AXE_DEPS) $(CHROMIUM)
	GRENSWERK_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q

screenshots: $(VENV)/.installed-dev $(CHROMIUM)
	GRENSWERK_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/browser

test: lint typecheck pytest

# The message catalogues (docs/i18n.md): extract the messages of code and templates,
# merge them into api/locale/{nl,en}/LC_MESSAGES/messages.po, compile the .mo files.
LOCALE := api/locale
catalogues: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel.cfg --no-location --omit-header --sort-output \
		-k _v:1c,2 -k say:2 -k translate:1c,2 -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) --no-fuzzy-matching \
		--ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) --statistics

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/import.py
	$(BIN)/python bench/analysis.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
