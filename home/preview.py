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
from django.shortcuts import redirect
from django.template.response import TemplateResponse

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


class HeadlessPreviewMixin:
    """For page types the delivery API serves: preview through the front end, or a plain page."""

    preview_kind = ""  # the API resource, e.g. "news"

    def preview_document(self, request):
        raise NotImplementedError

    def serve_preview(self, request, mode_name):
        document = self.preview_document(request)
        token = store_preview(self.preview_kind, document)
        front_end = settings.HEADLESS_PREVIEW_URL
        if front_end:
            return redirect(
                front_end.format(token=token, type=self.preview_kind, locale=self.locale.language_code)
            )
        return TemplateResponse(
            request,
            "home/preview.html",
            {"page": self, "document": document, "kind": self.preview_kind, "token": token},
        )
