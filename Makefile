# make test: what CI proves, on a fresh machine: the unit, view, browser
#   and integration tests but the fault matrices on the newest series
#   (.venv: test-newest), the unit and view tests on every series
#   (unit-matrix), every integration test on the oldest series' cloud
#   (test-oldest).
# make unit: the unit and view tests only (seconds; no cloud, no browser).
# make unit-matrix: the same tests on every supported series (tools/series.py),
#   each on its own Python with its upper-constraints (tox, .tox/unit-<series>).
# make demo: the local cloud and Horizon with the plugin, on 127.0.0.1.
# make docs: the documentation and the release notes (tox -e docs,releasenotes).
# make test-oldest: the integration tests on the oldest series' cloud
#   (tools/series.py: 2024.1's services and Horizon, in .venv-2024.1).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REQUIREMENTS := setup.py pyproject.toml quick_backup_server/pyproject.toml \
	quick_backup_client/pyproject.toml quick_backup_client/setup.py \
	constraints.txt test-requirements.txt devcloud/requirements.txt
# Our distributions, installed editable into every virtualenv.
EDITABLES := -e ./quick_backup_server -e './quick_backup_client[cli]' -e .
# The oldest series (tools/series.py) and the virtualenv of its cloud.
OLDEST := $(firstword $(shell $(PYTHON) -m tools.series names))
OLDEST_VENV := .venv-$(OLDEST)
OLDEST_STAMP := $(OLDEST_VENV)/.installed
# The translation catalogues, compiled beside their .po (the editable install
# compiles them too; this recompiles after an edit of a .po).
LOCALE_DIRS := backup_dashboard/locale \
	quick_backup_client/quick_backup_client/locale
CATALOGUES := $(patsubst %.po,%.mo,\
	$(wildcard $(addsuffix /*/LC_MESSAGES/*.po,$(LOCALE_DIRS))))

# Each run keeps its temporary files (Horizon's test key, the local cloud,
# Chromium's profile) in a directory of its own, removed when it ends.
define in_own_tmp
tmp="$(CURDIR)/.state/tmp-$$$$"; rm -rf "$$tmp"; mkdir -p "$$tmp"; \
TMPDIR="$$tmp" $(1); status=$$?; rm -rf "$$tmp"; exit $$status
endef

.PHONY: test unit unit-matrix demo bench venv browser memcached clean messages \
	docs venv-oldest test-oldest test-newest

venv: $(STAMP) $(CATALOGUES)

%.mo: %.po $(STAMP)
	$(PY) -m quick_backup_client.catalogues $(LOCALE_DIRS)

# After marking strings: add them to every .po, and list what is left to
# translate (make unit fails until nothing is).
messages: venv
	$(PY) -m tools.translations update

$(STAMP): $(REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt $(EDITABLES) \
		-r test-requirements.txt -r devcloud/requirements.txt
	touch $@

# The oldest series' services, Horizon and test tools under its
# upper-constraints, on its Python (see tools/cloud_venv.py).
venv-oldest: $(OLDEST_STAMP)

$(OLDEST_STAMP): $(REQUIREMENTS) tools/series.py tools/cloud_venv.py \
		constraints/$(OLDEST).txt
	$(PYTHON) -m tools.cloud_venv $(OLDEST) $(OLDEST_VENV) $(EDITABLES)
	touch $@

# Debian's Chromium and its driver, for the browser tests, and a CJK font so
# that screenshots of the Chinese dashboard show its characters: installed
# when missing if this is root with apt; otherwise stop and say what to
# install.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	&& fc-list :lang=zh-cn | grep -q . && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium chromium-driver \
		fonts-wqy-zenhei && exit 0; \
	fi; \
	echo "make test needs Chromium and ChromeDriver for its browser tests,"; \
	echo "and a Chinese font for its screenshots. Install them as root:"; \
	echo "apt-get install chromium chromium-driver fonts-wqy-zenhei"; \
	echo "(or run 'make unit' for the unit and view tests alone)."; \
	exit 1

# Debian's memcached, the cache that the local cloud's Horizon processes
# share: installed when missing as root with apt, as above.
memcached:
	@command -v memcached >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq memcached && exit 0; \
	fi; \
	echo "The local cloud's Horizon needs Debian's memcached."; \
	echo "Install it as root: apt-get install memcached"; \
	exit 1

# Each part runs even when one before it failed; make test fails if any did.
test: venv browser memcached
	@status=0; \
	$(MAKE) --no-print-directory test-newest || status=1; \
	$(MAKE) --no-print-directory unit-matrix || status=1; \
	$(MAKE) --no-print-directory test-oldest || status=1; \
	exit $$status

# --durations: the slowest tests, so that a CI log shows where its time goes.
# NEWEST_TESTS: which tests (pytest's arguments): all but the two fault
# matrices, whose every case is a fault of devcloud's injector in front of
# a service (the same whatever the series): they run on the oldest series'
# cloud (test-oldest), about six minutes fewer here.
NEWEST_TESTS ?= tests --ignore=tests/integration/test_fault_matrix.py \
	--ignore=tests/integration/test_plans_fault_matrix.py
test-newest: venv browser memcached
	@$(call in_own_tmp,$(PY) -m pytest --durations=15 $(NEWEST_TESTS))

unit: venv
	@$(call in_own_tmp,$(PY) -m pytest tests --ignore=tests/integration)

# The integration tests (real services, Chromium) on the oldest series.
# OLDEST_TESTS: which tests (pytest's arguments).
OLDEST_TESTS ?= tests/integration
test-oldest: venv-oldest browser memcached
	@$(call in_own_tmp,$(OLDEST_VENV)/bin/python -m pytest --durations=15 \
		$(OLDEST_TESTS))

demo: venv memcached
	$(PY) -m devcloud demo

# Locust, for the load benchmark, in a virtualenv of its own.
LOAD_VENV ?= .venv-load
LOAD_STAMP := $(LOAD_VENV)/.installed

$(LOAD_STAMP): benchmarks/load-requirements.txt
	test -x $(LOAD_VENV)/bin/python || $(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet \
		-r benchmarks/load-requirements.txt
	touch $@

# Backend requests, time and memory per Quick Backup, on mocks and on the
# local cloud: the form against Create Snapshot, the Instances page with and
# without the plugin at 10 and 100 servers, the Backups page with 100 and
# 10,000 other images and Quick Backups, the Plans page with 10 and 1,000
# plans, the memory of Horizon's workers and of the command (tables
# printed, JSON in artifacts/); then LOAD_USERS users at once for
# LOAD_MINUTES with Locust, Quick Backup against Create Snapshot. The
# 1,000-server run: make bench BENCH_SERVERS=10,100,1000; the bigger load
# run: make bench LOAD_USERS=100 LOAD_MINUTES=10.
bench: venv memcached $(LOAD_STAMP)
	@$(call in_own_tmp,LOAD_VENV=$(LOAD_VENV) $(PY) -m pytest benchmarks \
		-q -s -p no:warnings --durations=0)

# tox, which builds the documentation, the release notes and each series'
# unit tests in virtual environments of its own (tox.ini), lives in a small
# venv of its own too: never in .venv (make venv stays as fast) nor in
# test-requirements.txt. With tox-uv, uv builds tox's envs: a series' env
# in 10-30 s from a cold cache, where pip takes 60 s (more on a busy machine).
TOOLS_VENV ?= .venv-tools
TOX := $(TOOLS_VENV)/bin/tox

$(TOX):
	test -x $(TOOLS_VENV)/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet 'tox>=4.29' tox-uv

# The unit and view tests on every series, one after the other; each series'
# env is built the first time (and again when a requirement changes), then
# reused. One line per series at the end (tools/matrix.py).
unit-matrix: $(TOX)
	@$(call in_own_tmp,$(TOOLS_VENV)/bin/python -m tools.matrix)

# Sphinx with warnings as errors into doc/build/html, then reno lint and
# the release notes into releasenotes/build/html.
docs: $(TOX)
	$(TOX) -e docs,releasenotes

clean:
	rm -rf $(VENV) .venv-* build *.egg-info \
		quick_backup_server/*.egg-info quick_backup_client/*.egg-info \
		artifacts .state doc/build releasenotes/build .tox
