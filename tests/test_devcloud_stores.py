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

"""devcloud's Glance has two file stores and lets project members copy
between them, and its Horizon's image policy says the same."""

import configparser

import pytest
import yaml

pytest.importorskip("gunicorn", reason="devcloud's requirements are not "
                    "installed")

from devcloud import configs  # noqa: E402
from devcloud import glance_stores  # noqa: E402
from devcloud import horizon  # noqa: E402
from devcloud.layout import Layout, choose_ports  # noqa: E402


@pytest.fixture
def layout(tmp_path, monkeypatch):
    layout = Layout(str(tmp_path), choose_ports(horizon_port=0))
    layout.reset()
    # Glance's paste file, as the virtualenv ships it.
    monkeypatch.setattr(configs.shutil, "copyfile", lambda *args: None)
    return layout


def test_glance_has_the_two_stores_the_default_first_and_the_policy(
        layout):
    configs.glance_conf(layout)
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(layout.path("glance", "glance-api.conf"))
    assert conf["DEFAULT"]["enabled_backends"] == "local:file, offsite:file"
    assert conf["glance_store"]["default_backend"] == "local"
    assert {conf[name]["filesystem_store_datadir"]
            for name in glance_stores.STORES} == {
        layout.path("glance", "images"),
        layout.path("glance", "images-offsite")}
    with open(conf["oslo_policy"]["policy_file"]) as policy:
        assert yaml.safe_load(policy) == glance_stores.POLICY


def test_horizons_image_policy_grants_the_same_copy_rules(layout):
    horizon.environment(layout, {"PYTHONPATH": ""})
    with open(layout.path("horizon", "local", "local_settings.py")) as out:
        settings = out.read()
    directory = layout.path("horizon", glance_stores.HORIZON_POLICY_DIR)
    assert repr([directory]) in settings
    with open(directory + "/copy_image.yaml") as policy:
        assert yaml.safe_load(policy) == glance_stores.POLICY
    assert "role:member and project_id:%(project_id)s" in \
        glance_stores.POLICY["copy_image"]
