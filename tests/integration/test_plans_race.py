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

"""A click on Quick Backup and a plan's run that meet at Nova, on the local
cloud's real Mistral, Nova 34 and Glance, with Horizon over HTTP: no error
page, no stuck image, no more backups than were accepted.

The meeting is made, not hoped for: devcloud's fault injector in front of
Nova holds the run's createImage at a barrier until the click's
backup_instance arrives, then lets both into Nova together, where each
reads the instance idle and one loses (Nova's 500 with a queued image, or
its 409 for the task). The plan is started with "run now", not by its cron
trigger: a trigger starts the same workflow with the same input (the plan's
id) and environment (``store._schedule`` and ``store.run_now``), and sends
Nova the same requests, as the same user; only the wait for the minute
would differ (about a minute more, and no control over the moment).
"""

import pytest

from quick_backup_client.plans import executions
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_server import protocol
from tests.integration import cloud as cloud_api
from tests.integration import horizon_http

BACKUPS = "project/quick_backups/"
UNFINISHED = ("queued", "saving")
MADE = "Image ID:"
# What the click may be told: made, or refused (nothing made) because the
# run's backup came first (Nova's 409, or its 500 cleaned up).
REFUSED = ("was starting at the same moment",
           "Another backup or task is running on instance")
BARRIER_SECONDS = 60


def own_server(cloud, session, name, boot=None):
    """A plan test's server of its own (``boot()`` makes it, else one from
    the cloud's image), yielded; its backups and it go afterwards. Skips
    where this series' local cloud runs no Mistral.
    """
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral")
    server_id = boot() if boot else cloud_api.boot_server(
        session, name, cloud.info["image_id"], cloud.info["flavor_id"])
    yield server_id
    for image in images_of(session, server_id):
        cloud_api.delete_backup(session, image["id"])
    cloud_api.delete_server(session, server_id)


@pytest.fixture
def race_server(cloud, demo_session):
    """A server of the test's own; its backups and it go afterwards."""
    yield from own_server(cloud, demo_session, "plan-race")


def images_of(session, server_id):
    """Every image of ``server_id``: Quick Backup's property, and Nova's."""
    found = {}
    for key in (protocol.INSTANCE_PROPERTY, protocol.NOVA_INSTANCE_PROPERTY):
        for image in session.get(
                "/v2/images", endpoint_filter=cloud_api.IMAGE,
                params={key: server_id}).json()["images"]:
            found[image["id"]] = image
    return list(found.values())


def barrier(session, faults):
    [held] = session.get(faults, authenticated=False).json()["barriers"]
    return held


def finished_runs(mistral, plan_id):
    return [run for run in map(runs.read, executions.history(mistral, plan_id))
            if run.state != runs.RUNNING]


def test_a_click_and_a_plan_run_that_meet_at_nova_leave_no_error_page_and_no_stuck_image(  # noqa: E501
        cloud, demo_session, race_server):
    mistral = store.connect(session=demo_session)
    project_id = demo_session.get_project_id()
    horizon = horizon_http.Horizon(cloud.horizon_url, cloud.info["demo"])
    plan = spec.make("race", [race_server], "daily", "03:00", paused=True)
    store.create(mistral, project_id, plan)
    form = BACKUPS + "%s/create/" % race_server
    page = horizon.get(form)
    assert page.status_code == 200, page.status_code
    fields = dict(horizon_http.form_fields(page.text), name="race click")
    faults = cloud.info["faults"]["compute"]
    demo_session.post(faults, authenticated=False, json={
        "method": "POST", "barrier": BARRIER_SECONDS,
        "path_regex": "/servers/%s/(action|backup_instance)$" % race_server})
    try:
        store.run_now(mistral, project_id, plan)
        # The run's createImage is held at Nova's door: now the click.
        cloud_api.wait_until(
            lambda: barrier(demo_session, faults)["arrived"] == 1,
            timeout=BARRIER_SECONDS, what="the run's createImage")
        answer = horizon.post(form, fields)
        met = barrier(demo_session, faults)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=240, what="the run to end")
        seen = demo_session.get(faults, authenticated=False).json()[
            "requests"]
    finally:
        demo_session.delete(faults, authenticated=False)
        store.delete(mistral, plan)
    assert met["met"] and not met["timed_out"], met

    # The click: Horizon's redirect and one message of ours, never a 500.
    assert answer.status_code == 302, (answer.status_code, answer.text[:300])
    said = horizon.messages_after(answer)
    assert len(said) == 1, said
    level, text = said[0]
    click_made = level == "success" and MADE in text
    assert click_made or (level == "danger" and any(
        words in text for words in REFUSED)), said
    assert "Traceback" not in text and "UnexpectedTaskState" not in text

    # The run: succeeded (it retries after Nova's 409 or 500), or a reason.
    run, = finished_runs(mistral, plan.id)
    assert run.state == runs.SUCCEEDED or all(
        item.kind in runs.KINDS and item.kind != runs.UNKNOWN
        for item in run.items), run
    run_made = [item.image for item in run.items if item.kind == runs.MADE]
    # The click was sent once (a form never sends again); the run sent its
    # createImage again only after Nova's 409 or 500, which made nothing.
    clicks = [r for r in seen if r.startswith("POST ") and r.endswith(
        "/servers/%s/backup_instance" % race_server)]
    sends = [r for r in seen if r.startswith("POST ") and r.endswith(
        "/servers/%s/action" % race_server)]
    assert len(clicks) == 1 and 1 <= len(sends) <= 2, [
        r for r in seen if race_server in r]

    # Nothing stuck: every image of the instance becomes active (bounded),
    # and there are no more of them than the backups accepted.
    cloud_api.wait_idle(demo_session, race_server)
    cloud_api.wait_until(lambda: not [
        image for image in images_of(demo_session, race_server)
        if image["status"] in UNFINISHED], timeout=120,
        what="no image of the instance to be queued or saving")
    images = images_of(demo_session, race_server)
    assert {image["status"] for image in images} <= {"active"}, images
    assert len(images) == int(click_made) + len(run_made), (said, run,
                                                             images)
    assert set(run_made) <= {image["id"] for image in images}
    print("race: click %s; run %s %s after %d createImage; %d images" % (
        "made" if click_made else "refused (%s)" % text, run.state,
        [item.kind for item in run.items], len(sends), len(images)))
