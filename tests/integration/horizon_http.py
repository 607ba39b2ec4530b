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

"""devcloud's Horizon over plain HTTP, as a browser would use it (cookies,
Django's CSRF token, the messages Horizon shows), without a browser: fast
enough to run a page a few hundred times."""

import html
import json
import re
import zlib

import requests
from django.contrib.messages.storage import cookie as message_cookie
from django.core import signing

FIELD = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>',
                      re.S)
ALERT = re.compile(r'<div class="alert alert-(danger|warning|info|success)'
                   r'[^"]*">.*?<p>\s*<strong>[^<]*</strong>(.*?)(?:<a |</p>)',
                   re.S)
TAG = re.compile(r"<[^>]+>")
LOGIN = "auth/login/"
LEVELS = {10: "debug", 20: "info", 25: "success", 30: "warning",
          40: "danger"}
LEVELS_BY_TAG = {"error": "danger"}
# A page that renders the messages waiting in the session and asks no
# service anything.
QUIET_PAGE = "settings/"
TIMEOUT = 120


def form_fields(page):
    """The named inputs and textareas of ``page``, with their values."""
    fields = {}
    for tag in FIELD.findall(page):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes and attributes.get("type") != "submit":
            fields[attributes["name"]] = html.unescape(
                attributes.get("value", ""))
    for name, text in TEXTAREA.findall(page):
        fields[name] = html.unescape(text)
    return fields


def alerts(page):
    """The messages ``page`` shows: (level, text) pairs (not the templates
    Horizon's JavaScript fills in)."""
    return [(level, " ".join(html.unescape(TAG.sub("", text)).split()))
            for level, text in ALERT.findall(page) if "{{" not in text]


class Horizon:
    """A logged-in user of Horizon (devcloud's ``demo`` by default)."""

    def __init__(self, url, credentials):
        self.url = url
        self.credentials = credentials
        self.http = None
        self.login()

    def login(self):
        self.http = requests.Session()
        page = self.http.get(self.url + LOGIN, timeout=TIMEOUT).text
        # Without following the redirect: the landing page asks every
        # service for its usage, which costs seconds.
        answer = self.post(LOGIN, dict(
            form_fields(page), username=self.credentials["username"],
            password=self.credentials["password"]))
        if answer.status_code != 302 or LOGIN in answer.headers["Location"]:
            raise AssertionError("Horizon refused the login")

    def get(self, path, follow=False, **kwargs):
        return self.http.get(self.url + path, timeout=TIMEOUT,
                             allow_redirects=follow, **kwargs)

    def post(self, path, data, follow=False):
        """POST a form as a browser does (the Referer and CSRF token)."""
        token = self.http.cookies.get("csrftoken", "")
        return self.http.post(
            self.url + path, data=dict(data, csrfmiddlewaretoken=token),
            headers={"Referer": self.url + path}, timeout=TIMEOUT,
            allow_redirects=follow)

    def switch_region(self, region):
        answer = self.get("auth/switch_services_region/%s/?next=/%s"
                          % (region, QUIET_PAGE))
        if answer.status_code != 302 or \
                self.http.cookies.get("services_region") != region:
            raise AssertionError("Horizon did not switch to %s" % region)

    def logged_out(self, answer):
        return answer.status_code == 302 and \
            LOGIN in answer.headers.get("Location", "")

    def messages_after(self, answer):
        """What the user is shown after ``answer``: its page's messages, or
        after a redirect those the next page will show; none once Horizon
        has logged the user out."""
        if "X-Horizon-Messages" in answer.headers:  # an ajax answer's
            return [(LEVELS_BY_TAG.get(tag, tag), text) for tag, text, _extra
                    in json.loads(answer.headers["X-Horizon-Messages"])]
        if answer.status_code != 302:
            return alerts(answer.text)
        if self.logged_out(answer):
            return []
        waiting = self.waiting_messages()
        if waiting is not None:
            return waiting
        page = self.get(QUIET_PAGE)  # Django kept them in the session
        assert page.status_code == 200, page.status_code
        return alerts(page.text)

    def waiting_messages(self):
        """The messages Django keeps in its cookie for the next page (its
        signature unchecked: the test does not know Horizon's key), which
        a page would show and remove; None without the cookie."""
        value = self.http.cookies.get("messages")
        if not value:
            return None
        payload = value.strip('"').split(":", 1)[0]
        data = signing.b64_decode(payload.lstrip(".").encode())
        if payload.startswith("."):
            data = zlib.decompress(data)
        self.http.cookies.set("messages", None)
        return [(LEVELS.get(message.level, "info"),
                 " ".join(html.unescape(TAG.sub("", str(message))).split()))
                for message in json.loads(
                    data, cls=message_cookie.MessageDecoder)]

    def back_home(self):
        """Logged in, in RegionOne (as after a login): one request."""
        answer = self.get("auth/switch_services_region/RegionOne/?next=/%s"
                          % QUIET_PAGE)
        if self.logged_out(answer):
            self.login()
