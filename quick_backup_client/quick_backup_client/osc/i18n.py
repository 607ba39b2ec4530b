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

"""The command line's translations, from the client's own catalogue.

Strings are marked with ``_()`` (and ``N_()`` in tables); ``make messages``
(``tools/translations.py``) puts them in
``quick_backup_client/locale/<language>/LC_MESSAGES/quick_backup_client.po``;
here the stdlib reads the compiled ``.mo`` for the language of the
environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext does), and
English is the fallback.
"""

import functools
import gettext
import os

LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "locale")
DOMAIN = "quick_backup_client"
# Django names the Chinese catalogues by script, the environment by region.
SCRIPTS = {"zh_cn": "zh_Hans", "zh_sg": "zh_Hans", "zh_hans": "zh_Hans",
           "zh_tw": "zh_Hant", "zh_hk": "zh_Hant", "zh_mo": "zh_Hant",
           "zh_hant": "zh_Hant"}


def languages(environ=None):
    """Django's catalogue names for the environment's languages, best
    first (``zh_CN.UTF-8`` -> ``zh_Hans``, ``pt_BR`` -> ``pt_BR``, ``pt``).
    """
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            break
    else:
        return []
    found = []
    for locale in value.split(":"):
        locale = locale.split(".")[0].split("@")[0].replace("-", "_")
        if not locale or locale in ("C", "POSIX"):
            continue
        language, _sep, region = locale.partition("_")
        names = [SCRIPTS.get(locale.lower())]
        names += [language.lower() + "_" + region.upper() if region else None,
                  language.lower()]
        found += [name for name in names if name and name not in found]
    return found


@functools.lru_cache(maxsize=None)
def _catalogue(wanted):
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR,
                               languages=list(wanted), fallback=True)


def _(message):
    """``message`` in the user's language (read when it is shown)."""
    return _catalogue(tuple(languages())).gettext(message)


def N_(message):
    """Mark ``message`` for the catalogue where it is defined (a table);
    ``_()`` translates it when it is shown.
    """
    return message


def ngettext(singular, plural, count):
    return _catalogue(tuple(languages())).ngettext(singular, plural, count)
