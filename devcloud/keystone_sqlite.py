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

"""Keystone 25 (2024.1) on SQLite: no transaction left open by token issue.

Keystone 25's SQL ``Federation.get_enabled_service_providers`` returns a
Query built inside ``session_for_read()`` and iterated after it closed, so
SQLAlchemy 1.4's session begins a transaction of its own that nothing
ends until the garbage collector does. On MySQL that costs nothing; on
devcloud's SQLite (``BEGIN IMMEDIATE``, devcloud.sqlite_hook) it holds the
write lock, and the next write (``POST /v3/regions`` right after the first
token) fails "database is locked" after 30 s. Newer Keystone (30) returns
``.all()`` of the query inside the session. Here the query runs inside an
outer ``session_for_read()``, which the inner one joins: on Keystone 30 the
wrapper only copies a list. Remove with 2024.1.
"""

import functools


def install():
    from keystone.common import sql
    from keystone.federation.backends import sql as federation_sql

    driver = federation_sql.Federation
    original = driver.get_enabled_service_providers
    if getattr(original, "devcloud_wrapped", False):
        return

    @functools.wraps(original)
    def get_enabled_service_providers(self):
        with sql.session_for_read():
            return list(original(self))
    get_enabled_service_providers.devcloud_wrapped = True
    driver.get_enabled_service_providers = get_enabled_service_providers
