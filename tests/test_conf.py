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

"""The plugin's settings: the shipped settings file holds every default,
and Horizon's value wins over it."""

import pathlib
import re

from django.test import override_settings

from backup_dashboard import conf

PACKAGE = pathlib.Path(conf.__file__).resolve().parent


def test_the_settings_file_names_every_setting_the_code_reads():
    read = set()
    for path in PACKAGE.rglob("*.py"):
        read |= set(re.findall(r'conf\.get\("(QUICK_BACKUP_\w+)"\)',
                               path.read_text()))
    assert read and read == set(conf.DEFAULTS)


def test_the_code_reads_no_setting_of_ours_around_the_defaults():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r'getattr\(settings,\s*"QUICK_BACKUP_', text), \
            path


def test_an_unset_setting_means_the_settings_files_default():
    assert conf.get("QUICK_BACKUP_METHOD") == "auto"
    assert conf.get("QUICK_BACKUP_API_TIMEOUT") == 60
    assert conf.get("QUICK_BACKUP_DISCOVERY_SECONDS") == 3600
    assert conf.get("QUICK_BACKUP_ROTATION") is None


@override_settings(QUICK_BACKUP_METHOD="create_image",
                   QUICK_BACKUP_API_TIMEOUT=7)
def test_horizons_setting_wins_over_the_default():
    assert conf.get("QUICK_BACKUP_METHOD") == "create_image"
    assert conf.get("QUICK_BACKUP_API_TIMEOUT") == 7
