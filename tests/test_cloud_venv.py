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

"""What a series' cloud virtualenv installs from devcloud/requirements.txt."""

from tools import cloud_venv
from tools import series


def test_the_oldest_series_cloud_skips_its_pinned_services_and_mistral():
    names = cloud_venv.devcloud_requirements(series.OLDEST)
    assert not series.OLDEST.mistral
    assert {"gunicorn", "pymemcache"} <= set(names)
    assert not set(names) & (set(series.MISTRAL) | {"nova", "keystone"})


def test_a_series_whose_cloud_runs_mistral_installs_it():
    with_mistral = series.OLDEST._replace(mistral=True)
    assert set(series.MISTRAL) <= set(
        cloud_venv.devcloud_requirements(with_mistral))
