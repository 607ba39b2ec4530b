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

"""One backup per form across Horizon's worker processes: the same Quick
Backup form sent at the same moment to two workers makes one backup when
they share memcached, and two when each has a cache of its own.

Nova holds the first backup POST it gets (a fault rule's delay), so the
worker that sends it stays busy and the other request must be served by the
other worker; each answer names its worker (devcloud's WSGI wrapper).
"""

import concurrent.futures
import html
import re
import threading
import time
import types
import uuid

import pytest
import requests

from benchmarks.horizon import HIDDEN
from benchmarks.horizon import HorizonClient
from devcloud import horizon as devcloud_horizon
from devcloud.horizon_wsgi import WORKER_HEADER
from devcloud.layout import free_port
from tests.integration.cloud import IMAGE
from tests.integration.cloud import delete_backup
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_image_active
from tests.integration.cloud import wait_until

BACKUP_POST = "/backup_instance$"
# Longer than a snapshot on devcloud (about 1 s), and short enough that the
# held answer still comes back before the dashboard gives up on Nova
# (QUICK_BACKUP_API_TIMEOUT on devcloud's Horizon).
HOLD_SECONDS = devcloud_horizon.API_TIMEOUT - 3
# A message as horizon/_messages.html renders it (every page also has the
# alert that asks for JavaScript, in <noscript>).
MESSAGE = re.compile(r'<div class="alert alert-(\w+) alert-dismissable fade '
                     r'in">\s*<a class="close"[^>]*>\s*<span class="fa '
                     r'fa-times"></span>\s*</a>\s*<p>(.*?)</p>', re.DOTALL)
ALREADY = "was already submitted, so no second backup was made"
STARTED = "started. Image ID:"
# A Horizon whose workers share nothing but the session files: each has its
# own LocMem cache, as a per-process cache would.
UNSHARED = '''
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.file"
'''


def messages(page):
    """The page's messages as (kind, text without markup)."""
    return [(kind, html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
            for kind, text in MESSAGE.findall(page)]


def send_twice(cloud, horizon_url, server_id, name):
    """Log in, open the form once, then send it from two clients at the
    same moment while Nova holds the first backup POST it gets; returns
    each answer's (worker pid, messages), the first answer first."""
    user = HorizonClient(types.SimpleNamespace(horizon_url=horizon_url,
                                               info=cloud.info))
    url = horizon_url + "project/quick_backups/%s/create/" % server_id
    form = dict(HIDDEN.findall(user.http.get(url, timeout=120).text),
                name=name, description="sent twice")
    assert form["submission_id"]
    requests.post(cloud.info["faults"]["compute"], timeout=30, json={
        "method": "POST", "path_regex": BACKUP_POST,
        "delay": HOLD_SECONDS, "count": 1}).raise_for_status()
    start = threading.Barrier(2)

    def send():
        client = requests.Session()
        client.cookies.update(user.http.cookies)
        start.wait()
        # As the modal sends it: Horizon answers with where to go next and
        # keeps the message for that page.
        answer = client.post(url, data=form, timeout=300, headers={
            "X-Requested-With": "XMLHttpRequest", "Referer": url})
        answered = time.monotonic()
        answer.raise_for_status()
        page = client.get(horizon_url.rstrip("/") + answer.headers[
            "X-Horizon-Location"], timeout=300)
        return answered, answer.headers[WORKER_HEADER], messages(page.text)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = sorted(f.result() for f in [pool.submit(send),
                                              pool.submit(send)])
    workers = {worker for _, worker, _ in answers}
    assert len(workers) == 2, "both requests went to worker %s" % workers
    return [(worker, said) for _, worker, said in answers]


def backup_posts(cloud):
    """The backup POSTs Nova's fault port saw since its last clear."""
    seen = requests.get(cloud.info["faults"]["compute"],
                        timeout=30).json()["requests"]
    return [r for r in seen
            if r.startswith("POST ") and re.search(BACKUP_POST, r)]


def backups_named(session, name):
    return session.get("/v2/images?name=" + name,
                       endpoint_filter=IMAGE).json()["images"]


@pytest.fixture
def web_1(cloud, demo_session):
    """web-1, idle, with Nova's request log cleared."""
    server_id = cloud.info["servers"]["web-1"]
    wait_idle(demo_session, server_id)
    requests.delete(cloud.info["faults"]["compute"],
                    timeout=30).raise_for_status()
    return server_id


@pytest.fixture
def backup_name(demo_session):
    name = "twice-%s" % uuid.uuid4().hex[:8]
    yield name
    for made in backups_named(demo_session, name):
        delete_backup(demo_session, made["id"])


def test_a_form_sent_to_two_workers_at_once_makes_one_backup(
        cloud, demo_session, web_1, backup_name):
    first, second = send_twice(cloud, cloud.horizon_url, web_1, backup_name)

    assert len(backup_posts(cloud)) == 1
    made = backups_named(demo_session, backup_name)
    assert len(made) == 1
    wait_image_active(demo_session, made[0]["id"])
    # The worker whose POST Nova held answered last; the other at once.
    [(kind, text)] = first[1]
    assert kind == "danger" and ALREADY in text, text
    [(kind, text)] = second[1]
    assert kind == "success" and STARTED in text, text
    assert made[0]["id"] in text


def test_without_a_shared_cache_the_same_form_makes_two_backups(
        cloud, demo_session, web_1, backup_name):
    """What the README warns about: a cache per process (LocMem) lets each
    worker claim the same form."""
    port = free_port()
    cloud.serve_horizon("horizon-unshared", port, UNSHARED)
    try:
        url = "http://127.0.0.1:%d/" % port
        wait_until(lambda: _answers(url + "auth/login/"), timeout=300,
                   what="the unshared Horizon")
        answers = send_twice(cloud, url, web_1, backup_name)
    finally:
        cloud.end("horizon-unshared")

    assert len(backup_posts(cloud)) == 2
    made = backups_named(demo_session, backup_name)
    assert len(made) == 2
    for _, said in answers:
        [(kind, text)] = said
        assert kind == "success" and STARTED in text, text


def _answers(url):
    try:
        return requests.get(url, timeout=120).status_code == 200
    except requests.ConnectionError:
        return False
