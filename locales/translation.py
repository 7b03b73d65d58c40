"""Creating and filling wagtail-localize translations from code.

Used where the product itself supplies translated text (the locale home pages, demo content,
machine translation): the result is a tracked wagtail-localize translation, exactly what a
translator produces in the admin, never an untracked copy.
"""

from django.db import transaction
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate_with_strings(instance, locale, strings, *, user=None, publish=True):
    """Translate `instance` into `locale`, using `strings` (source text -> translated text).

    Segments missing from `strings` keep the source text, as wagtail-localize does for any
    untranslated string. Returns the saved target instance.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )
    translation.save_target(user=user, publish=publish)
    return source.get_translated_instance(locale)
