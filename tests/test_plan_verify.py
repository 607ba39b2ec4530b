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


"""A plan can ask that each new backup be test-restored: saved with the
plan, off for plans saved before the option, and checked when read."""

from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from tests.test_osc_plans import plan


def test_a_new_plan_does_not_verify_unless_asked():
    assert plan().verify is False
    assert plan(verify=True).verify is True


def test_a_plan_saved_before_the_option_does_not_verify():
    variables = plan().as_variables()
    del variables[workflow.ENV_KEY]["verify"]
    read = spec.from_variables(variables)
    assert read.verify is False
    assert not read.damaged


def test_the_option_is_kept_with_the_plan():
    saved = plan(verify=True).as_variables()
    assert saved[workflow.ENV_KEY]["verify"] is True
    assert spec.from_variables(saved).verify is True


def test_a_plan_whose_option_is_not_a_bool_is_damaged():
    variables = plan().as_variables()
    variables[workflow.ENV_KEY]["verify"] = "yes"
    read = spec.from_variables(variables)
    assert read.damaged
    assert read.problem == "verify"


def test_a_damaged_plan_does_not_verify():
    variables = plan(verify=True).as_variables()
    variables[workflow.ENV_KEY]["name"] = ""
    read = spec.from_variables(variables)
    assert read.damaged
    assert read.verify is False


def test_an_edited_plan_keeps_the_option_it_is_given():
    kept = plan(verify=True)
    assert kept.replace(name="weekly").verify is True
    assert kept.replace(verify=False).verify is False
