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

"""The translation catalogues: extract the marked strings, refresh the .po
files, and name the strings that have no translation.

Two catalogues, one per distribution that shows words: the dashboard's
(Django's ``django`` domain: its Python and its templates) and the
client's (``quick_backup_client``: the openstack command's words).
Pure Python (Babel, and Django's own template lexer for the templates), so
no GNU gettext is needed:

    python -m tools.translations update  # after marking strings
    python -m tools.translations check   # what is left to translate

Every module of a package is read, so a new one is in its catalogue after
``update``.
"""

import collections
import io
import pathlib
import sys

from babel.messages import catalog as babel_catalog
from babel.messages import extract
from babel.messages import pofile

ROOT = pathlib.Path(__file__).resolve().parents[1]
Catalogue = collections.namedtuple("Catalogue", "project package domain")
DASHBOARD = Catalogue("backup-dashboard", ROOT / "backup_dashboard", "django")
CLIENT = Catalogue("quick-backup-client",
                   ROOT / "quick_backup_client" / "quick_backup_client",
                   "quick_backup_client")
CATALOGUES = (DASHBOARD, CLIENT)
# Django's translation functions (what makemessages looks for).
KEYWORDS = dict(extract.DEFAULT_KEYWORDS,
                gettext_lazy=None, ngettext_lazy=(1, 2),
                pgettext_lazy=((1, "c"), 2),
                npgettext_lazy=((1, "c"), 2, 3))
# A locale's folder name: Django's to_locale() of Horizon's language code.
LANGUAGES = ("zh_Hans",)


def _templatized(path):
    """A template as Django's makemessages feeds it to xgettext: Python-ish
    text with a gettext() call for each {% trans %} and {% blocktrans %}.
    """
    from django.utils.translation import template
    text = template.templatize(path.read_text(encoding="utf-8"))
    # One statement per line for Python's tokenizer (the template's own
    # indentation means nothing to it); the strings are quoted on one line.
    return "\n".join(line.lstrip() for line in text.split("\n"))


def _sources(catalogue):
    for path in sorted(catalogue.package.rglob("*.py")):
        yield path, path.read_bytes()
    for path in sorted((catalogue.package / "templates").rglob("*.html")):
        yield path, _templatized(path).encode("utf-8")


def extract_catalog(catalogue):
    """Every marked string of the package, with where it is used."""
    found = babel_catalog.Catalog(domain=catalogue.domain,
                                  project=catalogue.project,
                                  charset="utf-8", fuzzy=False)
    for path, source in _sources(catalogue):
        where = str(path.relative_to(ROOT))
        for lineno, message, comments, context in extract.extract(
                "python", io.BytesIO(source), keywords=KEYWORDS):
            found.add(message, locations=[(where, lineno)],
                      auto_comments=comments, context=context)
    return found


def po_path(catalogue, language):
    return (catalogue.package / "locale" / language / "LC_MESSAGES" /
            (catalogue.domain + ".po"))


def read_po(catalogue, language):
    with open(po_path(catalogue, language), "rb") as po:
        return pofile.read_po(po, locale=language, domain=catalogue.domain)


def update(catalogue, language):
    """Merge the source's strings into the language's .po: new (or
    reworded) ones empty, for a translator; gone ones dropped.
    """
    template = extract_catalog(catalogue)
    path = po_path(catalogue, language)
    if path.exists():
        catalog = read_po(catalogue, language)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = babel_catalog.Catalog(
            locale=language, domain=catalogue.domain,
            project=catalogue.project,
            copyright_holder="backup-dashboard's authors",
            msgid_bugs_address="", last_translator="backup-dashboard",
            language_team="Simplified Chinese", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # the header: the build refuses fuzzy entries
    write_po(catalogue, language, catalog)
    return catalog


def write_po(catalogue, language, catalog):
    # No line numbers: an edit elsewhere in a file changes no catalogue.
    with open(po_path(catalogue, language), "wb") as po:
        pofile.write_po(po, catalog, width=79, include_lineno=False,
                        ignore_obsolete=True, include_previous=False)


def untranslated(catalogue, language):
    """The marked strings of the source that the language's .po does not
    translate (missing, empty or fuzzy), as msgids, in source order.
    """
    catalog = read_po(catalogue, language)
    missing = []
    for message in extract_catalog(catalogue):
        if not message.id:
            continue
        known = catalog.get(message.id, context=message.context)
        if known is None or known.fuzzy or not _complete(known):
            missing.append(message.id)
    return missing


def _complete(message):
    strings = message.string if isinstance(message.string, (list, tuple)) \
        else [message.string]
    return bool(strings) and all(strings)


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    import django
    from django.conf import settings
    if not settings.configured:
        settings.configure()
        django.setup()
    status = 0
    for catalogue in CATALOGUES:
        for language in LANGUAGES:
            path = po_path(catalogue, language).relative_to(ROOT)
            if command == "update":
                update(catalogue, language)
                print("updated %s" % path)
            missing = untranslated(catalogue, language)
            for msgid in missing:
                print("%s: no translation for %r" % (path, msgid))
            status = status or bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
