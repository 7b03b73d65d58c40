"""WSGI entry point (gunicorn cms.wsgi)."""

from django.core.wsgi import get_wsgi_application

from cms.startup import load_settings

load_settings("cms.settings.production")
django_application = get_wsgi_application()

from cms.fastpath import DeliveryFastPath  # noqa: E402 - needs the settings loaded

application = DeliveryFastPath(django_application)
