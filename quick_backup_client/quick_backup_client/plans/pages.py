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

"""One page of the project's backup plans, in the order of their ids:
three Mistral requests whatever the number of plans (the Plans view's
table).

Mistral cannot sort by a plan's name (it lies inside the environment's
variables), and its ``marker`` cannot page environments at all: it must be
a UUID, which Mistral then looks up as an environment's *name*. So a page
is read by the environments' names instead, which Mistral filters and
sorts by: those after the marker plan's (``name=gt:``), in name order. A
plan's definition is ``quick_backup_plan_<id>``, so every plan sorts
before every last result (``quick_backup_plan_last_<id>``), and a window
of one more than a page holds the page and says whether another follows.
The page's last results and cron triggers come in one request each, by
name.
"""

from quick_backup_server import protocol

from quick_backup_client.plans import scope
from quick_backup_client.plans import spec as plan_spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow

PAGE_SIZE = 20  # plans per page, as Horizon's tables page by default


def page(mistral, marker=None, backward=False, size=PAGE_SIZE):
    """``(listed, more)``: up to ``size`` plans (``store.Listed``) in the
    order of their ids, after the plan ``marker`` (an id; None or a
    stranger: from the first), or before it when ``backward``. ``more``:
    whether plans lie beyond this page in the direction read. A deleted
    marker plan is no error: the page starts where it was.

    Further windows (of ``scope.LIST_PAGE``) are read only where
    environments of other projects crowd the first: Mistral lists every
    project's to a user with the admin role.
    """
    size = max(1, min(size, scope.LIST_PAGE - 1))
    if not protocol.is_uuid(marker):
        marker, backward = None, False
    plans, more = _window(mistral, plan_spec.env_name(marker) if marker
                          else workflow.ENV_PREFIX, backward, size)
    shown = plans[:size]
    if backward:
        shown.reverse()
    lasts = _by_name(mistral.environments, mistral,
                     [plan.last_env_name for plan in shown])
    found = _by_name(mistral.cron_triggers, mistral,
                     [plan.env_name for plan in shown])
    return [store.Listed(plan, found.get(plan.env_name), _last(
        lasts.get(plan.last_env_name))) for plan in shown], more


def _window(mistral, start, backward, size):
    """The plans past the environment ``start`` in the order read (one
    more than a page when there are), and ``more``.
    """
    limit, plans = size + 1, []
    for _read in range(scope.LIST_PAGES):
        window = mistral.environments.list(
            limit=limit, sort_keys="name",
            sort_dirs="desc" if backward else "asc",
            name=("lt:" if backward else "gt:") + start)
        for environment in scope.own(mistral, window):
            if not environment.name.startswith(workflow.ENV_PREFIX) or \
                    environment.name.startswith(workflow.LAST_ENV_PREFIX):
                return plans, False  # past the plans' names
            plan = plan_spec.from_variables(
                plan_spec.json_field(environment, "variables"))
            if plan is not None and environment.name == plan.env_name:
                plans.append(plan)
            if len(plans) > size:
                return plans, True
        if len(window) < limit:
            return plans, False
        start, limit = window[-1].name, scope.LIST_PAGE
    return plans, True


def _last(environment):
    return environment and plan_spec.last_result(
        plan_spec.json_field(environment, "variables"))


def _by_name(manager, mistral, names):
    """The project's items of ``manager`` named ``names``, by name."""
    if not names:
        return {}
    return {item.name: item for item in scope.own(mistral, manager.list(
        limit=len(names), name="in:" + ",".join(names)))}
