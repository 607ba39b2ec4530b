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

"""Horizon with the plugin, enabled through generated settings, served by
gunicorn's worker processes that share Debian's memcached as their cache.

Nothing is copied into the installed Horizon.

Horizon's settings do ``from local.local_settings import *``: we write a
``local/local_settings.py`` package under the state directory and put it
first on Horizon's PYTHONPATH. That file also enables the plugin from the
checkout's ``backup_dashboard/enabled/`` directory (see the comment in SETTINGS).
"""

import os
import pwd
import secrets
import shutil
import sys

from gunicorn import config as gunicorn_config

from devcloud import glance_stores
from devcloud import horizon_locale
from devcloud.layout import CHECKOUT, REGION

#: Horizon's QUICK_BACKUP_API_TIMEOUT here, in seconds: tests that need an
#: answer slower than the dashboard waits for delay it a little longer.
API_TIMEOUT = 10

SETTINGS = '''\
# Written by devcloud for one run: Horizon against the local cloud.
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Without a SECRET_KEY Horizon writes a key file into its own package.
SECRET_KEY = {secret_key!r}
STATIC_ROOT = {static_root!r}
COMPRESS_OFFLINE = False
COMPRESS_ENABLED = True

OPENSTACK_HOST = "127.0.0.1"
OPENSTACK_KEYSTONE_URL = {auth_url!r}
OPENSTACK_KEYSTONE_DEFAULT_ROLE = "member"
AVAILABLE_REGIONS = []
# Short for the local cloud, so that the fault matrix's "slower than the
# timeout" cases cost seconds (the plugin's default is 60).
QUICK_BACKUP_API_TIMEOUT = {api_timeout!r}
# RegionStock has the same services but Nova without Quick Backup's filter:
# log in to RegionOne; /auth/switch_services_region/RegionStock/ switches.
DEFAULT_SERVICE_REGIONS = {{"*": {region!r}}}

# Horizon's own default backend, at devcloud's memcached on a Unix socket
# that only this user can reach (no TCP port): every worker process shares
# sessions and Quick Backup's once-only claims.
CACHES = {{
    "default": {{
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": {cache!r},
    }},
}}

# The Neutron stand-in is small: one network, no routers or quotas.
OPENSTACK_NEUTRON_NETWORK = {{
    "enable_router": False,
    "enable_quotas": False,
    "enable_distributed_router": False,
    "enable_ha_router": False,
    "enable_fip_topology_check": False,
}}

# Glance here lets members copy their images between stores
# (devcloud/glance_stores.py): Horizon's image policy says the same.
from openstack_dashboard import defaults as _defaults
POLICY_DIRS = dict(_defaults.POLICY_DIRS, image=[{image_policy_dir!r}])

# Horizon's own Simplified Chinese (see horizon_locale.py).
LOCALE_PATHS = {locale_paths!r}

LOGGING = {{
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {{"file": {{"class": "logging.FileHandler",
                          "filename": {log_file!r}}}}},
    "root": {{"handlers": ["file"], "level": "INFO"}},
}}

# The plugin, enabled without copying its file into Horizon: after this
# file, Horizon's settings run update_dashboards() over
# openstack_dashboard.local.enabled, which lists that package's modules
# with pkgutil.iter_modules(package.__path__). A directory added to its
# __path__ counts as if its files had been copied into it.
from openstack_dashboard.local import enabled as _local_enabled
_local_enabled.__path__.append({enabled_dir!r})
'''


#: The environment variable naming the file whose existence lets Horizon
#: open its listener (see horizon_wsgi.py): the cloud creates it once filled.
GATE = "DEVCLOUD_HORIZON_GATE"
#: The plugin's enabled files, in the checkout (its package).
ENABLED_DIR = os.path.join(CHECKOUT, "backup_dashboard", "enabled")
#: gunicorn's access log names the worker (%(p)s: its pid) of each request.
ACCESS_LOG = '%(p)s %(h)s "%(r)s" %(s)s %(L)ss'
#: memcached's memory in MB: far more than a run's sessions and claims
#: need; with -M a full cache is an error, never a silent eviction.
MEMCACHED_MB = 256
#: The socket's mode (octal, as memcached's ``-a`` takes it): its user only.
SOCKET_MODE = "600"


def environment(layout, env, name="horizon", extra_settings=""):
    """Write ``DIR/NAME/local/local_settings.py`` (``extra_settings`` at its
    end); return ``env`` with that directory first on PYTHONPATH, for
    Horizon's processes."""
    package = layout.path(name, "local")
    os.makedirs(package, exist_ok=True)
    open(os.path.join(package, "__init__.py"), "w").close()
    with open(os.path.join(package, "local_settings.py"), "w") as out:
        out.write(SETTINGS.format(
            secret_key=secrets.token_urlsafe(48),
            static_root=layout.path(name, "static"),
            auth_url=layout.auth_url,
            region=REGION,
            cache="unix:" + layout.memcached_socket,
            log_file=layout.log(name),
            enabled_dir=ENABLED_DIR,
            locale_paths=horizon_locale.compile_horizon_catalogues(
                layout.path(name, "locale")),
            api_timeout=API_TIMEOUT,
            image_policy_dir=glance_stores.horizon_policy_dir(layout, name))
            + extra_settings)
    return dict(env, DJANGO_SETTINGS_MODULE="openstack_dashboard.settings",
                PYTHONPATH=os.pathsep.join([layout.path(name),
                                            env["PYTHONPATH"]]))


def command(port, workers):
    """gunicorn with ``workers`` sync worker processes on ``port``: each
    serves one request at a time. The app is loaded once, before the
    workers fork; no control socket (its default path is shared by every
    gunicorn of the user; gunicorn before 25.1, such as 2024.1's 21.2, has
    none and no option to refuse it)."""
    no_control_socket = (["--no-control-socket"] if hasattr(
        gunicorn_config, "ControlSocketDisable") else [])
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers),
            "--bind", "127.0.0.1:%d" % port, "--preload",
            "--timeout", "300", "--graceful-timeout", "5",
            *no_control_socket, "--access-logfile", "-",
            "--access-logformat", ACCESS_LOG, "devcloud.horizon_wsgi:build()"]


def memcached_command(layout):
    """Debian's memcached for Horizon's cache, on a Unix socket only (``-s``
    turns its network listeners off; ``-a`` lets only its user connect),
    never evicting (``-M``). ``-u`` counts only for root, which memcached
    otherwise refuses."""
    binary = shutil.which("memcached")
    if binary is None:
        raise RuntimeError("devcloud: Horizon's cache needs memcached, which "
                           "is missing: install Debian's package as root "
                           "(apt-get install memcached)")
    return [binary, "-s", layout.memcached_socket, "-a", SOCKET_MODE,
            "-U", "0", "-m", str(MEMCACHED_MB), "-M",
            "-u", pwd.getpwuid(os.getuid()).pw_name]


def prepare_memcached_socket(layout):
    """The socket's directory, for this user alone (0700), without a
    socket left by an earlier run."""
    directory = os.path.dirname(layout.memcached_socket)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    os.chmod(directory, 0o700)
    if os.path.exists(layout.memcached_socket):
        os.unlink(layout.memcached_socket)


def remove_memcached_socket(layout):
    """The socket, once memcached has ended, and its directory when that is
    the fallback under /tmp (one in the state directory stays: it goes
    with the state directory)."""
    path = layout.memcached_socket
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    directory = os.path.dirname(path)
    if not directory.startswith(layout.root + os.sep):
        try:
            os.rmdir(directory)
        except OSError:  # gone already, or not empty: not ours to empty
            pass
