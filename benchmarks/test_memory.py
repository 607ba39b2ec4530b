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

"""Benchmark: memory, on the real local cloud. The peak RSS of the
``openstack`` command taking a Quick Backup with ``--wait``, against the
same command listing servers; then each Horizon worker's RSS before and
after a run of page loads by several logged-in clients at once.

The command runs as a child of this process; ``os.wait4`` gives its own
peak RSS (``ru_maxrss``). Horizon's workers are the gunicorn master's
children; their RSS is read from /proc after a warm-up (a worker's first
pages import and compile what later pages reuse), then again after
``MEMORY_ROUNDS`` rounds of the Instances page, the Backups page and a
backup's page by ``MEMORY_CLIENTS`` clients at once. Asserted: no error
page, each worker's growth within ``GROWTH_MB`` and the command's peak
within ``CLI_RATIO`` of ``openstack server list``'s. Printed, and written
to artifacts/bench_memory.json.
"""

import concurrent.futures
import json
import os
import subprocess

from benchmarks.horizon import BACKUPS, HorizonClient
from devcloud.bootstrap import login
from devcloud import openrc
from devcloud.layout import CHECKOUT
from tests.integration import cloud as cloud_api
from tests.integration.test_osc_cloud import OPENSTACK

CLIENTS = int(os.environ.get("MEMORY_CLIENTS", "4"))
ROUNDS = int(os.environ.get("MEMORY_ROUNDS", "25"))  # per client
WARM_UP = 5  # rounds per client before the first reading
# Growth allowed per worker across the measured rounds: Django and
# Horizon keep caches that fill and then stay (templates, policy, the
# catalogue); a leak of one page's objects per request would exceed it.
GROWTH_MB = 40
# The command's peak against ``openstack server list`` (the same OSC,
# keystoneauth and novaclient; ours adds Glance reads and the wait).
CLI_RATIO = 1.3
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_memory.json")
# An error message as horizon/_messages.html renders it.
ERROR_MESSAGE = '<div class="alert alert-danger alert-dismissable'

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
    assert backup <= listing * CLI_RATIO, RESULTS["cli"]


def workers(cloud):
    """The pids of Horizon's gunicorn workers (the master's children)."""
    master = cloud.services["horizon"].pid
    with open("/proc/%d/task/%d/children" % (master, master)) as children:
        return sorted(int(pid) for pid in children.read().split())


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise AssertionError("no VmRSS for %d" % pid)


def _rounds(client, pages, count):
    errors = 0
    for _ in range(count):
        for page in pages:
            answer = client.http.get(client.url + page, timeout=300,
                                     allow_redirects=False)
            errors += answer.status_code != 200 or \
                ERROR_MESSAGE in answer.text
    return errors


def test_horizons_workers_stay_flat_under_many_page_loads(cloud):
    backup = RESULTS.get("cli", {}).get("backup")
    pages = ["project/instances/", BACKUPS] + (
        [BACKUPS + backup + "/"] if backup else [])
    clients = [HorizonClient(cloud) for _ in range(CLIENTS)]
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        warm = sum(pool.map(lambda c: _rounds(c, pages, WARM_UP), clients))
        pids = workers(cloud)
        before = {pid: rss_mb(pid) for pid in pids}
        errors = sum(pool.map(lambda c: _rounds(c, pages, ROUNDS), clients))
    after = {pid: rss_mb(pid) for pid in pids}
    assert workers(cloud) == pids, "a worker was replaced during the run"
    growth = {pid: after[pid] - before[pid] for pid in pids}
    RESULTS["horizon"] = {
        "clients": CLIENTS, "pages": len(pages) * ROUNDS * CLIENTS,
        "workers": [{"before_mb": round(before[pid], 1),
                     "after_mb": round(after[pid], 1),
                     "growth_mb": round(growth[pid], 1)} for pid in pids]}
    print("\nHorizon workers, %d page loads by %d clients at once:"
          % (RESULTS["horizon"]["pages"], CLIENTS))
    print("%-8s %10s %10s %10s" % ("worker", "before MB", "after MB",
                                   "growth MB"))
    for index, row in enumerate(RESULTS["horizon"]["workers"], 1):
        print("%-8d %10.1f %10.1f %10.1f" % (
            index, row["before_mb"], row["after_mb"], row["growth_mb"]))
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump(RESULTS, out, indent=2)
    if backup:
        cloud_api.delete_backup(login(cloud.info["auth_url"],
                                      cloud.info["demo"]), backup)
    assert warm == 0 and errors == 0, (warm, errors)
    assert max(growth.values()) <= GROWTH_MB, RESULTS["horizon"]
