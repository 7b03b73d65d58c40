"""Production: PostgreSQL, Redis, HTTPS behind a proxy. Refuses to start when misconfigured."""

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *
from cms.settings.environment import env, env_bool

if DEBUG:
    raise ImproperlyConfigured("DEBUG is on; production must run with DEBUG unset or 0.")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is not set; production needs a long random value.")

# Static files (the admin's) are served by the app itself, compressed and with far-future
# headers; media goes to MEDIA_ROOT, which several app processes must share.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# TLS ends at the load balancer, which tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health check arrives over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not SECURE_HSTS_PRELOAD:
    # Preloading is a commitment that outlives this deployment; it is opted into, not assumed.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
