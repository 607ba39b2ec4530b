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

"""Saving a plan leaves no half plan when Mistral does a step and then
answers with something that is not its answer (a body that is not JSON):
each step's work is undone, the trigger (and its trust) too."""

import pytest

from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from tests import fake_mistral_client
from tests.fake_mistral_client import FakeMistral


class DoneThenBroken(FakeMistral):
    """Mistral that does ``broken`` ("manager.method"), then answers with
    a body its client cannot read."""

    def __init__(self, broken):
        super().__init__()
        self.broken = broken
        for name in ("environments", "cron_triggers"):
            manager = getattr(self, name)
            setattr(self, name, _Breaking(self, manager, name))


class _Breaking(object):
    def __init__(self, fake, manager, name):
        self.fake, self.manager, self.name = fake, manager, name

    def __getattr__(self, method):
        call = getattr(self.manager, method)

        def broken_call(*args, **kwargs):
            result = call(*args, **kwargs)
            if "%s.%s" % (self.name, method) == self.fake.broken:
                raise ValueError("Expecting value: line 1 column 1")
            return result
        return broken_call


def _plan():
    return spec.make("nightly", ["6a0f2a4e-3b1c-4f4e-9a51-0d5b3c2f1e70"],
                     "daily", "02:00")


@pytest.mark.parametrize("broken", ["environments.create",
                                    "cron_triggers.create"])
def test_a_create_answered_badly_after_mistral_did_it_leaves_nothing(
        broken):
    mistral = DoneThenBroken(broken)

    with pytest.raises(ValueError):
        store.create(mistral, "project", _plan())

    assert mistral.envs == {} and mistral.triggers == {}
    assert store.plans(mistral) == []


def test_a_create_that_fails_before_mistral_acts_deletes_only_once_each():
    mistral = FakeMistral()
    mistral.fail["cron_triggers.create"] = ValueError("not JSON")

    with pytest.raises(ValueError):
        store.create(mistral, "project", _plan())

    deletes = [call for call in mistral.calls if call.endswith(".delete")]
    assert deletes == ["cron_triggers.delete", "environments.delete",
                       "environments.delete"]
    assert mistral.envs == {} and mistral.triggers == {}


def test_workflows_deleted_since_this_process_found_them_are_looked_for_again():
    mistral = FakeMistral()
    plan = spec.make("nightly", ["6a0f2a4e-3b1c-4f4e-9a51-0d5b3c2f1e70"],
                     "daily", "02:00", paused=True)
    store.create(mistral, "project", plan)  # the workflows: found current
    start = mistral._executions_create
    gone = [fake_mistral_client.api_error(404)]

    def once_gone(*args, **kwargs):
        if gone:
            raise gone.pop()
        return start(*args, **kwargs)
    mistral._executions_create = once_gone
    calls = len(mistral.calls)

    store.run_now(mistral, "project", plan)

    assert mistral.calls[calls:] == ["executions.create", "workflows.list",
                                     "executions.create"]
    assert len(mistral.runs) == 1
