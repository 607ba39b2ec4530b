"""The two distributions as operators install them: the server side alone
into a bare virtualenv (no Horizon), loaded by paste.deploy; the dashboard
without the server side inside it."""

import gettext
import io
import json
import pathlib
import shutil
import subprocess
import sys
import venv
import zipfile

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


def test_dashboard_wheel_leaves_the_server_side_out(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet",
                    "--no-deps", "--disable-pip-version-check",
                    "-w", str(tmp_path), str(source)], check=True)
    [wheel] = tmp_path.glob("backup_dashboard-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert "backup_dashboard" in tops
    assert not tops & {"quick_backup_server", "devcloud", "tests"}
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = [line for line in zipfile.ZipFile(wheel).read(
        metadata).decode().splitlines() if line.startswith("Requires-Dist")]
    assert "Requires-Dist: quick-backup-server" in requires


def test_dashboard_wheel_carries_the_compiled_chinese_catalogue(tmp_path):
    source = tmp_path / "source"
    # No .mo from the checkout: the wheel's build must compile its own.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "*.mo", ".git", ".venv", ".state", "artifacts", "build",
        "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet",
                    "--no-deps", "--disable-pip-version-check",
                    "-w", str(tmp_path), str(source)], check=True)
    [wheel] = tmp_path.glob("backup_dashboard-*.whl")
    catalogue = "backup_dashboard/locale/zh_Hans/LC_MESSAGES/django.mo"
    translations = gettext.GNUTranslations(
        io.BytesIO(zipfile.ZipFile(wheel).read(catalogue)))
    assert translations.gettext("Quick Backup") == "快速备份"
