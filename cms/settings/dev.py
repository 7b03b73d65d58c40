"""Development on one machine: SQLite, local files, debug pages."""

from cms.settings.base import *
from cms.settings.environment import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a laptop; production refuses to start without its own.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-0d6f1c5e8a7b4f2e9c3d1a6b5e8f7c2d"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The translation editor's "Machine translate" button without a server: marked placeholders
# ("[kk] 中哈丝路在线课程") that never count as translated (locales.translation.usable).
if not MACHINE_TRANSLATION_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "locales.machine_translation.OfflineTranslator"}
