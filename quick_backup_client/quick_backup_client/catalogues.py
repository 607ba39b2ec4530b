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

"""Translation catalogues (locale/<language>/LC_MESSAGES/*.po) compiled to
the .mo files gettext and Django read.

Both builds use it: the client's and the dashboard's setup.py, into the
wheel or, for an editable install, beside the .po (git-ignored). Babel
only, no Django and no GNU gettext. A catalogue with an empty or fuzzy
translation, or one whose placeholders differ from the English, is refused.

    python -m quick_backup_client.catalogues [LOCALE_DIR ...]  # in place
"""

import pathlib
import re
import sys

LOCALE_DIR = pathlib.Path(__file__).resolve().parent / "locale"
BRACES = re.compile(r"\{(\w*)\}")


class IncompleteCatalogue(Exception):
    """A catalogue that would leave marked strings in English."""


def problems(catalog):
    """What keeps ``catalog`` (a Babel catalog) from being compiled."""
    from quick_backup_client import babel_checks

    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) \
            else (message.string,)
        if message.fuzzy:
            found.append("fuzzy: %r" % (message.id,))
        elif not all(strings):
            found.append("no translation: %r" % (message.id,))
    for message, errors in babel_checks.check(catalog):
        found += ["%s: %r" % (error, message.id) for error in errors]
    found += ["other {} placeholders: %r" % (message.id,)
              for message in catalog if message.id and message.string and
              not _same_braces(message)]
    return found


def _same_braces(message):
    """Babel checks %-placeholders only; format_html() fills {name} ones,
    and a missing or misspelt one would fail after the backup was made.
    """
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) \
        else (message.string,)
    wanted = set(BRACES.findall(ids[0]))
    return all(set(BRACES.findall(text)) == wanted for text in strings)


def compile_catalogues(target_dir, source_dir=LOCALE_DIR):
    """Compile every .po under ``source_dir`` into the same place under
    ``target_dir``; returns the .mo files written.
    """
    from babel.messages import mofile
    from babel.messages import pofile

    written, refused = [], []
    for po_path in sorted(pathlib.Path(source_dir).glob(
            "*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source_dir)
        with open(po_path, "rb") as po:
            catalog = pofile.read_po(po, locale=relative.parts[0])
        errors = problems(catalog)
        if errors:
            refused += ["%s: %s" % (relative, error) for error in errors]
            continue
        mo_path = pathlib.Path(target_dir) / relative.with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with open(mo_path, "wb") as mo:
            mofile.write_mo(mo, catalog, use_fuzzy=False)
        written.append(mo_path)
    if refused:
        raise IncompleteCatalogue(
            "Translate these strings (make messages):\n  " +
            "\n  ".join(refused))
    return written


def build_py_command(package):
    """setuptools' build_py that also compiles ``package``'s catalogues:
    into the build for a wheel, beside the .po for an editable install;
    an incomplete catalogue fails the build.
    """
    from setuptools.command import build_py

    class BuildPyWithCatalogues(build_py.build_py):
        def run(self):
            super().run()
            source = pathlib.Path(package.replace(".", "/"), "locale")
            if getattr(self, "editable_mode", False):
                target = source.resolve()
            else:
                target = pathlib.Path(self.build_lib) / source
            try:
                written = compile_catalogues(target, source.resolve())
            except IncompleteCatalogue as problem:
                raise SystemExit(str(problem))
            for path in written:
                self.announce("compiled %s" % path, level=2)

    return BuildPyWithCatalogues


def main(argv):
    try:
        for source in argv[1:] or [LOCALE_DIR]:
            for path in compile_catalogues(source, source):
                print("compiled %s" % path)
    except IncompleteCatalogue as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
