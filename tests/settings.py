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

"""Django settings for the tests: Horizon's own test settings plus the plugin,
enabled through the same file an operator copies into Horizon."""

import tempfile

from openstack_dashboard.test.settings import *  # noqa: F401,F403
from openstack_dashboard.test.settings import HORIZON_CONFIG
from openstack_dashboard.test.settings import INSTALLED_APPS
from openstack_dashboard import enabled as horizon_enabled
from openstack_dashboard.utils import settings as settings_utils

from backup_dashboard import enabled as plugin_enabled

# Running update_dashboards a second time fails with "Application labels
# aren't unique" unless the first run's results are dropped.
HORIZON_CONFIG.pop("dashboards", None)
HORIZON_CONFIG.pop("default_dashboard", None)
settings_utils.update_dashboards([horizon_enabled, plugin_enabled],
                                 HORIZON_CONFIG, INSTALLED_APPS)
INSTALLED_APPS[:] = list(dict.fromkeys(INSTALLED_APPS))

# Rendered pages fill the cache with the compressor's entries: the default
# 300 would evict what the plugin keeps there.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 100000}},
}
# Horizon's test settings compress into /tmp/ itself: use this run's TMPDIR.
COMPRESS_ROOT = tempfile.gettempdir()
