"""devcloud's nova-api pipelines with and without the Quick Backup filter.

No service is started.
"""

import configparser

import pytest

from devcloud import configs
from devcloud.layout import Layout

PIPELINES = ("composite:openstack_compute_api_v21",
             "composite:openstack_compute_api_v21_legacy_v2_compatible")


def nova_api_paste(tmp_path, quick_backup_filter):
    (tmp_path / "nova").mkdir()
    configs.nova_api_paste(Layout(tmp_path), quick_backup_filter)
    return (tmp_path / "nova" / "api-paste.ini").read_text()


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_filter_right_after_keystonecontext(tmp_path, pipeline):
    paste = configparser.ConfigParser(interpolation=None)
    paste.read_string(nova_api_paste(tmp_path, True))
    filters = paste[pipeline]["keystone"].split()
    assert filters[filters.index("keystonecontext") + 1] == "quickbackup"
    assert filters.count("quickbackup") == 1
    assert paste["filter:quickbackup"]["paste.filter_factory"] == (
        "quick_backup_server.filter:filter_factory")


def test_stock_nova_has_no_filter(tmp_path):
    assert "quickbackup" not in nova_api_paste(tmp_path, False)
