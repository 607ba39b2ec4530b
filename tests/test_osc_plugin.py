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

"""The OpenStackClient plugin as installed: its entry points, and no Django
(the command needs neither Horizon nor its settings)."""

import subprocess
import sys
from importlib import metadata

from quick_backup_client.osc import create
from quick_backup_client.osc import listing
from quick_backup_client.osc import plan_actions
from quick_backup_client.osc import plan_create
from quick_backup_client.osc import plan_list
from quick_backup_client.osc import plan_set
from quick_backup_client.osc import plugin
from quick_backup_client.osc import verify as osc_verify


def entry_points(group):
    found = metadata.entry_points()
    # Python 3.9's is a dict by group (select() came with 3.10).
    points = found.select(group=group) if hasattr(found, "select") \
        else found.get(group, ())
    return {point.name: point for point in points}


def test_the_distribution_registers_the_plugin_and_its_commands():
    assert entry_points("openstack.cli.extension")[
        "quick_backup"].load() is plugin
    commands = entry_points("openstack.%s.v%s" % (
        plugin.API_NAME, plugin.DEFAULT_API_VERSION))
    assert commands["server_quick-backup"].load() is \
        create.CreateQuickBackup
    assert commands["server_quick-backup_list"].load() is \
        listing.ListQuickBackups
    assert commands["server_quick-backup_verify"].load() is \
        osc_verify.VerifyQuickBackup
    plans = {"create": plan_create.CreatePlan, "list": plan_list.ListPlans,
             "show": plan_list.ShowPlan, "set": plan_set.SetPlan,
             "delete": plan_actions.DeletePlan, "run": plan_actions.RunPlan,
             "history": plan_actions.PlanHistory}
    assert {name: commands["server_quick-backup_plan_" + name].load()
            for name in plans} == plans
    assert plugin.DEFAULT_API_VERSION in plugin.API_VERSIONS


def test_the_command_imports_no_django():
    code = ("import sys\n"
            "from openstackclient import shell\n"
            "import quick_backup_client.osc.copy\n"
            "import quick_backup_client.osc.create\n"
            "import quick_backup_client.osc.listing\n"
            "import quick_backup_client.osc.verify\n"
            "import quick_backup_client.osc.plan_actions\n"
            "import quick_backup_client.osc.plan_set\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('django', 'horizon', 'openstack_dashboard', 'openstack_auth')))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert ran.stdout.strip() == "[]"


def test_the_library_imports_neither_django_nor_the_command_line():
    """What the dashboard uses of the client needs novaclient and
    keystoneauth1 (and the server's protocol module), nothing more."""
    code = ("import sys\n"
            "from quick_backup_client import backup_images, backup_paths\n"
            "from quick_backup_client import catalogues, copies, failures\n"
            "from quick_backup_client.novaclient_ext import quick_backup\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {"
            "'django', 'horizon', 'openstack_dashboard', 'openstack_auth', "
            "'osc_lib', 'openstackclient', 'openstack', 'cliff', "
            "'babel'}))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert ran.stdout.strip() == "[]"


def test_the_nova_command_keeps_its_extension():
    assert "quick_backups" in entry_points("novaclient.extension")
