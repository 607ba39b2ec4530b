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

"""Test-only fault injection, as WSGI middleware in front of a service.

Control it over HTTP on the service's own port::

    POST   /__faults__  {"method": "POST", "path_regex": "/backup_instance$",
                         "status": 409, "delay": 0, "count": 1}
    GET    /__faults__  -> {"faults": [...], "requests": [...],
                           "counted": N}: the active rules, the last
                           requests seen ("METHOD path") and how many
                           were seen in all
    DELETE /__faults__  -> clears every rule and the requests seen

A matching request first waits ``delay`` seconds; then, if ``status`` is
set, it gets that status with a JSON error body (or ``body`` if given)
instead of reaching the service; without ``status`` it goes on, just late.
``raw`` (a string) is sent as the body byte for byte, labelled JSON: a
malformed JSON body; with no ``status``, in place of the service's own
body once the service has done the work. ``cut: true``
declares the whole body's length but closes the connection after half of
it: the injected answer's, or with no ``status`` the service's own (the
service has done the work; its client sees a connection broken
mid-response). ``count`` is how many requests the rule applies to (default
1; -1 means for ever). ``method`` defaults to any, ``path_regex`` to every
path.

A barrier makes two requests meet at the service::

    POST   /__faults__  {"method": "POST", "barrier": 60,
                         "path_regex": "/servers/<id>/(action|backup_instance)$"}

holds the first matching request until a second one matches (at most
``barrier`` seconds), then lets both go on together (to the service, or to
the other rules); once met or timed out it holds nothing more. ``GET``
lists each barrier with how many requests ``arrived`` and whether it was
``met`` or ``timed_out``.

A refused connection cannot be injected here (this code runs only once a
connection is accepted): the tests point a region's catalog entry at a
port that is bound but never listens.
"""

import collections
import functools
import json
import re
import socket
import threading
import time

CONTROL_PATH = "/__faults__"
# How many requests GET /__faults__ lists, newest last (its "counted" is
# every request since the last DELETE, however many).
REQUESTS_KEPT = 1000
_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 413: "Request Entity Too Large",
            500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


def _json_response(start_response, status, payload, raw=None):
    body = json.dumps(payload).encode() if raw is None else raw.encode()
    reason = _REASONS.get(status, "Error" if status >= 400 else "OK")
    start_response("%d %s" % (status, reason),
                   [("Content-Type", "application/json"),
                    ("Content-Length", str(len(body)))])
    return [body]


def _answer(app, environ):
    """``app``'s whole answer: status, headers without their length, body."""
    answered = []
    parts = app(environ, lambda status, headers, exc_info=None:
                answered.append((status, headers)))
    try:
        body = b"".join(parts)
    finally:
        if hasattr(parts, "close"):
            parts.close()
    status, headers = answered[-1]
    return status, [(k, v) for k, v in headers if k.lower() not in (
        "content-length", "transfer-encoding")], body


def _reworded(raw, app, environ, start_response):
    """The service's answer with its body replaced by ``raw``."""
    status, headers, _body = _answer(app, environ)
    body = raw.encode()
    start_response(status, headers + [("Content-Length", str(len(body)))])
    return [body]


def _cut(environ, start_response, app):
    """Answer with ``app``'s status and headers, declare its whole body's
    length (at least one byte), send half of the body and close the
    connection (werkzeug's server puts the socket in the environ)."""
    status, headers, body = _answer(app, environ)
    start_response(status, headers + [
        ("Content-Length", str(max(len(body), 1)))])
    yield body[:len(body) // 2]
    connection = environ.get("werkzeug.socket")
    if connection is None:
        raise RuntimeError("devcloud.faults: cut needs werkzeug's server")
    connection.shutdown(socket.SHUT_RDWR)


def _matches(rule, method, path):
    return rule.get("method", "*").upper() in ("*", method) and \
        re.search(rule.get("path_regex", ""), path) is not None


class _Barrier:
    """Two requests that match meet here: the first waits for the second."""

    def __init__(self, rule):
        self.rule = dict(rule, arrived=0, met=False, timed_out=False)
        self.event = threading.Event()

    def shown(self):
        return dict(self.rule)

    def done(self):
        return self.rule["met"] or self.rule["timed_out"]


def _injected(rule, environ, start_response):
    """The rule's answer instead of the service's."""
    status = int(rule["status"])
    payload = rule.get("body") or {"error": {
        "code": status, "message": "devcloud injected fault",
        "title": _REASONS.get(status, "Error")}}
    return _json_response(start_response, status, payload, rule.get("raw"))


class FaultInjector:
    """Wrap ``app``; requests matching a rule get delayed and/or failed."""

    def __init__(self, app):
        self.app = app
        self.rules = []
        self.barriers = []
        self.requests = collections.deque(maxlen=REQUESTS_KEPT)
        self.counted = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if path == CONTROL_PATH:
            return self._control(environ, start_response)
        with self.lock:
            self.requests.append("%s %s" % (environ["REQUEST_METHOD"], path))
            self.counted += 1
        self._meet(environ["REQUEST_METHOD"], path)
        rule = self._take_rule(environ["REQUEST_METHOD"], path)
        if rule is None:
            return self.app(environ, start_response)
        if rule.get("delay"):
            time.sleep(float(rule["delay"]))
        app = self.app
        if rule.get("status"):
            app = functools.partial(_injected, rule)
        elif rule.get("raw") is not None:
            app = functools.partial(_reworded, rule["raw"], app)
        if rule.get("cut"):
            return _cut(environ, start_response, app)
        return app(environ, start_response)

    def _meet(self, method, path):
        """Hold the first request a barrier matches until a second comes
        (bounded); the second lets both go on.
        """
        with self.lock:
            barrier = next((each for each in self.barriers
                            if not each.done() and
                            _matches(each.rule, method, path)), None)
            if barrier is None:
                return
            barrier.rule["arrived"] += 1
            if barrier.rule["arrived"] > 1:
                barrier.rule["met"] = True
                barrier.event.set()
                return
        if not barrier.event.wait(float(barrier.rule["barrier"])):
            with self.lock:
                barrier.rule["timed_out"] = not barrier.rule["met"]

    def _take_rule(self, method, path):
        with self.lock:
            for rule in self.rules:
                if not _matches(rule, method, path):
                    continue
                if rule["count"] > 0:
                    rule["count"] -= 1
                    if rule["count"] == 0:
                        self.rules.remove(rule)
                return dict(rule)
        return None

    def _control(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        if method == "DELETE":
            with self.lock:
                self.rules.clear()
                self.requests.clear()
                self.counted = 0
                for barrier in self.barriers:  # nothing waits for ever
                    barrier.event.set()
                self.barriers.clear()
            return _json_response(start_response, 200, {
                "faults": [], "requests": [], "counted": 0})
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                rule = json.loads(environ["wsgi.input"].read(length) or b"{}")
                re.compile(rule.get("path_regex", ""))
                rule["count"] = int(rule.get("count", 1))
                if rule.get("barrier"):
                    rule["barrier"] = float(rule["barrier"])
            except (ValueError, TypeError, re.error) as exc:
                return _json_response(start_response, 400,
                                      {"error": str(exc)})
            with self.lock:
                if rule.get("barrier"):
                    self.barriers.append(_Barrier(rule))
                else:
                    self.rules.append(rule)
            return _json_response(start_response, 201, {"fault": rule})
        with self.lock:
            rules = [dict(r) for r in self.rules]
            barriers = [barrier.shown() for barrier in self.barriers]
            seen, counted = list(self.requests), self.counted
        return _json_response(start_response, 200, {
            "faults": rules, "barriers": barriers, "requests": seen,
            "counted": counted})
