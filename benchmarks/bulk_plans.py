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

"""Many backup plans in a project of their own, made as a user makes them
(the plans library on the cloud's real Mistral), and the Plans page's rows
and links as Horizon renders them."""

import concurrent.futures
import re
import threading

from devcloud.bootstrap import login
from devcloud import bulk_servers
from quick_backup_client.plans import retention
from quick_backup_client.plans import schedule
from quick_backup_client.plans import scope
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow

PLANS = "project/backup_plans/"
ROW = re.compile(r'<tr [^>]*id="plans__row__([0-9a-f-]{36})"')
NEXT = re.compile(r'href="\?marker=([0-9a-f-]{36})"')
PREV = re.compile(r'href="\?prev_marker=([0-9a-f-]{36})"')
# Once a year (1 January, 03:00 UTC): scheduled, with a trigger and its
# trust, yet never running during a benchmark.
YEARLY = "0 3 1 1 *"
THREADS = 4  # Mistral's API answers a few at once on this 2-core machine
SCHEDULED = 2  # plans with a trigger (and its trust), made last


class BulkPlans:
    """A project NAME (bulk_servers.create_project) and its plans, each of
    instances ``servers`` (ids: Nova need not know them)."""

    def __init__(self, cloud, name, servers):
        self.project_id, self.credentials = bulk_servers.create_project(
            cloud.layout, name)
        self.auth_url = cloud.layout.auth_url
        self.servers = servers
        self.local = threading.local()
        self.made = []

    def mistral(self):
        """A Mistral client of the project's user, one per thread."""
        if not hasattr(self.local, "client"):
            self.local.client = store.connect(session=login(
                self.auth_url, self.credentials))
        return self.local.client

    def _create(self, n, paused):
        plan = spec.make("bulk plan %04d" % n, self.servers, schedule.CRON,
                         YEARLY, timezone="UTC", paused=paused,
                         retention=retention.Retention(keep_last=7))
        return store.create(self.mistral(), self.project_id, plan)

    def make(self, count):
        """``count`` plans, paused but for the last ``SCHEDULED`` made."""
        workflow.ensure(self.mistral(), self.project_id)
        bulk = count - SCHEDULED
        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            self.made += pool.map(self._create, range(bulk), [True] * bulk)
        self.made += [self._create(n, False) for n in range(bulk, count)]

    def in_order(self):
        """The ids of the project's plans in the Plans view's order (their
        ids), as Mistral lists every environment of the project."""
        return sorted(each.name[len(workflow.ENV_PREFIX):] for each in
                      scope.own(self.mistral(), scope.every(
                          self.mistral().environments, by_name=True))
                      if each.name.startswith(workflow.ENV_PREFIX) and not
                      each.name.startswith(workflow.LAST_ENV_PREFIX))


def page_of(html):
    """(row ids, the Next link's marker or None, the Prev link's or None)."""
    if 'id="plans"' not in html:
        raise AssertionError("not the Plans page")
    following, before = NEXT.search(html), PREV.search(html)
    return (ROW.findall(html), following and following.group(1),
            before and before.group(1))
