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

"""Benchmark: many users at once, with Locust, on the real local cloud.

LOAD_USERS users (default 20; each its own Keystone user, in one project
"load", with its own instance: one project, so that they share one quota
and every Instances and Backups page lists all of them, as a team's
project does) share the cloud's Horizon (its gunicorn workers and its one
memcached). Each, for LOAD_MINUTES (default 1), over and over: the
Instances page, the Backups panel, a backup's page, then a backup of its
own instance through the form (benchmarks/load_users.py), then its
instance's row until the task ends. The run is made twice: with Quick
Backup, then with Horizon's Create Snapshot. Bounded in users, time and
requests (LOAD_MAX_REQUESTS); 127.0.0.1 only.

Printed per step: p50, p95 and max (nearest rank, ms); the requests each
service was sent by the step (counted once, for one user alone, between
the runs: under load the services' logs cannot tell users apart) and by
the whole run; error pages. Asserted: no error page; exactly one image per
form that said it started one, none for a form that was refused; no image
left queued or saving; Quick Backup's p95 submit within SUBMIT_TOLERANCE of
Create Snapshot's; each Horizon worker's RSS growth across both runs within
workers.GROWTH_MB. Written to artifacts/bench_load.json. The bigger
run: make bench LOAD_USERS=100 LOAD_MINUTES=10.
"""

import json
import os
import subprocess

import pytest

from benchmarks import load_steps
from benchmarks.workers import GROWTH_MB, rss_mb, workers
from devcloud import bulk_servers
from devcloud.bootstrap import login
from devcloud.layout import CHECKOUT

USERS = int(os.environ.get("LOAD_USERS", "20"))
MINUTES = float(os.environ.get("LOAD_MINUTES", "1"))
# About 4 requests a second per user is more than a user can click: the
# bound stops a run that went wrong, not a normal one.
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS",
                                  USERS * MINUTES * 60 * 4))
TASK_SECONDS = 300  # for an instance's snapshot task to end
LOGIN_SECONDS = 60 + USERS * 3  # for every user to log in, at the start
LOCUST = os.path.join(CHECKOUT, os.environ.get("LOAD_VENV", ".venv-load"),
                      "bin", "locust")
LOCUSTFILE = os.path.join(CHECKOUT, "benchmarks", "load_users.py")
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_load.json")
# Quick Backup's p95 submit may exceed Create Snapshot's by this factor:
# the two runs follow each other, a few minutes apart, on a shared
# 2-core machine, and their p95 moves by about that much between runs.
SUBMIT_TOLERANCE = 1.1
FLOWS = {
    "Quick Backup": {"form": "/project/quick_backups/%s/create/",
                     "prefix": "load qb"},
    "Create Snapshot": {"form": "/project/images/%s/create/",
                        "prefix": "load cs"},
}


@pytest.fixture(scope="module")
def load_project(cloud):
    """The project, its users and their instances (one each, booted by
    Nova); returns (the project's login, [(user login, server id)])."""
    project_id, credentials = bulk_servers.create_project(cloud.layout,
                                                          "load")
    logins = bulk_servers.add_members(
        cloud.layout, project_id, ["load-%d" % n for n in range(USERS)])
    bulk_servers.boot(cloud.layout, credentials, cloud.info["image_id"],
                      USERS, "load", timeout=60 + USERS * 6)
    session = login(cloud.layout.auth_url, credentials)
    names = load_steps.server_ids(session)
    return session, [(one, names["load-%d" % (n + 1)])
                     for n, one in enumerate(logins)]


def run_locust(cloud, flow, users, state_dir):
    """One headless Locust run of ``flow``; returns what its users saw."""
    setup = os.path.join(state_dir, "accounts.json")
    results = os.path.join(state_dir, "results.json")
    with open(setup, "w") as out:
        json.dump({"flow": FLOWS[flow], "prefix": FLOWS[flow]["prefix"],
                   "max_requests": MAX_REQUESTS, "seconds": MINUTES * 60,
                   "login_seconds": LOGIN_SECONDS,
                   "task_seconds": TASK_SECONDS,
                   "accounts": [{"login": load_steps.form_login(one),
                                 "server_id": server_id}
                                for one, server_id in users]}, out)
    env = dict(os.environ, PYTHONPATH=CHECKOUT, LOAD_ACCOUNTS=setup,
               LOAD_RESULTS=results)
    log = os.path.join(CHECKOUT, "artifacts", "bench_load_%s.log"
                       % FLOWS[flow]["prefix"].split()[-1])
    # Locust's own bound: the logins, the window, a last round.
    seconds = int(LOGIN_SECONDS + MINUTES * 60 + TASK_SECONDS + 60)
    os.makedirs(os.path.dirname(log), exist_ok=True)  # run alone too
    with open(log, "w") as out:
        code = subprocess.call([
            LOCUST, "-f", LOCUSTFILE, "--headless", "--only-summary",
            "-u", str(len(users)), "-r", "5", "--run-time", "%ds" % seconds,
            "--stop-timeout", "10",
            "--host", cloud.horizon_url.rstrip("/"), "--loglevel", "WARNING",
            "--exit-code-on-error", "0"], env=env, stdout=out,
            stderr=subprocess.STDOUT, cwd=CHECKOUT,
            timeout=seconds + 120)
    assert code == 0, "Locust exited with %d: see %s" % (code, log)
    with open(results) as seen:
        return json.load(seen)


def test_many_users_at_once_get_no_error_and_one_image_per_submit(
        cloud, load_project, request_log, tmp_path):
    assert os.path.exists(LOCUST), (
        "Locust is not in %s: make bench installs it" % LOCUST)
    session, users = load_project
    # Counted alone first (which also warms each worker's pages up).
    steps = {flow: load_steps.counted_steps(
        cloud, request_log, users[0], FLOWS[flow]) for flow in FLOWS}
    for flow in FLOWS:  # the very first round had no backup to open yet
        if "backup page" not in steps[flow]:
            steps[flow] = load_steps.counted_steps(
                cloud, request_log, users[0], FLOWS[flow])
    pids = workers(cloud)
    before = {pid: rss_mb(pid) for pid in pids}
    runs = {}
    for flow in FLOWS:
        request_log.clear()
        seen = run_locust(cloud, flow, users, str(tmp_path))
        runs[flow] = load_steps.summary(seen, request_log.counted(),
                                        steps[flow])
        runs[flow]["images"] = load_steps.check_images(
            session, FLOWS[flow]["prefix"], seen)
    after = {pid: rss_mb(pid) for pid in pids}
    assert workers(cloud) == pids, "a worker was replaced during the run"
    memory = [{"before_mb": round(before[pid], 1),
               "after_mb": round(after[pid], 1),
               "growth_mb": round(after[pid] - before[pid], 1)}
              for pid in pids]
    load_steps.print_tables(runs, memory, USERS, MINUTES)
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump({"users": USERS, "minutes": MINUTES, "runs": runs,
                   "workers": memory}, out, indent=2)
    load_steps.delete_images(session, [flow["prefix"]
                                       for flow in FLOWS.values()])

    for flow, run in runs.items():
        assert run["window_s"], (flow, "the run did not end by its users")
        assert not run["errors"], (flow, run["errors"][:5])
        assert not run["refused"], (flow, run["refused"][:5])
        assert not run["images"]["problems"], (flow, run["images"])
    ours, horizons = (runs[flow]["steps"]["submit"]["p95_ms"]
                      for flow in FLOWS)
    assert ours <= horizons * SUBMIT_TOLERANCE, (ours, horizons)
    assert max(row["growth_mb"] for row in memory) <= GROWTH_MB, memory
