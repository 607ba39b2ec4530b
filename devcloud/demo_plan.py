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


"""The demo's backup plan: web-1 every five minutes, the newest three kept,
made as the demo user through the same library as the dashboard and the
command (only where the cloud runs Mistral).
"""

from novaclient import client as nova_client

from devcloud.bootstrap import login
from quick_backup_client.plans import retention
from quick_backup_client.plans import spec
from quick_backup_client.plans import store

NAME = "web-1 every 5 minutes"
SERVER = "web-1"
PATTERN = "*/5 * * * *"
KEEP = 3


def create(info):
    """Make the plan; returns it, or None on a cloud without Mistral."""
    if "workflowv2" not in info["endpoints"]:
        return None
    session = login(info["auth_url"], info["demo"])
    nova = nova_client.Client("2.1", session=session)
    server, = nova.servers.list(search_opts={"name": "^%s$" % SERVER})
    plan = spec.make(NAME, [server.id], "cron", PATTERN,
                     retention=retention.Retention(keep_last=KEEP))
    store.create(store.connect(session=session), session.get_project_id(),
                 plan)
    return plan
