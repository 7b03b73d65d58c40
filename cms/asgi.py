"""ASGI entry point."""

from django.core.asgi import get_asgi_application

from cms.startup import load_settings

load_settings("cms.settings.production")
application = get_asgi_application()
