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

"""make unit-matrix's runner (tools/matrix.py): each series' Python found
also where pyenv is not on PATH, and its summary line."""

import os

from tools import matrix
from tools import series as series_module


def pyenv_build(root, version, python):
    bin_dir = root / "versions" / version / "bin"
    bin_dir.mkdir(parents=True)
    path = bin_dir / ("python" + python)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_pyenvs_newest_build_of_the_version_is_found_without_pyenv_on_path(
        tmp_path, monkeypatch):
    pyenv_build(tmp_path, "3.9.2", "3.9")
    newest = pyenv_build(tmp_path, "3.9.18", "3.9")
    pyenv_build(tmp_path, "3.90.1", "3.90")
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "python3.9").write_text("#!/bin/sh\nexit 127\n")
    (shims / "python3.9").chmod(0o755)
    monkeypatch.setenv("PATH", str(shims))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.pyenv

    assert matrix.find_python("3.9") == newest
    assert matrix.find_python("3.8") is None


def test_a_python_on_path_comes_before_pyenvs(tmp_path, monkeypatch):
    pyenv_build(tmp_path / "pyenv", "3.12.1", "3.12")
    own = tmp_path / "bin"
    own.mkdir()
    (own / "python3.12").write_text("#!/bin/sh\n")
    (own / "python3.12").chmod(0o755)
    monkeypatch.setenv("PATH", str(own))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))

    assert matrix.find_python("3.12") == os.path.join(own, "python3.12")


def test_every_series_has_an_env_of_its_own():
    names = [matrix.env_name(series) for series in series_module.SERIES]
    assert names[0] == "unit-" + series_module.OLDEST.name
    assert len(set(names)) == len(series_module.SERIES)


def test_the_summary_line_names_the_versions_the_counts_and_the_times():
    result = {"series": "2024.1", "log": matrix.ROOT / ".tox" / "x.log",
              "status": 0, "python": "3.9.18", "horizon": "24.0.2",
              "django": "4.2.10", "passed": 431, "failed": 0, "skipped": 7,
              "build_s": 95.4, "test_s": 41.2}

    assert matrix.line(result).split() == [
        "2024.1", "Python", "3.9.18", "Horizon", "24.0.2", "Django",
        "4.2.10", "431", "passed", "0", "failed", "7", "skipped", "build",
        "95", "s", "tests", "41", "s", "ok"]
    assert matrix.line(dict(result, status=1)).endswith(
        "FAILED, see .tox/x.log")


def test_an_env_older_than_our_packaging_is_built_again(tmp_path):
    info = tmp_path / ".tox" / "unit-x" / ".tox-info.json"
    assert not matrix.stale("unit-x", root=tmp_path)  # not built yet
    info.parent.mkdir(parents=True)
    info.write_text("{}")
    pyproject = tmp_path / "quick_backup_client" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text("")
    os.utime(info, (1000, 1000))
    os.utime(pyproject, (500, 500))
    assert not matrix.stale("unit-x", root=tmp_path)
    os.utime(pyproject, (2000, 2000))
    assert matrix.stale("unit-x", root=tmp_path)
