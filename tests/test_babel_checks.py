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

"""The catalogue checks in a language with one plural form, as Babel 2.17
checks them, also on older Babel (quick_backup_client/babel_checks.py)."""

from babel.messages import catalog as babel_catalog

from quick_backup_client import catalogues

SINGULAR = "The newest backup stays."
PLURAL = "The newest %(rotation)s backups stay."


def chinese(translation):
    catalog = babel_catalog.Catalog(locale="zh_Hans")
    catalog.add((SINGULAR, PLURAL), (translation,), flags=["python-format"])
    return catalog


def test_chinese_names_the_plurals_placeholder_in_its_one_form():
    assert chinese("保留最新的 %(rotation)s 个备份。").num_plurals == 1
    assert catalogues.problems(chinese("保留最新的 %(rotation)s 个备份。")) \
        == []


def test_a_misspelt_placeholder_is_still_refused():
    catalog = babel_catalog.Catalog(locale="zh_Hans")
    message = ("%(server)s keeps one backup.",
               "%(server)s keeps %(rotation)s backups.")
    catalog.add(message, ("%(sever)s 保留 %(rotation)s 个备份。",),
                flags=["python-format"])
    assert catalogues.problems(catalog) == [
        "unknown named placeholder 'sever': %r" % (message,)]


def test_placeholders_of_another_kind_are_still_refused():
    catalog = babel_catalog.Catalog(locale="zh_Hans")
    catalog.add(("%(count)d snapshot", "%(count)d snapshots"), ("%d 个快照",),
                flags=["python-format"])
    assert [problem.split(":")[0] for problem in
            catalogues.problems(catalog)] == [
        "the format strings are of different kinds"]
