"""Machine translation for the translation editor's "Machine translate" button.

settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR names one engine (cms/settings/base.py picks):

- `ChatCompletionsTranslator`: any OpenAI-compatible chat-completions endpoint (vLLM,
  llama.cpp's server, Ollama), so that a self-hosted model that knows Kazakh can serve zh, en and
  kk on the college's own servers. The prompt names the language pair, the markup to keep and
  the glossary; the answer is checked for both.
- `LibreTranslateTranslator`: a self-hosted LibreTranslate server (its models have no Kazakh).
- `OfflineTranslator`, for development and tests only: no network; every string comes back as
  the source text behind a language tag, `[kk] 中哈丝路在线课程`, which never counts as
  translated (locales.translation.usable).

Every engine gets the glossary of its language pair (locales.models.GlossaryTerm), and a string
whose translation lacks a glossary term's fixed form, or changed its markup, is left for the
translator rather than saved (`checked`).

wagtail-localize calls `translate()` and lets any exception through its view (a server error
page). Ours raise `MachineTranslationError` with a message for the translator, and `install()`
wraps the two views that call them so that the translator is sent back with that message and
nothing is saved.
"""

import json
import logging
import re

import requests
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

logger = logging.getLogger(__name__)


class MachineTranslationError(Exception):
    """Machine translation failed; `str(error)` says why, in words for the translator."""


def _language(locale):
    return locale.language_code.lower()


# --- What every engine's output must keep ---------------------------------------------------

TAG = re.compile(r"<[^>]+>")


def glossary_for(source_locale, target_locale):
    from locales.models import glossary

    return glossary(_language(source_locale), _language(target_locale))


def checked(source, translated, terms):
    """`translated` if it keeps the markup of `source` (the same tags, in any order) and the
    fixed form of each glossary term that `source` contains; None, for the translator, if not."""
    if translated is None:
        return None
    if sorted(TAG.findall(source)) != sorted(TAG.findall(translated)):
        logger.info("Machine translation changed the markup of %r: %r", source, translated)
        return None
    # Longest terms first, each match taken out of the source: a string with 中哈丝路 needs that
    # term's fixed form, not also that of a shorter term inside it (中哈).
    for term in sorted(terms, key=len, reverse=True):
        if term and term in source:
            source = source.replace(term, "\0")
            if terms[term] not in translated:
                logger.info("Machine translation lacks the glossary's %r: %r", terms[term], translated)
                return None
    return translated


def post_json(url, payload, *, timeout, headers=None):
    """POST `payload` as JSON and return the JSON answer; MachineTranslationError, in words for
    the translator, for a timeout, an unreachable server, an error status or an answer not JSON."""
    try:
        response = requests.post(
            url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json", **(headers or {})},
            timeout=timeout,
        )
    except requests.Timeout as error:
        logger.warning("Machine translation at %s timed out: %s", url, error)
        raise MachineTranslationError(
            gettext("The machine translation service did not answer within %(seconds)s seconds.")
            % {"seconds": f"{timeout:g}"}
        ) from error
    except requests.RequestException as error:
        logger.warning("Machine translation at %s unreachable: %s", url, error)
        raise MachineTranslationError(
            gettext("The machine translation service could not be reached.")
        ) from error

    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code >= 400:
        logger.warning("Machine translation at %s answered %s: %r", url, response.status_code, body)
        reason = body.get("error") if isinstance(body, dict) else None
        if isinstance(reason, dict):  # OpenAI's shape: {"error": {"message": ...}}
            reason = reason.get("message")
        if reason:
            raise MachineTranslationError(
                gettext("The machine translation service refused the request: %(reason)s")
                % {"reason": reason}
            )
        raise MachineTranslationError(
            gettext("The machine translation service answered with an error (HTTP %(status)s).")
            % {"status": response.status_code}
        )
    if body is None:
        logger.warning("Machine translation at %s answered with no JSON: %r", url, response.text[:200])
        raise MachineTranslationError(gettext("The machine translation service's answer was not JSON."))
    return body


def _unusable_answer(url, body):
    logger.warning("Machine translation at %s answered %r", url, body)
    return MachineTranslationError(
        gettext("The machine translation service's answer did not contain the translations.")
    )


# --- Offline ---------------------------------------------------------------------------------


class OfflineTranslator(BaseMachineTranslator):
    """Marks each string with the target language instead of translating it. No network.

    `[kk] 中哈丝路在线课程`: the tag shows at a glance in the editor, the preview and the API
    that the text is a stand-in, and the source text keeps the page readable. HTML stays valid,
    since the tag is text in front of the string. (wagtail-localize's DummyTranslator reverses
    word order instead, which leaves Chinese unchanged and looks like a real translation.)
    """

    display_name = _("Offline placeholder (not a translation)")

    def translate(self, source_locale, target_locale, strings):
        tag = f"[{target_locale.language_code}] "
        return {string: StringValue(tag + string.data) for string in strings}

    def can_translate(self, source_locale, target_locale):
        return _language(source_locale) != _language(target_locale)


# --- LibreTranslate --------------------------------------------------------------------------


class LibreTranslateTranslator(BaseMachineTranslator):
    """Translates through a LibreTranslate server's `POST /translate`.

    OPTIONS:
        LIBRETRANSLATE_URL: the server's base URL, e.g. `http://127.0.0.1:5000` (required).
        API_KEY: sent as `api_key` when set; self-hosted servers usually need none.
        TIMEOUT: seconds to wait for each request (default 10).
        LANGUAGE_CODES: our locale code -> LibreTranslate's. Only the languages listed here are
            offered. LibreTranslate names Simplified Chinese `zh` (self-hosted releases) or
            `zh-Hans` (recent ones); settings take it from MACHINE_TRANSLATION_CHINESE_CODE.
        BATCH_SIZE: strings per request (default 50).

    wagtail-localize's own LibreTranslator drops everything after a hyphen of the locale code
    (zh-hans -> zh, whatever the server calls it), sends rich text and plain text alike as HTML,
    and fails with an uncaught exception; this class maps codes explicitly, sends plain strings as
    text, and raises MachineTranslationError.
    """

    display_name = "LibreTranslate"
    default_language_codes = {"zh-hans": "zh", "en": "en", "kk": "kk"}

    @property
    def url(self):
        return self.options["LIBRETRANSLATE_URL"].rstrip("/") + "/translate"

    @property
    def timeout(self):
        return float(self.options.get("TIMEOUT", 10))

    @property
    def language_codes(self):
        codes = self.options.get("LANGUAGE_CODES") or self.default_language_codes
        return {code.lower(): value for code, value in codes.items() if value}

    def language_code(self, locale):
        """LibreTranslate's code for `locale`, or None if it is not configured."""
        return self.language_codes.get(_language(locale))

    def can_translate(self, source_locale, target_locale):
        source, target = self.language_code(source_locale), self.language_code(target_locale)
        return bool(source and target) and source != target

    def translate(self, source_locale, target_locale, strings):
        source, target = self.language_code(source_locale), self.language_code(target_locale)
        if not (source and target):
            raise MachineTranslationError(
                gettext("Machine translation from %(source)s into %(target)s is not set up.")
                % {"source": source_locale.language_code, "target": target_locale.language_code}
            )
        # wagtail-localize stores every string as HTML-escaped text. Strings with markup (rich
        # text: links, bold) go as HTML; the rest as plain text, so that the service sees `&`
        # rather than `&amp;` and we escape its answer ourselves.
        html, text = [], []
        for string in strings:
            (html if "<" in string.data else text).append(string)

        terms = glossary_for(source_locale, target_locale)
        translations = {}
        batch_size = max(1, int(self.options.get("BATCH_SIZE", 50)))
        for kind, group in (("html", html), ("text", text)):
            for start in range(0, len(group), batch_size):
                batch = group[start : start + batch_size]
                sources = [s.data if kind == "html" else s.render_text() for s in batch]
                # LibreTranslate takes no glossary: each term goes in already in its fixed form,
                # which the engine passes through, and the answer is checked for it.
                answers = self._post(
                    source, target, kind, [_with_fixed_terms(text, terms) for text in sources]
                )
                for string, original, answer in zip(batch, sources, answers, strict=True):
                    kept = checked(original, answer, terms) if answer else None
                    translations[string] = self._string_value(kind, kept)
        return translations

    def _string_value(self, kind, answer):
        if not isinstance(answer, str) or not answer.strip():
            return None  # wagtail-localize leaves the string for the translator
        if kind == "text":
            return StringValue.from_plaintext(answer)
        try:
            return StringValue.from_translated_html(answer)
        except ValueError:
            # Markup wagtail-localize cannot store (a block tag): leave it for the translator.
            logger.warning("LibreTranslate returned unusable HTML: %r", answer)
            return None

    def _post(self, source, target, format_, texts):
        payload = {"q": texts, "source": source, "target": target, "format": format_}
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        body = post_json(self.url, payload, timeout=self.timeout)
        answers = body.get("translatedText") if isinstance(body, dict) else None
        if isinstance(answers, str) and len(texts) == 1:
            answers = [answers]
        if not isinstance(answers, list) or len(answers) != len(texts):
            raise _unusable_answer(self.url, body)
        return answers


def _with_fixed_terms(text, terms):
    """`text` with each glossary term replaced by its fixed form, longest terms first."""
    for term in sorted(terms, key=len, reverse=True):
        text = text.replace(term, terms[term])
    return text


# --- OpenAI-compatible chat completions ------------------------------------------------------


class ChatCompletionsTranslator(BaseMachineTranslator):
    """Translates with a language model behind an OpenAI-compatible `POST /chat/completions`
    (vLLM, llama.cpp's server, Ollama, or a hosted service the college trusts).

    OPTIONS:
        URL: the API's base URL, e.g. `http://127.0.0.1:8000/v1` (required).
        MODEL: the model's name on that server (required).
        API_KEY: sent as a bearer token when set.
        TIMEOUT: seconds to wait for each request (default 60: a model is slower than a lookup).
        BATCH_SIZE: strings per request (default 20).

    The strings go as one JSON array and must come back as one, in the same order. The prompt
    names both languages, asks for every tag to be kept as it is, and lists the glossary terms
    found in the batch; each answer is then `checked` for both, and a string that fails is left
    for the translator.
    """

    display_name = _("Language model")

    @property
    def url(self):
        return self.options["URL"].rstrip("/") + "/chat/completions"

    @property
    def timeout(self):
        return float(self.options.get("TIMEOUT", 60))

    def can_translate(self, source_locale, target_locale):
        return _language(source_locale) != _language(target_locale)

    def translate(self, source_locale, target_locale, strings):
        terms = glossary_for(source_locale, target_locale)
        strings = list(strings)
        translations = {}
        batch_size = max(1, int(self.options.get("BATCH_SIZE", 20)))
        for start in range(0, len(strings), batch_size):
            batch = strings[start : start + batch_size]
            sources = [string.data for string in batch]
            answers = self._ask(source_locale, target_locale, sources, terms)
            for string, source, answer in zip(batch, sources, answers, strict=True):
                translations[string] = _string_value(checked(source, answer, terms))
        return translations

    def prompt(self, source_locale, target_locale, sources, terms):
        source_name, target_name = _english_name(source_locale), _english_name(target_locale)
        lines = [
            f"You translate the texts of a college's website from {source_name} into {target_name}.",
            "The user sends a JSON array of strings. Answer with a JSON array of their "
            f"translations into {target_name}, in the same order, and nothing else.",
            'Some strings contain HTML tags such as <a id="a1"> or <b>: keep every tag exactly '
            "as it is, around the words that translate the words it surrounds.",
        ]
        used = {term: fixed for term, fixed in terms.items() if any(term in source for source in sources)}
        if used:
            lines.append("Always translate these terms exactly so:")
            lines.extend(f"{term} = {fixed}" for term, fixed in sorted(used.items()))
        return "\n".join(lines)

    def _ask(self, source_locale, target_locale, sources, terms):
        payload = {
            "model": self.options.get("MODEL", ""),
            "temperature": 0,
            "messages": [
                {"role": "system", "content": self.prompt(source_locale, target_locale, sources, terms)},
                {"role": "user", "content": json.dumps(sources, ensure_ascii=False)},
            ],
        }
        headers = (
            {"Authorization": f"Bearer {self.options['API_KEY']}"} if self.options.get("API_KEY") else {}
        )
        body = post_json(self.url, payload, timeout=self.timeout, headers=headers)
        try:
            content = body["choices"][0]["message"]["content"]
            if not isinstance(content, str):
                raise TypeError(content)
            answers = json.loads(_without_code_fence(content))
        except (KeyError, IndexError, TypeError, ValueError):
            raise _unusable_answer(self.url, body) from None
        if not isinstance(answers, list) or len(answers) != len(sources):
            raise _unusable_answer(self.url, body)
        return [answer if isinstance(answer, str) and answer.strip() else None for answer in answers]


def _english_name(locale):
    from django.conf import settings
    from django.utils import translation

    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    code = _language(locale)
    with translation.override("en"):
        return str(names.get(code, code))


def _without_code_fence(content):
    """A model's answer without the ```json fence some models put around it."""
    content = content.strip()
    if content.startswith("```"):
        content = content.split("\n", 1)[1] if "\n" in content else ""
        content = content.rsplit("```", 1)[0]
    return content


def _string_value(html):
    """A StringValue for translated text in wagtail-localize's stored form (HTML-escaped text,
    inline tags with their ids), or None for the translator."""
    if html is None:
        return None
    try:
        return StringValue.from_translated_html(html)
    except ValueError:
        logger.warning("The language model returned unusable HTML: %r", html)
        return None


# --- The admin views that call translate() ---------------------------------------------------


def failure_message(error):
    return gettext("Machine translation failed: %(reason)s Nothing was changed.") % {"reason": error}


def editor_url(request, translation_id):
    """Where the translator came from: `next`, else the translation's own editor."""
    from wagtail.admin.admin_url_finder import AdminURLFinder
    from wagtail.admin.utils import get_valid_next_url_from_request
    from wagtail_localize.models import Translation

    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return next_url
    translation = Translation.objects.filter(pk=translation_id).first()
    instance = translation.get_target_instance() if translation else None
    return (instance and AdminURLFinder(request.user).get_edit_url(instance)) or reverse("wagtailadmin_home")
