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

"""The Backups table's column headers in the user's language, also on
Horizon before 25.2 (backup_dashboard/panels/columns.py)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from backup_dashboard.panels.backups import tables
from backup_dashboard.panels import columns

OURS = ("name", "instance", "description", "status", "progress", "size",
        "stores", "created")


def headers(language):
    with translation.override(language):
        return {name: str(tables.BackupsTable.base_columns[name])
                for name in OURS}


def test_every_header_of_the_backups_table_is_in_the_users_language():
    english, chinese = headers("en"), headers("zh-hans")

    assert english["name"] == "Name"
    assert chinese["name"] == "名称"
    assert [name for name in OURS if chinese[name] == english[name]] == []


def test_a_column_made_before_any_language_is_chosen_follows_it_later():
    with translation.override("en"):
        column = columns.WrappingColumn("name", verbose_name=_("Name"))
    with translation.override("zh-hans"):
        assert str(column) == "名称"
        assert str(column.verbose_name) == "名称"
