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

"""An openrc for the local cloud, so that the ``openstack`` command (and our
``openstack server quick-backup``) reaches it from another terminal."""

import os
import shlex

from devcloud.layout import REGION

# Variables from another cloud that would override or confuse these.
UNSET = ("OS_CLOUD", "OS_TOKEN", "OS_PROJECT_ID", "OS_TENANT_ID",
         "OS_TENANT_NAME", "OS_USER_ID", "OS_DOMAIN_NAME")


def environment(info, who="demo", region=REGION):
    """The OS_* variables of devcloud's ``demo`` (or ``admin``) user."""
    user = info[who]
    return {"OS_AUTH_URL": info["auth_url"],
            "OS_AUTH_TYPE": "password",
            "OS_IDENTITY_API_VERSION": "3",
            "OS_USERNAME": user["username"],
            "OS_PASSWORD": user["password"],
            "OS_PROJECT_NAME": user["project_name"],
            "OS_USER_DOMAIN_NAME": user["user_domain_name"],
            "OS_PROJECT_DOMAIN_NAME": user["project_domain_name"],
            "OS_REGION_NAME": region,
            "OS_INTERFACE": "public"}


def write(path, info, who="demo"):
    """Write the openrc (readable by its owner alone: it holds a password)
    and return its path."""
    lines = ["# devcloud's %s user on the local cloud; it lasts as long as "
             "that cloud." % who,
             "# Use it in a shell: . %s" % shlex.quote(path)]
    lines += ["unset %s" % name for name in UNSET]
    lines += ["export %s=%s" % (name, shlex.quote(value))
              for name, value in environment(info, who).items()]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as openrc:
        openrc.write("\n".join(lines) + "\n")
    return path
