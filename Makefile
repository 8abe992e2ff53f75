# Home Log Desktop: developer tasks.
#
#   make run [ARGS='--data-dir /tmp/hl']   start the app
#   make test [PYTEST_ARGS='-x -k csv']    ruff, ruff format --check, mypy, pytest (Qt offscreen)
#   make lint                              ruff and mypy only
#   make bench [BENCH=tests/benchmarks/bench_import.py]
#   make screenshots [ARGS=...]            render the windows to PNGs (Qt offscreen)
#   make translations                      refresh resources/translations/*.ts from the code (lupdate),
#                                          list what is unfinished, compile the .qm files (lrelease)
#   make package                           PyInstaller bundle for this machine (build/dist/homelog),
#                                          and on Linux the .deb and tarball (build/packages)
#   make package-check                     make package, then install the .deb into a scratch root
#                                          and check it (--self-test, versions, upgrade keeps data)
#   make venv                              only set up .venv (with the dev tools)
#   make clean                             remove .venv, caches and build output
#
# Python 3.12 or 3.13 is found by .ci/find-python; to choose one yourself:
#   make PYTHON=/path/to/python3.12 test
# PYTHON is only used to create .venv; an existing .venv with a good version is kept
# (run `make clean` first to switch interpreters).

SHELL := /bin/sh
.DEFAULT_GOAL := help

VENV := .venv
VPY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
STAMP_PACKAGE := $(VENV)/.installed-package
FIND_PYTHON := sh .ci/find-python
OFFSCREEN := QT_QPA_PLATFORM=offscreen

PYTHON ?=
ARGS ?=
PYTEST_ARGS ?=
BENCH ?= $(sort $(wildcard tests/benchmarks/bench_*.py))

# Is there a usable .venv? If its interpreter is missing, broken or the wrong version
# (e.g. an old 3.11 one), force the venv to be recreated; the install stamps live
# inside .venv, so they go with it and everything is reinstalled.
VENV_OK := $(shell $(FIND_PYTHON) --check $(VPY) >/dev/null 2>&1 && echo yes)
ifneq ($(VENV_OK),yes)
VENV_FORCE := FORCE
endif

.PHONY: help venv run test lint bench screenshots translations package package-check format clean FORCE

help:
	@sed -n '3,18s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

# ---- environment ---------------------------------------------------------------------

$(VENV)/pyvenv.cfg: $(VENV_FORCE)
	@py=$$(PYTHON='$(PYTHON)' $(FIND_PYTHON)) || exit 1; \
	if [ -e $(VENV) ]; then \
	    echo "$(VENV) is missing, broken or not Python 3.12/3.13: recreating it"; \
	    rm -rf $(VENV); \
	fi; \
	echo "creating $(VENV) with $$py ($$("$$py" -c 'import sys; print(sys.version.split()[0])'))"; \
	"$$py" -m venv $(VENV) || { \
	    rm -rf $(VENV); \
	    echo "error: '$$py -m venv' failed. On Debian/Ubuntu install the venv module," \
	         "e.g. apt install python3.12-venv (or python3.13-venv)." >&2; \
	    exit 1; }

$(STAMP_RUN): pyproject.toml $(VENV)/pyvenv.cfg
	$(VPY) -m pip install -e .
	@touch $@

$(STAMP_DEV): pyproject.toml $(VENV)/pyvenv.cfg
	$(VPY) -m pip install -e '.[dev]'
	@touch $@ $(STAMP_RUN)

$(STAMP_PACKAGE): pyproject.toml $(VENV)/pyvenv.cfg
	$(VPY) -m pip install -e '.[dev,package]'
	@touch $@ $(STAMP_DEV) $(STAMP_RUN)

venv: $(STAMP_DEV)
	$(VPY) packaging/translations.py release

# ---- tasks ---------------------------------------------------------------------------

run: $(STAMP_RUN)
	$(VPY) -m homelog_desktop $(ARGS)

# Each command's exit code fails the build. pytest is not piped anywhere, so an abort
# at interpreter exit (after green tests) still fails it.
test: $(STAMP_DEV)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) -m mypy
	$(OFFSCREEN) $(VPY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) -m mypy

# Runs every benchmark script, even after one fails, then fails if any did.
bench: $(STAMP_DEV)
	@if [ -z "$(strip $(BENCH))" ]; then \
	    echo "error: no benchmark scripts (tests/benchmarks/bench_*.py)" >&2; exit 1; \
	fi; \
	failed=''; \
	for script in $(BENCH); do \
	    echo "=== $$script"; \
	    $(OFFSCREEN) PYTHONPATH=".$${PYTHONPATH:+:$$PYTHONPATH}" $(VPY) "$$script" || { \
	        rc=$$?; echo "=== $$script FAILED (exit $$rc)" >&2; failed="$$failed $$script"; }; \
	done; \
	if [ -n "$$failed" ]; then echo "failed benchmarks:$$failed" >&2; exit 1; fi

screenshots: $(STAMP_DEV)
	$(OFFSCREEN) $(VPY) -m tests.screenshots $(ARGS)

# The .ts files (kept in git) from the code's texts, then the .qm files (build output, not in git).
# A text still to translate is listed; tests/ui/test_translations.py fails until none is left.
translations: $(STAMP_RUN)
	$(VPY) packaging/translations.py update
	$(VPY) packaging/translations.py release

# The bundle for the machine this runs on; on Linux also the .deb and the tarball built from it.
package: $(STAMP_PACKAGE)
	@started=$$(date +%s); \
	$(VPY) packaging/translations.py release && \
	$(OFFSCREEN) $(VPY) packaging/render_icons.py && \
	$(OFFSCREEN) $(VPY) -m PyInstaller --noconfirm --log-level WARN \
	    --distpath build/dist --workpath build/pyinstaller packaging/homelog.spec && \
	echo "bundle: build/dist/homelog ($$(du -sh build/dist/homelog | cut -f1), built in $$(( $$(date +%s) - started )) s)"
	@if [ "$$(uname -s)" = Linux ]; then PYTHON=$(VPY) packaging/linux/build-deb.sh; fi

# Install the .deb into a scratch root and check it (tests/packaging, not part of `make test`).
package-check: package
	$(OFFSCREEN) HOMELOG_PACKAGES=build/packages $(VPY) -m pytest -p no:cacheprovider tests/packaging $(PYTEST_ARGS)

format: $(STAMP_DEV)
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -type d -prune -exec rm -rf {} +

FORCE:
