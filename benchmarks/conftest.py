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

"""The benchmarks' one local cloud, a second Horizon without the plugin,
and the per-service request logs (devcloud's fault injector)."""

import tempfile

import pytest
import requests

from devcloud import wait_for
from devcloud.cloud import Cloud
from devcloud import horizon as devcloud_horizon
from devcloud.layout import free_port

#: Services whose requests a benchmark counts, by cloud.json name. Keystone
#: counts every caller: Horizon's and the services' token checks.
COUNTED = ("identity", "compute", "image", "volume", "network")


@pytest.fixture(scope="session")
def cloud():
    with tempfile.TemporaryDirectory(prefix="devcloud-bench-") as state_dir:
        with Cloud(state_dir) as running:
            yield running


#: Horizon as it ships: its settings take back the plugin's enabled
#: directory (devcloud.horizon adds it to Horizon's local ``enabled``
#: package) before Horizon's settings read that package.
WITHOUT_PLUGIN = """
from openstack_dashboard.local import enabled as _enabled_without_plugin
_enabled_without_plugin.__path__.remove(%r)
""" % devcloud_horizon.ENABLED_DIR


@pytest.fixture(scope="session")
def stock_horizon_url(cloud):
    """Horizon as it ships (no plugin) on the same cloud, beside the
    cloud's Horizon (same workers, same memcached); stopped with it."""
    port = free_port()
    cloud.serve_horizon("horizon-stock", port, WITHOUT_PLUGIN)
    url = "http://127.0.0.1:%d/" % port
    wait_for(lambda: _answers(url + "auth/login/"),
             "answer from Horizon without the plugin", 300)
    return url


def _answers(url):
    try:
        return requests.get(url, timeout=120).status_code == 200
    except requests.ConnectionError:
        return False


class RequestLog:
    """What each counted service saw between ``clear()`` and ``read()``."""

    def __init__(self, cloud):
        self.urls = {name: cloud.info["faults"][name] for name in COUNTED}

    def clear(self):
        for url in self.urls.values():
            requests.delete(url, timeout=60).raise_for_status()

    def read(self):
        return {name: requests.get(url, timeout=60).json()["requests"]
                for name, url in self.urls.items()}

    def counted(self):
        """How many requests each service saw, past the log's last
        ``faults.REQUESTS_KEPT`` too."""
        return {name: requests.get(url, timeout=60).json()["counted"]
                for name, url in self.urls.items()}

    def rules(self, service):
        """The rules still waiting for a request at ``service``."""
        return requests.get(self.urls[service], timeout=60).json()["faults"]

    def add_rule(self, service, rule):
        requests.post(self.urls[service], json=rule,
                      timeout=60).raise_for_status()


@pytest.fixture
def request_log(cloud):
    log = RequestLog(cloud)
    yield log
    log.clear()  # and any rule a benchmark left
