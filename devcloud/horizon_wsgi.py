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

"""Horizon's WSGI application as devcloud serves it under gunicorn.

Two additions, both for the local cloud only (a real deployment serves
static files from its web server and names no worker):

- static files: ``runserver --insecure`` served them through Django's
  staticfiles handler; gunicorn has none, so the same handler wraps the app
  (DEBUG is False, so Django itself would not serve them);
- ``X-Devcloud-Worker: <pid>`` on every answer, so that a test can prove
  which of Horizon's worker processes answered a request.

And one hold: gunicorn (``--preload``) builds the app before it opens its
listener, so ``build()`` loads Horizon (the slow part) while the cloud is
filled, then waits for the file that ``horizon.GATE`` names before it
returns: no login page is served before the demo users exist.
"""

import os
import time

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application

from devcloud.horizon import GATE

WORKER_HEADER = "X-Devcloud-Worker"


def _name_the_worker(app):
    def named(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(
                status, headers + [(WORKER_HEADER, str(os.getpid()))],
                exc_info)
        return app(environ, start)
    return named


def wait_for_gate(path, interval=0.2):
    """Return once ``path`` exists (at once without a path)."""
    while path and not os.path.exists(path):
        time.sleep(interval)


def build():
    """The application (gunicorn calls ``devcloud.horizon_wsgi:build()``)."""
    app = _name_the_worker(StaticFilesHandler(get_wsgi_application()))
    wait_for_gate(os.environ.get(GATE))
    return app
