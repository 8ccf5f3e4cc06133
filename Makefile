# 践诺 — the two commands that do everything: `make build` and `make test`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

# The same commit builds the same site: date-dependent output (sitemap dates,
# the as-of date when mkdocs.yml sets none) follows the last commit, not the clock.
ifeq ($(origin SOURCE_DATE_EPOCH), undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
export NO_MKDOCS_2_WARNING := 1

# The Nu HTML Checker's version (the stamp is remade when it changes).
VNU_VERSION := 26.9.27
VNU := .tools/.vnu-$(VNU_VERSION)

.PHONY: build test serve check lint bench clean

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --watch overrides --dev-addr 127.0.0.1:8000

check: $(VENV)/.installed
	$(BIN)/python -m generator check

test: $(VENV)/.installed-test $(VNU) lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks fonts
	$(BIN)/ruff format --check generator tests benchmarks fonts
	$(BIN)/mypy

# The benchmark (benchmarks/README.md): N synthetic interviews for each N in NS;
# `make bench NS=100` for a quick run. Writes benchmarks/results.json and README.md.
NS ?= 100 1000
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py $(NS)

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --editable .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) --editable '.[test]'
	touch $@

# The Nu HTML Checker for tests/test_validity.py, a pinned jar from npm; it runs
# on the system's Java (.ci/run installs it): the package's postinstall script,
# which would fetch a JDK from GitHub when none is found, is not run.
$(VNU):
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .tools vnu-jar@$(VNU_VERSION)
	test -f .tools/node_modules/vnu-jar/build/dist/vnu.jar
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PIP) --editable '.[bench]'
	touch $@

clean:
	rm -rf site $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache tests/artifacts
