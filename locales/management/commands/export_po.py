"""Write a zip of PO files for everything one language still needs translated (locales.po)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from locales import po
from locales.languages import content_language_codes, source_language_code


class Command(BaseCommand):
    help = (
        "Export a zip of PO files, one per page or snippet that is missing, out of date or not fully "
        "translated in the language, for a translation agency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, metavar="CODE", help="The language to translate into.")
        parser.add_argument(
            "-o", "--output", help="Where to write the zip. Default: translations-<code>-<date>.zip here."
        )

    def handle(self, *args, locale, output=None, verbosity=1, **options):
        targets = [code for code in content_language_codes() if code != source_language_code()]
        if locale not in targets:
            raise CommandError(f"Unknown target language: {locale}. Known: {', '.join(targets)}.")
        data, exported = po.export_archive(locale)
        if not exported:
            if verbosity:
                self.stdout.write(f"Nothing needs translating into {locale}.")
            return
        path = Path(output or f"translations-{locale}-{timezone.localtime():%Y%m%d-%H%M}.zip")
        path.write_bytes(data)
        if verbosity:
            self.stdout.write(f"Exported {len(exported)} file(s) to {path}.")
            if verbosity > 1:
                for item in exported:
                    self.stdout.write(
                        f"  {item.name}  {item.state}  {item.translated}/{item.strings}  {item.row.title}"
                    )
