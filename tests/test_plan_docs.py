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

"""The user guide's backup plans page quotes every run result and failure
in the dashboard's own words (``panels/plans/words.py``)."""

import os
import re

from django.utils import translation
import pytest

from backup_dashboard.panels.plans import words
from quick_backup_client.plans import runs

GUIDE = os.path.join(os.path.dirname(__file__), os.pardir, "doc", "source",
                     "user", "plans.rst")


def _flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def guide():
    with open(GUIDE, encoding="utf-8") as stream:
        return _flat(stream.read())


def _english(text):
    with translation.override("en"):
        return _flat(str(text))


@pytest.mark.parametrize("kind", runs.KINDS)
def test_the_guide_says_what_the_history_says_for_each_kind(guide, kind):
    said = words.MADE if kind == runs.MADE else words.ITEM_FAILURES[kind]
    assert "*%s*" % _english(said) in guide


@pytest.mark.parametrize("state", runs.STATES)
def test_the_guide_says_what_the_history_says_for_each_result(guide, state):
    assert "*%s*" % _english(words.RUN_STATES[state]) in guide
