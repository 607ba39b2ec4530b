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

"""The command line's translations: the environment's language picks the
client's own catalogue, read with the stdlib."""

import os

import pytest
from babel.messages import catalog
from babel.messages import mofile

from quick_backup_client.osc import i18n
from tests.osc_shell import SERVER_ID
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import openstack

UNUSABLE = "Quick Backup options are not usable: %s."


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "zh_CN.UTF-8"}, ["zh_Hans", "zh_CN", "zh"]),
    ({"LANG": "zh_SG"}, ["zh_Hans", "zh_SG", "zh"]),
    ({"LANGUAGE": "zh-hans"}, ["zh_Hans", "zh_HANS", "zh"]),
    ({"LC_ALL": "pt_BR.UTF-8", "LANG": "zh_CN.UTF-8"}, ["pt_BR", "pt"]),
    ({"LANGUAGE": "de_AT:fr", "LANG": "zh_CN"}, ["de_AT", "de", "fr"]),
    ({"LC_MESSAGES": "C.UTF-8"}, []),
    ({}, []),
])
def test_the_environment_names_djangos_catalogue(environ, expected):
    assert i18n.languages(environ) == expected


@pytest.fixture
def chinese_catalogue(tmp_path, monkeypatch):
    """A compiled catalogue with one of the command's messages."""
    messages = catalog.Catalog(locale="zh_Hans_CN", domain=i18n.DOMAIN)
    messages.add(UNUSABLE, "快速备份选项不可用：%s。")
    directory = tmp_path / "zh_Hans" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    with open(directory / (i18n.DOMAIN + ".mo"), "wb") as compiled:
        mofile.write_mo(compiled, messages)
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    i18n._catalogue.cache_clear()
    yield
    i18n._catalogue.cache_clear()


def test_the_package_catalogue_directory_is_the_clients():
    assert i18n.LOCALE_DIR == os.path.join(os.path.dirname(os.path.dirname(
        i18n.__file__)), "locale")
    assert i18n.DOMAIN == "quick_backup_client"


@pytest.mark.parametrize("lang, said", [
    ("zh_CN.UTF-8", "快速备份选项不可用：unknown method 'snapshot'。"),
    # Any other language falls back to English.
    ("de_DE.UTF-8", UNUSABLE % "unknown method 'snapshot'"),
])
def test_the_message_is_in_the_environments_language(
        http, capsys, monkeypatch, chinese_catalogue, lang, said):
    monkeypatch.setenv("LANG", lang)

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--method", "snapshot")

    assert code == 1
    assert said in err
