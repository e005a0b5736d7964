# One command set, locally and in CI. `make demo` and `make test` are the README's two set-up commands:
# each installs what it needs on a fresh Debian machine (apt packages, then a .venv) before it runs.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# postgresql: the server the PostgreSQL-store tests start privately; openjdk: Java for pyspark's local mode.
APT_PACKAGES := python3-venv sqlite3 debian-archive-keyring chromium postgresql openjdk-17-jre-headless
FROGDATA := $(VENV)/share/duiding/frogdata
STAMP := $(VENV)/.installed
DB ?= duiding.db

.PHONY: setup apt apt-install demo test test-fast lint bench clean

setup: $(STAMP)

# apt only when something is missing, so a developer's `make test` does not need root every time.
apt:
	@$(MAKE) -s apt-install PACKAGES="$(APT_PACKAGES)"

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing apt packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml scripts/install-frogdata.sh | apt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dev,spark,postgres]'
	bash scripts/install-frogdata.sh $(FROGDATA)
	@touch $(STAMP)

# The main job on the embedded default (SQLite file, no server): analyse the example corpus, Dutch and English
# (examples/corpus_en: English reports that join the Dutch storylines, so one storyline holds both languages).
demo: setup
	$(BIN)/duiding analyze examples/corpus examples/corpus_en --db $(DB)
	$(BIN)/duiding stories --db $(DB)
	$(BIN)/duiding speakers --db $(DB) --limit 10
	$(BIN)/duiding search --db $(DB) "staking" --limit 3
	@mkdir -p out
	$(BIN)/duiding export --db $(DB) --format json -o out/export.json
	@echo "JSON export written to out/export.json; one HTML report per storyline in $(DB).reports/"

test: setup lint
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# wrk (a C load generator) is the load for benchmarks/web.py: light enough to share 2 cores with the server.
bench: setup
	@$(MAKE) -s apt-install PACKAGES="wrk"
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/ner.py
	$(BIN)/python benchmarks/nlp_throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache build *.egg-info src/*.egg-info
