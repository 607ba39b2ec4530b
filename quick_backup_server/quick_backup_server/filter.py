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

"""A nova-api paste filter that serves the Quick Backup API on a stock Nova.

    POST /v2.1/servers/{server_id}/backup_instance
    {"name": "nightly", "description": "before upgrade"}
    -> 202 {"id": "<image id>"}

The body may also carry ``"consistency"``, the label the client expects
(``protocol.CONSISTENCY_VALUES``); without it the filter records its own,
from the server as Nova shows it at its newest microversion (from 2.98 with
the image's properties; an instance booted from a volume: unknown).

It sits right after ``keystonecontext`` in nova-api's pipeline, so the
request already carries the caller's ``nova.context``. It answers by sending
Nova's own ``createImage`` action down the rest of the pipeline, as the same
caller: Nova's policy, quota, state and project checks all apply, and Nova's
errors come back with their own status and message. Every other request
passes through untouched.

api-paste.ini::

    [filter:quickbackup]
    paste.filter_factory = quick_backup_server.filter:filter_factory

and ``quickbackup`` right after ``keystonecontext`` in the v2.1 pipelines.
"""

import json
import logging
import re

import webob

from quick_backup_server import consistency
from quick_backup_server import protocol

LOG = logging.getLogger(__name__)

# /servers/{id}/backup_instance, with the legacy /{project_id} prefix or not.
# Matched whole (fullmatch: no trailing newline), with a server id shaped like
# Nova's and no "." or ".." segment; anything else goes to Nova untouched.
BACKUP_PATH = re.compile(
    r"(?P<prefix>/[A-Za-z0-9_-][A-Za-z0-9_.-]*)?"
    r"/servers/(?P<server_id>%s)/%s/?" % (protocol.UUID_PATTERN,
                                          protocol.RESOURCE))
# From 2.45 createImage answers {"image_id": ...} in its body.
CREATE_IMAGE_MICROVERSION = "2.45"


def fault(status, message):
    """A JSON error shaped like Nova's own."""
    name = {400: "badRequest", 405: "methodNotAllowed"}.get(status, "fault")
    return webob.Response(
        status=status, content_type="application/json", charset="utf-8",
        body=json.dumps({name: {"code": status, "message": message}}).encode())


def image_id_of(nova_response):
    """The id of the image createImage made, or None if Nova named none.

    In the body from 2.45, else (e.g. behind legacy_v2_compatible, which
    drops the microversion) the last segment of the Location header. Only
    a value shaped like a Glance image id is taken.
    """
    try:
        image_id = nova_response.json_body.get("image_id")
    except (ValueError, AttributeError, RecursionError):
        image_id = None
    if protocol.is_uuid(image_id):
        return image_id
    location = nova_response.headers.get("Location", "")
    image_id = location.rstrip("/").rpartition("/")[2]
    return image_id if protocol.is_uuid(image_id) else None


def _server(nova_response):
    """Nova's JSON of the server, or {}."""
    try:
        server = nova_response.json_body["server"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return {}
    return server if nova_response.status_int == 200 and \
        isinstance(server, dict) else {}


def consistency_of(nova_response):
    """The label the server Nova showed gives a backup taken now."""
    server = _server(nova_response)
    return consistency.label(server.get("status"),
                             consistency.server_image_properties(server))


def _server_name(nova_response):
    """The name in Nova's answer to a GET of a server, if it shows one (a
    Quick Backup is still made without it).
    """
    try:
        name = nova_response.json_body["server"]["name"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return name if nova_response.status_int == 200 and \
        isinstance(name, str) else None


def parse_body(request):
    """(name, description, consistency) from the request body, or raise
    ValueError. ``consistency`` is None unless the client named a label.
    """
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, RecursionError):  # RecursionError: deeply nested
        raise ValueError("The request body is not valid JSON.")
    if not isinstance(body, dict):
        raise ValueError("The request body must be a JSON object.")
    name = body.get("name")
    description = body.get("description")
    if description is None:
        description = ""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' is required.")
    if len(name) > protocol.NAME_MAX_LENGTH:
        raise ValueError("'name' is longer than %d characters."
                         % protocol.NAME_MAX_LENGTH)
    if not isinstance(description, str):
        raise ValueError("'description' must be a string.")
    if len(description) > protocol.DESCRIPTION_MAX_LENGTH:
        raise ValueError("'description' is longer than %d characters."
                         % protocol.DESCRIPTION_MAX_LENGTH)
    label = body.get("consistency")
    if label is not None and label not in protocol.CONSISTENCY_VALUES:
        raise ValueError("'consistency' must be one of %s."
                         % ", ".join(protocol.CONSISTENCY_VALUES))
    return name, description, label


class QuickBackupFilter(object):
    """Serves backup_instance in front of the rest of nova-api."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        match = BACKUP_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if not match:
            return self.app(environ, start_response)
        request = webob.Request(environ)
        return self.backup(request, match)(environ, start_response)

    def backup(self, request, match):
        if request.method == "GET":  # "is it served here?": makes nothing
            return webob.Response(
                status=200, content_type="application/json", charset="utf-8",
                body=json.dumps(protocol.PROBE_ANSWER).encode())
        if request.method != "POST":
            response = fault(405, "Use POST for backup_instance.")
            response.allow = ("GET", "POST")
            return response
        try:
            name, description, label = parse_body(request)
        except ValueError as error:
            return fault(400, str(error))

        shown = self.show_server(request, match)
        if shown.status_int == 404:
            return shown  # Nova's own "could not be found", nothing made
        nova_response = self.create_image(
            request, match, name, description, _server_name(shown),
            label or consistency_of(shown))
        if nova_response.status_int >= 400:
            return nova_response  # Nova's own status and message
        image_id = None
        if 200 <= nova_response.status_int < 300:
            image_id = image_id_of(nova_response)
        if not image_id:
            LOG.error("createImage for server %s answered %s without a "
                      "usable image id", match.group("server_id"),
                      nova_response.status)
            return fault(502, "Nova did not return the id of the image; "
                              "the backup may still have been made.")
        response = webob.Response(
            status=202, content_type="application/json", charset="utf-8",
            body=json.dumps({"id": image_id}).encode())
        for header in ("x-openstack-request-id", "x-compute-request-id"):
            if header in nova_response.headers:
                response.headers[header] = nova_response.headers[header]
        return response

    def show_server(self, request, match):
        """Nova's GET of the server, down the pipeline as the same caller."""
        show = request.copy_get()
        show.path_info = "%s/servers/%s" % (match.group("prefix") or "",
                                            match.group("server_id"))
        # The newest: from 2.98 the server embeds its image's properties.
        show.headers["OpenStack-API-Version"] = "compute latest"
        show.headers["X-OpenStack-Nova-API-Version"] = "latest"
        return show.get_response(self.app)

    def create_image(self, request, match, name, description, server_name,
                     label=None):
        """Nova's createImage, sent down the pipeline as the same caller."""
        metadata = protocol.backup_properties(match.group("server_id"),
                                              description, server_name, label)
        action = request.copy()
        action.method = "POST"
        action.path_info = "%s/servers/%s/action" % (
            match.group("prefix") or "", match.group("server_id"))
        action.content_type = "application/json"
        action.body = json.dumps(
            {"createImage": {"name": name, "metadata": metadata}}).encode()
        action.headers["OpenStack-API-Version"] = (
            "compute %s" % CREATE_IMAGE_MICROVERSION)
        action.headers["X-OpenStack-Nova-API-Version"] = \
            CREATE_IMAGE_MICROVERSION
        return action.get_response(self.app)


def filter_factory(global_conf, **local_conf):
    """paste.deploy's entry point."""
    def make_filter(app):
        return QuickBackupFilter(app)
    return make_filter
