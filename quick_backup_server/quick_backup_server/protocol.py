"""The Quick Backup API's facts, shared by the nova-api filter and the dashboard.

Standard library only, so that both nova-api's and Horizon's environments can
import it::

    POST {compute endpoint}/servers/{server_id}/backup_instance
    {"name": "nightly", "description": "before upgrade"}
    -> 202 {"id": "<image id>"}
"""

import re

# The last path segment of the API, after /servers/{server_id}/.
RESOURCE = "backup_instance"

NAME_MAX_LENGTH = 255
# The description is kept as image metadata, whose values Nova caps at 255.
DESCRIPTION_MAX_LENGTH = 255

# Image properties every Quick Backup carries.
MARKER_PROPERTY = "quick_backup"
DESCRIPTION_PROPERTY = "description"

# Nova's server ids and Glance's image ids are UUIDs (Nova writes them in
# lower case; either case is accepted, as Nova's own lookups do).
UUID_PATTERN = (r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UUID = re.compile(UUID_PATTERN)


def is_uuid(value):
    """True for a string shaped like a Nova server id or a Glance image id."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None
