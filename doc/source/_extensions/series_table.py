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

"""``.. series-table::``: the supported series, read from tools.series."""

from docutils import nodes
from docutils.parsers.rst import Directive

from tools import series_table


def _row(cells):
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


class SeriesTable(Directive):
    """A table of every supported series, oldest first."""

    has_content = False

    def run(self):
        group = nodes.tgroup(cols=len(series_table.HEADER))
        for _ in series_table.HEADER:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += _row(series_table.HEADER)
        body = nodes.tbody()
        for cells in series_table.rows():
            body += _row(cells)
        group += head
        group += body
        table = nodes.table(classes=["docutils"])
        table += group
        return [table]


def setup(app):
    app.add_directive("series-table", SeriesTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
