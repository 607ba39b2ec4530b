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

"""The supported series as a table, for the README and the documentation.

    python -m tools.series_table      # the README's Markdown table

The rows come from ``tools.series`` (the one place that says which series
are supported); the documentation renders the same rows with its
``series-table`` directive, and a unit test checks that the README's
table is this one.
"""

import sys

from tools import series

HEADER = ("series", "Horizon", "Django", "Nova (newest microversion)",
          "Python in CI")


def rows():
    """One tuple of cells per series, oldest first."""
    return [("%s %s" % (s.name, s.codename), s.horizon, s.django,
             "%s (%s)" % (s.nova, s.max_microversion), s.python)
            for s in series.SERIES]


def markdown():
    """The table in Markdown, one line per row."""
    lines = ["| %s |" % " | ".join(HEADER),
             "| %s |" % " | ".join("---" for _ in HEADER)]
    lines += ["| %s |" % " | ".join(row) for row in rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
    sys.exit(0)
