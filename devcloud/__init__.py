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

"""devcloud: a throwaway local OpenStack and Horizon, for demo and tests.

Real Keystone, Placement, Glance, Nova (fake virt driver), Cinder (a
driver with no data path) and, where it is installed, Mistral from the
virtualenv, a tiny Neutron stand-in (one network) and Horizon with the plugin
(gunicorn's worker processes sharing one memcached), each in its own
process on 127.0.0.1, with fresh SQLite databases under a state directory.
Region RegionStock has the same services, but its compute endpoint is Nova
without our filter.
``devcloud.cloud.Cloud`` starts, fills and stops them all; ``python -m
devcloud demo`` runs it until Ctrl-C. The same code runs the services of
the newest series or, from its own virtualenv, the oldest's (2024.1:
``make test-oldest``); what differs is checked by feature where it counts.
"""

import time


def wait_for(predicate, what, timeout=120):
    """Call ``predicate`` every half second until it returns something true,
    and return that; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError("devcloud: no %s after %ds" % (what, timeout))
        time.sleep(0.5)
