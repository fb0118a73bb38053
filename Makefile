# Grenswerk: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# apt-get needs root: sudo when make does not run as root
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint typecheck pytest bench bench-neo4j clean screenshots catalogues lock neo4j neo4j-deps

# Installs are locked (docs/development.md): requirements/run.txt for `make run` and the
# Docker image, requirements/dev.txt for `make test`, every file pinned with its hashes.
# pyproject.toml keeps the ranges for people who install Grenswerk as a library.
# A venv is made afresh whenever its lock changes, so it never keeps what the lock dropped.
RUN_LOCK := requirements/run.txt
DEV_LOCK := requirements/dev.txt
define fresh_venv
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		--no-deps -r $(1)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation -e .
endef

$(VENV)/.installed: pyproject.toml $(RUN_LOCK)
	$(call fresh_venv,$(RUN_LOCK))
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(DEV_LOCK)
	$(call fresh_venv,$(DEV_LOCK))
	touch $(VENV)/.installed $@

# `make lock` refreshes both locks from pyproject.toml (and requirements/build.in: pip and
# the build backend); tests/test_lock.py fails when a lock and pyproject.toml disagree.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --universal --fork-strategy fewest \
	--python-version 3.11 --custom-compile-command "make lock"
lock: $(VENV)/.installed-dev
	$(UV_COMPILE) pyproject.toml requirements/build.in --extra dev -o $(DEV_LOCK) $(UPGRADE)
	$(UV_COMPILE) pyproject.toml requirements/build.in -c $(DEV_LOCK) -o $(RUN_LOCK)

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

# Neo4j 5.26 Community and the open-source Graph Data Science procedures, from Maven
# Central at the exact versions of tests/neo4j/pom.xml: the jars of the real server that
# the Neo4j tests start (tests/neo4j/server.py), in tests/neo4j/target/{lib,plugins}.
# Java 17 (a JDK: the launcher is a single-file program) and Maven come from Debian.
NEO4J_DEPS := tests/neo4j/target/.installed
MVN := mvn -B -q -Dstyle.color=never -f tests/neo4j/pom.xml
$(NEO4J_DEPS): tests/neo4j/pom.xml
	@command -v javac >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || \
		($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq openjdk-17-jdk-headless maven) >/dev/null || \
		{ echo "make: the Neo4j tests need Java 17 and Maven, and apt-get could not install them" >&2; exit 1; }
	rm -rf tests/neo4j/target/lib tests/neo4j/target/plugins
	$(MVN) dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib || \
		{ echo "make: Maven could not fetch Neo4j's jars from Maven Central (tests/neo4j/pom.xml)" >&2; exit 1; }
	$(MVN) dependency:copy-dependencies -DincludeScope=runtime -DincludeGroupIds=org.neo4j.gds \
		-DoutputDirectory=target/plugins
	touch $@

# A Neo4j server to try Grenswerk on without Docker: the tests' server, with its data in
# $(GRENSWERK_DATA_DIR)/neo4j-server; it prints the settings to use.
neo4j-deps: $(NEO4J_DEPS)

neo4j: $(VENV)/.installed-dev $(NEO4J_DEPS)
	$(BIN)/python -m tests.neo4j.server "$${GRENSWERK_DATA_DIR:-grenswerk-data}/neo4j-server"

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Debian's Pango, HarfBuzz and a font for WeasyPrint (the PDF reports).
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
$(VENV)/.pdf-libs: | $(VENV)/.installed
	@if ! dpkg-query -W -f='$${Status}\n' $(PDF_LIBS) 2>/dev/null \
			| grep -c 'install ok installed' | grep -qx 4; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS); \
	fi
	touch $@

# Debian's R, with sna and igraph: the reference the statistics and exports are tested
# against (tests/graph/analysis/test_r_reference.py, tests/graph/test_export_readers.py).
R_PACKAGES := r-base-core r-cran-sna r-cran-igraph
$(VENV)/.r-packages: | $(VENV)/.installed
	@if ! dpkg-query -W -f='$${Status}\n' $(R_PACKAGES) 2>/dev/null \
			| grep -c 'install ok installed' | grep -qx 3; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(R_PACKAGES); \
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
pytest: $(VENV)/.installed-dev $(VENV)/.pdf-libs $(VENV)/.r-packages $(NODE_DEPS) $(AXE_DEPS) $(CHROMIUM) $(NEO4J_DEPS)
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

# the real Neo4j server with OpenGDS: import, first load, GDS against in process
bench-neo4j: $(VENV)/.installed-dev $(NEO4J_DEPS)
	$(BIN)/python bench/neo4j.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
