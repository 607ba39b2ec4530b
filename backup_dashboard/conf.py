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

"""The plugin's settings: Horizon's value, else the shipped default.

The defaults are defined once, in the settings file that operators copy
into ``local_settings.d``
(``local_settings.d/_1920_quick_backup_settings.py``). That folder's name
has a dot, so it cannot be imported as a package: the file is loaded by
its path, once.
"""

import importlib.util
import pathlib

from django.conf import settings

SETTINGS_FILE = (pathlib.Path(__file__).resolve().parent / "local_settings.d" /
                 "_1920_quick_backup_settings.py")


def _load_defaults():
    spec = importlib.util.spec_from_file_location(
        "backup_dashboard_default_settings", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items()
            if name.startswith("QUICK_BACKUP_")}


DEFAULTS = _load_defaults()


def get(name):
    """Setting ``name`` (one of DEFAULTS) as Horizon has it."""
    return getattr(settings, name, DEFAULTS[name])
