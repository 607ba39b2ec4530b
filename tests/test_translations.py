"""The translation catalogues: every marked string translated, and a build
that refuses a catalogue that is not."""

import gettext
import pathlib
from unittest import mock

import pytest
from babel.messages import catalog as babel_catalog
from babel.messages import pofile

from backup_dashboard import catalogues
from backup_dashboard import translations


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_every_marked_string_has_a_translation(language):
    missing = translations.untranslated(language)
    assert not missing, (
        "%d marked strings have no %s translation (make messages, then "
        "translate them in %s):\n%s" % (
            len(missing), language, translations.po_path(language),
            "\n".join(repr(msgid) for msgid in missing)))


def test_the_check_names_a_marked_string_the_catalogue_lacks(tmp_path):
    extra = tmp_path / "extra.py"
    extra.write_text('from django.utils.translation import gettext_lazy as '
                     '_\nHINT = _("A string nobody has translated")\n')
    sources = list(translations._sources())
    with mock.patch.object(translations, "_sources", return_value=sources + [
            (translations.ROOT / "extra.py", extra.read_bytes())]):
        assert translations.untranslated("zh_Hans") == [
            "A string nobody has translated"]


def test_templates_strings_are_extracted_with_their_plurals():
    extracted = translations.extract_catalog()
    assert "Show on the Images page" in extracted  # {% trans %}
    assert ("%(counter)s volume snapshot",
            "%(counter)s volume snapshots") in [m.id for m in extracted]
    assert "None" in extracted  # a filter's _("...") argument


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


def test_the_shipped_catalogue_compiles(tmp_path):
    [written] = catalogues.compile_catalogues(tmp_path)
    with open(written, "rb") as mo:
        translations = gettext.GNUTranslations(mo)
    assert translations.gettext("Quick Backup") == "快速备份"
    assert translations.ngettext("%d volume snapshot", "%d volume snapshots",
                                 3) % 3 == "3 个卷快照"
