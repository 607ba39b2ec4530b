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

"""Benchmark: the peak RSS of the ``openstack`` command taking a Quick
Backup with ``--wait``, against the same command listing servers, on the
real local cloud (Horizon's workers are measured across the load run:
benchmarks/test_load.py).

The command runs as a child of this process; ``os.wait4`` gives its own
peak RSS (``ru_maxrss``). Asserted: the command's peak within
``CLI_RATIO`` of ``openstack server list``'s. Printed, and written to
artifacts/bench_memory.json.
"""

import json
import os
import subprocess

from devcloud.bootstrap import login
from devcloud import openrc
from devcloud.layout import CHECKOUT
from tests.integration import cloud as cloud_api
from tests.integration.test_osc_cloud import OPENSTACK

# The command's peak against ``openstack server list`` (the same OSC,
# keystoneauth and novaclient; ours adds Glance reads and the wait).
CLI_RATIO = 1.3
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_memory.json")

RESULTS = {}


def _env(cloud):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("OS_")}
    env.update(openrc.environment(cloud.info), LANG="C.UTF-8")
    return env


def peak_rss_mb(cloud, *argv):
    """Run ``openstack ARGV``; its peak RSS in MB and its stdout."""
    child = subprocess.Popen([OPENSTACK] + list(argv), env=_env(cloud),
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    out = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, (argv, child.returncode)
    return usage.ru_maxrss / 1024.0, out


def test_the_commands_backup_with_wait_peaks_like_a_plain_listing(cloud):
    demo = login(cloud.info["auth_url"], cloud.info["demo"])
    web = cloud_api.servers(demo)["web-1"]
    cloud_api.wait_idle(demo, web["id"])
    listing, _out = peak_rss_mb(cloud, "server", "list", "-f", "json")
    backup, out = peak_rss_mb(cloud, "server", "quick-backup", "web-1",
                              "--name", "memory bench", "--wait",
                              "-f", "json")
    image_id = json.loads(out)["id"]
    RESULTS["cli"] = {"server_list_peak_mb": round(listing, 1),
                      "quick_backup_wait_peak_mb": round(backup, 1),
                      "backup": image_id}
    print("\nopenstack peak RSS: server list %.1f MB, quick-backup SERVER "
          "--wait %.1f MB" % (listing, backup))
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump(RESULTS, out, indent=2)
    cloud_api.delete_backup(demo, image_id)
    assert backup <= listing * CLI_RATIO, RESULTS["cli"]
