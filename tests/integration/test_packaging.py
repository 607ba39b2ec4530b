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

"""The three distributions as operators install them: the server side alone
into a bare virtualenv (no Horizon), loaded by paste.deploy; the client
without Django; the dashboard without the client or the server side inside
it, and without the command line's packages in Horizon's environment."""

import gettext
import io
import json
import pathlib
import shutil
import subprocess
import sys
import venv
import zipfile
from importlib import metadata

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Not to copy when building from a copy (setuptools writes build/ into the
# tree it builds).
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", ".state", "artifacts",
                                    "build", "*.egg-info", "__pycache__")
SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"

# A stand-in for nova-api behind the filter, answering createImage (2.45).
FAKE_NOVA = '''
import gettext
import io
import json

def app_factory(global_conf, **local_conf):
    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"null")
        answer = json.dumps({"image_id": "%s", "saw": {
            "path": environ["PATH_INFO"], "body": body}}).encode()
        start_response("202 Accepted", [("Content-Type", "application/json")])
        return [answer]
    return app
''' % IMAGE_ID

# Loads api-paste.ini the way nova-api does, and sends one backup.
LOAD_AND_CALL = '''
import json, sys
from paste.deploy import loadapp
import webob

app = loadapp("config:" + sys.argv[1])
request = webob.Request.blank("/servers/%s/backup_instance", method="POST",
                              json={"name": "nightly"})
response = request.get_response(app)
print(json.dumps({"status": response.status_int, "body": response.json}))
''' % SERVER_ID

API_PASTE = '''
[pipeline:main]
pipeline = quickbackup nova

[filter:quickbackup]
%s

[app:nova]
paste.app_factory = fake_nova:app_factory
'''


@pytest.fixture(scope="module")
def nova_venv(tmp_path_factory):
    """A virtualenv with nothing but the server side and PasteDeploy."""
    path = tmp_path_factory.mktemp("nova-venv")
    source = path / "source"
    shutil.copytree(ROOT / "quick_backup_server", source, ignore=NOT_SOURCE)
    venv.create(path, with_pip=True)
    python = str(path / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", str(source),
                    "PasteDeploy"], check=True)
    return python


def installed(python):
    listed = subprocess.run([python, "-m", "pip", "list", "--format=json",
                             "--disable-pip-version-check"],
                            check=True, capture_output=True, text=True)
    return {package["name"].lower() for package in json.loads(listed.stdout)}


def test_server_side_installs_without_horizon(nova_venv):
    assert installed(nova_venv) <= {"quick-backup-server", "webob",
                                    "pastedeploy", "pip", "setuptools"}
    assert "quick-backup-server" in installed(nova_venv)


@pytest.mark.parametrize("factory", [
    "paste.filter_factory = quick_backup_server.filter:filter_factory",
    "use = egg:quick-backup-server#quickbackup",
])
def test_paste_deploy_loads_the_filter_from_api_paste_ini(nova_venv,
                                                          tmp_path, factory):
    (tmp_path / "fake_nova.py").write_text(FAKE_NOVA)
    (tmp_path / "api-paste.ini").write_text(API_PASTE % factory)

    ran = subprocess.run(
        [nova_venv, "-c", LOAD_AND_CALL, str(tmp_path / "api-paste.ini")],
        cwd=tmp_path, check=True, capture_output=True, text=True)

    answer = json.loads(ran.stdout)
    assert answer == {"status": 202, "body": {"id": IMAGE_ID}}


def wheel(tmp_path, directory="."):
    """The wheel pip builds of the checkout's ``directory`` (no .mo from
    the checkout: the build must compile its own)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "*.mo", ".git", ".venv*", ".state", ".tox", "artifacts", "build",
        "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet",
                    "--no-deps", "--disable-pip-version-check",
                    "-w", str(tmp_path), str(source / directory)],
                   check=True)
    [built] = tmp_path.glob("*.whl")
    return zipfile.ZipFile(built)


def requirements(built):
    metadata = next(n for n in built.namelist()
                    if n.endswith(".dist-info/METADATA"))
    return [line.split(":", 1)[1].strip()
            for line in built.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist")]


def test_dashboard_wheel_leaves_the_client_and_the_server_side_out(tmp_path):
    built = wheel(tmp_path)
    tops = {name.split("/")[0] for name in built.namelist()}
    assert "backup_dashboard" in tops
    assert not tops & {"quick_backup_server", "quick_backup_client",
                       "devcloud", "tests", "tools", "enabled"}
    assert "backup_dashboard/enabled/_1920_project_quick_backup_panel.py" \
        in built.namelist()
    assert "backup_dashboard/local_settings.d/" \
        "_1920_quick_backup_settings.py" in built.namelist()
    requires = requirements(built)
    assert "quick-backup-server" in requires
    assert "quick-backup-client" in requires  # never its [cli] extra
    assert not [r for r in requires if "openstackclient" in r or "osc-lib"
                in r]


def test_client_wheel_has_no_django_and_puts_the_command_behind_an_extra(
        tmp_path):
    built = wheel(tmp_path, "quick_backup_client")
    tops = {name.split("/")[0] for name in built.namelist()}
    assert tops - {"quick_backup_client"} == {
        next(t for t in tops if t.endswith(".dist-info"))}
    requires = requirements(built)
    plain = sorted(r.split(">")[0] for r in requires if "extra" not in r)
    assert plain == ["keystoneauth1", "python-mistralclient",
                     "python-novaclient", "quick-backup-server"]
    extra = sorted(r.split(">")[0] for r in requires if "extra" in r)
    assert extra == ["osc-lib", "python-openstackclient"]
    assert not [r for r in requires if "django" in r.lower()
                or "horizon" in r.lower()]
    catalogue = ("quick_backup_client/locale/zh_Hans/LC_MESSAGES/"
                 "quick_backup_client.mo")
    translations = gettext.GNUTranslations(io.BytesIO(built.read(catalogue)))
    assert translations.gettext("Quick Backup options are not usable: %s.") \
        == "快速备份选项不可用：%s。"


def resolved(tmp_path, *requirements):
    """What pip installs for ``requirements`` into an environment that has
    none of it yet, with the checkout's constraints: {name: version}."""
    report = tmp_path / "report.json"
    subprocess.run([
        sys.executable, "-m", "pip", "install", "--quiet", "--dry-run",
        "--ignore-installed", "--disable-pip-version-check",
        "--report", str(report), "-c", str(ROOT / "constraints.txt")]
        + list(requirements), check=True)
    return {item["metadata"]["name"].lower(): item["metadata"]["version"]
            for item in json.loads(report.read_text())["install"]}


def _constraints_pin(name):
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.lower().startswith(name + "=="):
            return line.split("==", 1)[1].strip()
    return None


@pytest.mark.skipif(
    _constraints_pin("horizon") != metadata.version("horizon"),
    reason="constraints.txt is the newest series': on another series' "
    "cloud (make test-oldest) each series' own install is the unit "
    "matrix's (tox -e unit-<series>, one pip command with its constraints)")
def test_installing_the_dashboard_adds_only_itself_to_horizon(tmp_path):
    """The dashboard into Horizon's environment: our three distributions
    and python-mistralclient (for backup plans) with what it needs
    (osc-lib and cliff among them), no OpenStackClient, and every package
    Horizon already has at the version it had."""
    horizon = resolved(tmp_path, "horizon")
    mistral = resolved(tmp_path, "horizon", "python-mistralclient")
    with_plugin = resolved(
        tmp_path, str(ROOT / "quick_backup_server"),
        str(ROOT / "quick_backup_client"), str(ROOT))

    added = set(with_plugin) - set(horizon)
    assert added == {"backup-dashboard", "quick-backup-client",
                     "quick-backup-server"} | (set(mistral) - set(horizon))
    assert "python-mistralclient" in added
    assert {name: with_plugin[name] for name in horizon} == horizon
    assert "python-openstackclient" not in with_plugin


def test_dashboard_wheel_carries_the_compiled_chinese_catalogue(tmp_path):
    built = wheel(tmp_path)
    catalogue = "backup_dashboard/locale/zh_Hans/LC_MESSAGES/django.mo"
    translations = gettext.GNUTranslations(io.BytesIO(built.read(catalogue)))
    assert translations.gettext("Quick Backup") == "快速备份"
