"""WSGI entry point (gunicorn cms.wsgi)."""

from django.core.wsgi import get_wsgi_application

from cms.startup import load_settings

load_settings("cms.settings.production")
application = get_wsgi_application()
