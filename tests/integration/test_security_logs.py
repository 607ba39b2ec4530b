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

"""The search of the logs for credentials that ends every integration
session (conftest's ``cloud`` fixture) finds what it must, and names where
without repeating it."""

from tests.integration import logscan

TOKEN = "gAAAAABnX" + "q1-_Z" * 30
PASSWORD = "R0bGxTVw_pgh-UTSM-zR"


def test_the_log_search_finds_tokens_passwords_and_names_only_where(
        tmp_path):
    (tmp_path / "clean.log").write_text("GET /v2/images 200\n")
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "keystone.log").write_text(
        "ok\nX-Auth-Token: %s\n" % TOKEN)
    (tmp_path / "horizon.log").write_bytes(
        b"\x89PNG\x00\nlogin password=%s\n" % PASSWORD.encode())
    issued = {PASSWORD: "alt's password", "sess1on": "a session id"}

    found = logscan.findings([str(tmp_path), str(tmp_path / "missing")],
                             issued)

    assert sorted((path.rsplit("/", 1)[1], line, what)
                  for path, line, what in found) == [
        ("horizon.log", 2, "alt's password"),
        ("keystone.log", 2, "a Keystone token")]
    assert PASSWORD not in repr(found) and TOKEN not in repr(found)


def test_a_short_base64_word_is_no_token(tmp_path):
    (tmp_path / "a.log").write_text("gAAAAABshort and demo\n")
    assert logscan.findings([str(tmp_path)], {"": "empty"}) == []
