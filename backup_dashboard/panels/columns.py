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

"""Table columns whose headers follow the user's language on every Horizon.

Hack, for Horizon before 25.2.0 (2024.1 Caracal's 24.0, 2024.2 Dalmatian's
25.1): its ``Column.__init__`` turns ``verbose_name`` into a ``str`` while
the table class is being defined, that is in the language active at import
(English), so a plugin's column headers stay English for a user who chose
another language (and its ``__str__`` returns ``verbose_name`` as it is).
Horizon 25.2.0 keeps the lazy string and makes ``__str__`` a ``str()``.
These subclasses put the lazy string back after Horizon's ``__init__`` and
give ``__str__`` 25.2's body (on 25.2 and later they change nothing).
Use them instead of ``horizon.tables``' own; remove this module when the
oldest supported series has Horizon 25.2 or later (2025.1 Epoxy).
"""

from horizon import tables


class _LazyHeader(object):

    def __init__(self, transform, verbose_name=None, *args, **kwargs):
        super().__init__(transform, verbose_name, *args, **kwargs)
        if verbose_name is not None:
            self.verbose_name = verbose_name

    def __str__(self):
        return str(self.verbose_name)


class Column(_LazyHeader, tables.Column):
    """``horizon.tables.Column`` with a header in the user's language."""


class WrappingColumn(_LazyHeader, tables.WrappingColumn):
    """``horizon.tables.WrappingColumn``, header in the user's language."""
