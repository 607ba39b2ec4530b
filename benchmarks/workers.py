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

"""The memory of Horizon's gunicorn workers (the master's children), read
from /proc."""

# Growth allowed per worker across a load run: Django and Horizon keep
# caches that fill and then stay (templates, policy, the catalogue); a leak
# of one page's objects per request would exceed it.
GROWTH_MB = 40


def workers(cloud):
    """The pids of Horizon's gunicorn workers (the master's children)."""
    master = cloud.services["horizon"].pid
    with open("/proc/%d/task/%d/children" % (master, master)) as children:
        return sorted(int(pid) for pid in children.read().split())


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise AssertionError("no VmRSS for %d" % pid)
