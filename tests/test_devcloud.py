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

"""devcloud's generated configs: nova-api's pipelines with and without the
Quick Backup filter, Cinder beside Nova, and the two regions.

No service is started.
"""

import configparser
from importlib import metadata
import subprocess
import sys

import pytest

from devcloud import bootstrap
from devcloud import configs
from devcloud import manage
from devcloud.layout import CHECKOUT, MISTRAL, MISTRAL_USER, PORTS, Layout
from devcloud.layout import choose_ports


def _installed(distribution):
    try:
        return bool(metadata.distribution(distribution))
    except metadata.PackageNotFoundError:
        return False


# devcloud writes its configs from the services' own files (nova-api's
# api-paste.ini...), which devcloud/requirements.txt installs beside the
# dashboard in the project's venv (make unit); a series' test env (tox -e
# unit-<series>) has the dashboard alone.
pytestmark = pytest.mark.skipif(
    not _installed("nova"), reason="devcloud's services are not installed "
    "here (devcloud/requirements.txt)")

PIPELINES = ("composite:openstack_compute_api_v21",
             "composite:openstack_compute_api_v21_legacy_v2_compatible")


def read_ini(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return parser


def nova_api_paste(tmp_path, quick_backup_filter):
    (tmp_path / "nova").mkdir()
    configs.nova_api_paste(Layout(tmp_path), quick_backup_filter)
    return (tmp_path / "nova" / configs.NOVA_PASTE[quick_backup_filter])


@pytest.fixture
def layout(tmp_path):
    layout = Layout(tmp_path / "state", choose_ports())
    layout.reset()
    configs.write_all(layout)
    return layout


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_filter_right_after_keystonecontext(tmp_path, pipeline):
    paste = read_ini(nova_api_paste(tmp_path, True))
    filters = paste[pipeline]["keystone"].split()
    assert filters[filters.index("keystonecontext") + 1] == "quickbackup"
    assert filters.count("quickbackup") == 1
    assert paste["filter:quickbackup"]["paste.filter_factory"] == (
        "quick_backup_server.filter:filter_factory")


def test_stock_nova_has_no_filter(tmp_path):
    assert "quickbackup" not in nova_api_paste(tmp_path, False).read_text()


def test_one_nova_serves_both_pipelines(layout):
    nova_conf = read_ini(layout.path("nova", "nova.conf"))
    assert nova_conf["wsgi"]["api_paste_config"] == layout.path(
        "nova", configs.NOVA_PASTE[True])
    assert layout.service_ports("nova") == [layout.ports["nova"],
                                            layout.ports["nova-stock"]]
    assert layout.service_ports("cinder") == [layout.ports["cinder"]]
    assert len(set(layout.ports.values())) == len(PORTS)


def test_nova_sends_cinder_a_service_token(layout):
    nova_conf = read_ini(layout.path("nova", "nova.conf"))
    assert nova_conf["service_user"]["send_service_user_token"] == "true"
    for section in ("service_user", "cinder"):
        assert nova_conf[section]["auth_type"] == "password"
        assert nova_conf[section]["auth_url"] == layout.auth_url


def test_cinder_config(layout):
    cinder_conf = read_ini(layout.path("cinder", "cinder.conf"))
    default = cinder_conf["DEFAULT"]
    assert default["transport_url"] == "fake://"
    assert default["resource_query_filters_file"].endswith(
        "resource_filters.json")
    backend = cinder_conf[default["enabled_backends"]]
    assert backend["volume_driver"] == (
        "devcloud.cinder_driver.DevcloudVolumeDriver")
    assert cinder_conf["database"]["connection"].startswith("sqlite:///")
    assert "cinder" in manage.setup_steps(layout)


def test_regions_differ_only_in_compute(layout):
    info = layout.info()
    stock = info["endpoints"] | info["endpoints_stock"]
    assert [name for name in stock if stock[name] != info["endpoints"][
        name]] == ["compute"]
    assert info["endpoints"]["volumev3"].endswith("/v3")
    assert set(info["faults"]) == {"compute", "compute_stock", "image",
                                   "volume", "identity", "network"} | (
                                       {"workflow"} if MISTRAL else set())


def test_the_catalog_registers_every_endpoint_the_layout_serves(layout):
    assert set(bootstrap.CATALOG) | {"identity"} == set(
        layout.info()["endpoints"])


@pytest.mark.skipif(not MISTRAL, reason="Mistral is not installed here")
def test_mistral_runs_in_one_process_as_its_own_service_user(layout):
    mistral_conf = read_ini(layout.path("mistral", "mistral.conf"))
    assert mistral_conf["DEFAULT"]["transport_url"] == "fake://"
    assert [mistral_conf[part]["type"] for part in (
        "executor", "notifier")] == ["local", "local"]
    assert mistral_conf["cron_trigger"]["run_in_api"] == "false"
    assert mistral_conf["pecan"]["auth_enable"] == "true"
    authtoken = mistral_conf["keystone_authtoken"]
    assert (authtoken["username"], authtoken["project_name"]) == (
        MISTRAL_USER["username"], MISTRAL_USER["project_name"])
    assert layout.info()["endpoints"]["workflowv2"].endswith("/v2")


#: Run where Mistral cannot be imported: what devcloud then serves.
WITHOUT_MISTRAL = """
import sys
sys.modules["mistral"] = None
from devcloud import bootstrap, configs, layout
cloud = layout.Layout(sys.argv[1], layout.choose_ports())
cloud.reset()
configs.write_all(cloud)
print(layout.MISTRAL, "mistral" in layout.SERVICES,
      "workflowv2" in cloud.info()["endpoints"],
      "workflowv2" in bootstrap.CATALOG, "workflow" in cloud.info()["faults"])
"""


def test_without_mistral_installed_the_cloud_has_no_workflowv2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_MISTRAL, str(tmp_path / "state")],
        cwd=CHECKOUT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"] * 5
    assert not (tmp_path / "state" / "mistral").exists()
