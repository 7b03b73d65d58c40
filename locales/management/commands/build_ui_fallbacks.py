"""Write the interface fallback catalogs (locales.ui_language); `make messages` runs it."""

from django.core.management.base import BaseCommand

from locales.ui_language import FALLBACK_DIR, write


class Command(BaseCommand):
    requires_system_checks = []  # its own check would only say that it has to run
    help = "Build locales/fallback/: the interface strings each language lacks, from its UI_LANGUAGE_FALLBACKS chain."

    def handle(self, *args, **options):
        for path, count in write():
            self.stdout.write(f"{path.relative_to(FALLBACK_DIR.parent.parent)}: {count} strings")
