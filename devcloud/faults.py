"""Test-only fault injection, as WSGI middleware in front of a service.

Control it over HTTP on the service's own port::

    POST   /__faults__  {"method": "POST", "path_regex": "/backup_instance$",
                         "status": 409, "delay": 0, "count": 1}
    GET    /__faults__  -> {"faults": [...], "requests": [...]}: the active
                           rules, and the last requests seen ("METHOD path")
    DELETE /__faults__  -> clears every rule and the requests seen

A matching request first waits ``delay`` seconds; then, if ``status`` is
set, it gets that status with a JSON error body (or ``body`` if given)
instead of reaching the service; without ``status`` it goes on, just late.
``count`` is how many requests the rule applies to (default 1; -1 means
for ever). ``method`` defaults to any, ``path_regex`` to every path.
"""

import collections
import json
import re
import threading
import time

CONTROL_PATH = "/__faults__"
# How many requests GET /__faults__ lists, newest last.
REQUESTS_KEPT = 1000
_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 413: "Request Entity Too Large",
            500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


def _json_response(start_response, status, payload):
    body = json.dumps(payload).encode()
    reason = _REASONS.get(status, "Error" if status >= 400 else "OK")
    start_response("%d %s" % (status, reason),
                   [("Content-Type", "application/json"),
                    ("Content-Length", str(len(body)))])
    return [body]


class FaultInjector:
    """Wrap ``app``; requests matching a rule get delayed and/or failed."""

    def __init__(self, app):
        self.app = app
        self.rules = []
        self.requests = collections.deque(maxlen=REQUESTS_KEPT)
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if path == CONTROL_PATH:
            return self._control(environ, start_response)
        with self.lock:
            self.requests.append("%s %s" % (environ["REQUEST_METHOD"], path))
        rule = self._take_rule(environ["REQUEST_METHOD"], path)
        if rule is None:
            return self.app(environ, start_response)
        if rule.get("delay"):
            time.sleep(float(rule["delay"]))
        status = rule.get("status")
        if not status:
            return self.app(environ, start_response)
        status = int(status)
        payload = rule.get("body") or {"error": {
            "code": status, "message": "devcloud injected fault",
            "title": _REASONS.get(status, "Error")}}
        return _json_response(start_response, status, payload)

    def _take_rule(self, method, path):
        with self.lock:
            for rule in self.rules:
                if rule.get("method", "*").upper() not in ("*", method):
                    continue
                if not re.search(rule.get("path_regex", ""), path):
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
            return _json_response(start_response, 200, {"faults": [],
                                                        "requests": []})
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                rule = json.loads(environ["wsgi.input"].read(length) or b"{}")
                re.compile(rule.get("path_regex", ""))
                rule["count"] = int(rule.get("count", 1))
            except (ValueError, TypeError, re.error) as exc:
                return _json_response(start_response, 400,
                                      {"error": str(exc)})
            with self.lock:
                self.rules.append(rule)
            return _json_response(start_response, 201, {"fault": rule})
        with self.lock:
            rules = [dict(r) for r in self.rules]
            seen = list(self.requests)
        return _json_response(start_response, 200, {"faults": rules,
                                                    "requests": seen})
