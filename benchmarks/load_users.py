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

"""The load benchmark's Locust users (run by benchmarks/test_load.py in
Locust's own virtualenv): each logs in as its own Keystone user and, over
and over, opens the Instances page, the Backups panel and a backup's page,
then backs up its own instance (Quick Backup or Create Snapshot, as
LOAD_FLOW says) through the form as a browser sends it, and watches its
instance's row, as Horizon's page does, until the task is over.

It reads its accounts (and the flow, and the bounds) from the JSON file
LOAD_ACCOUNTS names, and writes what it saw to LOAD_RESULTS when the run
stops: each step's response times, the names of the forms that succeeded,
the refusals (with their message) and the error pages. It talks to
127.0.0.1 only: any other host stops it before the first user starts.
"""

import collections
import json
import os
import random
import re
import time
import urllib.parse

import gevent
import gevent.event
import locust
from locust import events
from locust.exception import StopUser

from benchmarks.horizon import AJAX, HIDDEN, form_fields

with open(os.environ["LOAD_ACCOUNTS"]) as _accounts:
    SETUP = json.load(_accounts)
ACCOUNTS = collections.deque(SETUP["accounts"])
FLOW = SETUP["flow"]  # its "form" and "after" paths, with %s: the server
LOGIN = "/auth/login/"
BACKUPS = "/project/quick_backups/"
ROW = ("/project/instances/?action=row_update&table=instances"
       "&obj_id=%s")
# A message as horizon/_messages.html renders it (an error's among them:
# the page's scripts hold other "alert-danger"s), and Horizon's error page.
MESSAGE = re.compile(r'<div class="alert alert-(danger|warning|info|'
                     r'success) alert-dismissable[^>]*>(.*?)</div>', re.S)
ERROR_MESSAGE = '<div class="alert alert-danger alert-dismissable'
ERROR_PAGE = "Something went wrong"
ROW_OBJECT = re.compile(r'<tr[^>]* data-object-id="([0-9a-f-]{36})"')
TAGS = re.compile(r"<[^>]+>")

TIMES = collections.defaultdict(list)
SEEN = {"submitted": [], "refused": [], "errors": [], "iterations": 0,
        "requests": 0, "window_s": None}
# The measured window opens once every user has logged in (logins queue
# for Horizon's workers at the start and are timed apart), and lasts
# SETUP["seconds"]; the users then finish their round, and the last one
# ends the run.
EVERYONE_IN = gevent.event.Event()
STATE = {"logged_in": 0, "active": 0, "opened": None}


@events.init.add_listener
def _only_here(environment, **_kwargs):
    if urllib.parse.urlsplit(environment.host or "").hostname != "127.0.0.1":
        raise SystemExit("load_users: refusing host %r (127.0.0.1 only)"
                         % environment.host)


@events.request.add_listener
def _timed(name, response_time, **_kwargs):
    TIMES[name].append(response_time)
    SEEN["requests"] += 1


@events.test_stop.add_listener
def _write(**_kwargs):
    with open(os.environ["LOAD_RESULTS"], "w") as out:
        json.dump(dict(SEEN, times=TIMES), out)


def said(page):
    """The messages on a page, as (kind, text)."""
    return [(kind, " ".join(TAGS.sub("", text).split()))
            for kind, text in MESSAGE.findall(page or "")]


def _error(step, response, why):
    SEEN["errors"].append({"step": step, "status": response.status_code,
                           "url": response.url, "why": why,
                           "said": said(response.text)})
    response.failure(why)


class DashboardUser(locust.HttpUser):
    """One cloud user, with its own instance."""

    wait_time = locust.between(1, 3)  # reading the page

    def on_start(self):
        if not ACCOUNTS:
            raise StopUser()
        self.account = ACCOUNTS.popleft()
        self.server_id, self.made = self.account["server_id"], 0
        form = dict(HIDDEN.findall(self.client.get(
            LOGIN, name="login form").text))
        with self.client.post(LOGIN, name="login", catch_response=True,
                              headers={"Referer": self.host + LOGIN},
                              data=dict(form, **self.account["login"])
                              ) as answer:
            if LOGIN in answer.url:
                _error("login", answer, "login refused")
                raise StopUser()
        STATE["logged_in"] += 1
        STATE["active"] += 1
        if STATE["logged_in"] == len(SETUP["accounts"]):
            STATE["opened"] = time.monotonic()
            EVERYONE_IN.set()
        EVERYONE_IN.wait(SETUP["login_seconds"])
        time.sleep(random.uniform(0, 3))  # not all in the same second

    def stop(self):
        """Leave the run; the last user to leave ends it."""
        STATE["active"] -= 1
        if STATE["active"]:
            raise StopUser()
        SEEN["window_s"] = round(time.monotonic() - STATE["opened"], 1)
        # Locust's User.run swallows StopTest: quit from another greenlet.
        gevent.spawn(self.environment.runner.quit)
        raise StopUser()

    def page(self, step, path, headers=None, expect=200):
        """GET a page; an error page, a login page or an error message
        counts as an error of ``step``. Returns its HTML, or None."""
        with self.client.get(path, name=step, headers=headers,
                             catch_response=True) as answer:
            if answer.status_code != expect:
                _error(step, answer, "status %d" % answer.status_code)
            elif LOGIN in answer.url:
                _error(step, answer, "sent back to the login page")
            elif ERROR_PAGE in answer.text or (
                    step != "after submit" and ERROR_MESSAGE in answer.text):
                _error(step, answer, "error page or message")
            else:
                return answer.text
        return None

    @locust.task
    def back_up_own_instance(self):
        if not EVERYONE_IN.is_set():
            SEEN["errors"].append({"step": "login", "why": "not every "
                                   "user logged in within the bound"})
            STATE["opened"] = STATE["opened"] or time.monotonic()
            self.stop()
        if SEEN["requests"] >= SETUP["max_requests"] or (
                time.monotonic() - STATE["opened"] > SETUP["seconds"]):
            self.stop()
        SEEN["iterations"] += 1
        self.page("instances", "/project/instances/")
        backups = self.page("backups", BACKUPS) or ""
        rows = ROW_OBJECT.findall(backups)
        if rows:
            self.page("backup page", BACKUPS + rows[0] + "/")
        self.submit()
        self.wait_idle()

    def submit(self):
        path = FLOW["form"] % self.server_id
        form = self.page("open form", path, headers=AJAX)
        if form is None:
            return
        self.made += 1
        name = "%s %s %d" % (SETUP["prefix"], self.account["login"][
            "username"], self.made)
        fields = dict(form_fields(form), name=name)
        with self.client.post(path, name="submit", data=fields,
                              allow_redirects=False, catch_response=True,
                              headers={"Referer": self.host + path}
                              ) as answer:
            if answer.status_code != 302:
                _error("submit", answer, "status %d" % answer.status_code)
                return
        after = self.page("after submit", answer.headers["Location"])
        messages = said(after)
        if "success" in [kind for kind, _text in messages]:
            SEEN["submitted"].append(name)
        elif messages:
            SEEN["refused"].append({"name": name, "said": messages})
        elif after is not None:
            SEEN["errors"].append({"step": "after submit", "url": path,
                                   "why": "no message after the submit"})

    def wait_idle(self):
        """Poll the instance's row as Horizon's page does (every 2.5 s)
        until it has no task, within ``SETUP["task_seconds"]``."""
        deadline = time.monotonic() + SETUP["task_seconds"]
        while time.monotonic() < deadline:
            row = self.page("row update", ROW % self.server_id,
                            headers=AJAX) or ""
            opening = row[:row.find(">")]
            if "status_up" in opening or "status_down" in opening:
                return
            time.sleep(2.5)
        SEEN["errors"].append({"step": "row update", "url": self.server_id,
                               "why": "the instance's task did not end"})
