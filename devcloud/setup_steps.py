"""One-off database and key setup, run before the services start.

Each service's steps must run in order; different services' steps may run
in parallel (they are mostly Python import time and SQLite DDL).
"""

import grp
import os
import pwd

from devcloud import REGION
from devcloud.configs import cell_urls
from devcloud.layout import ADMIN, script, venv_etc


def keystone_steps(layout, conf):
    manage = [script("keystone-manage"), "--config-file", conf]
    url = layout.auth_url
    owner = ["--keystone-user", pwd.getpwuid(os.getuid()).pw_name,
             "--keystone-group", grp.getgrgid(os.getgid()).gr_name]
    return [
        manage + ["db_sync"],
        manage + ["fernet_setup"] + owner,
        manage + ["credential_setup"] + owner,
        manage + ["bootstrap",
                  "--bootstrap-username", ADMIN["username"],
                  "--bootstrap-password", ADMIN["password"],
                  "--bootstrap-project-name", ADMIN["project_name"],
                  "--bootstrap-admin-url", url,
                  "--bootstrap-internal-url", url,
                  "--bootstrap-public-url", url,
                  "--bootstrap-region-id", REGION],
    ]


def placement_steps(layout, conf):
    return [[script("placement-manage"), "--config-file", conf,
             "db", "sync"]]


def glance_steps(layout, conf):
    manage = [script("glance-manage"), "--config-file", conf]
    return [
        manage + ["db", "sync"],
        manage + ["db", "load_metadefs", "--path",
                  venv_etc("glance", "metadefs")],
    ]


def nova_steps(layout, conf):
    manage = [script("nova-manage"), "--config-file", conf]
    cells = cell_urls(layout)
    return [
        manage + ["api_db", "sync"],
        manage + ["cell_v2", "map_cell0",
                  "--database_connection", cells["cell0"]],
        manage + ["cell_v2", "create_cell", "--name", "cell1",
                  "--transport-url", "fake://",
                  "--database_connection", cells["cell1"]],
        manage + ["db", "sync"],
    ]


STEPS = {
    "keystone": keystone_steps,
    "placement": placement_steps,
    "glance": glance_steps,
    "nova": nova_steps,
}
