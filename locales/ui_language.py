"""Interface strings a language's catalogs lack, filled in from another language at build time.

Django gives every language one fallback, LANGUAGE_CODE: here Chinese. Wagtail has no Kazakh
catalog, so a Kazakh translator's admin would be mostly Chinese. UI_LANGUAGE_FALLBACKS (settings)
names another fallback per language: kk -> ru (Wagtail's Russian, widely read in Kazakhstan),
ru -> en (the untranslated source strings). A language it does not name keeps Django's rule.

`make messages` (`manage.py build_ui_fallbacks`) writes, for each language named there and for
both gettext domains (django, and djangojs for the admin's JavaScript), the strings that no
catalog of that language translates, each as the first language of its chain has it:

    locales/fallback/ru/kk/LC_MESSAGES/django.po   Kazakh's missing strings, in Russian
    locales/fallback/en/kk/LC_MESSAGES/django.po   those Russian lacks too, as their English source
    locales/fallback/en/ru/LC_MESSAGES/django.po   Russian's missing strings, in English

Each directory holds the plural rule of the language its strings are written in, and
LOCALE_PATHS lists them after the project's own catalogs. Django then finds them as it finds any
catalog: no run-time change, and the same strings in the admin, its JavaScript catalogs and the
labels the API translates. Nothing a language translates itself is overridden.

The catalogs depend on the installed Django, Wagtail and wagtail-localize and on the setting:
`locales/fallback/BUILT.json` records them, a system check warns when they differ, and
`tests/locales/test_catalogs.py` fails when a rebuild would change a catalog.
"""

import gettext
import json
from importlib import metadata
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import to_locale

FALLBACK_DIR = Path(__file__).resolve().parent / "fallback"
DOMAINS = ("django", "djangojs")
SOURCE = "en"  # the language of the msgids
PACKAGES = ("Django", "wagtail", "wagtail-localize")
# The apps whose JavaScript catalogs the admin serves (each view reads only its package's
# catalogs and the project's): what they translate is all a djangojs string can come from.
JS_CATALOG_APPS = ("wagtail.admin", "wagtail_localize")
ENGLISH_PLURALS = "nplurals=2; plural=(n != 1);"


def fallback_chain(language):
    """The languages `language`'s missing strings come from, nearest first: ends in "en" (the
    source strings) or, when UI_LANGUAGE_FALLBACKS stops naming one, in LANGUAGE_CODE (Django's
    own rule); [] for a language the setting does not name."""
    fallbacks = settings.UI_LANGUAGE_FALLBACKS
    chain, code = [], language
    while code in fallbacks:
        code = fallbacks[code] or SOURCE
        if code.startswith(SOURCE):
            return [*chain, SOURCE]
        if code == language or code in chain:
            raise ImproperlyConfigured(
                f"UI_LANGUAGE_FALLBACKS loops: {' -> '.join([language, *chain, code])}"
            )
        chain.append(code)
    return [*chain, settings.LANGUAGE_CODE] if chain else []


def own_locale_dirs(domain="django"):
    """Every directory Django reads `domain`'s catalogs from, least precedence first, the built
    ones left out."""
    import django

    configs = reversed(list(apps.get_app_configs()))
    if domain == "django":
        dirs = [Path(django.__file__).parent / "conf" / "locale"]
    else:
        dirs, configs = [], [config for config in configs if config.name in JS_CATALOG_APPS]
    dirs += [Path(config.path) / "locale" for config in configs]
    dirs += [Path(path) for path in reversed(settings.LOCALE_PATHS) if FALLBACK_DIR not in Path(path).parents]
    return [path for path in dirs if path.is_dir()]


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def catalog(language, domain, dirs):
    """{key: (entry, plural rule)} of what `language`'s compiled catalogs translate, later
    directories winning as in Django."""
    found = {}
    for directory in dirs:
        path = gettext.find(domain, str(directory), [to_locale(language)])
        if path is None:
            continue
        mo = polib.mofile(path)
        plurals = mo.metadata.get("Plural-Forms", ENGLISH_PLURALS)
        for entry in mo:
            if entry.msgid and _translated(entry):
                found[_key(entry)] = (entry, plurals)
    return found


def build():
    """{(written in, language, domain): polib.POFile} of every fallback catalog."""
    built = {}
    for language in sorted(settings.UI_LANGUAGE_FALLBACKS):
        chain = fallback_chain(language)
        if not chain:
            continue
        for domain in DOMAINS:
            dirs = own_locale_dirs(domain)
            own = catalog(language, domain, dirs)
            sources = {code: catalog(code, domain, dirs) for code in chain if code != SOURCE}
            default = sources.get(settings.LANGUAGE_CODE) or catalog(settings.LANGUAGE_CODE, domain, dirs)
            wanted = set(default).union(*(set(found) for found in sources.values())) - set(own)
            for key in sorted(wanted, key=lambda key: (key[0] or "", key[1], key[2] or "")):
                code = next((code for code in chain if code == SOURCE or key in sources[code]), None)
                if code is None or code == settings.LANGUAGE_CODE:
                    continue  # Django's own rule gives the same
                if code == SOURCE:
                    entry, plurals = default.get(key) or next(s[key] for s in sources.values() if key in s)
                    entry = _identity(entry)
                    plurals = ENGLISH_PLURALS
                else:
                    entry, plurals = sources[code][key]
                po = built.get((code, language, domain))
                if po is None:
                    po = built[(code, language, domain)] = _new_catalog(language, code, plurals)
                po.append(_copy(entry))
    return built


def _identity(entry):
    copy = _copy(entry)
    if entry.msgid_plural:
        copy.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        copy.msgstr = entry.msgid
    return copy


def _copy(entry):
    copy = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
    if entry.msgid_plural:
        copy.msgid_plural = entry.msgid_plural
        copy.msgstr_plural = dict(entry.msgstr_plural)
    else:
        copy.msgstr = entry.msgstr
    return copy


def _new_catalog(language, written_in, plurals):
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": to_locale(language),
        "Plural-Forms": plurals,
        "X-Generated-By": f"manage.py build_ui_fallbacks: {language} strings no catalog has, in {written_in}",
    }
    return po


def stamp():
    """What the built catalogs depend on."""
    return {
        "packages": {name: metadata.version(name) for name in PACKAGES},
        "fallbacks": dict(sorted(settings.UI_LANGUAGE_FALLBACKS.items())),
        "language_code": settings.LANGUAGE_CODE,
    }


def write(target=FALLBACK_DIR):
    """Build every fallback catalog into `target` (.po and .mo), replacing what was there."""
    import shutil

    shutil.rmtree(target, ignore_errors=True)
    written = []
    for (written_in, language, domain), po in sorted(build().items()):
        directory = target / written_in / to_locale(language) / "LC_MESSAGES"
        directory.mkdir(parents=True, exist_ok=True)
        po.save(str(directory / f"{domain}.po"))
        po.save_as_mofile(str(directory / f"{domain}.mo"))
        written.append((directory / f"{domain}.po", len(po)))
    target.mkdir(parents=True, exist_ok=True)
    (target / "BUILT.json").write_text(json.dumps(stamp(), indent=2, sort_keys=True) + "\n")
    return written


@checks.register(checks.Tags.translation)
def check_built_catalogs(app_configs=None, **kwargs):
    """Warn when the fallback catalogs were built for other packages or another setting."""
    path = FALLBACK_DIR / "BUILT.json"
    try:
        built = json.loads(path.read_text())
    except (OSError, ValueError):
        built = None
    if built == stamp():
        return []
    return [
        checks.Warning(
            "The interface fallback catalogs (locales/fallback/) were built for other package "
            "versions or another UI_LANGUAGE_FALLBACKS: strings may show in the wrong language.",
            hint="Run `make messages` and commit locales/fallback/.",
            id="locales.W010",
        )
    ]
