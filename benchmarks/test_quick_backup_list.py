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

"""Benchmark: ``openstack server quick-backup list`` with 100 against
10,000 Quick Backups in the demo project, on the real local cloud.

The command runs as a user runs it (a subprocess with the demo's openrc,
as tests/integration/test_osc_cloud.py does), once to warm up, then
``RUNS`` times per count in turn. A list prints every backup, so it reads
all of them: Glance's pages of a thousand (``backup_images.PAGE``), one
GET each, and one more that finds the end (Glance adds a ``next`` link to
every full page). The
benchmark counts the requests each service saw per run (the fault
injector's logs) and asserts Glance's equal ``N // 1000 + 1`` plus the
same constant at both counts, Nova's and the command's own Keystone
requests the same at both counts, Glance's token checks at Keystone far
fewer than its pages (never one per page), and every backup printed once,
in Glance's order. It prints the median times and the time of the same
Glance pages read alone (what the command cannot do faster), and writes
artifacts/bench_quick_backup_list.json.
"""

import json
import os
import statistics
import time

from benchmarks import quick_backups
from devcloud.layout import CHECKOUT
from quick_backup_client import backup_images
from tests.integration.test_osc_cloud import openstack

RUNS = 2  # runs of the command per count
#: Glance's check of the command's token at Keystone (keystonemiddleware
#: caches it per Glance process), counted apart from the command's own.
TOKEN_CHECK = "GET /v3/auth/tokens"
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_quick_backup_list.json")


def glance_pages(backups):
    """The GETs Glance needs to list ``backups`` images, a page each."""
    return backups // backup_images.PAGE + 1


def print_table(rows):
    print("\nopenstack server quick-backup list -f json, %d runs per count, "
          "medians in s" % RUNS)
    print("%13s %12s %6s %8s %12s %5s %8s %6s %13s" % (
        "quick backups", "Glance pages", "Glance", "Keystone",
        "token checks", "Nova", "command", "ratio", "Glance alone"))
    for row in rows:
        per = row["requests_per_run"]
        print("%13d %12d %6d %8d %12d %5d %8.2f %6.2f %13.2f" % (
            row["quick_backups"], row["glance_pages"], per["image"],
            per["identity"], row["token_checks"], per["compute"],
            row["median_s"], row["ratio"], row["glance_alone_s"][0]))


def test_the_list_command_asks_glance_one_page_per_thousand_backups(
        cloud, request_log):
    started = time.monotonic()
    bulk = quick_backups.BulkBackups(cloud)
    times = {count: [] for count in quick_backups.COUNTS}
    sent, listed, alone = {}, {}, {}
    try:
        real = quick_backups.glance_order(bulk.session, bulk.project_id)
        bulk.make(quick_backups.COUNTS[0])
        openstack(cloud, "server", "quick-backup", "list")  # warms up
        for _run in range(RUNS):
            for count in quick_backups.COUNTS:
                bulk.make(count)
                request_log.clear()
                begun = time.perf_counter()
                done = openstack(cloud, "server", "quick-backup", "list",
                                 "-f", "json")
                times[count].append(time.perf_counter() - begun)
                assert done.returncode == 0, done.stderr
                sent.setdefault(count, request_log.read())
                # The bulk rows are older than any real backup.
                listed[count] = real + bulk.ids[::-1]
                if count not in alone:  # Glance's pages alone, once
                    begun = time.perf_counter()
                    assert listed[count] == quick_backups.glance_order(
                        bulk.session, bulk.project_id)
                    alone[count] = [time.perf_counter() - begun]
                printed = [row["ID"] for row in json.loads(done.stdout)]
                assert printed == listed[count]
    finally:
        bulk.remove()

    rows = [{"quick_backups": len(listed[count]),
             "glance_pages": glance_pages(len(listed[count])),
             "requests_per_run": {s: len(r) for s, r in sent[count].items()},
             "requests_sent": sent[count],
             "median_s": statistics.median(times[count]),
             "token_checks": sent[count]["identity"].count(TOKEN_CHECK),
             "command_s": times[count], "glance_alone_s": alone[count]}
            for count in quick_backups.COUNTS]
    for row in rows:
        row["ratio"] = round(row["median_s"] / rows[0]["median_s"], 3)
    print_table(rows)
    print("benchmark time %.0fs" % (time.monotonic() - started))
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump({"rows": rows}, out, indent=2)

    few, many = rows
    constant = few["requests_per_run"]["image"] - few["glance_pages"]
    assert many["requests_per_run"]["image"] == (many["glance_pages"] +
                                                 constant), rows
    for service in few["requests_per_run"]:
        if service not in ("image", "identity"):
            assert (few["requests_per_run"][service] ==
                    many["requests_per_run"][service]), service
    own = {count: [r for r in sent[count]["identity"] if r != TOKEN_CHECK]
           for count in sent}
    assert own[quick_backups.COUNTS[0]] == own[quick_backups.COUNTS[1]]
    assert many["token_checks"] * 2 < many["requests_per_run"]["image"]
