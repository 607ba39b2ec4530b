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

"""Every service's one-off ``*-manage`` commands, on its config files."""

import grp
import os
import pwd

from devcloud.configs import cell_url
from devcloud.layout import ADMIN, REGION, script, venv_etc


def _manage(layout, service, conf):
    return [script(service + "-manage"), "--config-file",
            layout.path(service, conf)]


def setup_steps(layout):
    """Commands by service: each service's run in order, different
    services' may run in parallel."""
    keystone = _manage(layout, "keystone", "keystone.conf")
    owner = ["--keystone-user", pwd.getpwuid(os.getuid()).pw_name,
             "--keystone-group", grp.getgrgid(os.getgid()).gr_name]
    glance = _manage(layout, "glance", "glance-api.conf")
    nova = _manage(layout, "nova", "nova.conf")
    cinder = _manage(layout, "cinder", "cinder.conf")
    return {
        "keystone": [
            keystone + ["db_sync"],
            keystone + ["fernet_setup"] + owner,
            keystone + ["credential_setup"] + owner,
            keystone + ["bootstrap",
                        "--bootstrap-username", ADMIN["username"],
                        "--bootstrap-password", ADMIN["password"],
                        "--bootstrap-project-name", ADMIN["project_name"],
                        "--bootstrap-admin-url", layout.auth_url,
                        "--bootstrap-internal-url", layout.auth_url,
                        "--bootstrap-public-url", layout.auth_url,
                        "--bootstrap-region-id", REGION],
        ],
        "placement": [_manage(layout, "placement", "placement.conf")
                      + ["db", "sync"]],
        "glance": [
            glance + ["db", "sync"],
            glance + ["db", "load_metadefs",
                      "--path", venv_etc("glance", "metadefs")],
        ],
        "nova": [
            nova + ["api_db", "sync"],
            nova + ["cell_v2", "map_cell0",
                    "--database_connection", cell_url(layout, "cell0")],
            nova + ["cell_v2", "create_cell", "--name", "cell1",
                    "--transport-url", "fake://",
                    "--database_connection", cell_url(layout, "cell1")],
            nova + ["db", "sync"],
        ],
        "cinder": [cinder + ["db", "sync"]],
    }


def discover_hosts(layout):
    """Maps the compute host into its cell, once nova-compute reported."""
    return _manage(layout, "nova", "nova.conf") + [
        "cell_v2", "discover_hosts", "--verbose"]
