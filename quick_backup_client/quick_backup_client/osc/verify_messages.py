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

"""What ``openstack server quick-backup verify`` says: the result, why a
test restore failed (``verify_check``'s reasons) and why none could start,
in the command line's words; no service's own error text.
"""

from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import failures
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import N_
from quick_backup_client.osc import messages
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_server import protocol

RESULTS = {protocol.VERIFYING: N_("verifying"),
           protocol.VERIFIED_PASSED: N_("verified"),
           protocol.VERIFIED_FAILED: N_("verify failed")}
REASONS = {
    verify_check.NO_HOST: N_(
        "the Compute service found no host for the test instance"),
    verify_check.VOLUME_ERROR: N_(
        "the test instance's volumes could not be made from the backup's "
        "snapshots"),
    verify_check.BOOT_ERROR: N_("the test instance failed to boot"),
    verify_check.TIMED_OUT: N_(
        "the test instance was not running within %(minutes)d minutes"),
    verify_check.NO_OUTPUT: N_(
        "the test instance ran but wrote nothing to its console"),
    verify_check.GONE: N_(
        "the test instance was deleted before it could be checked"),
    verify_check.NOT_BOOTED: N_(
        "the Compute service's answer to the boot was lost, and no test "
        "instance appeared"),
    verify_check.NO_CONSOLE: N_(
        "the test instance ran (this cloud keeps no console log to read)"),
}
NO_ROOM = {verify_fit.INSTANCES: N_("instances"),
           verify_fit.CORES: N_("vCPUs"),
           verify_fit.RAM: N_("MiB of RAM"),
           verify_fit.VOLUMES: N_("volumes"),
           verify_fit.GIGABYTES: N_("GiB of volume storage")}


def result(image):
    """The backup's verify result in words, or None if never verified."""
    state = image.get(protocol.VERIFIED_PROPERTY)
    if state not in RESULTS:
        return None
    words = _(RESULTS[state])
    reason = image.get(protocol.VERIFIED_REASON_PROPERTY)
    if reason in REASONS:
        words = "%s: %s" % (words, _(REASONS[reason]) % {
            "minutes": verify_check.VERIFY_SECONDS // 60})
    return words


def no_room(problem):
    return _("There is no room in your project's quota for the test "
             "instance, so nothing was started: it needs %(needed)d "
             "%(what)s, %(left)d left. Free some, or ask for a larger "
             "quota.") % {"needed": problem.needed, "left": problem.left,
                          "what": _(NO_ROOM[problem.what])}


def failure(exc, backup_id):
    """Why the verify of ``backup_id`` could not go on."""
    common = messages.common_failure(exc)
    if common:
        return common
    values = {"backup": backup_id, "code": messages._code(exc)}
    kind = failures.verify_kind(exc)
    # Nova's own check, when the quota filled up since it was read.
    if kind == failures.QUOTA:
        return _("There is no room in your project's quota for the test "
                 "instance of backup %(backup)s (HTTP %(code)s), so nothing "
                 "was started.") % values
    if kind == failures.FORBIDDEN:
        return _("You are not allowed to verify backup %(backup)s (HTTP "
                 "403): test restores need the right to create "
                 "instances.") % values
    if isinstance(exc, ks_exceptions.ConnectionError):
        return _("Unable to verify backup %(backup)s: a service could not "
                 "be reached or did not answer in time. Run the command "
                 "again to go on.") % values
    if values["code"]:
        return _("Unable to verify backup %(backup)s: a service answered "
                 "HTTP %(code)s. Run the command again to go on.") % values
    return _("Unable to verify backup %(backup)s.") % values
