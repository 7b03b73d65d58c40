"""Delivery documents: every delivery-API answer rendered once, stored, and read in one query.

Rendering an article takes tens of milliseconds of Python (validation, rich text, alternates,
neighbours); reading it back takes one indexed row. So the first time a request is answered, its
bytes are stored (home.models.DeliveryDocument) together with what they show, and every later
reader in any process gets the stored bytes until one of those things changes.

What a document shows is recorded while it renders: every model instance the render loads
becomes a tag (`t:<translation key>` for pages and translatable snippets, `<app.model>:<pk>` for
images and the like), and a document that lists pages or snippets also gets `set`. A change
(post_save, post_delete, m2m_changed) marks every document with a matching tag stale, in the
change's own transaction and again after it commits; a change this module cannot place (a view
restriction, a locale, a page with children, which can hide a whole branch) marks all of them.
A stale document is never served; the next reader renders it, or the renderer does first
(`render_stale`, run after each change when DELIVERY_DOCUMENTS_RENDER is "background", and by
`manage.py render_documents`).

Never stale: a render reads the content version (home.content_version) before it reads any
content and stores its document only if the version has not moved since. After a commit the
version moves before the second marking, so a render that read old rows either sees the new
version and drops its document, or stored it before the marking and is marked.

View counts change with every reader, so a document stores numbered placeholders where they
go, and each answer fills them from the view-count table (one more query).
"""

import contextlib
import hashlib
import io
import logging
import re
import sys
import threading
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models.signals import post_init

logger = logging.getLogger(__name__)

# Query parameters whose values are unbounded: answers to them are rendered, never stored.
UNSTORED_PARAMS = ("search",)
ALL = "*"
SET = "set"

# Changes to these can alter what any document shows (which branches are visible, the locales).
GLOBAL_MODELS = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtail_localize.localesynchronization",
}
# Rows shared by many objects whose change alone shows nothing (their segments and translations do).
SHARED_LOCALIZE_MODELS = {
    "wagtail_localize.string",
    "wagtail_localize.template",
    "wagtail_localize.translatableobject",
}

SENTINEL_BASE = 8_000_000_000_000_000_000  # 19 digits: "8000000000000" and a six-digit index
# Only where a view count goes, so that no number an editor typed can be taken for one.
SENTINEL = re.compile(rb'("view_count":\s*)8000000000000(\d{6})\b')
MAX_COUNTED = 999_999

# Settings that change what a document says without any content changing.
FINGERPRINT_SETTINGS = (
    "LANGUAGES",
    "WAGTAIL_CONTENT_LANGUAGES",
    "API_LANGUAGE_ALIASES",
    "MEDIA_URL",
    "STATIC_URL",
    "STORAGES",
    "WAGTAILADMIN_BASE_URL",
    "HEADLESS_PREVIEW_URL",
)
FINGERPRINT_PACKAGES = ("django", "wagtail", "wagtail-localize", "django-ninja", "pydantic")
SOURCE_APPS = ("cms", "home", "news", "partnerships", "locales")


def fingerprint():
    """Sixteen hex digits naming this release's code, packages and delivery settings: a deploy
    that changes any of them reads and writes new documents, never the old ones."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for app in SOURCE_APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for name in FINGERPRINT_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    for name in FINGERPRINT_SETTINGS:
        digest.update(f"{name}={getattr(settings, name, None)!r}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


_generation = None


def generation():
    global _generation
    if _generation is None:
        _generation = fingerprint()
    return _generation


def enabled():
    return getattr(settings, "API_DOCUMENTS", True)


# --- Keys -----------------------------------------------------------------------------------------


def storable(request):
    """Whether the answer to a delivery read (cms.middleware.answerable) is stored."""
    return (
        enabled() and request.method == "GET" and not any(request.GET.get(name) for name in UNSTORED_PARAMS)
    )


def key(identity):
    """The document key for a request's identity (cms.middleware.request_identity)."""
    return hashlib.sha256(f"{generation()}|{identity}".encode()).hexdigest()


# --- Recording what a render shows ----------------------------------------------------------------


class Recording:
    def __init__(self):
        self.tags = set()
        self.counted = []  # translation keys, in placeholder order
        self.counts = []
        self.precise = False

    def splice(self, template):
        """The bytes with the view counts the render read."""
        if not self.counted:
            return template
        return SENTINEL.sub(lambda match: match[1] + str(self.counts[int(match[2])]).encode(), template)


_recording = ContextVar("delivery_document_recording", default=None)


@contextlib.contextmanager
def recording(active=True):
    record = Recording()
    token = _recording.set(record if active else None)
    try:
        yield record
    finally:
        _recording.reset(token)


def view_count(translation_key, count):
    """What a document shows as a view count: the count itself, or, while a storable document
    renders, a placeholder that each answer fills with the count of that moment."""
    record = _recording.get()
    if record is None or len(record.counted) >= MAX_COUNTED:
        return count
    record.counted.append(str(translation_key))
    record.counts.append(count)
    return SENTINEL_BASE + len(record.counted) - 1


def precise():
    """Called by an endpoint whose answer depends only on the objects it loads (and on what
    `neighbours` providers report), not on which pages exist: its document is not tagged `set`."""
    record = _recording.get()
    if record is not None:
        record.precise = True


def _tracked(model):
    """Whether loading `model`'s rows makes a tag: what content_version watches, except the
    models whose changes mark every document or are traced to another object."""
    from home import content_version

    meta = model._meta
    return (
        content_version._watched(model)
        and meta.label_lower not in GLOBAL_MODELS
        and meta.app_label != "wagtail_localize"
    )


def instance_tag(instance):
    meta = instance._meta
    values = instance.__dict__
    translation_key = values.get("translation_key")
    if translation_key is not None:
        return f"t:{translation_key}"
    pk = values.get(meta.pk.attname)
    return None if pk is None else f"{meta.label_lower}:{pk}"


def _loaded(sender, instance, **kwargs):
    record = _recording.get()
    if record is not None and _tracked(sender):
        tag = instance_tag(instance)
        if tag is not None:
            record.tags.add(tag)


# --- Reading and storing --------------------------------------------------------------------------


def _table(model_name):
    return apps.get_model("home", model_name)._meta.db_table


def read(document_key):
    """(content, content type) of a fresh stored document, view counts filled; else None."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT content, content_type, counted FROM {_table('DeliveryDocument')} "
            "WHERE key = %s AND NOT stale",
            [document_key],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    content, content_type, counted = row
    content = bytes(content)
    if counted:
        content = fill_counts(content, counted.split(","))
    return content, content_type


def fill_counts(template, translation_keys):
    from home.models import ViewCount

    # Compared as 32 hex digits: SQLite stores a UUID so, PostgreSQL returns UUID objects.
    hexes = [key.replace("-", "") for key in translation_keys]
    wanted = sorted(set(translation_keys if connection.features.has_native_uuid_field else hexes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT translation_key, views FROM {ViewCount._meta.db_table} "
            f"WHERE translation_key IN ({', '.join(['%s'] * len(wanted))})",
            wanted,
        )
        views = {str(key).replace("-", ""): count for key, count in cursor.fetchall()}
    return SENTINEL.sub(lambda match: match[1] + str(views.get(hexes[int(match[2])], 0)).encode(), template)


def store(document_key, request, language, template, content_type, record, version):
    """Store a rendered answer, unless the content version moved while it rendered (it may then
    show rows a change has replaced). A failure to store costs only the next reader a render."""
    from home import content_version
    from home.models import DeliveryDocument, DeliveryDocumentTag

    query = request.META.get("QUERY_STRING", "")
    tags = set(record.tags)
    if not record.precise:
        tags.add(SET)
    document = DeliveryDocument(
        key=document_key,
        generation=generation(),
        path=request.path + (f"?{query}" if query else ""),
        language=language,
        content=template,
        content_type=content_type,
        counted=",".join(record.counted),
        stale=False,
    )
    try:
        with transaction.atomic():
            DeliveryDocument.objects.bulk_create(
                [document],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=[
                    "generation",
                    "path",
                    "language",
                    "content",
                    "content_type",
                    "counted",
                    "stale",
                    "rendered_at",
                ],
            )
            with connection.cursor() as cursor:  # raw: a queryset delete would load and signal each row
                cursor.execute(
                    f"DELETE FROM {DeliveryDocumentTag._meta.db_table} WHERE document_id = %s", [document_key]
                )
            DeliveryDocumentTag.objects.bulk_create(
                [DeliveryDocumentTag(document_id=document_key, tag=tag) for tag in sorted(tags)]
            )
        if version is None or content_version.current() != version:
            DeliveryDocument.objects.filter(key=document_key).update(stale=True)
    except DatabaseError:
        logger.warning("A delivery document could not be stored; it will be rendered again.", exc_info=True)


# --- Marking stale --------------------------------------------------------------------------------

# Providers of the pages whose documents show a changed page as a neighbour: {model: callable}.
neighbours = {}


def register_neighbours(model, provider):
    """`provider(page)` returns the translation keys of the pages that a reader now finds next to
    `page` in any list order a document shows (previous/next): their documents must change."""
    neighbours[model] = provider


def change_tags(sender, instance):
    """The tags of the documents a saved or deleted row can change."""
    from wagtail.models import Page

    from home import content_version

    meta = sender._meta
    if not content_version._watched(sender):
        return set()
    label = meta.label_lower
    if label in GLOBAL_MODELS:
        return {ALL}
    if meta.app_label == "wagtail_localize":
        return _localize_tags(instance, label)
    if isinstance(instance, Page):
        # A page with children can hide or show a whole branch (unpublished, moved).
        return {ALL} if instance.numchild else {instance_tag(instance), SET}
    if meta.app_label == "wagtailcore":
        return {ALL}
    tag = instance_tag(instance)
    if tag is None:
        return {ALL}
    return {tag, SET} if tag.startswith("t:") else {tag}


def _localize_tags(instance, label):
    """wagtail-localize rows belong to one translatable object (what a document's alternates and
    translation progress show): its translation key is the tag."""
    from wagtail_localize.models import TranslationContext, TranslationSource

    if label in SHARED_LOCALIZE_MODELS:
        return set()
    values = instance.__dict__
    object_id = None
    if label in ("wagtail_localize.translationsource", "wagtail_localize.translationcontext"):
        object_id = values.get("object_id")
    elif values.get("context_id") is not None:
        object_id = _object_of(TranslationContext, values["context_id"])
    elif values.get("source_id") is not None:
        object_id = _object_of(TranslationSource, values["source_id"])
    return {f"t:{object_id}"} if object_id is not None else {ALL}


def _object_of(model, pk):
    """The translatable object a context or source belongs to. Not cached: on SQLite a rolled-back
    row's id is handed out again, to a context of another object."""
    return model.objects.filter(pk=pk).values_list("object_id", flat=True).first()


def invalidate(tags):
    """Mark stale every stored document tagged with one of `tags` (all of them for "*");
    returns how many were marked."""
    if not tags or not enabled():
        return 0
    documents = _table("DeliveryDocument")
    if ALL in tags:
        sql, params = f"UPDATE {documents} SET stale = %s WHERE NOT stale", [True]
    else:
        placeholders = ", ".join(["%s"] * len(tags))
        sql = (
            f"UPDATE {documents} SET stale = %s WHERE NOT stale AND key IN "
            f"(SELECT document_id FROM {_table('DeliveryDocumentTag')} WHERE tag IN ({placeholders}))"
        )
        params = [True, *sorted(tags)]
    try:
        # In a savepoint: content changed by a migration that runs before the documents' table
        # exists must not abort the migration's transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
    except DatabaseError:
        if documents in connection.introspection.table_names():
            raise
        return 0


class _Pending(threading.local):
    """What changed in this thread's transaction, for the marking after it commits."""

    def __init__(self):
        self.tags = set()
        self.pages = {}
        self.marked = 0


_pending = _Pending()


def changed(sender, instance):
    """A row changed: mark what it shows stale now, and again once the change commits."""
    tags = change_tags(sender, instance)
    provider = next((p for model, p in neighbours.items() if isinstance(instance, model)), None)
    if not tags and provider is None:
        return
    _pending.marked += invalidate(tags)
    _pending.tags |= tags
    if provider is not None and instance.pk:
        _pending.pages[(type(instance), instance.pk)] = (provider, instance)


def after_commit():
    """Run after the commit, once the content version has moved: mark stale again (a render that
    read the old rows may have stored since) and the changed pages' new neighbours."""
    tags, pages, marked = _pending.tags, _pending.pages, _pending.marked
    _pending.tags, _pending.pages, _pending.marked = set(), {}, 0
    for provider, page in pages.values():
        tags |= {f"t:{key}" for key in provider(page)}
    marked += invalidate(tags)
    if marked and getattr(settings, "DELIVERY_DOCUMENTS_RENDER", "off") == "background":
        renderer.wake()


def connect():
    post_init.connect(_loaded, dispatch_uid="delivery-documents-loaded")


# --- Rendering --------------------------------------------------------------------------------------


def render(path, language=""):
    """Answer one GET through the whole application, as a reader's request would be answered;
    the answer is stored on the way. Returns the status code."""
    from urllib.parse import urlsplit

    parts = urlsplit(path)
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path.encode().decode("latin-1"),  # as a WSGI server passes it
        "QUERY_STRING": parts.query,
        "SERVER_NAME": hosts[0] if hosts else "localhost",
        "SERVER_PORT": "443" if settings.SECURE_SSL_REDIRECT else "80",
        "HTTP_HOST": hosts[0] if hosts else "localhost",
        "wsgi.url_scheme": "https" if settings.SECURE_SSL_REDIRECT else "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if language:
        environ["HTTP_ACCEPT_LANGUAGE"] = language
    status = []
    handler = _handler()
    response = handler(environ, lambda s, headers, exc_info=None: status.append(s))
    with contextlib.suppress(Exception):
        response.close()
    return int(status[0].split()[0]) if status else 500


_handlers = threading.local()


def _handler():
    from django.core.handlers.wsgi import WSGIHandler

    if getattr(_handlers, "handler", None) is None:
        _handlers.handler = WSGIHandler()
    return _handlers.handler


def render_stale(limit=None):
    """Render stale documents of this release again, most recently rendered first; one whose
    request no longer answers 200 (unpublished, deleted, restricted) is deleted. Returns how many
    were rendered."""
    from home.models import DeliveryDocument

    rows = DeliveryDocument.objects.filter(stale=True, generation=generation()).order_by("-rendered_at")
    rendered = 0
    for key, path, language in rows.values_list("key", "path", "language")[:limit]:
        if render(path, language) != 200:
            DeliveryDocument.objects.filter(key=key, stale=True).delete()
        rendered += 1
    return rendered


class Renderer:
    """Renders stale documents on a thread after each change, so readers find them rendered.
    Only an accelerator: what it does not get to, the next reader renders."""

    batch = 500

    def __init__(self):
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def wake(self):
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._run, name="delivery-documents", daemon=True).start()

    def _run(self):
        try:
            while True:
                with self._lock:
                    self._again = False
                try:
                    render_stale(limit=self.batch)
                except Exception:
                    logger.exception("Rendering stale delivery documents failed.")
                with self._lock:
                    if not self._again:
                        self._running = False
                        return
        finally:
            close_old_connections()
            connection.close()


renderer = Renderer()
