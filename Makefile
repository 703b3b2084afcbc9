# make run   - set everything up on a fresh machine, then start the assistant
# make test  - the same set-up, then every test (unit, actions, data, stories, end-to-end)
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
RASA    := $(VENV)/bin/rasa
RASA_DATA := data/nlu data/rules   # data/knowledge is clinical knowledge, not training data
MODEL   := models/headache.tar.gz
SPACY   := var/spacy/en_headache/meta.json
LANGUAGE := var/language/es_frequency.txt   # spelling dictionaries (from installed packages)
RED_FLAG_MODEL := var/models/red_flag_model.joblib   # the detector's learned recall layer
RED_FLAG_MODEL_INPUTS := $(wildcard data/red_flag_training/*.yml tests/blind/dev/*.yml data/nlu/*.yml \
                data/knowledge/*.yml) bot/normalise.py bot/red_flags.py bot/red_flag_model.py \
                scripts/train_red_flag_model.py
WEB     := web/node_modules/.installed   # socket.io client (served) and axe-core (tests), npm registry only
TRAIN_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' -not -path 'data/knowledge/*') \
                $(wildcard components/*.py) data/knowledge/red_flags.yml bot/red_flags.py

export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONHASHSEED := 0
export RASA_TELEMETRY_ENABLED := false   # nothing leaves the machine

.PHONY: help setup web browser services train run shell test test-unit test-actions test-properties test-data test-stories test-e2e test-browser test-audit retention bench eval-detector clean

help:
	@echo "make run    start the assistant (REST, widget demo /demo/ and kiosk /kiosk/ on 127.0.0.1:5005; actions on 127.0.0.1:5055)"
	@echo "make test   run every test"
	@echo "make shell  talk to the assistant in this terminal"
	@echo "make retention  anonymise / delete what is past the retention period now"
	@echo "make bench  latency, throughput, CPU and memory against a stock rasa init bot (var/bench/)"

$(VENV)/.installed: requirements.lock scripts/find_python310.sh
	@python310=$$(scripts/find_python310.sh) || exit 1; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip check
	@touch $@

$(SPACY): $(VENV)/.installed scripts/build_spacy.py
	$(PY) scripts/build_spacy.py var/spacy/en_headache

$(LANGUAGE): $(VENV)/.installed scripts/build_language.py
	$(PY) scripts/build_language.py var/language

$(RED_FLAG_MODEL): $(VENV)/.installed $(LANGUAGE) $(RED_FLAG_MODEL_INPUTS)
	$(PY) -m scripts.train_red_flag_model --out $@

setup: $(VENV)/.installed $(SPACY) $(LANGUAGE) $(RED_FLAG_MODEL)

$(WEB): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed for the widget's socket.io client" >&2; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web: $(WEB)

browser:
	scripts/install_browser.sh

services:   # PostgreSQL, Redis and nginx for the several-servers test (Debian's, when missing)
	scripts/install_services.sh

$(MODEL): $(VENV)/.installed $(SPACY) $(TRAIN_INPUTS) | $(LANGUAGE) $(RED_FLAG_MODEL)
	$(RASA) train --data $(RASA_DATA) --fixed-model-name headache --out models --quiet
	@touch $@

train: $(MODEL)

run: $(MODEL) $(WEB)
	$(PY) -m scripts.serve

shell: $(MODEL)
	$(PY) -m scripts.serve --shell

test-unit: setup
	$(PY) -m pytest tests/unit -q

test-actions: setup
	$(PY) -m pytest tests/actions tests/channels -q

test-properties: setup   # timing properties of the parsers (hypothesis); not unit tests
	$(PY) -m pytest tests/properties -q

AUDIT := var/audit-venv/.installed
$(AUDIT): requirements-audit.lock scripts/find_python310.sh
	@python310=$$(scripts/find_python310.sh) || exit 1; \
	  [ -x var/audit-venv/bin/python ] || $$python310 -m venv var/audit-venv
	var/audit-venv/bin/python -m pip install --quiet --disable-pip-version-check pip==24.0
	var/audit-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-audit.lock
	@touch $@

test-audit: setup $(AUDIT)   # known vulnerabilities in the pinned tree (skips cleanly offline)
	$(PY) -m scripts.audit

retention: setup   # apply the retention rules now (the run command also does it hourly)
	$(PY) -m scripts.retention

test-data: setup
	$(RASA) data validate --data $(RASA_DATA) --quiet

test-stories: $(MODEL)   # predictions only: no action server needed
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out var/results/core

test-e2e: $(MODEL) $(WEB) services   # every tracker read from memory is also read in full and compared
	HEADACHE_TRACKER_CACHE_CHECK=1 $(PY) -m pytest tests/e2e -q

test-browser: $(MODEL) $(WEB) browser   # screenshots: var/screenshots/
	$(PY) -m pytest tests/browser -q

test: test-unit test-actions test-properties test-data test-stories test-e2e test-browser test-audit

eval-detector: setup   # recall and false alarms on the blind utterances of tests/blind/, and the blind screen replies
	$(PY) -m scripts.eval_detector --json var/eval/detector.json
	$(PY) -m scripts.eval_screen_replies --json var/eval/screen_replies.json

bench: $(MODEL)   # ours against a stock `rasa init` bot (var/bench/); BENCH_ARGS="--concurrency 1,10 --readme"
	$(PY) -m scripts.bench $(BENCH_ARGS)

clean:
	rm -rf models var .rasa .pytest_cache web/node_modules
