# casegraph: `make demo` and `make test` set up everything they need on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := python3-venv libmagic1 antiword catdoc 7zip \
	tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara tesseract-ocr-osd fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium postgresql
SYSTEM_COMMANDS := antiword catppt chromium pg_ctlcluster

.PHONY: setup system-packages postgres demo test lint bench clean

setup: system-packages $(VENV)/.installed

system-packages:
	@missing=""; \
	for cmd in $(SYSTEM_COMMANDS); do command -v $$cmd >/dev/null || missing="yes"; done; \
	$(PYTHON) -c "import ensurepip" 2>/dev/null || missing="yes"; \
	ldconfig -p | grep -q libmagic.so.1 || missing="yes"; \
	for lang in eng ara osd; do \
	  ls /usr/share/tesseract-ocr/*/tessdata/$$lang.traineddata >/dev/null 2>&1 || missing="yes"; \
	done; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="yes"; \
	for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do \
	  ldconfig -p | grep -q $$lib || missing="yes"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages: $(SYSTEM_PACKAGES)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,demo]'
	touch $@

# the PostgreSQL of the server tests: started where it is not running, and this user made
# one of its superusers (over the local socket) where it is not yet
postgres: system-packages
	@if [ "$$(id -u)" = 0 ]; then SUDO=""; AS_POSTGRES="runuser -u postgres --"; \
	else SUDO="sudo"; AS_POSTGRES="sudo -u postgres"; fi; \
	pg_isready -q || $$SUDO pg_ctlcluster --skip-systemctl-redirect \
	  $$(ls /etc/postgresql | sort -V | tail -1) main start; \
	for try in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q && break; sleep 1; done; \
	psql -d postgres -qtAc "SELECT 1" >/dev/null 2>&1 || \
	  $$AS_POSTGRES createuser --superuser "$$(id -un)"

demo: setup
	$(BIN)/casegraph demo casegraph-demo

test: setup postgres
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/python scripts/real_corpus.py
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) casegraph-demo .pytest_cache .ruff_cache .mypy_cache
