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

"""Make SQLite usable from threaded OpenStack services.

oslo.db disables pysqlite's own transaction handling and emits a plain
(deferred) ``BEGIN``. When two threads of one service write at once, the one
that upgrades its read lock second fails immediately with "database is
locked" (SQLite cannot wait there without risking deadlock). Turning
``BEGIN`` into ``BEGIN IMMEDIATE`` takes the write lock up front, so the
``?timeout=30`` busy timeout in the URL makes concurrent writers queue up.

One exception: a transaction a thread opens while it already has one open
on another connection (oslo.db's ``.independent`` transactions, e.g.
Placement re-reading a provider inside its allocation write) keeps the
deferred ``BEGIN``. Taking the write lock there would wait for the thread's
own outer transaction, a self-deadlock that ends in "database is locked"
after the 30 s timeout; a deferred read can proceed next to it.
"""

import threading

import sqlalchemy
from sqlalchemy.engine import Engine

_installed = False
_open = threading.local()  # .conns: ids of connections in a transaction


def _open_conns():
    if not hasattr(_open, "conns"):
        _open.conns = set()
    return _open.conns


def _before_execute(conn, cursor, statement, parameters, context,
                    executemany):
    if conn.dialect.name == "sqlite" and statement.strip().upper() == "BEGIN":
        conns = _open_conns()
        if not conns - {id(conn.connection.dbapi_connection)}:
            statement = "BEGIN IMMEDIATE"
        conns.add(id(conn.connection.dbapi_connection))
    return statement, parameters


def _end_transaction(conn):
    if conn.dialect.name == "sqlite":
        _open_conns().discard(id(conn.connection.dbapi_connection))


def install():
    """Install the hooks on every SQLAlchemy engine of this process."""
    global _installed
    if not _installed:
        sqlalchemy.event.listen(Engine, "before_cursor_execute",
                                _before_execute, retval=True)
        sqlalchemy.event.listen(Engine, "commit", _end_transaction)
        sqlalchemy.event.listen(Engine, "rollback", _end_transaction)
        _installed = True


def sqlite_url(path):
    """Return an SQLAlchemy URL for the SQLite file at ``path``."""
    return "sqlite:///%s?timeout=30" % path
