"""Choosing the language of an API response from `?locale=` or the Accept-Language header."""

from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header

from locales.languages import content_language_codes, source_language_code


class UnknownLanguage(ValueError):
    pass


def _aliases():
    return {key.lower(): value for key, value in settings.API_LANGUAGE_ALIASES.items()}


def match_language(tag):
    """Map a language tag (kk-KZ, zh-CN, zh-Hant-TW, ru) to a published language code, or None."""
    tag = tag.strip().lower().replace("_", "-")
    codes = content_language_codes()
    aliases = _aliases()
    candidates = [tag]
    parts = tag.split("-")
    # zh-hant-tw -> zh-hant -> zh
    candidates += ["-".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]
    for candidate in candidates:
        if candidate in codes:
            return candidate
        if candidate in aliases and aliases[candidate] in codes:
            return aliases[candidate]
    return None


def negotiate(locale_param, accept_language):
    """The language to serve. An explicit `locale` must be published; the header never fails."""
    if locale_param is not None:
        code = locale_param.strip().lower()
        if code not in content_language_codes():
            raise UnknownLanguage(code)
        return code
    for tag, _quality in parse_accept_lang_header(accept_language or ""):
        if tag == "*":
            break
        code = match_language(tag)
        if code:
            return code
    return source_language_code()
