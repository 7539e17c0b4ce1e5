# kg — the two commands a new user needs: `make demo` (set up + build the sample KG) and `make test`.
PYTHON ?= python3
OUT ?= OUT

.PHONY: setup demo test lint bench fixtures

# torch first, pinned: any other torch pulls gigabytes of CUDA packages (see README).
setup:
	$(PYTHON) -m pip install --quiet torch==2.13.0
	$(PYTHON) -m pip install --quiet -e ".[dev]"

demo: setup
	$(PYTHON) -m kg build samples -o $(OUT)
	@echo "Outputs: $(OUT)/graph.ttl $(OUT)/graph.trig $(OUT)/graph.html $(OUT)/report.json"

test: setup
	$(PYTHON) -m pytest -q -rs

lint:
	ruff check kg tests bench

# Regenerate the graph fixtures the tests read (tests/data/samples.*) with the real build of samples/.
fixtures:
	$(PYTHON) tests/make_fixtures.py
