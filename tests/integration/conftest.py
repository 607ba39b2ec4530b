# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""The local cloud (devcloud), Horizon and headless Chromium, started once
per test session and stopped at its end; their files live in temporary
directories that are removed afterwards."""

import os
import tempfile

import pytest
from keystoneauth1 import session
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from devcloud.bootstrap import login
from devcloud.cloud import Cloud
from tests.integration import logscan

ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "artifacts", "browser")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def cloud():
    """At the end of the session, once every process has stopped, no log
    of the cloud or Horizon, nor any artifact, holds a token or password
    (a failure here is an error in the last test's teardown)."""
    with tempfile.TemporaryDirectory(prefix="devcloud-") as state_dir:
        with Cloud(state_dir) as running:
            yield running
        secrets = {**logscan.ISSUED,
                   running.info["alt"]["password"]: "the alt user's password"}
        logs = running.info["log_dir"]
        assert "horizon.log" in os.listdir(logs)  # a search of something
        found = logscan.findings([logs, os.path.dirname(ARTIFACTS)], secrets)
        assert not found, "credentials in logs: %s" % found


def user_session(cloud, who):
    """A keystoneauth session of devcloud's ``demo`` or ``admin`` user; its
    token is looked for in the logs at the end."""
    user = login(cloud.info["auth_url"], cloud.info[who])
    logscan.remember("%s's token" % who, user.get_token())
    return user


@pytest.fixture(scope="session")
def demo_session(cloud):
    """The demo user, to check what Nova made."""
    return user_session(cloud, "demo")


@pytest.fixture(scope="session")
def admin_session(cloud):
    return user_session(cloud, "admin")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="chromium-") as home:
        options.add_argument("--user-data-dir=%s/profile" % home)
        service = Service(CHROMEDRIVER, env=dict(os.environ, TMPDIR=home))
        driver = webdriver.Chrome(service=service, options=options)
        driver.set_page_load_timeout(120)
        yield driver
        driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(config, items):
    """Browser tests without a browser stop the run and say what to install
    (never a silent skip, never an obscure driver error)."""
    if not any(item.get_closest_marker("browser") for item in items):
        return
    missing = [path for path in (CHROMIUM, CHROMEDRIVER)
               if not os.access(path, os.X_OK)]
    if missing:
        raise pytest.UsageError(
            "The browser tests need Chromium and ChromeDriver, and %s is "
            "missing. Install Debian's packages as root (apt-get install "
            "chromium chromium-driver) or set CHROMIUM and CHROMEDRIVER; "
            "'make unit' runs the tests that need neither."
            % " and ".join(missing))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test, for the fixtures below."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)


@pytest.fixture(autouse=True)
def _after_each_cloud_test(request):
    """A fault a test injected never outlives it; a browser test that fails
    leaves a screenshot in artifacts/browser/."""
    yield
    if "cloud" not in request.fixturenames:
        return
    cloud = request.getfixturevalue("cloud")
    http = session.Session()
    for url in cloud.info["faults"].values():
        http.delete(url, raise_exc=False)
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and \
            "browser" in request.fixturenames:
        os.makedirs(ARTIFACTS, exist_ok=True)
        request.getfixturevalue("browser").save_screenshot(os.path.join(
            ARTIFACTS, "FAILED-%s.png" % request.node.name))
