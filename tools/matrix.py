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

"""The unit and view tests on every supported series, one tox env each.

tools/series.py says which series there are; toxfile.py turns each into a
tox env ``unit-<series>`` (that series' Python and upper-constraints), and
this builds them one after the other, runs their tests ``JOBS`` at a time
(two: one pytest process per core) and prints one line per series:

    python -m tools.matrix               # every series (make unit-matrix)
    python -m tools.matrix 2024.1 2025.1 # some of them
    tox -e unit-2024.1                   # one, as tox alone runs it

Each env is built in ``.tox/unit-<series>`` the first time (and when its
requirements change), then reused; it is built again when one of our
distributions' packaging files is newer than it (tox reinstalls our
editable deps only when their list changes, so a command added since would
be missing from the env).
"""

import concurrent.futures
import glob
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from tools import series as series_module

ROOT = series_module.ROOT
#: pip's build environments for the older series' sdists (see the file).
BUILD_CONSTRAINTS = ROOT / "tools" / "build-constraints.txt"
# What registers our commands and packages in an env (entry points).
PACKAGING = ("pyproject.toml", "setup.py",
             "quick_backup_client/pyproject.toml",
             "quick_backup_client/setup.py",
             "quick_backup_server/pyproject.toml")
#: How many series' tests run at once (``MATRIX_JOBS``; default: two, or
#: one on a single core): each is one pytest process.
JOBS = int(os.environ.get("MATRIX_JOBS") or min(2, os.cpu_count() or 1))
VERSIONS = ("import importlib.metadata as m, platform; "
            "print(platform.python_version(), m.version('horizon'), "
            "m.version('Django'))")


def env_name(series):
    """The tox env that runs ``series``' unit tests."""
    return "unit-" + series.name


def find_python(version):
    """The interpreter for Python ``version`` ("3.9"), as a path.

    A ``python3.9`` on PATH first (pyenv's shims excepted: a shim fails for
    any version that is not pyenv's global one), then pyenv's own builds
    (``$PYENV_ROOT`` or ``~/.pyenv``), which a fresh CI machine has even
    when nothing put pyenv on its PATH. ``None`` when there is none.
    """
    name = "python" + version
    path = os.pathsep.join(
        entry for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and pathlib.Path(entry).name != "shims")
    found = shutil.which(name, path=path)
    if found:
        return found
    roots = [os.environ.get("PYENV_ROOT"), os.path.expanduser("~/.pyenv")]
    for root in filter(None, roots):
        builds = glob.glob(os.path.join(root, "versions", version + "*",
                                        "bin", name))
        builds = [build for build in builds if re.fullmatch(
            re.escape(version) + r"(\.\d+)?",
            pathlib.Path(build).parents[1].name)]
        if builds:
            return max(builds, key=_patch_level)
    return None


def _patch_level(build):
    return [int(part) for part in
            pathlib.Path(build).parents[1].name.split(".")]


def _tox(*args, log, env=None):
    return subprocess.run([sys.executable, "-m", "tox", *args], cwd=ROOT,
                          stdout=log, stderr=subprocess.STDOUT,
                          env=env).returncode


def build(series, log_dir):
    """Build (or reuse) ``series``' env; a result dict (``status`` is not
    None when there is nothing to test).
    """
    env = env_name(series)
    log_path = log_dir / (env + ".log")
    result = {"series": series.name, "env": env, "log": log_path,
              "status": None}
    with open(log_path, "w") as log:
        if find_python(series.python) is None:
            log.write("No Python %s here: install it (pyenv install %s, "
                      "or the distribution's python%s)\n" % (
                          (series.python,) * 3))
            return dict(result, status=1)
        started = time.monotonic()
        status = _tox("-e", env, "--notest",
                      *(["--recreate"] if stale(env) else []), log=log)
        result["build_s"] = time.monotonic() - started
    return dict(result, status=status or None)


def test(result, log_dir):
    """Run the tests of a built env, in a temporary directory of its own
    (Django's compressor writes there): the result, completed.
    """
    env = result["env"]
    junit = log_dir / (env + ".xml")
    junit.unlink(missing_ok=True)
    if result["status"] is None:
        with open(result["log"], "a") as log, \
                tempfile.TemporaryDirectory(prefix=env + "-") as tmp:
            started = time.monotonic()
            result["status"] = _tox(
                "-e", env, "--", "-q", "--junitxml", str(junit), log=log,
                env=dict(os.environ, TMPDIR=tmp))
            result["test_s"] = time.monotonic() - started
    result.update(_versions(env))
    result.update(_counts(junit))
    return result


def stale(env, root=ROOT):
    """True when the env exists and a packaging file is newer than it."""
    made = root / ".tox" / env / ".tox-info.json"
    if not made.exists():
        return False
    return any((root / name).stat().st_mtime > made.stat().st_mtime
               for name in PACKAGING if (root / name).exists())


def _versions(env):
    python = ROOT / ".tox" / env / "bin" / "python"
    try:
        out = subprocess.run([str(python), "-c", VERSIONS], check=True,
                             capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return {}
    return dict(zip(("python", "horizon", "django"), out))


def _counts(junit):
    try:
        suite = ElementTree.parse(junit).getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    number = {key: int(suite.get(key, 0))
              for key in ("tests", "failures", "errors", "skipped")}
    failed = number["failures"] + number["errors"]
    return {"passed": number["tests"] - failed - number["skipped"],
            "failed": failed, "skipped": number["skipped"]}


def line(result):
    """One line of the summary."""
    verdict = "ok" if result["status"] == 0 else "FAILED, see %s" % (
        result["log"].relative_to(ROOT))
    return ("%(series)-7s Python %(python)-7s Horizon %(horizon)-7s "
            "Django %(django)-7s %(passed)4s passed %(failed)3s failed "
            "%(skipped)3s skipped  build %(build_s)4.0f s  "
            "tests %(test_s)3.0f s  %(verdict)s") % {
        **dict.fromkeys(("python", "horizon", "django", "passed", "failed",
                         "skipped"), "?"),
        "build_s": 0, "test_s": 0, **result, "verdict": verdict}


def report(result, log_dir):
    """Test a built env; print its line (and its log's end if it failed)."""
    result = test(result, log_dir)
    text = line(result)
    if result["status"]:
        text = result["log"].read_text()[-6000:] + "\n" + text
    print(text, flush=True)
    return result


def main(argv):
    chosen = [series_module.BY_NAME[name] for name in argv[1:]] or \
        list(series_module.SERIES)
    log_dir = ROOT / ".tox" / "matrix"
    log_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for series in chosen:  # one at a time: each build writes our catalogues
        print("unit-matrix: %s on Python %s ..." % (
            series.name, series.python), flush=True)
        built.append(build(series, log_dir))
    # Each series' tests use one core: JOBS series at once.
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        results = list(pool.map(report, built, [log_dir] * len(built)))
    print("\nUnit and view tests per series:")
    for result in results:
        print(line(result))
    total = {key: sum(result.get(key, 0) for result in results)
             for key in ("passed", "failed", "skipped")}
    broken = [result["series"] for result in results
              if result["status"] and not result.get("failed")]
    if broken:  # no test failed there: the env could not be built or run
        print("unit-matrix: no tests ran on %s" % ", ".join(broken))
    print("unit-matrix: %d passed, %d failed, %d skipped" % (
        total["passed"], total["failed"] + len(broken), total["skipped"]))
    return 1 if any(result["status"] for result in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
