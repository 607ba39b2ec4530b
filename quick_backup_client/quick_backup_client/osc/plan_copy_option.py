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

"""A plan's ``--copy-to STORE`` and ``--no-copy``: the option, and the
check that the store is one the plan can copy its backups to (one Glance
request, only when the option is given).
"""

from keystoneauth1 import exceptions as ks_exceptions
from osc_lib import exceptions

from quick_backup_client import copies
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import plan_messages


def add(parser, with_off=False):
    """``--copy-to STORE`` (and, to change a plan, ``--no-copy``):
    ``copy_to`` is None when neither is given, "" for ``--no-copy``.
    """
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--copy-to", dest="copy_to", metavar="<store>", default=None,
        help=_("Also copy each new backup to this store of the Image "
               "service (not the backups of servers booted from volume: "
               "their data are volume snapshots); a failed copy fails the "
               "run and keeps the backup"))
    if with_off:
        group.add_argument(
            "--no-copy", dest="copy_to", action="store_const", const="",
            help=_("Stop copying new backups to another store"))


def checked(clients, store_id):
    """``store_id`` when the Image service lets this user copy to it and it
    is not the default store (where backups are made); else CommandError.
    """
    try:
        available = copies.available_stores(clients.glance)
    except ks_exceptions.ClientException:
        available = []
    others = [store["id"] for store in available if not store["default"]]
    if len(available) < 2:
        raise exceptions.CommandError(_(plan_messages.COPY_SINGLE_STORE))
    if store_id not in others:
        raise exceptions.CommandError(_(plan_messages.COPY_NO_STORE) % {
            "store": store_id, "stores": ", ".join(others)})
    return store_id


def given(clients, parsed_args, current=None):
    """The plan's ``copy_to`` after the options (``current`` when neither
    is given; a given store checked).
    """
    if parsed_args.copy_to is None:
        return current
    if parsed_args.copy_to == "" or parsed_args.copy_to == current:
        return parsed_args.copy_to or None
    return checked(clients, parsed_args.copy_to)
