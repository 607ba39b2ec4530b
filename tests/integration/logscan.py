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

"""No token or password in any log: every file under the given directories
(the cloud's logs, the tests' artifacts) searched for Keystone tokens (any
Fernet token, and the ones the tests were issued), the Horizon session ids
of the tests' users and the passwords that are worth searching for."""

import os
import re

#: A Keystone Fernet token: Fernet's version byte 0x80 and a timestamp,
#: base64url without padding, as Keystone hands them out.
FERNET_TOKEN = re.compile(rb"gAAAAAB[A-Za-z0-9_-]{60,}")
#: Credentials the tests met (tokens, session ids), by what they are.
ISSUED = {}


def remember(what, value):
    """Add a credential the tests were given, to look for at the end."""
    if value:
        ISSUED[value] = what


def findings(directories, secrets):
    """Where ``secrets`` ({value: what it is}) or any Fernet token occur in
    the files under ``directories``: ``(path, line number, what)`` rows,
    never the secret itself."""
    wanted = [(value.encode(), what) for value, what in secrets.items()
              if value]
    found = []
    for directory in directories:
        for root, _dirs, files in os.walk(directory):
            for name in sorted(files):
                path = os.path.join(root, name)
                with open(path, "rb") as data:
                    for number, line in enumerate(data, 1):
                        found += [(path, number, what) for value, what
                                  in wanted if value in line]
                        if FERNET_TOKEN.search(line):
                            found.append((path, number, "a Keystone token"))
    return found
