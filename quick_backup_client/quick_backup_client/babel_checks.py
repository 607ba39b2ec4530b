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

"""Babel's checks of a catalogue, without the false placeholder errors of
Babel before 2.17.

Hack, for Babel before 2.17 (2024.1 Caracal pins 2.14, 2024.2 Dalmatian
2.16): its ``python_format`` checker refuses a translation that names a
placeholder its singular msgid lacks ("unknown named placeholder"), also
for a plural message in a language with one plural form, such as zh_Hans,
where the one translation serves every number and so names the plural's
``%(count)d``. The catalogue build (with the Babel installed
beside Horizon when built without isolation, as distributions build) then
fails on a correct catalogue. Babel 2.17 checks a msgid without
placeholders no further, and the plural forms against the plural msgid:
that is what runs here on older Babel; newer Babel runs its own checks.
Remove when the oldest supported series pins Babel 2.17 or later (2025.1
Epoxy).
"""

import babel
from babel.messages import catalog as babel_catalog
from babel.messages import checkers

FIXED_IN = (2, 17)


def _version():
    return tuple(int(part) for part in babel.__version__.split(".")[:2])


def check(catalog):
    """``(message, errors)`` for each message of ``catalog`` that fails.

    ``catalog`` is a Babel Catalog; the errors are those that
    ``catalog.check()`` finds on Babel 2.17.
    """
    if _version() >= FIXED_IN:
        return list(catalog.check())
    found = []
    for message in catalog:
        if not message.id:  # the header, which catalog.check() skips too
            continue
        errors = []
        for checker in checkers.checkers:
            if checker is checkers.python_format:
                checker = python_format
            try:
                checker(catalog, message)
            except babel_catalog.TranslationError as error:
                errors.append(error)
        if errors:
            found.append((message, errors))
    return found


def python_format(catalog, message):
    """Babel 2.17's ``python_format`` checker."""
    if "python-format" not in message.flags:
        return
    ids = message.id if isinstance(message.id, (list, tuple)) \
        else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) \
        else (message.string,)
    pairs = [(ids[0], strings[0])]
    if message.pluralizable:
        pairs += [(ids[1], string) for string in strings[1:]]
    for msgid, msgstr in pairs:
        if msgstr and _has_placeholders(msgid):
            checkers._validate_format(msgid, msgstr)


def _has_placeholders(text):
    return any(not (kind == "%" and name is None) for name, _, kind
               in babel_catalog.PYTHON_FORMAT.findall(text))
