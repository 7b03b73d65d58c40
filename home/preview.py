"""Previews for headless front ends.

When an editor presses "Preview", the page is turned into exactly the document the delivery API
would serve once published, stored in the shared cache under a random key, and handed to the
front end as a short-lived signed token. The front end fetches
`/api/content/v1/preview?token=...`; the token expires after PREVIEW_TOKEN_SECONDS and cannot
be forged or guessed. Without a configured front end, the admin shows the same document
rendered by a plain template.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "cms.preview"


def store_preview(kind, document):
    key = secrets.token_urlsafe(24)
    cache.set(f"preview:{key}", {"type": kind, "document": document}, timeout=settings.PREVIEW_TOKEN_SECONDS)
    return signing.dumps(key, salt=SALT)


def load_preview(token):
    """The stored preview for `token`, or None when it is forged, expired or gone."""
    try:
        key = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_SECONDS)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return cache.get(f"preview:{key}")
