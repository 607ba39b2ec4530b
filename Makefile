# make test: the whole suite (unit, view and browser tests) on a fresh machine.
# make demo: the local cloud and Horizon with the plugin, on 127.0.0.1.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REQUIREMENTS := setup.py quick_backup_server/pyproject.toml constraints.txt \
	test-requirements.txt \
	devcloud/requirements.txt

.PHONY: test demo bench venv browser clean

venv: $(STAMP)

$(STAMP): $(REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt \
		-e ./quick_backup_server -e . \
		-r test-requirements.txt -r devcloud/requirements.txt
	touch $@

# Debian's Chromium and its driver, for the browser tests.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

test: venv browser
	$(PY) -m pytest

demo: venv
	$(PY) -m devcloud demo

# Backend requests, time and memory per Quick Backup (printed as a table).
bench: venv
	$(PY) -m pytest benchmarks -q -s -p no:warnings

clean:
	rm -rf $(VENV) build *.egg-info artifacts
