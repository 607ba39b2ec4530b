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

"""Benchmark: the Backups panel with 100 against 10,000 Quick Backups in a
project, on the real local cloud, and its paging at the ends.

The demo project and the alt project each hold bulk Quick Backups of one
of their instances: one 100, the other 10,000, then the other way round
(two phases, so that neither project's own cost favours a count). In each
phase a logged-in client of each project GETs its Backups page in turn,
GET after GET, so that a drifting machine load (other tests, CI) slows
both counts alike. As benchmarks/test_backups_panel.py does for other
images: per page the requests Glance, Nova and Cinder saw (the fault
injector's logs), the page's median time, and the panel's Glance query
sent alone right after each GET (Glance's own cost of a property filter
over more matching images, which no request of the panel can avoid). It
prints a table, writes artifacts/bench_quick_backups.json and asserts the
same requests per page and at most ``paired.MAX_RATIO`` times the page's
time beyond Glance's own with 10,000.

Then, with 10,000, the pages a user walks: the first, Next a few times,
a page in the middle and the last one by their markers (500 pages of 20
would take minutes), Prev back from the last, and Prev back to the first:
each page's rows are exactly Glance's own order at that place (none
missing or twice at a join), and the first and last pages offer no link
beyond the ends.
"""

import json
import os
import time

from benchmarks import paired
from benchmarks.horizon import BACKUPS
from benchmarks.horizon import HorizonClient
from benchmarks import quick_backups
from benchmarks.test_backups_panel import requests_per_page
from devcloud.layout import CHECKOUT
from quick_backup_client import backup_images
from tests.integration.cloud import IMAGE

GETS = 6  # timed GETs of each page per phase
PAGE = 20  # rows per page (backup_images.backups_page's default limit)
NEXT_PAGES = 4  # pages followed by Next from the first
REPORT = os.path.join(CHECKOUT, "artifacts", "bench_quick_backups.json")
FEW, MANY = quick_backups.COUNTS


def print_table(rows):
    print("\nBackups page with Quick Backups of one instance, %d GETs per "
          "count (two projects in turn), medians in ms" % rows[0]["gets"])
    print("%13s %6s %5s %6s %8s %7s %12s %7s %13s" % (
        "quick backups", "Glance", "Nova", "Cinder", "page ms", "ratio",
        "Glance query", "beyond", "beyond ratio"))
    for row in rows:
        per = row["requests_per_page"]
        print("%13d %6d %5d %6d %8.1f %7.2f %12.1f %7.1f %13.2f" % (
            row["quick_backups"], per["image"], per["compute"],
            per["volume"], row["median_ms"], row["ratio"],
            row["glance_median_ms"], row["beyond_glance_median_ms"],
            row["beyond_glance_ratio"]))


def timed_page(horizon, bulk):
    """One GET of the page and then of its Glance query alone, in ms."""
    begun = time.perf_counter()
    horizon.backups_page()
    page = (time.perf_counter() - begun) * 1000
    begun = time.perf_counter()
    bulk.session.get("/v2/images", endpoint_filter=IMAGE, params=(
        quick_backups.panel_query(bulk.project_id, PAGE + 1)))
    return page, (time.perf_counter() - begun) * 1000


def test_the_backups_page_costs_the_same_with_10000_quick_backups(cloud):
    started = time.monotonic()
    users = {who: (quick_backups.BulkBackups(cloud, who),
                   HorizonClient(cloud, who)) for who in ("demo", "alt")}
    times = {count: [] for count in quick_backups.COUNTS}
    glance = {count: [] for count in quick_backups.COUNTS}
    sent = {count: [] for count in quick_backups.COUNTS}
    try:
        for phase in ({"demo": MANY, "alt": FEW}, {"demo": FEW, "alt": MANY}):
            for who, count in phase.items():
                bulk, horizon = users[who]
                bulk.make(count)
                page = horizon.backups_page()  # also warms up
                assert quick_backups.page_rows(page) == (
                    quick_backups.first_page(bulk.session, bulk.project_id,
                                             PAGE))
            for turn in range(GETS):
                for who in sorted(phase, reverse=turn % 2 == 1):
                    bulk, horizon = users[who]
                    page, alone = timed_page(horizon, bulk)
                    times[phase[who]].append(page)
                    glance[phase[who]].append(alone)
            for who, count in phase.items():
                bulk, horizon = users[who]
                sent[count].append(requests_per_page(cloud, bulk.session,
                                                     horizon))
    finally:
        for bulk, _horizon in users.values():
            bulk.remove()

    rows = []
    for count in quick_backups.COUNTS:
        # Each page GET paired with the panel's Glance query sent alone
        # right after it: what the page costs beyond Glance's own time.
        rows.append({"quick_backups": count,
                     "requests_per_page": {s: len(r) for s, r in
                                           sent[count][0].items()},
                     "requests_sent": sent[count],
                     **paired.medians(times[count], glance[count], "glance")})
    print_table(paired.add_ratios(rows, "glance"))
    print("benchmark time %.0fs" % (time.monotonic() - started))
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w") as out:
        json.dump({"max_ratio": paired.MAX_RATIO, "rows": rows}, out, indent=2)

    # Each project asks the same of each service with 100 and with 10,000.
    assert sent[FEW][0] == sent[MANY][1] and sent[FEW][1] == sent[MANY][0]
    assert rows[1]["beyond_glance_ratio"] <= paired.MAX_RATIO, rows


class Walk:
    """A user paging through the Backups table; checks each page against
    Glance's ``order``.
    """

    def __init__(self, horizon, order):
        self.horizon, self.order, self.pages = horizon, order, 0

    def open(self, query, start):
        """Open the page ``?query``; its rows must be ``order`` from
        ``start``; returns its links.
        """
        page = self.horizon.get(BACKUPS + query).text
        self.pages += 1
        assert quick_backups.page_rows(page) == self.order[start:
                                                           start + PAGE]
        return quick_backups.page_links(page)

    def marker(self, start):
        """The query of the page from ``start`` (the Next of the page
        before).
        """
        return "?marker=" + self.order[start - 1]


def test_paging_through_10000_quick_backups_loses_none_at_the_ends(cloud):
    started = time.monotonic()
    bulk = quick_backups.BulkBackups(cloud)
    try:
        bulk.make(MANY)
        begun = time.monotonic()
        order = quick_backups.glance_order(bulk.session, bulk.project_id)
        listing = time.monotonic() - begun
        # Older than any real backup: the rows written are Glance's tail.
        assert order[len(order) - MANY:] == bulk.ids[::-1]
        assert len(set(order)) == len(order)
        walk = Walk(HorizonClient(cloud), order)
        links = walk.open("", 0)
        assert "prev_marker" not in links
        for start in range(PAGE, PAGE * (NEXT_PAGES + 1), PAGE):
            assert links["marker"] == order[start - 1]
            links = walk.open("?marker=" + links["marker"], start)
            assert links["prev_marker"] == order[start]
        middle = len(order) // 2 // PAGE * PAGE
        links = walk.open(walk.marker(middle), middle)
        assert set(links) == {"marker", "prev_marker"}
        last = (len(order) - 1) // PAGE * PAGE
        links = walk.open(walk.marker(last), last)
        assert "marker" not in links, "a Next link on the last page"
        for start in (last - PAGE, last - 2 * PAGE):
            links = walk.open("?prev_marker=" + links["prev_marker"], start)
            assert set(links) == {"marker", "prev_marker"}
        # Back from the second page to the first: no Prev beyond it.
        links = walk.open(walk.marker(PAGE), PAGE)
        links = walk.open("?prev_marker=" + links["prev_marker"], 0)
        assert "prev_marker" not in links, "a Prev link on the first page"
        assert links["marker"] == order[PAGE - 1]
    finally:
        bulk.remove()
    print("\npaging %d Quick Backups: %d pages checked in %.1fs (%.1fs of "
          "them Glance's own listing of all, %d GETs)" % (
              len(order), walk.pages, time.monotonic() - started, listing,
              len(order) // backup_images.PAGE + 1))
