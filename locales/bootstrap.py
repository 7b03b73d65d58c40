"""Keep the database's Locale rows in step with the languages declared in settings.

Runs after every `migrate`, so a fresh database has all locales with no manual step, and a
language added to settings appears at the next deploy's migrate.
"""

from wagtail.models import Locale

from locales.languages import content_language_codes


def ensure_locales():
    """Create a Locale for each declared language; return the ones that were missing."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [
        Locale.objects.create(language_code=code) for code in content_language_codes() if code not in existing
    ]


def ensure_locales_after_migrate(sender, using="default", **kwargs):
    ensure_locales()
