# Power Tracker: the commands that matter. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help demo test serve check clean install-cron

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' | expand -t 12

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime  ## start the demo shop, scrape several rounds into data/tracker.db, build static/
	$(BIN)/python -m powertracker.demo

test: $(VENV)/.dev  ## run the whole test suite
	$(BIN)/python -m pytest

check: $(VENV)/.dev  ## lint, then run the tests
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

serve:  ## serve the built site on http://127.0.0.1:$(PORT)/
	@test -f static/index.html || { echo "no site in static/ yet: run make demo (or generate.py) first" >&2; exit 2; }
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory static

install-cron:  ## put crontab.example's block into your crontab (re-running replaces it)
	scripts/install_cron.sh

clean:  ## remove the venv, the built site and the demo database
	rm -rf $(VENV) static data/tracker.db data/tracker.db-wal data/tracker.db-shm
