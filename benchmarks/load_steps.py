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

"""The load benchmark's parts outside Locust: each step's requests counted
for one user alone, the runs' summaries and tables, and the check of the
images the runs made."""

import collections
import math
import re
import time
import urllib.parse

from benchmarks.conftest import COUNTED
from benchmarks.horizon import AJAX, BACKUPS, HorizonClient, form_fields
from devcloud.bootstrap import login
from tests.integration import cloud as cloud_api

#: The steps of one user's round, in order (benchmarks/load_users.py).
STEPS = ("login form", "login", "instances", "backups", "backup page",
         "open form", "submit", "after submit", "row update")
CALIBRATION = "load calibration"  # the images the counted round makes
UNFINISHED = ("queued", "saving", "importing", "uploading")
IMAGE_SECONDS = 120  # for the runs' images to leave UNFINISHED
ROW_ID = re.compile(r'<tr[^>]* data-object-id="([0-9a-f-]{36})"')


def server_ids(session):
    return {name: server["id"]
            for name, server in cloud_api.servers(session).items()}


def form_login(credentials):
    """What Horizon's login form is sent for ``credentials``."""
    return {"username": credentials["username"],
            "password": credentials["password"]}


def counted_steps(cloud, request_log, user, flow):
    """The requests each service is sent by each step of one round of
    ``flow``, for ``user`` = (login, server id) alone."""
    credentials, server_id = user
    counts = {}

    def step(name, action):
        request_log.clear()
        answer = action()
        counts[name] = {service: len(sent) for service, sent
                        in request_log.read().items()}
        return answer
    client = step("login", lambda: HorizonClient(cloud,
                                                 credentials=credentials))
    step("instances", lambda: client.get("project/instances/"))
    rows = ROW_ID.findall(step("backups", lambda: client.get(BACKUPS)).text)
    if rows:
        step("backup page", lambda: client.get(BACKUPS + rows[0] + "/"))
    path = flow["form"].lstrip("/") % server_id
    fields = form_fields(step("open form", lambda: client.get(
        path, headers=AJAX)).text)
    fields["name"] = "%s %s" % (CALIBRATION, flow["prefix"])
    answer = step("submit", lambda: client.submit(path, fields))
    step("after submit", lambda: client.http.get(urllib.parse.urljoin(
        client.url, answer.headers["Location"]), timeout=300))
    step("row update", lambda: client.get(
        "project/instances/?action=row_update&table=instances&obj_id="
        + server_id, headers=AJAX))
    cloud_api.wait_idle(login(cloud.layout.auth_url, credentials),
                        server_id)
    return counts


def nearest_rank(times, fraction):
    ordered = sorted(times)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(seen, totals, alone):
    """One run: per step its times, error pages and requests (``alone``:
    counted_steps); ``totals``: each service's requests during the run."""
    errors = collections.Counter(error["step"] for error in seen["errors"])
    steps = {}
    for name in STEPS:
        times = seen["times"].get(name)
        if not times:
            continue
        steps[name] = {"count": len(times),
                       "p50_ms": round(nearest_rank(times, 0.5)),
                       "p95_ms": round(nearest_rank(times, 0.95)),
                       "max_ms": round(max(times)),
                       "errors": errors[name],
                       "requests_alone": alone.get(name)}
    total = {service: totals[service] for service in COUNTED}
    rounds = max(seen["iterations"], 1)
    return {"steps": steps, "iterations": seen["iterations"],
            "window_s": seen["window_s"],
            "requests": seen["requests"], "submitted": len(seen["submitted"]),
            "refused": seen["refused"], "errors": seen["errors"],
            "service_requests": total,
            "service_requests_per_round": {
                service: round(count / rounds, 1)
                for service, count in total.items()}}


def _images(session, prefix):
    """The project's images named PREFIX ..., as Glance lists them."""
    images, path = [], "/v2/images?limit=1000&owner=" + (
        session.get_project_id())
    while path:
        body = session.get(path, endpoint_filter=cloud_api.IMAGE).json()
        images += body["images"]
        path = body.get("next")
    return [image for image in images
            if image["name"].startswith(prefix + " ")]


def check_images(session, prefix, seen):
    """Exactly one image per form that said it started one, none for a
    refused one or for any other name, and none left unfinished."""
    deadline = time.monotonic() + IMAGE_SECONDS
    while True:
        images = _images(session, prefix)
        unfinished = [image for image in images
                      if image["status"] in UNFINISHED]
        if not unfinished or time.monotonic() > deadline:
            break
        time.sleep(2)
    names = collections.Counter(image["name"] for image in images)
    submitted = set(seen["submitted"])
    problems = (
        ["%s: %d images" % (name, n) for name, n in names.items() if n > 1]
        + ["%s: no image" % name for name in submitted - set(names)]
        + ["%s: an image, but no form said so" % name
           for name in set(names) - submitted]
        + ["%s: still %s" % (image["name"], image["status"])
           for image in unfinished])
    return {"images": len(images), "problems": problems}


def delete_images(session, prefixes):
    for prefix in list(prefixes) + [CALIBRATION]:
        for image in _images(session, prefix):
            session.delete("/v2/images/" + image["id"],
                           endpoint_filter=cloud_api.IMAGE, raise_exc=False)


def print_tables(runs, memory, users, minutes):
    for flow, run in runs.items():
        print("\n%s: %d users for %g min (%s s to the end of their last "
              "round), %d rounds, %d forms started a backup, %d refused, "
              "%d error pages; times in ms (nearest rank); requests for "
              "one user alone as (Keystone, Nova, Glance, Cinder, "
              "Neutron)" % (
                  flow, users, minutes, run["window_s"], run["iterations"],
                  run["submitted"], len(run["refused"]), len(run["errors"])))
        print("%-14s %7s %7s %7s %7s %7s %16s" % (
            "step", "count", "p50", "p95", "max", "errors", "requests"))
        for name, step in run["steps"].items():
            alone = step["requests_alone"]
            print("%-14s %7d %7d %7d %7d %7d %16s" % (
                name, step["count"], step["p50_ms"], step["p95_ms"],
                step["max_ms"], step["errors"], ",".join(
                    str(alone[s]) for s in COUNTED) if alone else "-"))
        print("requests during the run: %s; per round: %s" % (
            _services(run["service_requests"]),
            _services(run["service_requests_per_round"])))
    print("Horizon workers across both runs (MB): " + "; ".join(
        "%.1f -> %.1f" % (row["before_mb"], row["after_mb"])
        for row in memory))


def _services(counts):
    return ", ".join("%s %s" % (service, counts[service])
                     for service in COUNTED)
