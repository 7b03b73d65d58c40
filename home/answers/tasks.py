"""Rendering answers ahead of readers, on the background worker (django-tasks).

After a change marks answers stale, `render_soon()` queues `render_stale_answers`; the worker
renders each stale answer through the whole application, exactly as a reader's request would
be answered, and the answer is stored on the way. Only an accelerator: what the worker has not
reached yet, the next reader renders.
"""

import contextlib
import io
import logging
import sys
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django_tasks import task

from home.answers import fragments
from home.answers.release import release

logger = logging.getLogger(__name__)

BATCH = 500
MAX_PASSES = 20


def render(path, language=""):
    """Answer one GET through the whole application; returns the status code."""
    return render_with_body(path, language)[0]


def render_with_body(path, language=""):
    """(status code, body) of one GET answered through the whole application."""
    parts = urlsplit(path)
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    host = hosts[0] if hosts else "localhost"
    secure = settings.SECURE_SSL_REDIRECT
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path.encode().decode("latin-1"),  # as a WSGI server passes it
        "QUERY_STRING": parts.query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443" if secure else "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if secure:
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    if language:
        environ["HTTP_ACCEPT_LANGUAGE"] = language
    status = []
    response = _handler()(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(response)
    finally:
        with contextlib.suppress(Exception):
            response.close()
    return (int(status[0].split()[0]) if status else 500), body


_handlers = threading.local()


def _handler():
    from django.core.handlers.wsgi import WSGIHandler

    if getattr(_handlers, "handler", None) is None:
        _handlers.handler = WSGIHandler()
    return _handlers.handler


def render_stale(limit=None):
    """Render stale answers of this release again, most recently rendered first, then stale
    fragments; an answer whose request no longer answers 200 (unpublished, deleted, restricted)
    is deleted. Returns how many were rendered."""
    from home.models import StoredAnswer

    rows = StoredAnswer.objects.filter(stale=True, release=release(), path__startswith="/")
    rendered = 0
    for key, path, language in rows.order_by("-rendered_at").values_list("key", "path", "language")[:limit]:
        if render(path, language) != 200:
            StoredAnswer.objects.filter(key=key, stale=True).delete()
        rendered += 1
    return rendered + fragments.render_stale(limit=None if limit is None else max(limit - rendered, 0))


@task()
def render_stale_answers():
    """Render what changes have marked stale, a batch at a time, until nothing is left."""
    total = 0
    for _pass in range(MAX_PASSES):  # an answer that cannot be stored stays stale: never loop forever
        count = render_stale(limit=BATCH)
        total += count
        if count < BATCH:
            break
    return total


def render_soon():
    """Queue a render of the stale answers, unless one is already waiting. Never fails the change
    that asked: without a worker, readers render what is stale."""
    try:
        if not waiting(render_stale_answers):
            render_stale_answers.enqueue()
    except Exception:
        logger.warning("Could not queue the rendering of stale answers.", exc_info=True)


def waiting(task_object):
    """Whether the database queue holds a task of this kind that has not started (always False
    on another backend, which may then run one more than needed)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY", task_path=task_object.module_path).exists()
