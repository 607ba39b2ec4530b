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

"""A page's times paired with its backend's own: what the page costs beyond
the backend's time, the figure the big-project benchmarks bound.

After each timed GET of a page, the page's own request to its backend
(Glance's query of the Backups panel, Mistral's three of the Plans page) is
sent alone with the same user's token, right after it. The backend may
itself slow with its rows (its database), which no page can avoid, and on
a shared two-core machine a whole page's time moves by about 0.2 between
runs; the difference of each pair moves far less.
"""

import statistics

#: The bound on the ratio of the time beyond the backend's, many rows
#: against few.
MAX_RATIO = 1.2


def medians(page_ms, alone_ms, backend):
    """A row's figures: the page's median, ``backend``'s alone, and the
    median of each GET's time beyond its pair; with the times themselves.
    """
    return {"gets": len(page_ms),
            "median_ms": statistics.median(page_ms),
            backend + "_median_ms": statistics.median(alone_ms),
            "beyond_%s_median_ms" % backend: statistics.median(
                page - alone for page, alone in zip(page_ms, alone_ms)),
            "page_ms": page_ms, backend + "_ms": alone_ms}


def add_ratios(rows, backend):
    """Each row's page and beyond-the-backend medians against the first
    row's: ``ratio`` and ``beyond_<backend>_ratio``."""
    for row in rows:
        for key in ("median_ms", "beyond_%s_median_ms" % backend):
            row[key.replace("median_ms", "ratio")] = round(
                row[key] / rows[0][key], 3)
    return rows
