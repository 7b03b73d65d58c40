"""Which language interface strings fall back to when a catalog lacks them.

Django gives every language one fallback, LANGUAGE_CODE: here Chinese. Wagtail has no Kazakh
catalog, so a Kazakh translator's admin would be mostly Chinese. UI_LANGUAGE_FALLBACKS (settings)
names another fallback per language: kk -> ru (Wagtail's Russian, widely read in Kazakhstan),
ru -> en (the untranslated source strings). A language it does not name keeps Django's rule.

This is gettext's chain, so it holds wherever a string is translated: the admin, its
JavaScript catalogs, and labels the API translates with the page's language.
"""

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.translation import trans_real

from locales.wrapping import wrap_once


def fallback_language(language):
    """The language `language` falls back to: a code, None for the source strings (English), or
    ... (Ellipsis) when UI_LANGUAGE_FALLBACKS does not name it."""
    fallbacks = getattr(settings, "UI_LANGUAGE_FALLBACKS", {})
    if language not in fallbacks:
        return ...
    code = fallbacks[language]
    if not code or code.startswith("en"):
        return None  # English catalogs are empty: the msgids are the text
    _check_no_cycle(language, fallbacks)
    return code


def _check_no_cycle(language, fallbacks):
    seen = [language]
    code = fallbacks.get(language)
    while code and not code.startswith("en") and code in fallbacks:
        if code in seen:
            raise ImproperlyConfigured(f"UI_LANGUAGE_FALLBACKS loops: {' -> '.join([*seen, code])}")
        seen.append(code)
        code = fallbacks[code]


def _add_fallback(original):
    @functools.wraps(original)
    def add_fallback(self, localedirs=None):
        code = fallback_language(self.language())
        if code is ...:
            return original(self, localedirs)
        if code is None:
            return
        if self.domain == "django":
            fallback = trans_real.translation(code)
        else:
            fallback = trans_real.DjangoTranslation(code, domain=self.domain, localedirs=localedirs)
        self.add_fallback(fallback)

    return add_fallback


def _forget_translations(**kwargs):
    # Translation objects are built once per language and cached, fallback included.
    if kwargs.get("setting") in (None, "UI_LANGUAGE_FALLBACKS"):
        from asgiref.local import Local

        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()


def apply():
    if not wrap_once(trans_real.DjangoTranslation, "_add_fallback", _add_fallback, marker="_cms_patched"):
        return
    _forget_translations()
    setting_changed.connect(_forget_translations, dispatch_uid="locales.ui_language")
