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

"""Hundreds of Nova servers in a project of their own (for the benchmarks;
never for the demo): a few booted by Nova, the rest cloned in its database.

HACK, and why: Nova builds servers one by one even from one multi-create
POST (``min_count``/``max_count``): here, with the fake driver, about two a
second on a quiet machine and fewer under load (100 took 219 s while other
clouds shared the machine), so 1,000 would take most of an hour. So
``boot`` makes the first few through Nova's API (real servers, built by
nova-compute), and ``clone`` copies their rows, in about a second, into
every table that Nova's create wrote for them and that ``GET
/servers/detail`` reads: in the cell database ``instances``,
``instance_extra`` (flavor, keypairs), ``instance_info_caches``,
``instance_system_metadata``, ``instance_metadata`` and
``block_device_mapping``; in the API database ``instance_mappings`` and
``request_specs``. Each clone gets a new uuid, name, hostname and creation
time. A clone has no host (``host``, ``node``, ``launched_on`` and
``compute_id`` are empty), so that nova-compute's periodic tasks (power
state sync, resource tracking), which list the servers of their host, leave
the clones alone, and no allocation in Placement: they are for listing, not
for actions. Nova reads its database on every request, so they show at
once; the caller checks that Nova lists them.
"""

import datetime
import sqlite3
import uuid

from keystoneauth1 import adapter

from devcloud import wait_for
from devcloud.bootstrap import FLAVOR, NOVA_MICROVERSION, login
from devcloud.layout import ADMIN

#: Nova's own name for a multi-create's servers: ``NAME-1``, ``NAME-2``, ...
NAME = "%s-%d"
#: Cell tables with a row (or rows) per server, keyed by ``instance_uuid``.
CELL_TABLES = ("instance_extra", "instance_info_caches",
               "instance_system_metadata", "instance_metadata",
               "block_device_mapping")
API_TABLES = ("instance_mappings", "request_specs")
UNHOSTED = {"host": None, "node": None, "launched_on": None,
            "compute_id": None}


def create_project(layout, name):
    """A project NAME with a member user NAME (password NAME) and a quota
    of 2,000 m1.tiny servers; returns (project id, the user's login)."""
    admin = login(layout.auth_url, ADMIN)
    keystone = adapter.Adapter(admin, endpoint_override=layout.auth_url)
    project = keystone.post("/projects", json={"project": {
        "name": name, "domain_id": "default",
        "description": "devcloud benchmark servers"}}).json()["project"]
    user = keystone.post("/users", json={"user": {
        "name": name, "password": name, "domain_id": "default",
        "default_project_id": project["id"]}}).json()["user"]
    roles = {r["name"]: r["id"]
             for r in keystone.get("/roles").json()["roles"]}
    keystone.put("/projects/%s/users/%s/roles/%s" % (
        project["id"], user["id"], roles["member"]))
    nova(layout, admin).put("/os-quota-sets/" + project["id"], json={
        "quota_set": {"instances": 2000, "cores": 2000 * FLAVOR["vcpus"],
                      "ram": 2000 * FLAVOR["ram"]}})
    return project["id"], _credentials(name)


def add_members(layout, project_id, names):
    """Users NAMES (password: the name) with the member role in the
    project; returns their logins, in order."""
    admin = login(layout.auth_url, ADMIN)
    keystone = adapter.Adapter(admin, endpoint_override=layout.auth_url)
    member = keystone.get("/roles", params={"name": "member"}).json()[
        "roles"][0]["id"]
    project = keystone.get("/projects/" + project_id).json()["project"]
    logins = []
    for name in names:
        user = keystone.post("/users", json={"user": {
            "name": name, "password": name, "domain_id": "default",
            "default_project_id": project_id}}).json()["user"]
        keystone.put("/projects/%s/users/%s/roles/%s" % (
            project_id, user["id"], member))
        logins.append(dict(_credentials(name),
                           project_name=project["name"]))
    return logins


def _credentials(name):
    return {"username": name, "password": name, "project_name": name,
            "user_domain_name": "Default", "project_domain_name": "Default"}


def nova(layout, user_session):
    return adapter.Adapter(user_session, service_type="compute",
                           endpoint_override=layout.endpoints["compute"],
                           default_microversion=NOVA_MICROVERSION)


def boot(layout, credentials, image_id, count, name, timeout=600):
    """``count`` servers NAME-1.. in one multi-create POST (no network);
    returns their ids once all are ACTIVE."""
    compute = nova(layout, login(layout.auth_url, credentials))
    reservation = compute.post("/servers", json={"server": {
        "name": name, "imageRef": image_id, "flavorRef": FLAVOR["id"],
        "networks": "none", "min_count": count, "max_count": count,
        "return_reservation_id": True}}).json()["reservation_id"]

    def active():
        servers = compute.get("/servers/detail", params={
            "reservation_id": reservation, "limit": 1000}).json()["servers"]
        if any(server["status"] == "ERROR" for server in servers):
            raise RuntimeError("devcloud: a bulk server went to ERROR")
        if len(servers) == count and all(
                server["status"] == "ACTIVE" for server in servers):
            return [server["id"] for server in servers]
        return None
    return wait_for(active, "%d servers ACTIVE" % count, timeout)


def clone(layout, template_ids, count, name, start):
    """``count`` copies of the servers ``template_ids`` (in turn), named
    NAME-START, NAME-START+1, ...; returns their ids."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    cell = _connect(layout.path("nova", "nova.sqlite"))
    api = _connect(layout.path("nova", "nova_api.sqlite"))
    try:
        cell.execute("BEGIN IMMEDIATE")
        api.execute("BEGIN IMMEDIATE")
        templates = {t: _rows(cell, api, t) for t in template_ids}
        ids = []
        for offset in range(count):
            template = templates[template_ids[offset % len(template_ids)]]
            new_id = str(uuid.uuid4())
            label = NAME % (name, start + offset)
            created = (now - datetime.timedelta(seconds=offset)).strftime(
                "%Y-%m-%d %H:%M:%S.%f")
            for database, table, row in template:
                row = dict(row, **_changes(table, row, new_id, label,
                                           created, template))
                _insert(database, table, row)
            ids.append(new_id)
        cell.execute("COMMIT")
        api.execute("COMMIT")
        return ids
    finally:
        cell.close()
        api.close()


def _connect(path):
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


def _rows(cell, api, server_id):
    """(connection, table, row) for every row Nova keeps for one server."""
    rows = [(cell, "instances", cell.execute(
        "SELECT * FROM instances WHERE uuid = ? AND deleted = 0",
        (server_id,)).fetchone())]
    if rows[0][2] is None:
        raise RuntimeError("devcloud: no server %s to clone" % server_id)
    for database, tables in ((cell, CELL_TABLES), (api, API_TABLES)):
        for table in tables:
            rows += [(database, table, row) for row in database.execute(
                "SELECT * FROM %s WHERE instance_uuid = ?" % table,
                (server_id,))]
    return rows


def _changes(table, row, new_id, label, created, template):
    old_id = template[0][2]["uuid"]
    if table == "instances":
        return dict(UNHOSTED, uuid=new_id, display_name=label,
                    hostname=label, created_at=created, updated_at=created,
                    launched_at=created)
    changes = {"instance_uuid": new_id}
    if table == "block_device_mapping":
        changes["uuid"] = str(uuid.uuid4())
    if table == "request_specs":
        changes["spec"] = row["spec"].replace(old_id, new_id)
    return changes


def _insert(database, table, row):
    row = {column: value for column, value in row.items() if column != "id"}
    database.execute("INSERT INTO %s (%s) VALUES (%s)" % (
        table, ", ".join(row), ", ".join("?" * len(row))), list(row.values()))
