"""Every library callable the product replaces at run time, in one place.

Everything else goes through Wagtail's and wagtail-localize's extension points (hooks, page
base classes and their forms, permission testers, views subclassed and registered at their own
addresses, build-time catalogs). What is left is a wrapper around a wagtail-localize function
that has no extension point, each changing only the case the library gets wrong:

- listed in REPLACEMENTS with the upstream issue or pull request it works around;
- with a canary in tests/locales/test_patches.py that runs the library's own function and
  fails as soon as upstream behaves correctly, so the replacement can go;
- written against the versions in TESTED_VERSIONS: a system check (locales.W020) warns when an
  installed Django, Wagtail or wagtail-localize leaves that range.
"""

import functools
from dataclasses import dataclass
from importlib import metadata

from django.core import checks
from modelcluster.fields import ParentalManyToManyField

from locales.wrapping import wrap_once

MARKER = "_cms_patched"

# No upstream report names any of these cases exactly yet: each link is the closest issue, or
# the pull request that wrote the code in question. docs/upstream.md has each report to file,
# with a patch where the fix is small and general.
UPSTREAM = {
    # The `if values:` guard came with "Translation of models with ParentalManyToManyField".
    "copy_synchronised_fields": "https://github.com/wagtail/wagtail-localize/pull/564",
    # "ImageBlock overrides in translations" (#854) fixed the crash by loading the new image afresh.
    "handle_image_block": "https://github.com/wagtail/wagtail-localize/issues/853",
    # New translations go live with the source's content.
    "save_target": "https://github.com/wagtail/wagtail-localize/issues/871",
    # "Add import/export PO file methods": the header holds only the translation's id.
    "export_po": "https://github.com/wagtail/wagtail-localize/pull/143",
    # find_available_slug(parent, slugify(translation.slug)) came with this pull request.
    "ingest_segments": "https://github.com/wagtail/wagtail-localize/pull/202",
    # Wagtail's own generic views have the same model-only check.
    "user_can_edit_instance": "https://github.com/wagtail/wagtail/issues/13314",
}

# The versions the replacements were written and tested against: [lowest, first not tested).
TESTED_VERSIONS = {"Django": ("5.2", "5.3"), "wagtail": ("8.0", "8.1"), "wagtail-localize": ("1.14", "1.15")}


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


@dataclass(frozen=True)
class Replacement:
    owner: str  # the module or class, dotted
    name: str
    wrapper: str  # the wrapper factory, dotted
    upstream: str  # the issue or pull request it works around
    why: str


REPLACEMENTS = [
    # wagtail_localize.models imported the function by name, so it is replaced where it is called.
    Replacement(
        "wagtail_localize.models",
        "copy_synchronised_fields",
        "locales.patches._copy_emptied_many_to_many",
        UPSTREAM["copy_synchronised_fields"],
        "an emptied many-to-many (topics, related pages) stays on every translation",
    ),
    Replacement(
        "wagtail_localize.segments.ingest.StreamFieldSegmentsWriter",
        "handle_image_block",
        "locales.patches._keep_decorative_flag",
        UPSTREAM["handle_image_block"],
        "a translator's own photo loses the decorative flag and alt text",
    ),
    Replacement(
        "wagtail_localize.models.Translation",
        "save_target",
        "locales.patches._publish_complete_pages_only",
        UPSTREAM["save_target"],
        "a page translation is published with source text in place of untranslated strings",
    ),
    Replacement(
        "wagtail_localize.models.Translation",
        "export_po",
        "locales.po.describe_translation_export",
        UPSTREAM["export_po"],
        "PO files carry no standard header fields nor the source version they were made from",
    ),
    Replacement(
        "wagtail_localize.models",
        "ingest_segments",
        "locales.slugs._slug_from_translation",
        UPSTREAM["ingest_segments"],
        "a Kazakh or Chinese translated slug is cut to its Latin fragments by slugify()",
    ),
    # The editor's views call this module-level function by name.
    Replacement(
        "wagtail_localize.views.edit_translation",
        "user_can_edit_instance",
        "locales.access._user_can_edit_instance",
        UPSTREAM["user_can_edit_instance"],
        "the translation editor tests a snippet by its model alone, not by its language",
    ),
]


def _resolve(dotted):
    from django.utils.module_loading import import_string

    try:
        return import_string(dotted)
    except ImportError:
        import importlib

        return importlib.import_module(dotted)


def apply():
    """Install every replacement (once; safe to call again)."""
    for replacement in REPLACEMENTS:
        wrap_once(_resolve(replacement.owner), replacement.name, _resolve(replacement.wrapper), marker=MARKER)


def original(replacement_name):
    """The library's own callable that a replacement wraps (for the canary tests)."""
    replacement = next(r for r in REPLACEMENTS if r.name == replacement_name)
    return getattr(_resolve(replacement.owner), replacement.name).__wrapped__


def _version_tuple(text):
    parts = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
        if not part.isdigit():
            break
    return tuple(parts)


def untested_versions():
    """{package: installed version} for each package outside TESTED_VERSIONS."""
    found = {}
    for package, (lowest, beyond) in TESTED_VERSIONS.items():
        installed = metadata.version(package)
        if not _version_tuple(lowest) <= _version_tuple(installed) < _version_tuple(beyond):
            found[package] = installed
    return found


@checks.register()
def check_tested_versions(app_configs=None, **kwargs):
    untested = untested_versions()
    if not untested:
        return []
    names = ", ".join(f"{package} {version}" for package, version in sorted(untested.items()))
    return [
        checks.Warning(
            f"{names}: the run-time replacements in locales/patches.py were written for "
            + ", ".join(f"{p} >={lo},<{hi}" for p, (lo, hi) in TESTED_VERSIONS.items()),
            hint="Run tests/locales/test_patches.py: a failing canary means upstream fixed it and "
            "its replacement can go; then update TESTED_VERSIONS.",
            id="locales.W020",
        )
    ]
