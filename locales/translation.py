"""Creating and filling wagtail-localize translations from code.

Used where the product itself supplies translated text (the locale home pages, demo content,
machine translation): the result is a tracked wagtail-localize translation, exactly what a
translator produces in the admin, never an untracked copy.
"""

from django.db import transaction
from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate_with_strings(instance, locale, strings, *, user=None, publish=True):
    """Translate `instance` into `locale`, using `strings` (source text -> translated text).

    Segments missing from `strings` keep the source text, as wagtail-localize does for any
    untranslated string. Returns the saved target instance, published when `publish` is set.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string")
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                locale=locale,
                context_id=segment.context_id,
                data=strings[segment.string.data],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=user,
            )
            for segment in segments
            if segment.string.data in strings
        ],
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=["data", "translation_type", "last_translated_by", "has_error", "field_error"],
    )
    # wagtail-localize would publish in transaction.on_commit, from the page object as it was when
    # its revision was saved. Inside a longer transaction that runs after the page's translated
    # children were added and writes back a stale numchild, and the next child added under it
    # collides on its tree path. Saving a draft and publishing it here avoids that.
    translation.save_target(user=user, publish=not isinstance(instance, DraftStateMixin))
    target = source.get_translated_instance(locale)
    if publish and isinstance(target, DraftStateMixin):
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target
