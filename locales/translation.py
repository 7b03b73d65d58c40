"""Creating and filling wagtail-localize translations from code.

Used where the product itself supplies translated text (the locale home pages, demo content,
machine translation): the result is a tracked wagtail-localize translation, exactly what a
translator produces in the admin, never an untracked copy.
"""

import json

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, Revision
from wagtail_localize.fields import get_translatable_fields
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
    if isinstance(instance, Page):
        # The caller supplies the text, and strings it leaves out (a name, a code) are meant to
        # stay as they are: publish when asked, complete or not.
        return save_translated_page(translation, user=user, publish=publish, untranslated_ok=True)
    translation.save_target(user=user, publish=True)  # snippets have no draft state
    return source.get_translated_instance(locale)


def placeholder(prefix=""):
    """The condition that a StringTranslation (through `prefix`) is an offline placeholder's
    stand-in: its text starts with "[kk] ", "[en] ", ... (a LIKE, which both databases index
    and SQLite runs without calling back into Python)."""
    from locales.languages import content_language_codes

    condition = Q()
    for code in content_language_codes():
        condition |= Q(**{f"{prefix}data__startswith": f"[{code}] "})
    return condition


def usable(prefix=""):
    """The condition under which a StringTranslation (reached through `prefix`, such as
    "string__translations__") is a translation readers may get.

    Not one with an error; never the offline placeholder's stand-in ("[kk] 中文", whoever saved
    it); and not machine output that no person has confirmed (saving a string in the translation
    editor makes it a person's), unless settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT allows that.
    Every count of what is translated (publishing, progress in the API, the reports) uses it.
    """
    condition = Q(**{f"{prefix}has_error": False}) & ~placeholder(prefix)
    if not settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT:
        condition &= ~Q(**{f"{prefix}translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE})
    return condition


def unconfirmed_machine_count(translation):
    """How many strings of `translation` are machine output no person has confirmed yet."""
    machine = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    return StringSegment.objects.filter(source_id=translation.source_id).filter(Exists(machine)).count()


def untranslated_count(translation):
    """How many of the source's strings readers would see untranslated in the target language
    (`usable` says what counts as translated).

    The slug does not count: left untranslated, it is made from the translated title
    (locales.slugs), so it never shows the source language.
    """
    translated = StringTranslation.objects.filter(
        usable(),
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path="slug")
        .exclude(Exists(translated))
        .count()
    )


def save_translated_page(translation, *, user=None, publish=True, untranslated_ok=False):
    """Render a page translation from its source and translated strings, as wagtail-localize's
    Translation.save_target does, never letting untranslated text reach readers by accident.

    wagtail-localize renders every untranslated string in the source language and writes the
    result to the page row, which is what readers of a live page see, even when it only saves a
    draft. So the new rendering always becomes a draft revision here; it is published only when
    `publish` is asked for and every string is translated (or `untranslated_ok`). Otherwise a
    live translation keeps the texts its readers had (an older but complete translation, which
    the API marks out of date) and the new rendering waits as a draft until its translator
    finishes it.

    Publishing here, rather than in wagtail-localize's `transaction.on_commit`, also avoids its
    stale page object: inside a longer transaction that runs after the page's translated children
    were added, writes back a stale numchild, and the next child collides on its tree path.
    Returns the target page as readers now see it.
    """
    try:
        existing = translation.get_target_instance()
    except ObjectDoesNotExist:
        existing = None
    live_revision_id = existing.live_revision_id if existing is not None and existing.live else None
    translation.source.create_or_update_translation(
        translation.target_locale, user=user, publish=False, fallback=True, copy_parent_pages=True
    )
    target = translation.get_target_instance()
    if publish and (untranslated_ok or untranslated_count(translation) == 0):
        target.get_latest_revision().publish(user=user)
    elif live_revision_id is not None:
        keep_translated_text(target, live_revision_id)
    target.refresh_from_db()
    return target


def keep_translated_text(page, live_revision_id):
    """`page` (the specific page as just saved) gets of a live translation the texts of its live revision, with the rest of the
    new rendering: synchronised fields (dates, status, topics, images) are the same in every
    language and reach it at once, while its translated texts stay as they were until the new
    draft is finished and published."""
    live = Revision.objects.get(pk=live_revision_id).as_object()
    for field in get_translatable_fields(type(page)):
        if not field.is_synchronized(page):
            name = field.get_field(type(page)).attname
            setattr(page, name, getattr(live, name))
    page.has_unpublished_changes = True
    page.save(clean=False)


# What Wagtail itself changes when a page is published again: never what its translators see.
PUBLISHING_FIELDS = frozenset(
    {
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "go_live_at",
        "expire_at",
        "expired",
    }
)


def note_unchanged_republish(sender, instance, **kwargs):
    """`page_published`: a source page published again unchanged has not changed for its
    translators. wagtail-localize's source records when it last read the page, and a page
    published after that counts as changed (locales.resolution: out of date), so a republish with
    no change would mark every translation out of date. When the published page is the one the
    source holds, field for field (texts, dates, images, topics, related pages; Wagtail's own
    publishing fields aside), the source is recorded as read now. Any other difference, even in a
    field that is the same in every language, leaves the translations waiting for a sync."""
    from django.utils import timezone

    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return
    page = instance.specific

    def content(data):
        return {key: _parsed(value) for key, value in data.items() if key not in PUBLISHING_FIELDS}

    if content(json.loads(page.to_json())) == content(json.loads(source.content_json)):
        TranslationSource.objects.filter(pk=source.pk).update(last_updated_at=timezone.now())


def _parsed(value):
    """A serialised value with the JSON inside it (a StreamField's text) read, so that the order
    of keys, which PostgreSQL's jsonb does not keep, does not count as a change."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return _parsed(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return [_parsed(item) for item in value]
    if isinstance(value, dict):
        return {key: _parsed(item) for key, item in value.items()}
    return value
