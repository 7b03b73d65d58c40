"""The gettext catalogs of our own UI strings (locales/locale/): complete, compiled and current.

None of these tests needs GNU gettext: CI may not have it. When one fails after you added or
changed a string, run `make messages`, translate the new entries in both .po files (and remove
any `#, fuzzy` flag once checked), then run `make messages` again to compile them.
"""

import ast
import gettext as gnu_gettext
import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from news.models import NewsArticlePage
from partnerships.choices import PARTNERSHIP_KINDS

ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = ROOT / "locales" / "locale"
# Django's directory name for each language code it activates.
LANGUAGES = {"zh_Hans": "zh-hans", "kk": "kk"}
APPS = ["cms", "home", "news", "partnerships", "locales"]
# What makemessages passes to xgettext for Python (its defaults plus Django's), by argument.
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
WITH_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
TEMPLATE_TRANSLATE = re.compile(
    r"""\{%\s*trans(?:late)?\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)(?P<rest>[^%]*)%\}""", re.DOTALL
)
TEMPLATE_UNDERSCORE = re.compile(r"""\b_\((?P<q>["'])(?P<msgid>.*?)(?P=q)\)""")
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[#0 +-]*\d*(?:\.\d+)?[sdifeEgGxXor%]")

CJK = re.compile(r"[\u4e00-\u9fff]")


def po_path(lang):
    return CATALOG_DIR / lang / "LC_MESSAGES" / "django.po"


def load_po(lang):
    return polib.pofile(str(po_path(lang)))


def live_entries(catalog):
    return [entry for entry in catalog if not entry.obsolete]


def entry_key(entry):
    return (entry.msgctxt, entry.msgid)


def source_files(*suffixes):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if path.suffix not in suffixes or {"migrations", "tests", "locale", "__pycache__"} & set(parts):
                continue
            yield path


def literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_messages(path):
    """(context, msgid) of each call with literal arguments to a gettext function, as xgettext sees them."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (
            func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        )
        if name in SINGULAR and node.args and literal(node.args[0]):
            yield None, literal(node.args[0])
        elif name in WITH_CONTEXT and len(node.args) >= 2:
            context, msgid = literal(node.args[0]), literal(node.args[1])
            if context is not None and msgid:
                yield context, msgid


def template_messages(path):
    """(context, msgid) of each {% translate "literal" %} and _("literal") (not blocktranslate)."""
    text = path.read_text(encoding="utf-8")
    for match in TEMPLATE_TRANSLATE.finditer(text):
        rest = match.group("rest")
        if "noop" in rest.split():
            continue
        context = re.search(r"""context\s+(["'])(.*?)\1""", rest)
        yield (context.group(2) if context else None), match.group("msgid")
    for match in TEMPLATE_UNDERSCORE.finditer(text):
        yield None, match.group("msgid")


def code_messages():
    found = {}
    for path in source_files(".py"):
        for key in python_messages(path):
            found.setdefault(key, []).append(str(path.relative_to(ROOT)))
    for path in source_files(".html", ".txt"):
        for key in template_messages(path):
            found.setdefault(key, []).append(str(path.relative_to(ROOT)))
    return found


def describe(keys):
    return "\n".join(
        f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in sorted(keys, key=str)
    )


def test_the_catalog_directory_is_where_django_and_makemessages_look():
    assert CATALOG_DIR in [Path(path) for path in settings.LOCALE_PATHS]
    for lang in LANGUAGES:
        assert po_path(lang).is_file(), f"missing {po_path(lang)}: run `make messages`"
        assert po_path(lang).with_suffix(".mo").is_file(), (
            f"missing compiled catalog for {lang}: run `make messages`"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    catalog = load_po(lang)
    assert not catalog.metadata_is_fuzzy, f"{lang}: the header is marked fuzzy"
    untranslated = [e.msgid for e in live_entries(catalog) if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e.msgid for e in live_entries(catalog) if "fuzzy" in e.flags]
    assert not untranslated, f"{lang}: translate these in {po_path(lang)}:\n" + "\n".join(untranslated)
    assert not fuzzy, f"{lang}: check these and remove `#, fuzzy`:\n" + "\n".join(fuzzy)
    assert catalog.metadata.get("Language") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    for entry in live_entries(load_po(lang)):
        if "python-format" not in entry.flags:
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        # A plural entry keeps its forms in msgstr_plural; its msgstr is empty.
        for msgstr in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert sorted(PLACEHOLDER.findall(msgstr)) == expected, (lang, entry.msgid, msgstr)


def test_both_catalogs_hold_the_same_messages():
    chinese, kazakh = ({entry_key(e) for e in live_entries(load_po(lang))} for lang in LANGUAGES)
    assert chinese == kazakh


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_matches_the_po_file(lang):
    """django.mo says what django.po says: nobody edited the .po without `make messages`."""
    from_po = gnu_gettext.GNUTranslations(io.BytesIO(load_po(lang).to_binary()))._catalog
    with open(po_path(lang).with_suffix(".mo"), "rb") as compiled:
        from_mo = gnu_gettext.GNUTranslations(compiled)._catalog
    from_po.pop("", None)
    from_mo.pop("", None)
    assert from_mo == from_po, f"{lang}: django.mo is out of date; run `make messages`"


@pytest.mark.parametrize("lang, code", LANGUAGES.items())
def test_django_serves_our_translations(lang, code):
    """Ours win over those of Django and Wagtail for the same msgid."""
    wrong = []
    with translation.override(code):
        for entry in load_po(lang).translated_entries():
            if entry.msgid_plural:
                expected = entry.msgstr_plural[0]
                served = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                )
            else:
                expected = entry.msgstr
                served = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt
                    else translation.gettext(entry.msgid)
                )
            if served != expected:
                wrong.append(f"  {entry.msgid!r}: served {served!r}, catalog says {expected!r}")
    assert not wrong, f"{lang}: run `make messages` to compile the catalog:\n" + "\n".join(wrong)


def test_editors_see_field_labels_and_choices_in_their_language():
    date_label = NewsArticlePage._meta.get_field("date").verbose_name
    kinds = dict(PARTNERSHIP_KINDS)
    with translation.override("zh-hans"):
        assert str(date_label) == "发表时间"
        assert CJK.search(str(kinds["joint-college"]))
    with translation.override("kk"):
        assert str(date_label) == "жарияланған күні"
        label = str(kinds["joint-college"])
        letters = [char for char in label if char.isalpha()]
        assert letters and all("\u0400" <= char <= "\u04ff" for char in letters), label  # Cyrillic
    with translation.override("en"):
        assert str(date_label) == "publication date"
        assert str(kinds["joint-college"]) == "Joint college"


def test_the_code_scan_finds_known_strings():
    """Guards the staleness check below against silently finding nothing."""
    found = code_messages()
    assert (None, "publication date") in found
    assert (None, "Joint college") in found
    assert (None, "Simplified Chinese") in found  # cms/settings/base.py
    assert (None, "Drafted by") in found  # home/templates
    assert len(found) > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogs_are_not_stale(lang):
    """Every translatable literal in our code and templates has an entry in the catalog."""
    in_catalog = {entry_key(e) for e in live_entries(load_po(lang))}
    missing = set(code_messages()) - in_catalog
    assert not missing, (
        f"{lang}: these strings are not in {po_path(lang).relative_to(ROOT)}; run `make messages`, "
        f"translate them, and run it again:\n{describe(missing)}"
    )


def test_the_kazakh_catalog_shows_no_chinese_but_the_filing_numbers():
    """A Kazakh translator's admin never shows Chinese; the only exceptions are the examples of
    the ICP and public-security filing numbers, which are displayed in Chinese by law."""
    chinese = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
    offenders = [
        entry.msgid
        for entry in live_entries(load_po("kk"))
        if any(chinese.search(text) for text in [entry.msgstr, *entry.msgstr_plural.values()])
        and not re.search(r"浙ICP备|浙公网安备", entry.msgid)
    ]
    assert offenders == []


def test_the_fallback_catalogs_are_what_the_installed_packages_give():
    """locales/fallback/ holds exactly what `manage.py build_ui_fallbacks` builds from the
    installed Django, Wagtail and wagtail-localize: a package upgrade that changes their strings
    fails here until `make messages` is run."""
    from django.core import checks
    from django.utils.translation import to_locale

    from locales import ui_language

    built = ui_language.build()
    assert {key[:2] for key in built} >= {("ru", "kk"), ("en", "ru")}
    committed = {
        (path.parts[-4], path.parts[-3], path.stem)
        for path in ui_language.FALLBACK_DIR.glob("*/*/LC_MESSAGES/*.po")
    }
    assert committed == {(code, to_locale(language), domain) for code, language, domain in built}
    for (code, language, domain), po in built.items():
        path = ui_language.FALLBACK_DIR / code / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"
        on_disk = polib.pofile(str(path))
        assert [(e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural) for e in on_disk] == [
            (e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural) for e in po
        ], f"{path} is stale: run `make messages`"
        compiled = gnu_gettext.GNUTranslations(io.BytesIO(path.with_suffix(".mo").read_bytes()))._catalog
        assert len([key for key in compiled if key != ""]) >= len(on_disk), f"{path}: its .mo is stale"
    assert ui_language.check_built_catalogs() == [], [str(w) for w in checks.run_checks()]


def test_the_fallback_check_warns_when_the_catalogs_were_built_for_other_packages(monkeypatch):
    from locales import ui_language

    stamp = ui_language.stamp()
    monkeypatch.setattr(ui_language, "stamp", lambda: {**stamp, "packages": {"wagtail": "9.0"}})
    [warning] = ui_language.check_built_catalogs()
    assert warning.id == "locales.W010"
