# framelens — every target sets itself up: it creates .venv if missing and
# installs the pinned dependency set (requirements/constraints.txt) first.
#
#   make report   run the notebooks on the bundled corpus, write reports/*.html
#   make test     run the whole test suite, notebooks included
#   make lab      open JupyterLab on notebooks/ with the project's environment
#   make bench    print throughput / memory figures (see README, Performance)
#   make bench-report  print report build times for 3, 12 and 50 sources

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framelens-installed
LOCK   := requirements/constraints.txt
CORPUS ?= data/raw
OUT    ?= reports

# Constraints apply to build environments too, so the build backend is pinned.
export PIP_CONSTRAINT := $(abspath $(LOCK))
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Reproducible figures and hash order in every process a target starts.
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: setup report test lab bench bench-report lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(PYTHON)" || { echo "error: Python 3.11+ not found (set PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: framelens needs Python >= 3.11, found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/framelens report --corpus $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest tests --nbmake notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

bench-report: $(STAMP)
	$(BIN)/python benchmarks/report_build.py

# Re-resolve the pinned set (maintainers only; commit the result).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	PIP_CONSTRAINT= .venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	.venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v '^framelens' > $(LOCK)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) $(OUT)/*.html $(OUT)/*.csv $(OUT)/.framelens-* .pytest_cache
