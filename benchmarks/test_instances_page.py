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

"""Benchmark: Project > Compute > Instances with and without the plugin,
at 10, 100 (and, by hand, 1,000) servers, on the real local cloud.

One cloud, two Horizons: the cloud's own with the plugin, and a second one
as Horizon ships (benchmarks/conftest.py). The servers live in a project of
their own (devcloud.bulk_servers: the first ten booted by Nova, the rest
cloned in its database), so the demo project stays as the other
benchmarks know it. At each size a user of that project GETs the page
from both Horizons in turn (interleaved, so that a machine whose load
drifts slows both alike), at Horizon's page size (20 rows, or
BENCH_PAGE_SIZE): requests counted at each service (devcloud's request
log; Keystone's include the services' token checks), time measured at the
client on 127.0.0.1 (medians, and the best of each, which a load spike
from another process on the machine cannot inflate). Asserted: the same
requests with and without the plugin, every Quick Backup action rendered
(and the table's "Add to Backup Plan" at most once: it costs nothing), and
a loose bound on the ratio of the best times (the medians' ratio swings
with a shared machine's load, from 0.94 to 1.6 in runs while five other
clouds shared it); both ratios are printed and written to
artifacts/bench_instances_page.json.

    BENCH_SERVERS=10,100,1000 make bench    # the documented 1,000 run
"""

import json
import os
import re
import statistics

from benchmarks.horizon import HorizonClient
from devcloud import bulk_servers
from devcloud.layout import CHECKOUT

SIZES = tuple(int(size) for size in os.environ.get(
    "BENCH_SERVERS", "10,100").split(","))
PAGE_SIZE = int(os.environ.get("BENCH_PAGE_SIZE", "20"))
GETS = int(os.environ.get("BENCH_GETS", "5"))  # timed pairs per size
BOOTED = 10  # servers Nova builds; the rest are clones of them
MAX_RATIO = 1.5  # loose: a shared 2-core machine; the medians are printed
PAGE = "project/instances/"
#: Each row's Quick Backup link (urlnames.QUICK_BACKUP).
ACTION = re.compile(r'id="instances__row_[0-9a-f-]{36}__action_quick_backup"')
#: The table's "Add to Backup Plan" (where the catalog has workflowv2).
ADD_TO_PLAN = 'value="instances__add_to_plan"'
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_instances_page.json")


def timed_get(client):
    answer = client.get(PAGE)
    return answer.elapsed.total_seconds() * 1000, answer.text


def counted_gets(clients, request_log, tries=3):
    """The requests one GET of the page sent from each Horizon; counted
    again (up to ``tries`` times) while they differ, should anything else
    have called a service meanwhile."""
    for _ in range(tries):
        sent = {}
        for name, client in clients.items():
            request_log.clear()
            client.get(PAGE)
            sent[name] = {service: sorted(seen) for service, seen in
                          request_log.read().items()}
        if sent["with"] == sent["without"]:
            break
    return sent


def grow(cloud, credentials, servers, wanted):
    """Make the project's servers ``wanted`` in all."""
    if not servers:
        servers += bulk_servers.boot(cloud.layout, credentials,
                                     cloud.info["image_id"],
                                     min(BOOTED, wanted), "bench")
    if wanted > len(servers):
        servers += bulk_servers.clone(cloud.layout, servers[:BOOTED],
                                      wanted - len(servers), "bench",
                                      len(servers) + 1)


def print_table(rows):
    print("\nInstances page, with and without the plugin, %d GETs each "
          "(interleaved), medians in ms" % GETS)
    print("%8s %5s %9s %9s %7s %11s %6s %s" % (
        "servers", "rows", "with", "without", "ratio", "best ratio",
        "same", "requests per page (Keystone, Nova, Glance, Cinder, "
        "Neutron)"))
    for row in rows:
        print("%8d %5d %9.0f %9.0f %7.2f %11.2f %6s %s" % (
            row["servers"], row["rows"], row["with_plugin_median_ms"],
            row["without_plugin_median_ms"], row["ratio"], row["best_ratio"],
            row["same_requests"], ", ".join(
                str(row["requests_per_page"][service]) for service in (
                    "identity", "compute", "image", "volume", "network"))))


def test_the_plugin_adds_no_request_to_the_instances_page(
        cloud, stock_horizon_url, request_log):
    project_id, credentials = bulk_servers.create_project(cloud.layout,
                                                          "bench")
    clients = {"with": HorizonClient(cloud, credentials=credentials),
               "without": HorizonClient(cloud, url=stock_horizon_url,
                                        credentials=credentials)}
    for client in clients.values():
        client.http.cookies.set("API_RESULT_PAGE_SIZE", str(PAGE_SIZE))
    servers, rows = [], []
    for size in SIZES:
        grow(cloud, credentials, servers, size)
        shown = min(size, PAGE_SIZE)
        for name, client in clients.items():  # warm up, and check
            page = timed_get(client)[1]
            actions = len(ACTION.findall(page))
            assert actions == (shown if name == "with" else 0), (
                name, actions)
            # One table action at most, and none from Horizon alone: the
            # same requests below then hold with it shown too.
            assert page.count(ADD_TO_PLAN) <= (name == "with"), name
        sent = counted_gets(clients, request_log)
        times = {name: [] for name in clients}
        for index in range(GETS):  # ABBA order: neither always goes first
            for name in (clients if index % 2 == 0 else
                         reversed(list(clients))):
                times[name].append(timed_get(clients[name])[0])
        medians = {name: statistics.median(times[name]) for name in times}
        best = {name: min(times[name]) for name in times}
        rows.append({
            "servers": size, "rows": shown, "page_size": PAGE_SIZE,
            "project_id": project_id,
            "requests_per_page": {service: len(seen) for service, seen
                                  in sent["with"].items()},
            "requests_per_page_without_plugin": {
                service: len(seen) for service, seen in
                sent["without"].items()},
            "same_requests": sent["with"] == sent["without"],
            "requests_sent": sent["with"],
            "with_plugin_median_ms": medians["with"],
            "without_plugin_median_ms": medians["without"],
            "ratio": round(medians["with"] / medians["without"], 3),
            "with_plugin_best_ms": best["with"],
            "without_plugin_best_ms": best["without"],
            "best_ratio": round(best["with"] / best["without"], 3),
            "with_plugin_ms": times["with"],
            "without_plugin_ms": times["without"]})
    print_table(rows)
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump({"max_ratio": MAX_RATIO, "rows": rows}, out, indent=2)
    for row in rows:
        assert row["same_requests"], row["requests_sent"]
        assert row["best_ratio"] <= MAX_RATIO, row
