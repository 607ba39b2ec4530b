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

"""A plan that copies each backup to another store, run (Run now) on the
local cloud's real Mistral and two-store Glance: the image-backed backup
ends in both stores, the volume-backed one is reported as not copied, and
a copy Glance refuses fails the run but keeps the backup."""

from quick_backup_client import copies
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from tests.integration import cloud as cloud_api
from tests.integration.test_plans_cloud import finished_runs
from tests.integration.test_plans_cloud import mistral_of  # noqa: F401
from tests.integration.test_plans_cloud import plan_backups


def _run(mistral, project_id, plan):
    store.create(mistral, project_id, plan)
    try:
        store.run_now(mistral, project_id, plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=180, what="the run to end")
        run, = finished_runs(mistral, plan.id)
        return run
    finally:
        store.delete(mistral, plan)


def test_a_plan_copies_each_image_backed_backup_and_says_why_not_the_others(
        cloud, mistral_of, demo_session):  # noqa: F811
    mistral, session = mistral_of("demo")
    project_id = session.get_project_id()
    # devcloud's own image-backed and volume-backed instances (no boot).
    plan_servers = {"img": cloud.info["servers"]["web-1"],
                    "vol": cloud.info["servers"]["vol-1"]}
    plan = spec.make("copy", [plan_servers["img"], plan_servers["vol"]],
                     "daily", "03:00", paused=True, copy_to="offsite")
    bad = spec.make("copy nowhere", [plan_servers["img"]], "daily", "03:00",
                    paused=True, copy_to="nowhere")
    try:
        _runs_and_checks(mistral, project_id, demo_session, plan_servers,
                         plan, bad)
    finally:
        for made in (plan, bad):
            for server_id in plan_servers.values():
                for image in plan_backups(demo_session, made.id, server_id):
                    cloud_api.delete_backup(demo_session, image["id"])


def _runs_and_checks(mistral, project_id, demo_session, plan_servers, plan,
                     bad):
    run = _run(mistral, project_id, plan)
    assert run.state == runs.SUCCEEDED, run
    items = {item.server: item for item in run.items}
    img, vol = items[plan_servers["img"]], items[plan_servers["vol"]]
    assert (img.kind, img.copy, img.copy_to) == (
        runs.MADE, runs.COPIED, "offsite")
    made, = plan_backups(demo_session, plan.id, plan_servers["img"])
    assert copies.stores(made) == ["local", "offsite"]
    # Its data are Cinder snapshots: made, not copied, and the run is fine.
    assert (vol.kind, vol.copy) == (runs.MADE, runs.NOT_COPIED)
    assert plan_backups(demo_session, plan.id, plan_servers["vol"])

    # A store Glance does not have: its refusal fails the run, and the
    # backup (in the default store) is kept.
    run = _run(mistral, project_id, bad)
    assert run.state == runs.FAILED, run
    item, = run.items
    assert (item.kind, item.copy, item.copy_to) == (
        runs.COPY_FAILED, runs.COPY_UNKNOWN_STORE, "nowhere")
    kept, = plan_backups(demo_session, bad.id, plan_servers["img"])
    assert kept["status"] == "active" and item.image == kept["id"]
    assert copies.stores(kept) == ["local"]
