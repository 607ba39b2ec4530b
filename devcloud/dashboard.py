"""Horizon with the plugin, against a running devcloud.

Writes a ``local/local_settings.py`` package (Horizon does
``from local.local_settings import *``), copies the plugin's enabled file
into Horizon as an operator would, and serves Horizon on 127.0.0.1.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import openstack_dashboard

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENABLED_FILE = os.path.join(PROJECT_ROOT, "enabled",
                            "_1920_project_quick_backup_panel.py")

SETTINGS = '''\
# Written by devcloud for one run: Horizon against the local cloud.
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = {secret_key!r}
STATIC_ROOT = {static_root!r}
COMPRESS_OFFLINE = False
COMPRESS_ENABLED = True

OPENSTACK_HOST = "127.0.0.1"
OPENSTACK_KEYSTONE_URL = {auth_url!r}
OPENSTACK_KEYSTONE_DEFAULT_ROLE = "member"
AVAILABLE_REGIONS = []

# Sessions live in the cache: keep them all (the default 300 entries evict
# sessions, and Horizon answers 400 SessionInterrupted).
CACHES = {{
    "default": {{
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {{"MAX_ENTRIES": 100000}},
    }},
}}

# The Neutron stand-in is read-only and small.
OPENSTACK_NEUTRON_NETWORK = {{
    "enable_router": False,
    "enable_quotas": False,
    "enable_distributed_router": False,
    "enable_ha_router": False,
    "enable_fip_topology_check": False,
}}

LOGGING = {{
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {{"file": {{"class": "logging.FileHandler",
                          "filename": {log_file!r}}}}},
    "root": {{"handlers": ["file"], "level": "INFO"}},
}}
'''


def install_enabled_file():
    """Copy the plugin's enabled file into Horizon (idempotent)."""
    target = os.path.join(os.path.dirname(openstack_dashboard.__file__),
                          "local", "enabled",
                          os.path.basename(ENABLED_FILE))
    shutil.copyfile(ENABLED_FILE, target)
    return target


def write_settings(state_dir, auth_url):
    """Write ``<state_dir>/horizon/local/local_settings.py``; return the
    directory to put first on ``PYTHONPATH``."""
    root = os.path.join(os.path.abspath(state_dir), "horizon")
    package = os.path.join(root, "local")
    os.makedirs(package, exist_ok=True)
    open(os.path.join(package, "__init__.py"), "w").close()
    with open(os.path.join(package, "local_settings.py"), "w") as out:
        out.write(SETTINGS.format(
            secret_key=secrets.token_urlsafe(48),
            static_root=os.path.join(root, "static"),
            auth_url=auth_url,
            log_file=os.path.join(os.path.abspath(state_dir), "logs",
                                  "horizon.log")))
    return root


def start(state_dir, auth_url, port, log_path):
    """Start Horizon on 127.0.0.1:port in its own process group."""
    install_enabled_file()
    settings_root = write_settings(state_dir, auth_url)
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(
                   [settings_root, PROJECT_ROOT,
                    os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               DJANGO_SETTINGS_MODULE="openstack_dashboard.settings")
    log = open(log_path, "ab")
    return subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload",
         "--insecure", "127.0.0.1:%d" % port],
        stdout=log, stderr=subprocess.STDOUT, env=env,
        start_new_session=True)


def wait_ready(url, process, timeout=120):
    """Wait until Horizon's login page answers (its first page is slow: the
    stylesheets are compiled on demand)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("Horizon exited with %s" % process.returncode)
        try:
            with urllib.request.urlopen(url + "auth/login/", timeout=60):
                return
        except urllib.error.HTTPError as error:
            raise RuntimeError("Horizon answered %d on its login page; see "
                               "its log" % error.code)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError("Horizon did not answer within %ds" % timeout)
