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

"""The supported series as the README and the documentation show them."""

import pathlib

from tools import series
from tools import series_table

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_shows_the_table_that_tools_series_defines():
    assert series_table.markdown() in README.read_text(encoding="utf-8"), (
        "README.md's series table differs: paste python -m "
        "tools.series_table")


def test_the_table_has_one_row_per_series_oldest_first():
    rows = series_table.rows()
    assert [row[0].split()[0] for row in rows] == [
        s.name for s in series.SERIES]
    assert rows[0][0] == "2024.1 Caracal"
    assert all(len(row) == len(series_table.HEADER) for row in rows)
