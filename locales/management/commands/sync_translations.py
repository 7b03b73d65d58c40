"""Bring every translation back in step with its source, as "Sync translated pages" does by hand.

For each source that changed since wagtail-localize last read it: `TranslationSource.update_from_db()`,
then every translation of it is re-rendered (`save_target`), keeping its state: a live translation
is published again, a draft stays a draft. Strings whose source text changed are untranslated
again: the translated page shows the source text for them, and the translation status report
shows it out of date until a translator fills them in.

Idempotent: a translation already rendered from its source's current version is left alone (a
second run changes nothing). A failure is reported and the other translations go on; the command
then exits with status 1.
"""

import logging
from collections import defaultdict
from itertools import groupby

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from wagtail_localize.models import Translation, TranslationLog

from locales.languages import content_language_codes, source_language_code
from locales.report import save_target, source_is_stale

logger = logging.getLogger(__name__)


def reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


class Command(BaseCommand):
    help = (
        "Re-read changed translation sources and re-save their translations, keeping each one's live state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale",
            action="append",
            dest="locales",
            metavar="CODE",
            help="Only the translations into this language (repeat for several). Default: all.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-save every translation, even those already rendered from the current source.",
        )

    def handle(self, *args, locales=None, force=False, verbosity=1, **options):
        self.verbosity = verbosity
        targets = [code for code in content_language_codes() if code != source_language_code()]
        unknown = set(locales or []) - set(content_language_codes())
        if unknown:
            raise CommandError(
                f"Unknown language: {', '.join(sorted(unknown))}. Known: {', '.join(targets)}."
            )
        translations = list(
            Translation.objects.filter(enabled=True)
            .filter(**({"target_locale__language_code__in": locales} if locales else {}))
            .select_related("source", "source__locale", "source__specific_content_type", "target_locale")
            .order_by("source_id", "target_locale__language_code")
        )
        # When each translation was last rendered (save_target logs it).
        rendered = {
            (row["source_id"], row["locale_id"]): row["last"]
            for row in TranslationLog.objects.values("source_id", "locale_id").annotate(
                last=Max("created_at")
            )
        }
        summary = defaultdict(lambda: {"synced": 0, "up to date": 0, "skipped": 0, "failed": []})
        done = 0
        self.progress(done, len(translations))
        for source, group in groupby(translations, key=lambda t: t.source):
            group = list(group)
            try:
                with transaction.atomic():
                    instance = source.get_source_instance()
                    if source_is_stale(source, instance):
                        source.update_from_db()
            except Exception as error:
                logger.info("Reading the source %s failed", source, exc_info=True)
                message = "source deleted" if isinstance(error, ObjectDoesNotExist) else reason(error)
                for translation in group:
                    summary[translation.target_locale.language_code]["failed"].append((translation, message))
                done += len(group)
                self.progress(done, len(translations))
                continue
            for translation in group:
                # Each translation was loaded with its own copy of the source: give it the one
                # just re-read, or it renders the old content against the new segments.
                translation.source = source
                code = translation.target_locale.language_code
                last = rendered.get((source.pk, translation.target_locale_id))
                try:
                    translation.get_target_instance()
                except ObjectDoesNotExist:
                    summary[code]["skipped"] += 1  # the translated object was deleted
                else:
                    if not force and last is not None and last >= source.last_updated_at:
                        summary[code]["up to date"] += 1
                    else:
                        try:
                            with transaction.atomic():
                                save_target(translation)
                            summary[code]["synced"] += 1
                        except Exception as error:
                            logger.info("Syncing %s failed", translation, exc_info=True)
                            summary[code]["failed"].append((translation, reason(error)))
                done += 1
                self.progress(done, len(translations))
        if self.verbosity:
            self.stderr.write("", style_func=str)
        self.report(summary, locales or targets)

    def progress(self, done, total):
        if not self.verbosity or not total:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stderr.write(f"\rSyncing translations [{bar}] {done}/{total}", ending="", style_func=str)
        self.stderr.flush()

    def report(self, summary, codes):
        failed = sum(len(summary[code]["failed"]) for code in codes)
        synced = sum(summary[code]["synced"] for code in codes)
        if self.verbosity:
            up_to_date = sum(summary[code]["up to date"] for code in codes)
            self.stdout.write(f"Synced {synced}, up to date {up_to_date}, failed {failed}.")
            for code in codes:
                counts = summary[code]
                line = (
                    f"  {code}: synced {counts['synced']}, up to date {counts['up to date']}, "
                    f"failed {len(counts['failed'])}"
                )
                if counts["skipped"]:
                    line += f", skipped {counts['skipped']} (translated object deleted)"
                self.stdout.write(line)
        for code in codes:
            for translation, message in summary[code]["failed"]:
                model = translation.source.specific_content_type
                self.stderr.write(
                    f"  failed: {model.app_label}.{model.model} “{translation.source.object_repr}” "
                    f"-> {code}: {message}"
                )
        if failed:
            raise CommandError(f"{failed} translation(s) could not be synced; the others were.")
