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

"""The translation catalogues: every marked string translated, and a build
that refuses a catalogue that is not."""

import gettext
import io
import pathlib
from unittest import mock

import pytest
from babel.messages import catalog as babel_catalog
from babel.messages import extract
from babel.messages import pofile

from quick_backup_client import catalogues
from tools import translations


@pytest.mark.parametrize("catalogue", translations.CATALOGUES,
                         ids=lambda catalogue: catalogue.project)
@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_every_marked_string_has_a_translation(catalogue, language):
    missing = translations.untranslated(catalogue, language)
    assert not missing, (
        "%d marked strings have no %s translation (make messages, then "
        "translate them in %s):\n%s" % (
            len(missing), language,
            translations.po_path(catalogue, language),
            "\n".join(repr(msgid) for msgid in missing)))


def test_the_check_names_a_marked_string_the_catalogue_lacks(tmp_path):
    extra = tmp_path / "extra.py"
    extra.write_text('from django.utils.translation import gettext_lazy as '
                     '_\nHINT = _("A string nobody has translated")\n')
    dashboard = translations.DASHBOARD
    sources = list(translations._sources(dashboard))
    with mock.patch.object(translations, "_sources", return_value=sources + [
            (translations.ROOT / "extra.py", extra.read_bytes())]):
        assert translations.untranslated(dashboard, "zh_Hans") == [
            "A string nobody has translated"]


def test_the_commands_strings_are_in_the_clients_catalogue_alone():
    client = {m.id for m in translations.extract_catalog(translations.CLIENT)}
    dashboard = {m.id for m in translations.extract_catalog(
        translations.DASHBOARD)}
    assert "Quick Backup options are not usable: %s." in client
    assert "Quick Backup options are not usable: %s." not in dashboard
    assert "Show on the Images page" in dashboard - client


def test_templates_strings_are_extracted_with_their_plurals():
    extracted = translations.extract_catalog(translations.DASHBOARD)
    assert "Show on the Images page" in extracted  # {% trans %}
    assert ("%(counter)s volume snapshot",
            "%(counter)s volume snapshots") in [m.id for m in extracted]


def test_a_filters_translated_argument_in_a_template_is_extracted(
        tmp_path):
    # No shipped template has one now (an empty field is left out, as in
    # Horizon): a template of its own, read as the catalogue's are.
    template = tmp_path / "x.html"
    template.write_text(
        '{% load i18n %}{{ value|default:_("Nothing here") }}\n')
    text = translations._templatized(template).encode("utf-8")
    found = [message for _line, message, _comments, _context in
             extract.extract("python", io.BytesIO(text),
                             keywords=translations.KEYWORDS)]
    assert "Nothing here" in found


def write_po(directory, entries):
    catalog = babel_catalog.Catalog(locale="zh_Hans", fuzzy=False)
    for msgid, msgstr, flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    path = pathlib.Path(directory, "zh_Hans", "LC_MESSAGES", "django.po")
    path.parent.mkdir(parents=True)
    with open(path, "wb") as po:
        pofile.write_po(po, catalog)
    return path


@pytest.mark.parametrize("entry, problem", [
    (("Restore", "", ()), "no translation"),
    (("Restore", "恢复", ("fuzzy",)), "fuzzy"),
    (("Backup %(name)s", "备份 %(nom)s", ("python-format",)), "placeholder"),
    (("Backup {name} of {instance}", "实例 {instance} 的备份 {nom}", ()),
     "placeholder"),
])
def test_the_build_refuses_an_incomplete_catalogue(tmp_path, entry, problem):
    write_po(tmp_path / "src", [("Backups", "备份", ()), entry])
    with pytest.raises(catalogues.IncompleteCatalogue) as refused:
        catalogues.compile_catalogues(tmp_path / "out", tmp_path / "src")
    assert problem in str(refused.value)
    assert repr(entry[0]) in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_the_build_compiles_what_gettext_reads(tmp_path):
    write_po(tmp_path / "src", [("Backups", "备份", ())])
    [written] = catalogues.compile_catalogues(tmp_path / "out",
                                              tmp_path / "src")
    assert written == tmp_path / "out/zh_Hans/LC_MESSAGES/django.mo"
    with open(written, "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Backups") == "备份"


def test_the_shipped_catalogues_compile(tmp_path):
    [dashboard] = catalogues.compile_catalogues(
        tmp_path, translations.DASHBOARD.package / "locale")
    [client] = catalogues.compile_catalogues(tmp_path)
    with open(dashboard, "rb") as mo:
        translated = gettext.GNUTranslations(mo)
    assert translated.gettext("Quick Backup") == "快速备份"
    assert translated.ngettext("%d volume snapshot", "%d volume snapshots",
                               3) % 3 == "3 个卷快照"
    with open(client, "rb") as mo:
        translated = gettext.GNUTranslations(mo)
    assert client.name == "quick_backup_client.mo"
    assert translated.gettext("Quick Backup options are not usable: %s.") \
        == "快速备份选项不可用：%s。"
