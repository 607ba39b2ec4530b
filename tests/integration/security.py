"""The security tests' tools: Horizon driven over HTTP as a logged-in user
(with or without a CSRF token), what the cloud holds seen as admin (to show
that nothing changed), and markup that must stay text."""

import html
import importlib.metadata
import re

import requests

from tests.integration import cloud as cloud_api
from tests.integration import logscan

#: Markup, script and template syntax (Angular's default and Horizon's own
#: interpolation marks); any of it that runs sets window.qbXss.
PAYLOAD = ("x'\"><script>window.qbXss=1</script><img src=x "
           "onerror=window.qbXss=2>{{7*7}}{$constructor.constructor("
           "'window.qbXss=3')()$}")
#: Horizon escapes its interpolation marks as Django's ("{$" -> "{%"),
#: wherever Django escapes; either form is the payload shown as text.
PAYLOAD_SHOWN = (PAYLOAD, PAYLOAD.replace("{$", "{%").replace("$}", "%}"))


def shows_text(text, payload=PAYLOAD):
    """Whether ``text`` holds ``payload`` literally (as Horizon escapes it)."""
    return any(form in text for form in (
        payload, payload.replace("{$", "{%").replace("$}", "%}")))


class Web:
    """One user's Horizon session over HTTP, as a browser holds it."""

    def __init__(self, cloud, who):
        self.base = cloud.horizon_url.rstrip("/")
        self.http = requests.Session()
        self.http.get(self.base + "/auth/login/", timeout=120)
        user = cloud.info[who]
        answer = self.post("/auth/login/", {
            "username": user["username"], "password": user["password"],
            "region": "default"})
        assert answer.status_code == 302 and "/auth/login" not in \
            answer.headers["Location"], "login of %s failed" % who
        logscan.remember("%s's Horizon session" % who,
                         self.http.cookies.get("sessionid"))

    @property
    def token(self):
        """This session's CSRF token (Horizon keeps it in a cookie)."""
        return self.http.cookies["csrftoken"]

    def get(self, path, **kwargs):
        return self.http.get(self.base + path, allow_redirects=False,
                             timeout=120, **kwargs)

    def post(self, path, data, token=True, **kwargs):
        """POST ``data``; ``token``: True for this session's CSRF token,
        None for none, or another one (a string)."""
        data = dict(data)
        if token is True:
            data["csrfmiddlewaretoken"] = self.token
        elif token:
            data["csrfmiddlewaretoken"] = token
        headers = dict({"Referer": self.base + path},
                       **kwargs.pop("headers", {}))
        return self.http.post(self.base + path, data=data, timeout=120,
                              allow_redirects=False, headers=headers,
                              **kwargs)

    def hidden_fields(self, path):
        """The hidden fields of the form at ``path`` (the CSRF token left
        out), as its page gives them."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        return {name: value for name, value in re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text)
            if name != "csrfmiddlewaretoken"}

    def messages(self, answer):
        """The messages the page an answer redirects to shows."""
        page = self.http.get(self.base + answer.headers["Location"],
                             timeout=120)
        return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", m)).split())
                for m in re.findall(r'<div class="alert alert-(?:info|warning|'
                                    r'success|danger) alert-dismissable[^"]*"'
                                    r'>(.*?)</div>', page.text, re.S)]


#: The Horizon the tests drive (the one installed beside them).
HORIZON = tuple(int(part) for part in
                importlib.metadata.version("horizon").split(".")[:2])
#: The status of Horizon's answer to an AJAX request it redirects to the
#: login page (the redirect in X-Horizon-Location): 401 from Horizon 25.7
#: (2026.1) on; 200 before (24.0 to 25.5 make only a logout a 401).
AJAX_LOGIN_STATUS = 401 if HORIZON >= (25, 7) else 200
#: Horizon's delete confirmation shows the names it lists as text from
#: 25.5 (2025.2) on; 24.0 to 25.3 show them HTML-escaped once more (its
#: horizon.tables.js takes the template's .html()): "&quot;" on screen,
#: still text that runs nothing.
CONFIRM_ESCAPES_AGAIN = HORIZON < (25, 5)


def csrf_refused(answer):
    """Horizon's answer to a POST whose CSRF check failed: its
    CSRF_FAILURE_VIEW redirects to the login page with the reason (for an
    AJAX request Horizon's middleware names that redirect in a header)."""
    where = {302: "Location", AJAX_LOGIN_STATUS: "X-Horizon-Location"}.get(
        answer.status_code)
    return bool(where) and answer.headers.get(where, "").startswith(
        "/auth/login/?csrf_failure=CSRF")


def cloud_state(admin, server_ids):
    """What a forged request could change, seen as admin: every Quick
    Backup image in any project (id and name) and every action Nova
    recorded on the servers (a backup is a createImage, a restore a
    rebuild)."""
    images = admin.get("/v2/images?quick_backup=true&limit=1000",
                       endpoint_filter=cloud_api.IMAGE).json()["images"]
    actions = {server_id: [a["action"] for a in admin.get(
        "/servers/%s/os-instance-actions" % server_id,
        endpoint_filter=cloud_api.COMPUTE).json()["instanceActions"]]
        for server_id in server_ids}
    return {"images": sorted((i["id"], i["name"]) for i in images),
            "actions": actions}
