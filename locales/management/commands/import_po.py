"""Apply zip archives or PO files returned by a translation agency (locales.po)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from locales import po
from locales.languages import content_language_codes, source_language_code


class Command(BaseCommand):
    help = (
        "Import translated PO files (a zip from export_po, or single .po files). Each file is applied "
        "on its own or refused with the reason; translations that were live are published again, "
        "the others saved as drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="Zip archives or .po files.")
        parser.add_argument("--locale", required=True, metavar="CODE", help="The language the files are in.")

    def handle(self, *args, paths, locale, verbosity=1, **options):
        targets = [code for code in content_language_codes() if code != source_language_code()]
        if locale not in targets:
            raise CommandError(f"Unknown target language: {locale}. Known: {', '.join(targets)}.")
        _max_file, max_archive, _max_files = po.limits()
        problems = 0
        for name in paths:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            if path.stat().st_size > max_archive:
                self.stderr.write(f"{path}: larger than {po.human_size(max_archive)}; nothing imported.")
                problems += 1
                continue
            result = po.import_archive(path.read_bytes(), path.name, locale)
            if result.error:
                self.stderr.write(f"{path}: {result.error}")
                problems += 1
                continue
            for file in result.files:
                if file.status == "applied":
                    state = "published" if file.published else "draft"
                    line = (
                        f"{file.name}: applied ({state}): {file.updated} updated, {file.unchanged} unchanged, "
                        f"{file.untranslated} untranslated, {len(file.errors)} error(s)"
                    )
                    if verbosity:
                        self.stdout.write(line)
                    for error in file.errors:
                        self.stderr.write(f"  {error}")
                    for note in file.notes:
                        self.stdout.write(f"  {note}")
                elif file.status == "ignored":
                    if verbosity > 1:
                        self.stdout.write(f"{file.name}: {file.message}")
                else:
                    problems += 1
                    self.stderr.write(f"{file.name}: refused: {file.message}")
        if problems:
            raise CommandError(f"{problems} file(s) or archive(s) refused; the others were applied.")
