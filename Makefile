# The two set-up commands the README promises: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run demo test lint typecheck unit coverage browser redis print-tools video bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the project metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

# Video analysis: MediaPipe 0.10.14 needs protobuf < 5 and the planner's OR-Tools protobuf >= 6.33,
# so the pose library gets an environment of its own (about 1.2 GB, a minute), which the app runs
# as a process (interop.pose_process) through $$BACKCOACH_VIDEO_PYTHON. Only what
# `python -m backcoach.vision.pose` imports is installed there: never the project with its
# dependencies. Where it cannot be installed, videos are refused with a clear message and landmark
# files still work.
VIDEO_VENV := .venv-video
$(VIDEO_VENV)/.installed:
	$(PYTHON) -m venv $(VIDEO_VENV) || python3 -m venv $(VIDEO_VENV)
	$(VIDEO_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VIDEO_VENV)/bin/python -m pip install --quiet 'mediapipe==0.10.14' 'av>=14' \
	  'pydantic>=2.7,<3' 'PyYAML>=6.0' 'platformdirs>=4.2'
	touch $@

video:
	@$(MAKE) -s --no-print-directory $(VIDEO_VENV)/.installed \
	  || echo "could not install MediaPipe: videos cannot be analysed here (landmark files can)" >&2

# Points the app at the pose environment when `make video` built it (tested when the recipe runs).
VIDEO_PYTHON = if [ -f $(VIDEO_VENV)/.installed ]; then \
  export BACKCOACH_VIDEO_PYTHON="$(CURDIR)/$(VIDEO_VENV)/bin/python"; fi;

# Installs, migrates (the app does it at start-up) and serves on 127.0.0.1:8000 with SQLite;
# it prints the URL to open. `make demo` adds a demo user with eight weeks of history first.
run: $(VENV)/.installed video
	$(VIDEO_PYTHON) $(BIN)/backcoach serve --host 127.0.0.1 --port 8000

demo: $(VENV)/.installed video
	$(VIDEO_PYTHON) $(BIN)/backcoach serve --host 127.0.0.1 --port 8000 --demo

# The browser tests drive Debian's chromium (never a downloaded browser). Installed here when it
# is missing and we may (root, apt-get); otherwise those tests skip and say why.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq chromium >/dev/null 2>&1 \
	    || { apt-get update -qq >/dev/null 2>&1 \
	         && apt-get install -y -qq chromium >/dev/null 2>&1; } \
	    || echo "could not install chromium: the browser tests will be skipped" >&2; \
	fi

# The PDF tests render the printed plan with Debian's poppler-utils (pdftoppm, pdftotext), installed
# here like chromium; where it is missing and cannot be installed, those tests skip and say why.
PDFTOPPM := /usr/bin/pdftoppm
print-tools:
	@if [ ! -x $(PDFTOPPM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's poppler-utils for the PDF tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq poppler-utils >/dev/null 2>&1 \
	    || { apt-get update -qq >/dev/null 2>&1 \
	         && apt-get install -y -qq poppler-utils >/dev/null 2>&1; } \
	    || echo "could not install poppler-utils: the PDF tests will be skipped" >&2; \
	fi

# The Redis-backed job queue's tests need Debian's redis-server (.ci/run starts it); installed
# here when it is missing and we may (root, apt-get), like chromium above.
redis:
	@if ! command -v redis-server >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's redis-server for the job-queue tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq redis-server >/dev/null 2>&1 \
	    || { apt-get update -qq >/dev/null 2>&1 \
	         && apt-get install -y -qq redis-server >/dev/null 2>&1; } \
	    || echo "could not install redis-server: the job-queue test will be skipped" >&2; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks soak
	$(BIN)/ruff format --check src tests benchmarks soak
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

unit: $(VENV)/.installed-dev
	$(VIDEO_PYTHON) $(BIN)/pytest

test: browser print-tools video lint typecheck unit

# The same tests with line and branch coverage (not in `make test`: it triples their time).
coverage: $(VENV)/.installed-dev browser print-tools video
	$(VIDEO_PYTHON) $(BIN)/pytest --cov=backcoach --cov-report=term:skip-covered

bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks

# Long proofs that do not fit `make test`: the browser flow ten times in a row while every core is
# kept busy (a flaky browser test is a bug report), and the server SIGKILL test at full size
# (`make test` runs it at 15 rounds and 3,000 acknowledged writes per database).
SOAK_KILL_ROUNDS ?= 60
SOAK_KILL_WRITES ?= 20000
soak: $(VENV)/.installed-dev browser
	$(BIN)/python -m soak.e2e_under_load 10
	BACKCOACH_KILL_ROUNDS=$(SOAK_KILL_ROUNDS) BACKCOACH_KILL_WRITES=$(SOAK_KILL_WRITES) \
	  $(BIN)/pytest --no-cov -p no:cacheprovider -s tests/web/durability
	BACKCOACH_PLAN_PROFILES=1000 $(BIN)/pytest --no-cov -p no:cacheprovider -s tests/planning/test_counterfactuals.py
	BACKCOACH_PLAN_EXAMPLES=1500 $(BIN)/pytest --no-cov -p no:cacheprovider tests/planning/test_properties.py

clean:
	rm -rf $(VENV) $(VIDEO_VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
