"""The local cloud, Horizon and headless Chromium, once per test session."""

import os
import tempfile

import pytest
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from devcloud import stack as local_stack

ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "artifacts", "browser")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def cloud():
    state_dir = tempfile.mkdtemp(prefix="devcloud-browser-")
    with local_stack.Stack(state_dir) as stack:
        yield stack


@pytest.fixture(scope="session")
def demo_session(cloud):
    """A keystoneauth session of the demo user, to check what Nova made."""
    demo = cloud.info["demo"]
    auth = v3.Password(auth_url=cloud.info["auth_url"],
                       username=demo["username"], password=demo["password"],
                       project_name=demo["project_name"],
                       user_domain_name=demo["user_domain_name"],
                       project_domain_name=demo["project_domain_name"])
    return ks_session.Session(auth=auth)


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
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(
        prefix="chromium-"))
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS
