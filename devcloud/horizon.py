"""Horizon with the plugin, enabled through generated settings.

Nothing is copied into the installed Horizon.

Horizon's settings do ``from local.local_settings import *``: we write a
``local/local_settings.py`` package under the state directory and put it
first on Horizon's PYTHONPATH. That file also enables the plugin from the
checkout's ``enabled/`` directory (see the comment in SETTINGS).
"""

import os
import secrets
import sys

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


def environment(layout, env):
    """Write ``DIR/horizon/local/local_settings.py``; return ``env`` with
    that directory first on PYTHONPATH, for Horizon's process."""
    package = layout.path("horizon", "local")
    os.makedirs(package, exist_ok=True)
    open(os.path.join(package, "__init__.py"), "w").close()
    with open(os.path.join(package, "local_settings.py"), "w") as out:
        out.write(SETTINGS.format(
            secret_key=secrets.token_urlsafe(48),
            static_root=layout.path("horizon", "static"),
            auth_url=layout.auth_url,
            region=REGION,
            log_file=layout.log("horizon"),
            enabled_dir=os.path.join(CHECKOUT, "enabled"),
            locale_paths=horizon_locale.compile_horizon_catalogues(
                layout.path("horizon", "locale")),
            api_timeout=API_TIMEOUT))
    return dict(env, DJANGO_SETTINGS_MODULE="openstack_dashboard.settings",
                PYTHONPATH=os.pathsep.join([layout.path("horizon"),
                                            env["PYTHONPATH"]]))


def command(layout):
    """Horizon's development server on its port (no autoreload)."""
    return [sys.executable, "-m", "django", "runserver", "--noreload",
            "--insecure", "127.0.0.1:%d" % layout.ports["horizon"]]
