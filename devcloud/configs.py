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

"""Every service's config files (its one-off commands: devcloud.manage)."""

import configparser
import re
import shutil

from devcloud import glance_stores
from devcloud.layout import ADMIN, MISTRAL, MISTRAL_USER, REGION, venv_etc
from devcloud.sqlite_hook import sqlite_url
from quick_backup_client.plans import copy_step

#: The Quick Backup server side, a paste filter for nova-api (installed
#: into the virtualenv as the quick-backup-server distribution).
QUICKBACKUP_FILTER = "quick_backup_server.filter:filter_factory"
#: nova-api's pipelines with the filter, and stock (RegionStock), in DIR/nova.
NOVA_PASTE = {True: "api-paste.ini", False: "api-paste-stock.ini"}


def _write_ini(path, sections):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    for section, options in sections.items():
        parser[section] = {k: str(v) for k, v in options.items()}
    with open(path, "w") as out:
        parser.write(out)


def _service_auth(layout):
    """keystoneauth password options (every service acts as admin here)."""
    return dict(ADMIN, auth_type="password", auth_url=layout.auth_url,
                region_name=REGION)


def _authtoken(layout):
    return dict(_service_auth(layout), www_authenticate_uri=layout.auth_url)


def keystone_conf(layout):
    fernet = layout.path("keystone", "fernet")
    _write_ini(layout.path("keystone", "keystone.conf"), {
        "database": {"connection": sqlite_url(
            layout.path("keystone", "keystone.sqlite"))},
        "token": {"provider": "fernet"},
        "fernet_tokens": {"key_repository": fernet},
        "fernet_receipts": {"key_repository": fernet},
        "credential": {
            "key_repository": layout.path("keystone", "credential")},
    })


def placement_conf(layout):
    _write_ini(layout.path("placement", "placement.conf"), {
        "DEFAULT": {"debug": "false"},
        "api": {"auth_strategy": "keystone"},
        "placement_database": {"connection": sqlite_url(
            layout.path("placement", "placement.sqlite"))},
        "keystone_authtoken": _authtoken(layout),
    })


def glance_conf(layout):
    paste = layout.path("glance", "glance-api-paste.ini")
    shutil.copyfile(venv_etc("glance", "glance-api-paste.ini"), paste)
    _write_ini(layout.path("glance", "glance-api.conf"), {
        "DEFAULT": {"enabled_backends": glance_stores.enabled_backends(),
                    "show_image_direct_url": "false"},
        "database": {"connection": sqlite_url(
            layout.path("glance", "glance.sqlite"))},
        **glance_stores.glance_sections(layout),
        "os_glance_staging_store": {
            "filesystem_store_datadir": layout.path("glance", "staging")},
        "os_glance_tasks_store": {
            "filesystem_store_datadir": layout.path("glance", "tasks")},
        "paste_deploy": {"flavor": "keystone", "config_file": paste},
        "keystone_authtoken": _authtoken(layout),
        "oslo_concurrency": {"lock_path": layout.path("glance", "locks")},
        "oslo_policy": {
            "policy_file": glance_stores.glance_policy_file(layout)},
    })


def nova_api_paste(layout, quick_backup_filter):
    """Nova's stock api-paste.ini, with ``quickbackup`` in both v2.1
    pipelines (unless ``quick_backup_filter`` is false: stock Nova), as
    ``DIR/nova/NOVA_PASTE[quick_backup_filter]``.

    The filter goes right after ``keystonecontext``, so it sees the request
    context Nova builds from the validated token.
    """
    with open(venv_etc("nova", "api-paste.ini")) as stock:
        text = stock.read()
    if quick_backup_filter:
        text = re.sub(r"(?m)^(keystone\s*=.*\bkeystonecontext)\b",
                      r"\1 quickbackup", text)
        text += ("\n[filter:quickbackup]\npaste.filter_factory = %s\n"
                 % QUICKBACKUP_FILTER)
    with open(layout.path("nova", NOVA_PASTE[quick_backup_filter]),
              "w") as out:
        out.write(text)


def nova_conf(layout):
    auth = _service_auth(layout)
    _write_ini(layout.path("nova", "nova.conf"), {
        "DEFAULT": {
            "host": "devcloud",
            "my_ip": "127.0.0.1",
            "transport_url": "fake://",
            "compute_driver": "devcloud_fake.SnapshotFakeDriver",
            "state_path": layout.path("nova", "state"),
            "instances_path": layout.path("nova", "instances"),
            "log_options": "false",
        },
        "api": {"auth_strategy": "keystone"},
        "wsgi": {"api_paste_config": layout.path("nova", NOVA_PASTE[True])},
        "api_database": {"connection": sqlite_url(
            layout.path("nova", "nova_api.sqlite"))},
        "database": {"connection": cell_url(layout, "cell1")},
        "keystone_authtoken": _authtoken(layout),
        "placement": dict(auth, endpoint_override=layout.url("placement")),
        "glance": dict(auth, endpoint_override=layout.url("glance")),
        "neutron": dict(auth, endpoint_override=layout.url("neutron")),
        # Volumes: Nova finds Cinder in the caller's catalog; its calls carry
        # a service token too (else Cinder answers 409 on detach at delete).
        "cinder": dict(auth, os_region_name=REGION),
        "service_user": dict(auth, send_service_user_token="true"),
        "oslo_concurrency": {"lock_path": layout.path("nova", "locks")},
        "oslo_messaging_notifications": {"driver": "noop"},
        "scheduler": {"discover_hosts_in_cells_interval": "-1"},
        "vnc": {"enabled": "false"},
        "conductor": {"workers": "1"},
    })


def cell_url(layout, cell):
    name = "nova.sqlite" if cell == "cell1" else "nova_%s.sqlite" % cell
    return sqlite_url(layout.path("nova", name))


def cinder_conf(layout):
    """Cinder with one backend, ``devcloud`` (devcloud.cinder_driver)."""
    _write_ini(layout.path("cinder", "cinder.conf"), {
        "DEFAULT": {
            "host": "devcloud",
            "my_ip": "127.0.0.1",
            "transport_url": "fake://",
            "auth_strategy": "keystone",
            "enabled_backends": "devcloud",
            "state_path": layout.path("cinder", "state"),
            "api_paste_config": venv_etc("cinder", "api-paste.ini"),
            # The filters the API allows on list calls (Nova filters
            # attachments by instance); without the file it allows none.
            "resource_query_filters_file": venv_etc(
                "cinder", "resource_filters.json"),
            "glance_api_servers": layout.url("glance"),
            "log_options": "false",
        },
        "devcloud": {
            "volume_driver": "devcloud.cinder_driver.DevcloudVolumeDriver",
            "volume_backend_name": "devcloud",
        },
        "database": {"connection": sqlite_url(
            layout.path("cinder", "cinder.sqlite"))},
        "keystone_authtoken": _authtoken(layout),
        "nova": _service_auth(layout),
        "coordination": {
            "backend_url": "file://" + layout.path("cinder", "coordination")},
        "oslo_concurrency": {"lock_path": layout.path("cinder", "locks")},
        "oslo_messaging_notifications": {"driver": "noop"},
    })


def mistral_conf(layout):
    """Mistral in one process (devcloud.mistral_all): engine, executor and
    notifier local, over ``fake://``; cron triggers polled every 5 s by the
    periodic service (not the API). Its keystone_authtoken user is
    MISTRAL_USER, the trustee of every trust it makes, so it differs from
    the other services' (admin). Its OpenStack actions are mistral-extra's
    plus the copy-image import plans copy backups with (copy_step)."""
    mapping = layout.path("mistral", "actions_mapping.json")
    copy_step.write_mapping(mapping)
    _write_ini(layout.path("mistral", "mistral.conf"), {
        "DEFAULT": {"transport_url": "fake://", "log_options": "false",
                    "openstack_actions_mapping_path": mapping},
        "database": {"connection": sqlite_url(
            layout.path("mistral", "mistral.sqlite"))},
        "pecan": {"auth_enable": "true"},
        "keystone_authtoken": dict(
            MISTRAL_USER, auth_type="password", auth_url=layout.auth_url,
            www_authenticate_uri=layout.auth_url, region_name=REGION),
        "executor": {"type": "local"},
        "notifier": {"type": "local"},
        "cron_trigger": {"execution_interval": "5", "run_in_api": "false"},
        # mistral-extra's nova., glance., cinder. actions: endpoints from
        # the caller's catalog (public interface), in this region.
        "openstack_actions": {"default_region": REGION},
        "oslo_concurrency": {"lock_path": layout.path("mistral", "locks")},
        "oslo_messaging_notifications": {"driver": "noop"},
    })


def write_all(layout):
    keystone_conf(layout)
    placement_conf(layout)
    glance_conf(layout)
    for quick_backup_filter in NOVA_PASTE:
        nova_api_paste(layout, quick_backup_filter)
    nova_conf(layout)
    cinder_conf(layout)
    if MISTRAL:
        mistral_conf(layout)
