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

"""The Apache 2.0 header on every Python file: add it, or check for it.

    python tools/license_headers.py [PATH ...]          # add where missing
    python tools/license_headers.py --check [PATH ...]  # list, exit 1

PATHs are files or directories (default: the whole checkout, less what
is not source: virtual environments, builds, state). The header goes first,
after a shebang or an encoding line if the file has one, and a blank line
separates it from the docstring, which stays the first statement. A file
with nothing in it is left alone (hacking's H104 refuses a file of
comments alone). Adding is idempotent; the check is what ``tox -e pep8``
runs.
"""

import argparse
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

HEADER = """\
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
"""

# Directories never searched: not source, or not ours.
SKIP_DIRS = {".git", ".venv", ".tox", ".state", "artifacts", "build",
             "dist", "__pycache__", "node_modules"}
# PEP 263: an encoding declaration on the first or second line.
CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def _words(text):
    """The text without comment marks and with whitespace collapsed."""
    return " ".join(text.replace("#", " ").split())


def has_header(text):
    """Whether the leading comment block holds the whole header."""
    leading = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        leading.append(line)
    return _words(HEADER) in _words("\n".join(leading))


def with_header(text):
    """``text`` with the header added, or unchanged if it has one or is
    empty.
    """
    if not text.strip() or has_header(text):
        return text
    lines = text.splitlines(keepends=True)
    keep = 0
    if lines and lines[0].startswith("#!"):
        keep = 1
    if len(lines) > keep and CODING.match(lines[keep]):
        keep += 1
    head, rest = lines[:keep], lines[keep:]
    if head and not head[-1].endswith("\n"):
        head[-1] += "\n"
    while rest and not rest[0].strip():
        rest.pop(0)  # one blank line after the header, not more
    return "".join(head) + HEADER + ("\n" if rest else "") + "".join(rest)


def _skipped(directory):
    # .venv-tools, .venv-2024.1: the Makefile's other virtualenvs.
    return (directory in SKIP_DIRS or directory.endswith(".egg-info") or
            directory.startswith(".venv-"))


def python_files(paths):
    """Every .py file under ``paths``, sorted."""
    found = set()
    for path in map(pathlib.Path, paths):
        if path.is_file():
            found.add(path)
            continue
        for directory, subdirs, files in os.walk(path):
            subdirs[:] = [d for d in subdirs if not _skipped(d)]
            found.update(pathlib.Path(directory, name) for name in files
                         if name.endswith(".py"))
    return sorted(found)


def missing(paths):
    """The files under ``paths`` that need the header."""
    lacking = []
    for path in python_files(paths):
        text = path.read_text(encoding="utf-8")
        if with_header(text) != text:
            lacking.append(path)
    return lacking


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Add the Apache 2.0 header to Python files lacking it.")
    parser.add_argument("--check", action="store_true",
                        help="list the files lacking it and exit 1; "
                             "change nothing")
    parser.add_argument("paths", nargs="*", default=[str(ROOT)])
    args = parser.parse_args(argv)
    lacking = missing(args.paths)
    if args.check:
        for path in lacking:
            print("%s: no Apache 2.0 header" % path)
        if lacking:
            print("Add it with: python tools/license_headers.py",
                  file=sys.stderr)
        return 1 if lacking else 0
    for path in lacking:
        path.write_text(with_header(path.read_text(encoding="utf-8")),
                        encoding="utf-8")
        print("added the header to %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
