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

"""The plugin's errors, sorted for Horizon's ``exceptions.handle()``.

The plugin calls Glance and Cinder through keystoneauth adapters on the
user's token (``api/sessions.py``), so their errors are keystoneauth's,
which Horizon's own lists (``openstack_dashboard/exceptions.py``) do not
name. The enabled file registers these (``ADD_EXCEPTIONS``): a 401 from
Glance or Cinder then gets Horizon's "not authorized" page ("Unauthorized:
...", a link to log in again), as one from Nova does, instead of
"Unable to ...".
"""

import sys

from keystoneauth1 import exceptions as ks_exceptions

UNAUTHORIZED = (ks_exceptions.Unauthorized,)
NOT_FOUND = (ks_exceptions.NotFound,)
# Every other answer or connection failure of a service: a message.
RECOVERABLE = (ks_exceptions.ClientException,)

#: The enabled file's ADD_EXCEPTIONS.
ADD_EXCEPTIONS = {
    "unauthorized": UNAUTHORIZED,
    "not_found": NOT_FOUND,
    "recoverable": RECOVERABLE,
}


def ask_for_login_if_expired(request, message):
    """In an ``except`` that otherwise carries on without the answer: when
    the error is an expired login (a 401, from any service), Horizon's own
    answer to it, its "not authorized" page with a link to log in again
    (this raises), with ``message`` after "Unauthorized:"; anything else
    is left to the caller.
    """
    # Not at the top: the enabled file imports this module while Horizon's
    # settings load, and horizon.exceptions reads those settings.
    from horizon import exceptions as horizon_exceptions
    if isinstance(sys.exc_info()[1], horizon_exceptions.UNAUTHORIZED):
        horizon_exceptions.handle(request, message, details="")
