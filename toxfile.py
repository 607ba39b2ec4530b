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

"""tox's inline plugin: an env ``unit-<series>`` per series (tools/series.py).

The series matrix is defined once, in tools/series.py; this adds an env for
each series to what tox.ini defines, with that series' Python (found by
tools/matrix.py, also where pyenv is not on PATH) and its upper-constraints
as ``TOX_CONSTRAINTS_FILE``. Everything else comes from tox.ini's
``[testenv]``. ``tox -l`` lists them; ``make unit-matrix`` runs them all.
"""

import pathlib
import sys

from tox.config.loader.memory import MemoryLoader
from tox.plugin import impl

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from tools import matrix  # noqa: E402
from tools import series as series_module  # noqa: E402


@impl
def tox_extend_envs():
    return [matrix.env_name(series) for series in series_module.SERIES]


@impl
def tox_add_core_config(core_conf, state):
    for series in series_module.SERIES:
        python = matrix.find_python(series.python) or \
            "python" + series.python
        state.conf.memory_seed_loaders[matrix.env_name(series)].append(
            MemoryLoader(
                description="unit and view tests on %s %s (Python %s, "
                            "its upper-constraints)" % (
                                series.name, series.codename,
                                series.python),
                base_python=[python],
                set_env={
                    "TOX_CONSTRAINTS_FILE": series.constraints,
                    # pip's --build-constraint and uv's (tox-uv)
                    "PIP_BUILD_CONSTRAINT": str(matrix.BUILD_CONSTRAINTS),
                    "UV_BUILD_CONSTRAINT": str(matrix.BUILD_CONSTRAINTS)}))
