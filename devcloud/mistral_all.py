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

"""Mistral's API, engine and periodic (cron trigger) services in one process.

``mistral-server --server all`` forks a process per component (about
750 MB), and ``fake://`` cannot connect processes. Here the components are
started in one process, as Mistral's own engine tests do: the engine and
periodic services' ``start()`` (oslo.service's threading backend, as
Mistral's own entry points choose it), executor and notifier ``local``
(inside the engine), and the API's pecan app served by devcloud.service.
Mistral keeps one RPC transport per process (``mistral.rpc.base``), so
``fake://`` reaches the engine from the API.

The database: ``mistral-db-manage upgrade head`` fails on SQLite at
revision 002 (it ALTERs constraints), so the schema is created from the
models (``setup_db()``, what Mistral's tests do), then stamped ``head`` in
Alembic and populated (the standard actions and workflows), which is what
``mistral-db-manage stamp head`` and ``populate`` do, in this process.
"""

import importlib.util
import os

from oslo_service import backend

backend.init_backend(backend.BackendType.THREADING)

#: Mistral's Alembic scripts.
ALEMBIC_SCRIPTS = os.path.join(os.path.dirname(
    importlib.util.find_spec("mistral").origin), "db", "sqlalchemy",
    "migration", "alembic_migrations")


def _create_database():
    """Schema from the models, stamped ``head``, then ``populate``."""
    from alembic.runtime import migration
    from alembic import script

    from mistral.db.sqlalchemy import base as db_base
    from mistral.db.v2 import api as db_api
    from mistral.services import action_manager
    from mistral.services import workflows

    db_api.setup_db()
    # What ``stamp head`` does, without Alembic's env.py (which would
    # reconfigure this process's logging from Mistral's alembic.ini).
    scripts = script.ScriptDirectory(ALEMBIC_SCRIPTS)
    with db_base.get_engine().begin() as connection:
        migration.MigrationContext.configure(connection).stamp(
            scripts, "head")
    action_manager.sync_db()
    workflows.sync_db()


def build_app(layout):
    """Mistral from ``DIR/mistral/mistral.conf``: its WSGI app.

    Parses the config, creates the database, starts the engine and the
    periodic service (in background threads) and returns the API's app.
    """
    os.environ["MISTRAL_CONFIG_FILE"] = layout.path("mistral", "mistral.conf")
    from oslo_config import cfg
    from oslo_log import log as logging

    from mistral.api import app as api_app
    from mistral import config
    from mistral.engine import engine_server
    from mistral.services import periodic_server

    config.parse_args(args=[])
    logging.setup(cfg.CONF, "Mistral")
    _create_database()
    for service in (engine_server.get_oslo_service(),
                    periodic_server.get_oslo_service()):
        service.start()
    return api_app.setup_app()
