"""Load settings early so a configuration error is one readable line, not a traceback."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def load_settings(default_module):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_module)
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(1)
