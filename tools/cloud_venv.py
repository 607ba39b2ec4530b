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

"""Build the virtualenv that runs a series' local cloud and its tests.

    python -m tools.cloud_venv SERIES VENV [PIP_ARGS...]
    python -m tools.cloud_venv 2024.1 .venv-2024.1 -e ./quick_backup_server \
        -e .

Everything comes from ``tools/series.py``: the interpreter
(``cloud_python``, found as ``python3.X`` on PATH or ``$CLOUD_PYTHON``),
the upper-constraints and the service pins. Into VENV go, under those
constraints: the services, ``devcloud/requirements.txt``'s other names
(gunicorn, pymemcache; Mistral's only where the series says ``mistral``),
``test-requirements.txt``, and the distributions named in PIP_ARGS (our
own, editable).

Two departures from the series' own constraints, both written into
``VENV/constraints.txt`` and ``VENV/build-constraints.txt``:

- the test tools (TEST_TOOLS) are not what an operator runs, and 2024.1's
  (selenium 3.141, pytest 8.0) are older than the tests need: their pins
  are dropped, and pip takes the newest that fit the rest (for 2024.1:
  selenium 4.21, the last that its websocket-client 1.7 allows;
  pytest 8.1, for its pluggy 1.4; pytest-django 4.14; requests-mock 1.12);
- pip's build environments get ``setuptools<81``: 2024.1-2025.2 pin one
  sdist (XStatic-Angular-Schema-Form) whose setup.py imports
  pkg_resources. pip 26 no longer applies PIP_CONSTRAINT to build
  environments; its ``--build-constraint`` does.

Our distributions go in with ``--no-deps`` and their requirements by name
only, the versions coming from the series' constraints, so that nothing
but the series' pins decides a service's packages (the unit matrix, tox's
``unit-<series>``, is what installs them with one plain pip command).
"""

import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

from tools import series as series_module

ROOT = series_module.ROOT
TEST_TOOLS = ("selenium", "pytest", "pytest-django", "requests-mock")
BUILD_CONSTRAINTS = "setuptools<81\n"

#: Run in VENV's Python after our editable installs: the names of what
#: those distributions require, other than each other.
_OUR_REQUIREMENTS = r"""
import importlib.metadata as md, json, re, sys
ours, wanted = set(), set()
for dist in md.distributions():
    url = dist.read_text("direct_url.json") or "{}"
    if json.loads(url).get("dir_info", {}).get("editable"):
        ours.add(dist.metadata["Name"].lower().replace("_", "-"))
        for req in dist.requires or ():
            wanted.add(re.match(r"[A-Za-z0-9._-]+", req).group().lower()
                       .replace("_", "-"))
print("\n".join(sorted(wanted - ours)))
"""


def _name(line):
    match = re.match(r"\s*([A-Za-z0-9._-]+)", line)
    return match.group(1).lower().replace("_", "-") if match else None


def interpreter(version):
    """``$CLOUD_PYTHON``, else the first ``python3.X`` that runs.

    On PATH, or one of pyenv's versions (its shims on PATH may refuse).
    """
    pyenv = pathlib.Path(os.environ.get("PYENV_ROOT",
                                        pathlib.Path.home() / ".pyenv"))
    installed = pyenv.glob("versions/%s.*/bin/python%s" % (version, version))
    candidates = [os.environ.get("CLOUD_PYTHON"),
                  shutil.which("python" + version)] + sorted(
        map(str, installed))
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""],
                          capture_output=True).returncode == 0:
            return candidate
    raise SystemExit("cloud_venv: no python%s found (set CLOUD_PYTHON)"
                     % version)


def write_constraints(series, venv):
    """VENV/constraints.txt: the series' constraints less TEST_TOOLS."""
    kept = [line for line in pathlib.Path(series.constraints).read_text()
            .splitlines() if _name(line) not in TEST_TOOLS]
    path = venv / "constraints.txt"
    path.write_text("# %s less the test tools (tools/cloud_venv.py)\n%s\n"
                    % (series.constraints, "\n".join(kept)))
    build = venv / "build-constraints.txt"
    build.write_text(BUILD_CONSTRAINTS)
    return path, build


def _requirement_names(path):
    return [name for name in map(_name, path.read_text().splitlines())
            if name]


def devcloud_requirements(series):
    """devcloud/requirements.txt's names, less what the series skips.

    The series' services (its pins name them) and, unless its cloud runs
    it, Mistral.
    """
    skipped = {_name(pin) for pin in series.services} | (
        set() if series.mistral else set(series_module.MISTRAL))
    return [name for name in _requirement_names(
        ROOT / "devcloud" / "requirements.txt") if name not in skipped]


def build(series_name, venv, ours):
    series = series_module.BY_NAME[series_name]
    if not series.services:
        raise SystemExit("cloud_venv: series %s names no services"
                         % series_name)
    venv = pathlib.Path(venv).resolve()
    started = time.monotonic()
    if not (venv / "bin" / "python").exists():
        subprocess.run([interpreter(series.cloud_python), "-m", "venv",
                        str(venv)], check=True)
    python = str(venv / "bin" / "python")
    constraints, build_constraints = write_constraints(series, venv)
    pip = [python, "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    pip += ["--build-constraint", str(build_constraints)]
    if ours:
        subprocess.run(pip + ["--no-deps"] + list(ours), check=True,
                       cwd=ROOT)
    names = subprocess.run([python, "-c", _OUR_REQUIREMENTS], check=True,
                           capture_output=True, text=True).stdout.split()
    wanted = (list(series.services) + devcloud_requirements(series) +
              names + _requirement_names(ROOT / "test-requirements.txt"))
    subprocess.run(pip + ["-c", str(constraints)] + wanted, check=True,
                   cwd=ROOT)
    check = subprocess.run([python, "-m", "pip", "check"],
                           capture_output=True, text=True)
    print("cloud_venv: %s for %s in %.0fs; pip check: %s" % (
        venv, series_name, time.monotonic() - started,
        check.stdout.strip() or "clean"))


def main(argv):
    if len(argv) < 3 or importlib.util.find_spec("tools") is None:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build(argv[1], argv[2], argv[3:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
