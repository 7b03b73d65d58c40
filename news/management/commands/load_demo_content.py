from django.core.management.base import BaseCommand

from home.bootstrap import ensure_home_pages


class Command(BaseCommand):
    help = "Load the demo content in every language. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        home = ensure_home_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"Home pages ready in {home.get_translations(inclusive=True).count()} languages."
            )
        )
