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

"""The Backups panel's consistency column, filter and page field.

Read from the ``quick_backup_consistency`` property the image listing
already carries: no request of its own. A backup made before the property
existed shows as unknown.
"""

from django.utils.translation import gettext_lazy as _

from backup_dashboard.panels import columns
from quick_backup_client import consistency

LABELS = {
    consistency.APPLICATION: _("Application-consistent"),
    consistency.CRASH: _("Crash-consistent"),
    consistency.SHUTOFF: _("Shut off (consistent)"),
    consistency.UNKNOWN: _("Unknown"),
}
# What each label means (on hover in the table, under it on the page).
HELP = {
    consistency.APPLICATION: _(
        "The instance's image asks for the QEMU guest agent, so the Compute "
        "service was to freeze its filesystems while the copy was taken. "
        "Unless the image also has os_require_quiesce=yes, a freeze that "
        "failed did not stop the backup."),
    consistency.CRASH: _(
        "Taken while the instance was writing to its disk, as if its power "
        "had been cut: the instance's image has no guest agent."),
    consistency.SHUTOFF: _(
        "The instance was shut off: nothing wrote to its disk while the "
        "copy was taken."),
    consistency.UNKNOWN: _(
        "Not recorded: the Compute service did not show the facts when the "
        "backup was made, or the backup is older than this record."),
}
# The Backups filter's choice (the panel's server-side filters).
FILTER_FIELD = "consistency"
FILTER_CHOICE = (FILTER_FIELD, _("Consistency ="), True,
                 _("application, crash, shutoff or unknown"))


def label(backup):
    """The backup's recorded consistency (one of ``consistency.VALUES``)."""
    return consistency.of_image(backup.image)


def filter_value(text):
    """The property value a filter text asks for: a value or its label, in
    any case; other text is passed on (Glance then lists nothing).
    """
    wanted = (text or "").strip().lower()
    for value, words in LABELS.items():
        if wanted in (value, str(words).lower()):
            return value
    return text


def _cell_attributes(shown):
    """The cell's hover text (Horizon passes the label it shows)."""
    return {"title": next((HELP[value] for value, words in LABELS.items()
                           if words is shown), "")}


def column():
    """The Backups table's Consistency column."""
    return columns.Column(
        label, verbose_name=_("Consistency"),
        display_choices=tuple(LABELS.items()),
        cell_attributes_getter=_cell_attributes)


def page_context(backup):
    """What the backup's page shows of it."""
    value = label(backup)
    return {"consistency": LABELS[value], "consistency_help": HELP[value]}
