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

"""python-novaclient extension: the wire format of every Quick Backup path.

Our API, where nova-api has the Quick Backup filter::

    POST {compute endpoint}/servers/{server_id}/backup_instance
    {"name": "nightly", "description": "before upgrade"}
    -> 202 {"id": "<image id>"}
    GET  the same URL -> 200 where it is served (makes nothing), else 404

and Nova's own ``createImage`` and ``createBackup`` actions, sent with the
image properties (novaclient's ``servers.backup`` cannot send them). Every
path answers with the image id read strictly from Nova's answer, never
looked up by name, and nothing else lives here.

Load it with ``novaclient.extension.Extension(EXTENSION_NAME, module)``; the
client then has ``client.quick_backups``. The ``novaclient.extension`` entry
point adds ``nova backup-instance``.
"""

from urllib import parse

from novaclient import base
from novaclient import exceptions
from novaclient import utils
from novaclient.v2 import servers

from quick_backup_client.novaclient_ext import cut_answers
from quick_backup_server import protocol

# The attribute the extension's manager gets on a novaclient Client; setup.py
# registers the entry point under the same name.
EXTENSION_NAME = "quick_backups"
# Quick Backup has no microversions of its own and reads image ids from the
# body or the Location header: clients pin this one (no version discovery).
MICROVERSION = "2.1"

UNUSABLE_ANSWER = ("Nova's answer to the Quick Backup names no image id; "
                   "the backup may still have been made.")


class MissingImageId(exceptions.ClientException):
    """Nova answered without an error but named no usable image id.

    The backup may have been made: never send the same backup again blindly.
    """


def _error(resp, answer, method):
    """novaclient's exception for an error answer. The body goes along only
    when it is shaped like Nova's: from_response trips over others.
    """
    first = next(iter(answer.values()), None) if isinstance(answer, dict) \
        else None
    if not (isinstance(first, dict) or (isinstance(answer, dict) and
                                        "message" in answer)):
        answer = None
    return exceptions.from_response(resp, answer, resp.url, method)


def _server_path(server, *rest):
    return "/".join(("/servers", parse.quote(str(base.getid(server)),
                                             safe="")) + rest)


class QuickBackupManager(base.Manager):
    """Asks Nova for a Quick Backup of a server, one request per call.

    Errors from Nova raise novaclient's own exception classes
    (``BadRequest``, ``Forbidden``, ``NotFound``, ``Conflict``...); an answer
    that is not a 2xx naming an image id raises ``MissingImageId``. The
    image id returned is a ``str`` that also carries the request ids of the
    call, like ``servers.create_image``'s. Redirects are not followed: a POST
    sent again could make a second backup.
    """

    def create(self, server, name, description=None, consistency=None):
        """Back up ``server`` (a Server or its id) with our API.

        ``consistency``, the label the caller expects, is sent where known;
        otherwise (and by a filter that predates it) the filter records its
        own, from the server as it reads it.
        """
        body = {"name": name, "description": description or ""}
        if consistency in protocol.CONSISTENCY_VALUES and \
                consistency != protocol.CONSISTENCY_UNKNOWN:
            body["consistency"] = consistency
        resp, answer = self._post(_server_path(server, protocol.RESOURCE),
                                  body)
        image_id = answer.get("id") if isinstance(answer, dict) else None
        return self._image_id(resp, image_id)

    def create_image(self, server, name, metadata):
        """Nova's createImage, with ``metadata`` as image properties."""
        return self._action(server, "createImage",
                            {"name": name, "metadata": metadata})

    def create_backup(self, server, name, backup_type, rotation, metadata):
        """Nova's createBackup. Once the image exists Nova deletes this
        instance's older backups of ``backup_type`` beyond ``rotation``.
        """
        return self._action(server, "createBackup", {
            "name": name, "backup_type": backup_type, "rotation": rotation,
            "metadata": metadata})

    def serves(self, server):
        """True if this compute endpoint serves our API (one GET).

        A stock Nova answers 404; our filter answers 200 (its first
        release: 405, POST only). Other answers raise.
        """
        resp, answer = self.api.client.get(
            _server_path(server, protocol.RESOURCE), raise_exc=False,
            redirect=False)
        cut_answers.check(resp)
        if resp.status_code == 404:
            return False
        if resp.status_code == 405 or (
                resp.status_code == 200 and isinstance(answer, dict) and
                protocol.RESOURCE in answer):
            return True
        if resp.status_code >= 400:
            raise _error(resp, answer, "GET")
        raise exceptions.ClientException(
            code=resp.status_code, message="Nova's answer does not say "
            "whether it serves Quick Backup.")

    def get_server(self, server, microversion):
        """The server, as Nova shows it at ``microversion`` (one GET).

        The client stays pinned to its own version (novaclient knows none
        past 2.96): Nova reads the standard header, sent here, before the
        legacy one the client adds.
        """
        resp, answer = self.api.client.get(
            _server_path(server), raise_exc=False, headers={
                "OpenStack-API-Version": "compute %s" % microversion})
        cut_answers.check(resp)
        if resp.status_code >= 400:
            raise _error(resp, answer, "GET")
        if not isinstance(answer, dict) or \
                not isinstance(answer.get("server"), dict):
            raise exceptions.ClientException(
                code=resp.status_code, message="Nova's answer names no "
                "server.")
        return servers.Server(servers.ServerManager(self.api),
                              answer["server"], loaded=True, resp=resp)

    def _action(self, server, action, body):
        # The image id is in the body from microversion 2.45, in the
        # Location header before.
        resp, answer = self._post(_server_path(server, "action"),
                                  {action: body})
        image_id = answer.get("image_id") if isinstance(answer, dict) \
            else None
        if not protocol.is_uuid(image_id):
            image_id = resp.headers.get("Location", "").rstrip(
                "/").rpartition("/")[2]
        return self._image_id(resp, image_id)

    def _post(self, url, body):
        try:
            resp, answer = self.api.client.post(url, body=body,
                                                redirect=False,
                                                raise_exc=False)
        except RecursionError:  # JSON nested too deeply to read
            raise MissingImageId(code=None, message=UNUSABLE_ANSWER)
        cut_answers.check(resp)
        if resp.status_code >= 400:
            raise _error(resp, answer, "POST")
        return resp, answer

    @staticmethod
    def _image_id(resp, image_id):
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
