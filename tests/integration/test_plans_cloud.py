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

"""Backup plans on the local cloud's real Mistral, Nova, Glance, Cinder and
Keystone: runs on a schedule keep exactly N, a plan's deletion takes its
trigger and trust, a vanished instance is reported, projects are apart,
and the workflows are replaced when their text changes."""

import time

import pytest

from devcloud.bootstrap import login
from quick_backup_server import protocol

from quick_backup_client.plans import executions
from quick_backup_client.plans import retention
from quick_backup_client.plans import firings
from quick_backup_client.plans import runs
from quick_backup_client.plans import scope
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from tests.integration import cloud as cloud_api
from tests.integration.conftest import user_session



@pytest.fixture(scope="module")
def mistral_of(cloud):
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral")
    clients = {}

    def client(who):
        if who not in clients:
            session = user_session(cloud, who)
            clients[who] = (store.connect(session=session), session)
        return clients[who]
    return client


@pytest.fixture(scope="module")
def plan_servers(cloud, demo_session, mistral_of):
    """An image-backed and a volume-backed server of the module's own."""
    info = cloud.info
    ids = {"img": cloud_api.boot_server(demo_session, "plan-img",
                                        info["image_id"], info["flavor_id"])}
    body = {"server": {"name": "plan-vol", "flavorRef": info["flavor_id"],
                       "networks": "none", "block_device_mapping_v2": [{
                           "uuid": info["image_id"], "source_type": "image",
                           "destination_type": "volume", "volume_size": 1,
                           "boot_index": 0, "delete_on_termination": True}]}}
    ids["vol"] = demo_session.post(
        "/servers", endpoint_filter=cloud_api.COMPUTE,
        headers=cloud_api.NO_NETWORK_MICROVERSION,
        json=body).json()["server"]["id"]
    cloud_api.wait_until(lambda: cloud_api.server(
        demo_session, ids["vol"])["status"] == "ACTIVE", timeout=180,
        what="plan-vol to be ACTIVE")
    yield ids
    for server_id in ids.values():
        for image in plan_backups(demo_session, None, server_id):
            cloud_api.delete_backup(demo_session, image["id"])
        cloud_api.delete_server(demo_session, server_id)


def plan_backups(session, plan_id, server_id):
    filters = {protocol.INSTANCE_PROPERTY: server_id}
    if plan_id:
        filters[protocol.PLAN_PROPERTY] = plan_id
    return session.get("/v2/images", endpoint_filter=cloud_api.IMAGE,
                       params=filters).json()["images"]


def trusts_of(admin_session, user_session_):
    return admin_session.get(
        "/OS-TRUST/trusts", endpoint_filter={"service_type": "identity"},
        params={"trustor_user_id": user_session_.get_user_id()}
    ).json()["trusts"]


def finished_runs(mistral, plan_id):
    return [run for run in map(runs.read, executions.history(mistral, plan_id))
            if run.state != runs.RUNNING]


def test_a_plan_firing_every_minute_keeps_exactly_n_of_each_instance(
        mistral_of, plan_servers, admin_session):
    mistral, session = mistral_of("demo")
    trusts_before = len(trusts_of(admin_session, session))
    plan = spec.make("every minute", list(plan_servers.values()), "cron",
                     "* * * * *", retention=retention.Retention(keep_last=1))
    store.create(mistral, session.get_project_id(), plan)
    assert len(trusts_of(admin_session, session)) == trusts_before + 1
    try:
        cloud_api.wait_until(
            lambda: len([run for run in finished_runs(mistral, plan.id)
                         if run.state == runs.SUCCEEDED]) >= 2,
            timeout=420, what="two successful runs of the plan")
    finally:
        store.delete(mistral, plan)
    # The trigger and its trust went with the plan (seen as admin).
    admin_mistral, _admin = mistral_of("admin")
    assert plan.env_name not in [trigger.name for trigger in
                                 admin_mistral.cron_triggers.list(
                                     all_projects=True)]
    assert len(trusts_of(admin_session, session)) == trusts_before
    cloud_api.wait_until(
        lambda: not [run for run in map(runs.read, executions.history(
            mistral, plan.id)) if run.state == runs.RUNNING],
        timeout=300, what="the plan's runs to end")
    done = finished_runs(mistral, plan.id)
    # Runs that found the one before still running were skipped.
    assert {run.state for run in done} <= {runs.SUCCEEDED, runs.SKIPPED}, \
        done
    deleted_snapshots = []
    for server_id in plan_servers.values():
        kept = plan_backups(session, plan.id, server_id)
        assert [image["status"] for image in kept] == ["active"]
        items = [item for run in done for item in run.items
                 if item.server == server_id]
        made = {item.image for item in items}
        assert len(made) >= 2 and kept[0]["id"] in made
        for item in items:
            for image_id in item.deleted:
                assert cloud_api.image_gone(session, image_id)
            deleted_snapshots += item.snapshots_deleted
    # The volume-backed instance's old snapshots went with their images.
    assert deleted_snapshots
    cloud_api.wait_until(lambda: all(
        cloud_api.volume_snapshot_gone(session, snapshot_id)
        for snapshot_id in deleted_snapshots), what="deleted snapshots")


def test_an_instance_deleted_under_a_plan_shows_in_the_history_with_why(
        cloud, mistral_of, demo_session):
    mistral, session = mistral_of("demo")
    server_id = cloud_api.boot_server(demo_session, "plan-gone",
                                      cloud.info["image_id"],
                                      cloud.info["flavor_id"])
    plan = spec.make("gone", [server_id], "daily", "03:00", paused=True)
    store.create(mistral, session.get_project_id(), plan)
    try:
        cloud_api.delete_server(demo_session, server_id)
        cloud_api.wait_until(lambda: demo_session.get(
            "/servers/" + server_id, endpoint_filter=cloud_api.COMPUTE,
            raise_exc=False).status_code == 404, what="the server to go")
        store.run_now(mistral, session.get_project_id(), plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=120, what="the run to end")
        run, = finished_runs(mistral, plan.id)
        assert run.state == runs.FAILED and not run.scheduled
        assert [(item.server, item.kind) for item in run.items] == [
            (server_id, runs.INSTANCE_GONE)]
        listed, = [listed for listed in store.plans(mistral)
                   if listed.plan.id == plan.id]
        assert listed.last["failed"] is True
        assert runs.last_kinds(listed.last) == {server_id: runs.INSTANCE_GONE}
    finally:
        store.delete(mistral, plan)


IDENTITY = {"service_type": "identity"}


def test_a_run_whose_backup_nova_answered_with_a_500_waits_and_tries_again(
        cloud, mistral_of, demo_session, plan_servers):
    """Nova answers a createImage that lost a race with a 500 (and leaves
    the image it made queued): the run looks for its queued image, waits
    for the instance and sends again; one backup, none left queued."""
    mistral, session = mistral_of("demo")
    server_id = plan_servers["img"]
    before = {image["id"] for image in plan_backups(session, None,
                                                     server_id)}
    plan = spec.make("nova 500", [server_id], "daily", "03:00", paused=True)
    store.create(mistral, session.get_project_id(), plan)
    faults = cloud.info["faults"]["compute"]
    demo_session.post(faults, authenticated=False, json={
        "method": "POST", "path_regex": "/servers/%s/action$" % server_id,
        "status": 500, "count": 1})
    try:
        store.run_now(mistral, session.get_project_id(), plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=240, what="the run to end")
        run, = finished_runs(mistral, plan.id)
        assert run.state == runs.SUCCEEDED, run
        made = [image for image in plan_backups(session, plan.id, server_id)
                if image["id"] not in before]
        assert [image["status"] for image in made] == ["active"]
        sent = [request for request in demo_session.get(
            faults, authenticated=False).json()["requests"]
            if request == "POST /v2.1/servers/%s/action" % server_id or
            request.endswith("/servers/%s/action" % server_id)]
        assert len(sent) == 2, sent
    finally:
        demo_session.delete(faults, authenticated=False)
        store.delete(mistral, plan)


def test_a_plan_whose_owner_lost_the_role_says_its_run_did_not_start(
        cloud, mistral_of, admin_session, plan_servers):
    """Keystone refuses the trust, Mistral starts nothing: the plan's next
    reader (another member of the project) is told."""
    info = cloud.info
    project_id = info["demo_project_id"]
    owner = {"username": "plan-owner", "password": "plan-owner-secret",
             "user_domain_name": "Default", "project_name": "demo",
             "project_domain_name": "Default"}
    user_id = admin_session.post("/users", endpoint_filter=IDENTITY, json={
        "user": {"name": owner["username"], "password": owner["password"],
                 "domain_id": "default"}}).json()["user"]["id"]
    roles = {role["name"]: role["id"] for role in admin_session.get(
        "/roles", endpoint_filter=IDENTITY).json()["roles"]}
    grant = "/projects/%s/users/%s/roles/%s" % (project_id, user_id,
                                                roles["member"])
    admin_session.put(grant, endpoint_filter=IDENTITY)
    mistral, session = mistral_of("demo")
    try:
        owner_session = login(info["auth_url"], owner)
        plan = spec.make("owner leaves", [plan_servers["img"]], "cron",
                         "* * * * *")
        store.create(store.connect(session=owner_session), project_id, plan)
        admin_session.delete(grant, endpoint_filter=IDENTITY)

        def missed():
            time.sleep(3)  # a few requests a poll
            listed = store.get(mistral, plan.id)
            return firings.missed(listed.trigger, [
                runs.read(execution)
                for execution in executions.history(mistral, plan.id)])
        due = cloud_api.wait_until(missed, timeout=150,
                                   what="a firing that started nothing")
        assert due is not None
        assert finished_runs(mistral, plan.id) == []
        assert plan_backups(session, plan.id, plan_servers["img"]) == []
        # Another member of the project deletes it, trigger and trust.
        store.delete(mistral, plan)
        assert store.get(mistral, plan.id) is None
    finally:
        admin_session.delete("/users/" + user_id, endpoint_filter=IDENTITY)


def test_another_project_can_neither_see_run_nor_delete_a_plan(
        mistral_of, plan_servers):
    mistral, session = mistral_of("demo")
    plan = spec.make("private", [plan_servers["img"]], "daily", "03:00",
                     paused=True)
    store.create(mistral, session.get_project_id(), plan)
    try:
        alt, alt_session = mistral_of("alt")
        assert plan.id not in [listed.plan.id for listed in store.plans(alt)]
        assert store.get(alt, plan.id) is None
        store.delete(alt, plan)  # finds nothing of the other project's
        with pytest.raises(Exception):
            store.run_now(alt, alt_session.get_project_id(), plan)
        assert store.get(mistral, plan.id).plan == plan
        assert executions.history(mistral, plan.id) == []
    finally:
        store.delete(mistral, plan)


def test_the_workflows_are_replaced_when_their_text_changes(mistral_of):
    mistral, session = mistral_of("demo")
    project_id = session.get_project_id()
    workflow.forget(project_id)
    workflow.ensure(mistral, project_id)
    mark = "(%s)" % workflow.current_digest()
    # An older release's workflows: another text, so another digest.
    mistral.workflows.update(workflow.definition().replace(
        mark, "(sha256:0000000000000000)"))
    workflow.forget(project_id)
    assert workflow.ensure(mistral, project_id) is True
    for name in (workflow.RUN_WORKFLOW, workflow.INSTANCE_WORKFLOW):
        assert mark in mistral.workflows.get(name).definition
    # Found current: a process that has not checked yet sends nothing more.
    workflow.forget(project_id)
    assert workflow.ensure(mistral, project_id) is False
    # Known current now: no request at all the next time.
    assert workflow.ensure(None, project_id) is False


def test_an_admins_trigger_names_its_own_projects_workflow_by_id(mistral_of):
    # Mistral resolves a workflow name across projects for admins: the
    # trigger is made with the id of the admin project's own workflow.
    demo, demo_session = mistral_of("demo")
    workflow.ensure(demo, demo_session.get_project_id())
    theirs = demo.workflows.get(workflow.RUN_WORKFLOW).id
    admin, session = mistral_of("admin")
    plan = spec.make("admin's", ["00000000-0000-4000-8000-000000000001"],
                     "cron", "0 0 1 1 *")  # never fires during the test
    store.create(admin, session.get_project_id(), plan)
    try:
        own = [held.id for held in scope.own(admin, admin.workflows.list(
            name=workflow.RUN_WORKFLOW))]
        trigger = admin.cron_triggers.get(plan.env_name)
        assert [trigger.workflow_id] == own and own != [theirs]
    finally:
        store.delete(admin, plan)
