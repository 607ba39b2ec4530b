"""Write the config files of every service into the state directory."""

import configparser
import os
import re
import shutil

from devcloud import REGION
from devcloud.layout import ADMIN, venv_etc
from devcloud.sqlite_hook import sqlite_url

#: The paste filter of the Quick Backup server side, put into nova-api.
QUICKBACKUP_FILTER = "quick_backup_server.filter"


def _write_ini(path, sections):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    for section, options in sections.items():
        parser[section] = {k: str(v) for k, v in options.items()}
    with open(path, "w") as out:
        parser.write(out)


def _service_auth(layout):
    """keystoneauth password options (all services act as admin here)."""
    return {
        "auth_type": "password",
        "auth_url": layout.auth_url,
        "username": ADMIN["username"],
        "password": ADMIN["password"],
        "project_name": ADMIN["project_name"],
        "user_domain_name": ADMIN["user_domain_name"],
        "project_domain_name": ADMIN["project_domain_name"],
        "region_name": REGION,
    }


def _authtoken(layout):
    options = _service_auth(layout)
    options["www_authenticate_uri"] = layout.auth_url
    return options


def keystone_conf(layout):
    path = layout.path("keystone", "keystone.conf")
    _write_ini(path, {
        "database": {"connection": sqlite_url(
            layout.path("keystone", "keystone.sqlite"))},
        "token": {"provider": "fernet"},
        "fernet_tokens": {"key_repository": layout.path("keystone", "fernet")},
        "fernet_receipts": {
            "key_repository": layout.path("keystone", "fernet")},
        "credential": {
            "key_repository": layout.path("keystone", "credential")},
    })
    return path


def placement_conf(layout):
    path = layout.path("placement", "placement.conf")
    _write_ini(path, {
        "DEFAULT": {"debug": "false"},
        "api": {"auth_strategy": "keystone"},
        "placement_database": {"connection": sqlite_url(
            layout.path("placement", "placement.sqlite"))},
        "keystone_authtoken": _authtoken(layout),
    })
    return path


def glance_conf(layout):
    gdir = layout.path("glance")
    paste = os.path.join(gdir, "glance-api-paste.ini")
    shutil.copyfile(venv_etc("glance", "glance-api-paste.ini"), paste)
    path = os.path.join(gdir, "glance-api.conf")
    _write_ini(path, {
        "DEFAULT": {"enabled_backends": "fs:file",
                    "show_image_direct_url": "false"},
        "database": {"connection": sqlite_url(
            os.path.join(gdir, "glance.sqlite"))},
        "glance_store": {"default_backend": "fs"},
        "fs": {"filesystem_store_datadir": os.path.join(gdir, "images")},
        "os_glance_staging_store": {
            "filesystem_store_datadir": os.path.join(gdir, "staging")},
        "os_glance_tasks_store": {
            "filesystem_store_datadir": os.path.join(gdir, "tasks")},
        "paste_deploy": {"flavor": "keystone", "config_file": paste},
        "keystone_authtoken": _authtoken(layout),
        "oslo_concurrency": {"lock_path": os.path.join(gdir, "locks")},
    })
    return path


def nova_api_paste(layout, with_quickbackup=True):
    """Copy nova's stock api-paste.ini, adding ``quickbackup`` to v2.1.

    The filter goes right after ``keystonecontext`` so it sees the request
    context Nova builds from the validated token. (``quick_backup_server``
    is imported by nova-api from the project root, see supervisor.child_env.)
    """
    with open(venv_etc("nova", "api-paste.ini")) as stock:
        text = stock.read()
    if with_quickbackup:
        text = re.sub(r"(?m)^(keystone\s*=.*\bkeystonecontext)\b",
                      r"\1 quickbackup", text)
        text += ("\n[filter:quickbackup]\n"
                 "paste.filter_factory = %s:filter_factory\n"
                 % QUICKBACKUP_FILTER)
    path = layout.path("nova", "api-paste.ini")
    with open(path, "w") as out:
        out.write(text)
    return path


def nova_conf(layout):
    ndir = layout.path("nova")
    auth = _service_auth(layout)
    path = os.path.join(ndir, "nova.conf")
    _write_ini(path, {
        "DEFAULT": {
            "host": "devcloud",
            "my_ip": "127.0.0.1",
            "transport_url": "fake://",
            "compute_driver": "devcloud_fake.SnapshotFakeDriver",
            "state_path": os.path.join(ndir, "state"),
            "instances_path": os.path.join(ndir, "instances"),
            "log_options": "false",
        },
        "api": {"auth_strategy": "keystone"},
        "wsgi": {"api_paste_config": os.path.join(ndir, "api-paste.ini")},
        "api_database": {"connection": sqlite_url(
            os.path.join(ndir, "nova_api.sqlite"))},
        "database": {"connection": sqlite_url(
            os.path.join(ndir, "nova.sqlite"))},
        "keystone_authtoken": _authtoken(layout),
        "placement": dict(auth, endpoint_override=layout.url("placement")),
        "glance": dict(auth, endpoint_override=layout.url("glance")),
        "neutron": dict(auth, endpoint_override=layout.url("neutron")),
        "oslo_concurrency": {"lock_path": os.path.join(ndir, "locks")},
        "oslo_messaging_notifications": {"driver": "noop"},
        "scheduler": {"discover_hosts_in_cells_interval": "-1"},
        "vnc": {"enabled": "false"},
        "conductor": {"workers": "1"},
    })
    return path


def cell_urls(layout):
    """Database URLs of cell0 and cell1 for ``nova-manage cell_v2``."""
    return {
        "cell0": sqlite_url(layout.path("nova", "nova_cell0.sqlite")),
        "cell1": sqlite_url(layout.path("nova", "nova.sqlite")),
    }


def write_all(layout):
    """Write every config file; returns {service: main config path}."""
    nova_api_paste(layout)
    return {
        "keystone": keystone_conf(layout),
        "placement": placement_conf(layout),
        "glance": glance_conf(layout),
        "nova": nova_conf(layout),
    }
