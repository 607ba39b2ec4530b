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

"""Why a backup or a restore failed: classified once
(``quick_backup_client.failures``), said in a table by kind on each surface
(the dashboard's backup and restore messages, the command's)."""

import pytest
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.plans import words as plan_words
from backup_dashboard.panels.quick_backup import errors
from quick_backup_client import failures
from quick_backup_client.osc import messages as osc_messages
from quick_backup_client.osc import plan_messages
from quick_backup_client.plans import runs

# The kinds a backup can fail with (an Unsupported is a restore's alone).
BACKUP_KINDS = set(failures.KINDS) - {failures.UNKNOWN, failures.UNSUPPORTED}


def test_each_kind_is_told_apart_once_in_order():
    assert len(set(failures.KINDS)) == len(failures.KINDS)
    assert failures.KINDS[-1] == failures.UNKNOWN
    assert failures.kind(ValueError()) == failures.UNKNOWN


@pytest.mark.parametrize("table", [errors.BACKUP_FAILURES,
                                   osc_messages.BACKUP_FAILURES],
                         ids=["dashboard", "command"])
def test_every_surface_has_words_for_every_kind_of_backup_failure(table):
    assert set(table) == BACKUP_KINDS


def test_the_restore_table_is_keyed_by_the_same_kinds():
    assert set(errors.RESTORE_FAILURES) <= set(failures.KINDS)


@pytest.mark.parametrize("exc, words", [
    (nova_api.RebuildUnsupported(), "needs its API version 2.93"),
    (nova_exceptions.Conflict(409), "cannot be restored right now"),
    (nova_exceptions.Forbidden(403), "not allowed to rebuild"),
    (nova_exceptions.NotFound(404, "Instance x could not be found"),
     "or the backup no longer exists"),
    (nova_exceptions.NotFound(404, "Image not found"),
     "or the backup no longer exists"),
    (nova_exceptions.BadRequest(400), "cannot rebuild instance"),
    (nova_exceptions.RateLimit(429), "was not restored"),
    (nova_exceptions.ClientException(500), "may have started"),
    (ks_exceptions.ConnectTimeout(), "may have started"),
    (ValueError(), "may have started"),
])
def test_a_restore_failure_is_said_by_its_kind(exc, words):
    message = str(errors.restore_failure_message(exc) % {"instance": "web-1"})
    assert words in message
    assert "web-1" in message


def test_a_rebuild_this_nova_cannot_do_made_nothing():
    assert failures.kind(nova_api.RebuildUnsupported()) == \
        failures.UNSUPPORTED
    assert failures.nothing_was_made(nova_api.RebuildUnsupported())


def test_a_backup_failure_of_no_known_kind_says_it_plainly():
    assert str(errors.failure_message(ValueError()) % {
        "instance": "web-1"}) == 'Unable to back up instance "web-1".'


@pytest.mark.parametrize("table, kinds", [
    (plan_words.ITEM_FAILURES, set(runs.KINDS) - {runs.MADE}),
    (plan_words.RUN_STATES, set(runs.STATES)),
    (plan_messages.RESULTS, set(runs.KINDS)),
    (plan_messages.STATES, set(runs.STATES)),
    (plan_words.COPY_RESULTS, set(runs.COPY_KINDS)),
    (plan_messages.COPY_RESULTS, set(runs.COPY_KINDS)),
], ids=["dashboard items", "dashboard runs", "command items",
        "command runs", "dashboard copies", "command copies"])
def test_every_surface_has_words_for_every_kind_of_plan_run(table, kinds):
    assert set(table) == kinds
