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

"""The Apache 2.0 header: tools/license_headers.py, and the shipped code."""

import pathlib

from tools import license_headers

ROOT = pathlib.Path(__file__).resolve().parents[1]
# The packages the distributions ship.
SHIPPED = ("backup_dashboard", "quick_backup_client",
           "quick_backup_server/quick_backup_server")
DOCSTRING = '"""A module."""\n\nimport os\n'


def test_every_shipped_python_file_carries_the_header():
    shipped = [ROOT / name for name in SHIPPED if (ROOT / name).is_dir()]
    assert ROOT / "backup_dashboard" in shipped
    lacking = license_headers.missing(shipped)
    assert not lacking, "run python tools/license_headers.py: %s" % [
        str(path.relative_to(ROOT)) for path in lacking]


def test_the_header_goes_first_and_the_docstring_follows_it():
    added = license_headers.with_header(DOCSTRING)
    assert added == license_headers.HEADER + "\n" + DOCSTRING
    assert license_headers.has_header(added)


def test_a_shebang_and_an_encoding_line_stay_first():
    text = "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n" + DOCSTRING
    added = license_headers.with_header(text)
    assert added.splitlines()[:3] == [
        "#!/usr/bin/env python3", "# -*- coding: utf-8 -*-",
        license_headers.HEADER.splitlines()[0]]
    assert added.endswith("# under the License.\n\n" + DOCSTRING)


def test_adding_twice_adds_once():
    once = license_headers.with_header(DOCSTRING)
    assert license_headers.with_header(once) == once


def test_an_empty_file_is_left_empty():
    assert license_headers.with_header("") == ""
    assert license_headers.with_header("\n") == "\n"


def test_a_header_cut_short_is_not_the_header():
    cut = "\n".join(license_headers.HEADER.splitlines()[:3]) + "\n"
    assert not license_headers.has_header(cut + DOCSTRING)


def test_check_lists_the_files_without_the_header_and_changes_nothing(
        tmp_path, capsys):
    bare = tmp_path / "bare.py"
    bare.write_text(DOCSTRING)
    (tmp_path / "done.py").write_text(license_headers.with_header(DOCSTRING))
    (tmp_path / "empty.py").write_text("")
    assert license_headers.main(["--check", str(tmp_path)]) == 1
    assert capsys.readouterr().out == "%s: no Apache 2.0 header\n" % bare
    assert bare.read_text() == DOCSTRING


def test_without_check_every_file_gets_the_header_and_check_passes(
        tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text(DOCSTRING)
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "theirs.py").write_text(DOCSTRING)
    assert license_headers.main([str(tmp_path)]) == 0
    assert license_headers.has_header((package / "module.py").read_text())
    assert (tmp_path / ".venv" / "theirs.py").read_text() == DOCSTRING
    assert license_headers.main(["--check", str(tmp_path)]) == 0
