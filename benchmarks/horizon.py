"""A logged-in client of devcloud's Horizon, as a browser would be (cookies,
Django's CSRF token), without a browser."""

import re

import requests

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
BACKUPS = "project/quick_backups/"


class HorizonClient:
    """Logs in as devcloud's demo user; ``backups_page()`` GETs the panel."""

    def __init__(self, cloud, user="demo"):
        self.url = cloud.horizon_url
        self.http = requests.Session()
        login = self.url + "auth/login/"
        form = dict(HIDDEN.findall(self.http.get(login, timeout=120).text))
        credentials = cloud.info[user]
        answer = self.http.post(login, timeout=120, headers={
            "Referer": login}, data=dict(
                form, username=credentials["username"],
                password=credentials["password"]))
        answer.raise_for_status()
        if "/auth/login/" in answer.url:
            raise AssertionError("Horizon refused the login of %s" % user)

    def backups_page(self):
        """The Backups page's HTML (200, or raise)."""
        answer = self.http.get(self.url + BACKUPS, timeout=120,
                               allow_redirects=False)
        if answer.status_code != 200 or 'id="backups"' not in answer.text:
            raise AssertionError("the Backups page answered %d"
                                 % answer.status_code)
        return answer.text
