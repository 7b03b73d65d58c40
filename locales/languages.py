"""The published languages, as declared once in settings, and the models translated into them.

Everything else in the project asks this module rather than reading the settings itself, so
the rules (the first language is the source, every chain ends in the source) live here.
"""

from django.conf import settings
from wagtail.coreutils import get_content_languages


def content_language_codes():
    """Codes of the published languages, source language first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def source_language_code():
    return content_language_codes()[0]


def fallback_chain(language_code):
    """The languages to try, in order, when a page is missing in `language_code`.

    Starts with the language itself and always ends with the source language.
    """
    source = source_language_code()
    chain = [language_code]
    for code in settings.LOCALE_FALLBACKS.get(language_code, []):
        if code not in chain and code in get_content_languages():
            chain.append(code)
    if source not in chain:
        chain.append(source)
    return chain


def in_source_locale():
    """`limit_choices_to` for relations: they always point at the source-language object.

    Relations are synchronised across translations, so every translation shares the source's
    choice; readers get the related object in their own language when it is delivered.
    """
    return {"locale__language_code": source_language_code()}


def translatable_models():
    """The models other than pages whose objects exist once per language and are translated on
    their own (the footer, topics, partner institutions, people): every concrete translatable
    model that is neither a page nor an inline row translated with its parent (a footer's phone
    lines). The one list the permissions, the roles and the translation report work from.

    Read from Django's model registry, so it answers before the admin registers its snippets."""
    from django.apps import apps
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page, TranslatableMixin

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and not any(isinstance(field, ParentalKey) for field in model._meta.fields)
    ]
