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

"""Horizon's own Simplified Chinese, for the local cloud's Horizon.

Horizon's wheels ship its catalogues as .po only (operators run
compilemessages); we compile its zh_Hans ones into the state directory and
name them in LOCALE_PATHS, so that nothing is written into the installed
Horizon. LOCALE_PATHS outrank the apps' own catalogues as Horizon's
INSTALLED_APPS order does in a deployment: for a string that Horizon and
the plugin both mark, Horizon's translation shows either way.
"""

import importlib.util
import os

from babel.messages import mofile
from babel.messages import pofile

LANGUAGE = "zh_Hans"
PACKAGES = ("horizon", "openstack_dashboard", "openstack_auth")


def compile_horizon_catalogues(target_dir):
    """Compile the packages' zh_Hans catalogues under ``target_dir``;
    returns the directories for LOCALE_PATHS."""
    paths = []
    for package in PACKAGES:
        source = os.path.join(os.path.dirname(
            importlib.util.find_spec(package).origin), "locale", LANGUAGE,
            "LC_MESSAGES")
        locale_dir = os.path.join(target_dir, package)
        target = os.path.join(locale_dir, LANGUAGE, "LC_MESSAGES")
        os.makedirs(target, exist_ok=True)
        for name in ("django.po", "djangojs.po"):
            if not os.path.exists(os.path.join(source, name)):
                continue
            with open(os.path.join(source, name), "rb") as po:
                catalog = pofile.read_po(po, locale=LANGUAGE)
            with open(os.path.join(target, name[:-3] + ".mo"), "wb") as mo:
                mofile.write_mo(mo, catalog)  # translated entries only
        paths.append(locale_dir)
    return paths
