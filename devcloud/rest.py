"""A minimal JSON-over-HTTP client for talking to the devcloud services."""

import time

import requests


class ApiError(RuntimeError):
    def __init__(self, response):
        self.status = response.status_code
        super().__init__("%s %s -> %d %s" % (
            response.request.method, response.url, response.status_code,
            response.text[:500]))


def password_auth(auth_url, creds):
    """Project-scoped token; returns (token, project_id, user_id)."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": creds["username"], "password": creds["password"],
            "domain": {"name": creds["user_domain_name"]}}}},
        "scope": {"project": {
            "name": creds["project_name"],
            "domain": {"name": creds["project_domain_name"]}}}}}
    resp = requests.post(auth_url + "/auth/tokens", json=body, timeout=60)
    if resp.status_code != 201:
        raise ApiError(resp)
    token = resp.json()["token"]
    return (resp.headers["X-Subject-Token"], token["project"]["id"],
            token["user"]["id"])


class Client:
    """Calls one service with a token; raises ApiError on 4xx/5xx."""

    def __init__(self, base_url, token, headers=None):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["X-Auth-Token"] = token
        self.session.headers.update(headers or {})

    def request(self, method, path, json=None, expect_json=True, **kwargs):
        resp = self.session.request(method, self.base_url + path, json=json,
                                    timeout=120, **kwargs)
        if resp.status_code >= 400:
            raise ApiError(resp)
        if expect_json and resp.content:
            return resp.json()
        return resp

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.request("POST", path, json=json, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)


def wait_for(predicate, what, timeout=120, interval=0.5):
    """Call ``predicate`` until it returns a truthy value, then return it."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except (requests.RequestException, ApiError) as exc:
            result, last_error = None, exc
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError("timed out waiting for %s (last error: %s)"
                       % (what, last_error))
