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

"""The openrc that `make demo` writes for the local cloud's demo user."""

import os
import shlex
import subprocess

from devcloud import openrc


def test_the_openrc_names_the_demo_user_and_only_its_owner_reads_it(
        tmp_path):
    info = {"auth_url": "http://127.0.0.1:5000/v3",
            "demo": {"username": "demo", "password": "it's $ecret",
                     "project_name": "demo", "user_domain_name": "Default",
                     "project_domain_name": "Default"}}
    path = openrc.write(str(tmp_path / "openrc"), info)

    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    script = "set -e; . %s; env" % shlex.quote(path)
    env = subprocess.run(["sh", "-c", script], capture_output=True,
                         text=True, check=True, env={"OS_CLOUD": "other",
                                                     "PATH": os.defpath}
                         ).stdout.splitlines()
    assert "OS_PASSWORD=it's $ecret" in env
    assert "OS_AUTH_URL=http://127.0.0.1:5000/v3" in env
    assert "OS_USERNAME=demo" in env
    assert "OS_PROJECT_NAME=demo" in env
    assert "OS_REGION_NAME=RegionOne" in env
    assert "OS_IDENTITY_API_VERSION=3" in env
    assert not [line for line in env if line.startswith("OS_CLOUD=")]
