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

"""The OpenStack series this project supports: the one place that says so.

Each series names the releases a cloud of it runs, the Python the tests
run it on, and the upper-constraints it is tested with (copies of
openstack/requirements' ``upper-constraints.txt`` under ``constraints/``;
``constraints/SOURCES.txt`` names the branch and commit of each). The
services (``services``) are what devcloud installs to run that series'
cloud, on ``cloud_python`` (default: ``python``); only the series that run
the integration suite name them.

    python -m tools.series names            # 2024.1 2024.2 ...
    python -m tools.series get 2024.1 python  # 3.9
"""

import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

Series = collections.namedtuple("Series", [
    "name", "codename", "horizon", "django", "nova", "max_microversion",
    "python", "constraints", "services", "cloud_python", "mistral"])
#: devcloud/requirements.txt's names for Mistral (workflowv2), which only a
#: series' cloud with ``mistral`` installs.
MISTRAL = ("mistral", "mistral-extra", "python-mistralclient")


def _series(name, codename, horizon, django, nova, microversion, python,
            constraints=None, services=(), cloud_python=None, mistral=True):
    return Series(name, codename, horizon, django, nova, microversion,
                  python, str(ROOT / "constraints" / (
                      constraints or name + ".txt")), tuple(services),
                  cloud_python or python, mistral)


#: Oldest first. ``python`` is the interpreter CI tests the series on
#: (together they cover 3.9 to 3.13, each within the series' own range).
SERIES = (
    _series("2024.1", "Caracal", "24.0.2", "4.2", "29", "2.96", "3.9",
            services=("keystone==25.0.0", "openstack-placement==11.0.0",
                      "glance==28.1.0", "nova==29.4.0", "cinder==24.5.0"),
            # devcloud and the integration tests need 3.10 (zip(strict=)).
            cloud_python="3.10",
            # Mistral 23 needs the newest oslo libraries: this cloud runs
            # without it (no workflowv2 in its catalog).
            mistral=False),
    _series("2024.2", "Dalmatian", "25.1.2", "4.2", "30", "2.96", "3.10"),
    _series("2025.1", "Epoxy", "25.3.2", "4.2", "31", "2.100", "3.12"),
    _series("2025.2", "Flamingo", "25.5.2", "4.2", "32", "2.100", "3.12"),
    _series("2026.1", "Gazpacho", "25.7.3", "4.2", "33", "2.103", "3.13"),
    # Hibiscus: openstack/requirements' master (Horizon 26.0.0) on 3.13;
    # the project's own constraints.txt (Horizon 27, the local cloud's
    # Nova 34 and the rest) is the integration suite's, on 3.11.
    _series("2026.2", "Hibiscus", "26.0.0 - 27.0.0", "5.2", "34", "2.104",
            "3.13"),
)
BY_NAME = {series.name: series for series in SERIES}
OLDEST, NEWEST = SERIES[0], SERIES[-1]


def main(argv):
    if argv[1:2] == ["names"]:
        print(" ".join(series.name for series in SERIES))
    elif argv[1:2] == ["get"] and len(argv) == 4:
        value = getattr(BY_NAME[argv[2]], argv[3])
        print(" ".join(value) if isinstance(value, tuple) else value)
    else:
        print(__doc__.strip().splitlines()[-2:], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
