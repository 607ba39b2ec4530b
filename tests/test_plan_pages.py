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

"""The Plans view's pages (plans.pages and the table's Next and Prev) on a
fake Mistral that lists as Mistral does: by the plans' ids, each page in
three requests, no plan twice or missing at a join."""

from quick_backup_client.plans import pages
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from tests import fake_mistral_client
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase

SERVER = "5b8e3d2a-1111-4c6f-9a2b-3c4d5e6f7a8b"
PAGE_CALLS = ["environments.list", "environments.list",
              "cron_triggers.list"]


def fake_with(count, **kwargs):
    mistral = fake_mistral_client.FakeMistral()
    made = [mistral.add(make_plan("plan %02d" % n, [SERVER], **kwargs),
                        last={"outcome": "ok", "n": n})
            for n in range(count)]
    return mistral, made


def ids(listed):
    return [each.plan.id for each in listed]


def walk(mistral, size):
    """Every page by Next from the newest: [(ids, more, calls)]."""
    walked, marker = [], None
    while True:
        del mistral.calls[:]
        listed, more = pages.page(mistral, marker, size=size)
        walked.append((ids(listed), more, list(mistral.calls)))
        if not more:
            return walked
        marker = listed[-1].plan.id


def in_order(made):
    return sorted(plan.id for plan in made)


def test_next_walks_every_plan_once_in_id_order_in_three_requests_a_page():
    mistral, made = fake_with(45)

    walked = walk(mistral, 20)

    assert [len(shown) for shown, _more, _calls in walked] == [20, 20, 5]
    assert [more for _shown, more, _calls in walked] == [True, True, False]
    assert sum((shown for shown, _more, _calls in walked), []) == in_order(
        made)
    assert all(calls == PAGE_CALLS for _shown, _more, calls in walked)


def test_a_full_last_page_offers_no_next():
    mistral, made = fake_with(40)

    walked = walk(mistral, 20)

    assert [(len(shown), more) for shown, more, _calls in walked] == [
        (20, True), (20, False)]


def test_prev_gives_back_the_page_before_exactly():
    mistral, made = fake_with(45)
    first, _ = pages.page(mistral)
    second, _ = pages.page(mistral, first[-1].plan.id)
    third, _ = pages.page(mistral, second[-1].plan.id)

    back, more = pages.page(mistral, third[0].plan.id, backward=True)
    front, more_front = pages.page(mistral, back[0].plan.id, backward=True)

    assert (ids(back), more) == (ids(second), True)
    assert (ids(front), more_front) == (ids(first), False)


def test_each_plan_comes_with_its_own_trigger_and_last_result():
    mistral, made = fake_with(3)
    paused = mistral.add(make_plan("paused", [SERVER], paused=True))

    listed, _ = pages.page(mistral)

    by_id = {each.plan.id: each for each in listed}
    assert by_id[paused.id].trigger is None
    assert [(by_id[plan.id].trigger.name, by_id[plan.id].last["n"])
            for plan in made] == [(plan.env_name, n)
                                  for n, plan in enumerate(made)]


def test_a_marker_that_is_no_plan_id_reads_from_the_first_plan():
    mistral, made = fake_with(5)

    for marker in ("../secrets", "", None):
        listed, more = pages.page(mistral, marker, size=2)
        assert (ids(listed), more) == (in_order(made)[:2], True)


def test_a_deleted_marker_plan_pages_on_from_where_it_was():
    mistral, made = fake_with(5)
    gone = sorted(made, key=lambda plan: plan.id)[1]
    store.delete(mistral, gone)

    listed, _ = pages.page(mistral, gone.id, size=2)

    assert ids(listed) == in_order(made)[2:4]


def test_other_environments_named_like_plans_never_hide_a_plan():
    mistral, made = fake_with(3)
    for n in range(30):  # as another project's, listed to an admin
        mistral._environments_create(
            workflow.ENV_PREFIX + "notes_%d" % n, "", {"notes": n})
    made.append(mistral.add(make_plan("newest", [SERVER])))

    walked = walk(mistral, 2)

    assert sum((shown for shown, _more, _calls in walked), []) == in_order(
        made)
    # "notes_" sorts after the plans' ids: the last window reads on past
    # them to the end of the plans, the first reads no further.
    assert walked[0][2] == PAGE_CALLS


def test_a_damaged_plan_keeps_its_place_on_its_page():
    mistral, made = fake_with(3)
    mistral.envs[made[1].env_name][workflow.ENV_KEY]["cron"] = "whenever"

    listed, _ = pages.page(mistral)

    assert ids(listed) == in_order(made)
    assert [each.plan.damaged for each in listed] == [
        plan.id == made[1].id for plan in sorted(made, key=lambda p: p.id)]


def test_a_page_is_never_bigger_than_one_mistral_listing_can_hold():
    mistral, made = fake_with(3)

    pages.page(mistral, size=10 ** 6)

    assert mistral.calls[0] == "environments.list"
    assert isinstance(spec.env_name(made[0].id), str)


def test_every_plan_past_500_reads_mistrals_next_page_by_name():
    mistral, made = fake_with(501)

    listed = store.plans(mistral)

    assert sorted(ids(listed)) == sorted(plan.id for plan in made)
    assert mistral.calls.count("environments.list") == 2


class ViewPagingTests(PlansTestCase):

    def add_plans(self, count):
        return [self.mistral.add(make_plan("plan %02d" % n,
                                           [self.server.id]))
                for n in range(count)]

    def table_ids(self, res):
        return [row.id for row in res.context["table"].data]

    def test_the_table_pages_by_twenty_with_next_and_prev_links(self):
        made = self.add_plans(25)
        self.mock_servers()

        order = sorted(plan.id for plan in made)
        first = self.client.get(self.index)
        second = self.client.get(self.index + "?marker=" + order[19])
        back = self.client.get(self.index + "?prev_marker=" + order[20])

        self.assertEqual(order[:20], self.table_ids(first))
        self.assertContains(first, 'href="?marker=' + order[19])
        self.assertNotContains(first, "prev_marker=")
        self.assertEqual(order[20:], self.table_ids(second))
        self.assertContains(second, 'href="?prev_marker=' + order[20])
        self.assertNotContains(second, 'href="?marker=')
        self.assertEqual(order[:20], self.table_ids(back))

    def test_a_page_costs_three_mistral_requests_with_many_plans(self):
        self.add_plans(60)
        self.mock_servers()

        self.client.get(self.index)

        self.assertEqual(PAGE_CALLS, self.mistral.calls)
