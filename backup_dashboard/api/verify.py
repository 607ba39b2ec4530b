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

"""Test restores on the user's token: ``quick_backup_client.verify`` over
the catalog's Nova, Glance and Cinder (see there for what each step costs).
"""

from backup_dashboard.api import cinder
from backup_dashboard.api import sessions
from quick_backup_client import verify


def services(request):
    return verify.Services(sessions.adapter(request, "compute"),
                           sessions.adapter(request, "image"),
                           sessions.adapter(request, cinder.SERVICE_TYPE))


def start(request, image):
    """Boot the test instance of ``image`` (quota checked first)."""
    return verify.start(services(request), image)


def advance(request, image, server=False):
    """One step of a running test restore; the image as recorded."""
    return verify.advance(services(request), image, server)


def discard(request, image):
    """Delete the test instance of a backup being deleted (one DELETE)."""
    verify.discard(services(request), image)
