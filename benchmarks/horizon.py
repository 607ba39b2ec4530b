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

"""A logged-in client of devcloud's Horizon, as a browser would be (cookies,
Django's CSRF token), without a browser."""

import html.parser
import re

import requests

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
BACKUPS = "project/quick_backups/"
#: What a row action sends when it opens a form in a modal.
AJAX = {"X-Requested-With": "XMLHttpRequest"}


class HorizonClient:
    """Logs in as one of devcloud's users (``user``: a name in cloud.json's
    info, or ``credentials``) at ``url`` (default: the cloud's Horizon)."""

    def __init__(self, cloud, user="demo", url=None, credentials=None):
        self.url = url or cloud.horizon_url
        self.http = requests.Session()
        login = self.url + "auth/login/"
        form = dict(HIDDEN.findall(self.http.get(login, timeout=120).text))
        credentials = credentials or cloud.info[user]
        answer = self.http.post(login, timeout=120, headers={
            "Referer": login}, data=dict(
                form, username=credentials["username"],
                password=credentials["password"]))
        answer.raise_for_status()
        if "/auth/login/" in answer.url:
            raise AssertionError("Horizon refused the login of %s"
                                 % credentials["username"])

    def get(self, path, headers=None):
        """GET a page (200, or raise); returns the response."""
        answer = self.http.get(self.url + path, timeout=300, headers=headers,
                               allow_redirects=False)
        if answer.status_code != 200:
            raise AssertionError("%s answered %d" % (path,
                                                     answer.status_code))
        return answer

    def submit(self, path, fields):
        """POST a form as its page would (CSRF token and Referer); returns
        the response, which must be Horizon's redirect after success."""
        answer = self.http.post(self.url + path, data=fields, timeout=300,
                                allow_redirects=False, headers={
                                    "Referer": self.url + path})
        if answer.status_code != 302:
            raise AssertionError("POST %s answered %d" % (
                path, answer.status_code))
        return answer

    def backups_page(self):
        """The Backups page's HTML (200, or raise)."""
        answer = self.get(BACKUPS)
        if 'id="backups"' not in answer.text:
            raise AssertionError("%s is not the Backups page" % BACKUPS)
        return answer.text


class _Fields(html.parser.HTMLParser):
    """The fields a browser would send for the page's first form."""

    def __init__(self):
        super().__init__()
        self.fields, self.textarea, self.forms = {}, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms += 1
        if self.forms != 1 or not attrs.get("name"):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None


def form_fields(page):
    """The fields (name: value) of the first form in ``page``."""
    parser = _Fields()
    parser.feed(page)
    return parser.fields
