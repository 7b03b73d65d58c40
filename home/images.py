"""How images are delivered: a small, fixed set of renditions per image.

Both APIs use these, so a front end gets the same shape everywhere: a few widths in WebP and in
the original format, each with its size, plus ready-made srcset strings. Body images keep their
proportions; cover images are cropped to 16:9 around the editor's focal point.
"""

import functools

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects

WIDTHS = (480, 960, 1600)


def _filters(resize):
    specs = []
    for width in WIDTHS:
        base = resize(width)
        specs.append((base + "|format-webp", "webp"))
        specs.append((base, "original"))
    return specs


# (filter spec, format) pairs
BODY_FILTERS = _filters(lambda w: f"width-{w}")
COVER_FILTERS = _filters(lambda w: f"fill-{w}x{w * 9 // 16}-c100")
BODY_SPECS = [spec for spec, _format in BODY_FILTERS]
ALL_FILTER_SPECS = [spec for spec, _format in BODY_FILTERS + COVER_FILTERS]


def absolute_url(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _format_of(rendition, fmt):
    if fmt == "webp":
        return "webp"
    name = rendition.file.name.rsplit(".", 1)[-1].lower()
    return {"jpg": "jpeg"}.get(name, name)


@functools.cache
def _filter(spec):
    """Wagtail's Filter for `spec`, made once: it parses its spec on first use, which cost more than
    the rest of a summary when a new Filter was made for every image."""
    from wagtail.images.models import Filter

    return Filter(spec=spec)


def image_renditions(image, filters=BODY_FILTERS):
    """The renditions of `image` as plain data, with a srcset string per format."""
    renditions = image.get_renditions(*[_filter(spec) for spec, _fmt in filters])
    items = []
    srcset = {}
    for spec, fmt in filters:
        rendition = renditions[spec]
        file_format = _format_of(rendition, fmt)
        url = absolute_url(rendition.url)
        items.append(
            {"url": url, "width": rendition.width, "height": rendition.height, "format": file_format}
        )
        # A width is listed once per format: an original narrower than a requested width
        # yields the same width twice, and a srcset may not repeat a descriptor.
        srcset.setdefault(file_format, {}).setdefault(rendition.width, url)
    return items, {
        fmt: ", ".join(f"{url} {width}w" for width, url in widths.items()) for fmt, widths in srcset.items()
    }


def serialize_image(image, *, alt_text="", decorative=False, filters=BODY_FILTERS):
    if image is None:
        return None
    renditions, srcset = image_renditions(image, filters)
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "alt_text": "" if decorative else (alt_text or ""),
        "decorative": bool(decorative),
        "renditions": renditions,
        "srcset": srcset,
    }


def prefetch_renditions(images, specs=ALL_FILTER_SPECS):
    """Load the delivered renditions (`specs`) of all `images` (cover, body, logo...) in one query.

    Images that already carry prefetched renditions are left alone.
    """
    images = [image for image in images if image is not None and not hasattr(image, "prefetched_renditions")]
    if images:
        renditions = type(images[0]).get_rendition_model().objects.filter(filter_spec__in=specs)
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )


def make_renditions(image):
    """Create every rendition the APIs deliver, so no reader's request has to."""
    image.get_renditions(*ALL_FILTER_SPECS)


def _make_renditions_after_upload(sender, instance, **kwargs):
    from django.db import transaction

    if kwargs.get("raw") or not instance.file:
        return
    # After the commit: the file and the row exist, and a failed save makes nothing.
    transaction.on_commit(lambda: make_renditions(instance))


def connect():
    from django.db.models.signals import post_save
    from wagtail.images import get_image_model

    post_save.connect(_make_renditions_after_upload, sender=get_image_model(), dispatch_uid="make-renditions")
