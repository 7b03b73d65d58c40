"""Corrections to wagtail-localize 1.14 that our translation policy depends on.

Each wraps the library's own function and changes only the case it gets wrong, so upgrading
the library and deleting the wrapper is all it takes once upstream fixes land.
"""

import functools

from modelcluster.fields import ParentalManyToManyField

from locales.wrapping import wrap_once

MARKER = "_cms_patched"


def _copy_emptied_many_to_many(copy_synchronised_fields):
    """wagtail-localize copies a synchronised ParentalManyToManyField only when it is non-empty
    (fields.py: `if values:`), so topics or related pages an editor removes from the source stay
    on every translation. Copy the field whatever it holds."""
    from wagtail_localize.fields import get_translatable_fields

    @functools.wraps(copy_synchronised_fields)
    def copy(source, target):
        copy_synchronised_fields(source, target)
        for translatable_field in get_translatable_fields(source.__class__):
            if not translatable_field.is_synchronized(source):
                continue
            field = translatable_field.get_field(target.__class__)
            if isinstance(field, ParentalManyToManyField):
                setattr(target, field.name, list(getattr(source, field.name).all()))

    return copy


def _keep_decorative_flag(handle_image_block):
    """When a translator swaps the photo in an ImageBlock for their language, wagtail-localize
    loads the new image afresh and drops the source's `decorative` flag and alt text, leaving an
    image with neither, which ImageBlock refuses the next time the page is edited."""

    @functools.wraps(handle_image_block)
    def handle(self, block, image_block_value, segments):
        decorative = getattr(image_block_value, "decorative", False)
        alt_text = getattr(image_block_value, "contextual_alt_text", None)
        result = handle_image_block(self, block, image_block_value, segments)
        if result is not image_block_value and result is not None:
            if not getattr(result, "decorative", False):
                result.decorative = decorative
            if getattr(result, "contextual_alt_text", None) is None:
                result.contextual_alt_text = "" if decorative else alt_text
        return result

    return handle


def _check_po_upload(upload_pofile):
    """wagtail-localize's per-translation PO upload answers an empty file, or one without its
    translation-id header, with a 500 (KeyError), and imports a PO made for an older source:
    locales.views checks the file first and tells the translator."""

    @functools.wraps(upload_pofile)
    def view(request, translation_id):
        from locales.views import checked_upload_pofile

        return checked_upload_pofile(upload_pofile, request, translation_id)

    return view


def _publish_complete_pages_only(save_target):
    """wagtail-localize publishes a page translation with the source text standing in for every
    untranslated string, and overwrites a live page's content with its new draft: Chinese text
    would reach Kazakh readers. Page translations go through locales.translation instead. A
    snippet, which has no draft, keeps what readers have while machine output in it waits for a
    person to confirm it."""

    @functools.wraps(save_target)
    def save(self, user=None, publish=True):
        from django.conf import settings
        from wagtail.models import Page

        from locales.translation import save_translated_page, unconfirmed_machine_count

        if issubclass(self.source.specific_content_type.model_class(), Page):
            return save_translated_page(self, user=user, publish=publish)
        if not settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT and unconfirmed_machine_count(self):
            return None
        return save_target(self, user=user, publish=publish)

    return save


def apply():
    from wagtail_localize import models as localize_models
    from wagtail_localize.segments import ingest
    from wagtail_localize.views import edit_translation

    from locales.po import describe_translation_export

    # models.py imported the function by name, so it is replaced where it is called.
    wrap_once(localize_models, "copy_synchronised_fields", _copy_emptied_many_to_many, marker=MARKER)
    wrap_once(ingest.StreamFieldSegmentsWriter, "handle_image_block", _keep_decorative_flag, marker=MARKER)
    wrap_once(localize_models.Translation, "save_target", _publish_complete_pages_only, marker=MARKER)
    # The admin URLs are built after ready(), from this module attribute.
    wrap_once(edit_translation, "upload_pofile", _check_po_upload, marker=MARKER)
    # PO files carry the standard header fields and the source version they were made from.
    wrap_once(localize_models.Translation, "export_po", describe_translation_export, marker=MARKER)
