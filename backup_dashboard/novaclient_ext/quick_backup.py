"""python-novaclient extension for the Quick Backup API.

The wire format, and nothing else, lives here::

    POST {compute endpoint}/servers/{server_id}/backup_instance
    {"name": "nightly", "description": "before upgrade"}
    -> 202 {"id": "<image id>"}

Load it with ``novaclient.extension.Extension(EXTENSION_NAME, module)``; the
client then has ``client.quick_backups.create(server, name, description)``.
The ``novaclient.extension`` entry point adds ``nova backup-instance``.
"""

from urllib import parse

from novaclient import base
from novaclient import exceptions
from novaclient import utils
from quick_backup_server import protocol

# The attribute the extension's manager gets on a novaclient Client; setup.py
# registers the entry point under the same name.
EXTENSION_NAME = "quick_backups"


UNUSABLE_ANSWER = ("Nova's answer to the Quick Backup names no image id; "
                   "the backup may still have been made.")


class MissingImageId(exceptions.ClientException):
    """Nova answered without an error but named no usable image id.

    The backup may have been made: never send the same backup again blindly.
    """


class QuickBackupManager(base.Manager):
    """Asks Nova for a Quick Backup of a server."""

    def create(self, server, name, description=None):
        """Back up ``server`` (a Server or its id) and return the image id.

        The id is a ``str`` that also carries the request ids of the call,
        like ``servers.create_image`` does. Errors from Nova raise
        novaclient's own exception classes (``BadRequest``, ``Forbidden``,
        ``NotFound``, ``Conflict``...); an answer that is not a 2xx naming an
        image id raises ``MissingImageId``. Redirects are not followed: a
        POST sent again could make a second backup.
        """
        url = "/servers/%s/%s" % (parse.quote(str(base.getid(server)),
                                              safe=""), protocol.RESOURCE)
        body = {"name": name, "description": description or ""}
        try:
            resp, resp_body = self.api.client.post(url, body=body,
                                                   redirect=False)
        except RecursionError:  # JSON nested too deeply to read
            raise MissingImageId(code=None, message=UNUSABLE_ANSWER)
        image_id = resp_body.get("id") if isinstance(resp_body, dict) else None
        if not 200 <= resp.status_code < 300 or \
                not protocol.is_uuid(image_id):
            raise MissingImageId(code=resp.status_code,
                                 message=UNUSABLE_ANSWER)
        return base.StrWithMeta(image_id, resp)


@utils.arg("server", metavar="<server>", help="Name or ID of server.")
@utils.arg("name", metavar="<name>", help="Name of the backup image.")
@utils.arg("description", metavar="<description>", nargs="?", default=None,
           help="Description of the backup (optional).")
def do_backup_instance(cs, args):
    """Make a Quick Backup of a server and print the id of its image."""
    server = utils.find_resource(cs.servers, args.server)
    print(getattr(cs, EXTENSION_NAME).create(server, args.name,
                                             args.description))
