"""The local cloud (devcloud), Horizon and headless Chromium, started once
per test session and stopped at its end."""

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


def user_session(cloud, who):
    """A keystoneauth session of devcloud's ``demo`` or ``admin`` user."""
    user = cloud.info[who]
    auth = v3.Password(auth_url=cloud.info["auth_url"],
                       username=user["username"], password=user["password"],
                       project_name=user["project_name"],
                       user_domain_name=user["user_domain_name"],
                       project_domain_name=user["project_domain_name"])
    return ks_session.Session(auth=auth)


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
