"""Stored fragments: the pieces a list is assembled from at read time.

A list window changes whenever any article before it appears, moves or goes, so a stored
window would have to be rendered again after every publish, for every window of every language.
Instead a list is assembled for each read: the window's ids come from one ordering query, and
each item is a stored fragment (one article's summary for one kind of reader), rendered once and
marked stale only when what it shows changes. A publish then renders the few fragments of the
article it changed, whatever the number of articles.

Fragments live beside the stored answers (home.models.StoredAnswer, `path` naming the fragment
rather than a URL) and are marked stale by the same tags; a stale fragment is rendered again
by the next read of a list that shows it.
"""

import hashlib

from django.db import connection

from home.answers.compression import Body, deflate
from home.answers.release import release
from home.answers.store import _table, current_version, enabled, filled, save, view_counts

FRAGMENT_PREFIX = "fragment:"

# {kind: render(names)}: how each kind of fragment is rendered, registered by its app, so that
# the background worker can render stale fragments ahead of readers (`render_stale`).
renderers = {}


def register(kind, render):
    """`render(names)` returns {name: (bytes, tags, recording)} for names "<kind>/..."."""
    renderers[kind] = render


def fragment_key(name):
    return hashlib.sha256(f"{release()}|{FRAGMENT_PREFIX}{name}".encode()).hexdigest()


def assembled(names, render):
    """A compression.Body for each fragment in `names`, in that order, its view counts filled in.

    `render(missing_names)` returns {name: (bytes, tags, the render's recording)} for the
    fragments that are not stored fresh; they are stored on the way (when stored answers are on)
    and given with the view counts their render read.
    """
    names = list(names)
    found = _read([fragment_key(name) for name in names]) if enabled() and names else {}
    missing = [name for name in names if fragment_key(name) not in found]
    rendered, packed = {}, {}
    if missing:
        version = current_version() if enabled() else None
        rendered = render(missing)
        packed = {name: deflate(content) for name, (content, _tags, _record) in rendered.items()}
        if enabled():
            _store(rendered, packed, version)
    views = view_counts(sorted({key for _content, keys, _packed in found.values() for key in keys}))
    bodies = []
    for name in names:
        if name in rendered:
            content, _tags, record = rendered[name]
            bodies.append(Body.of(content, record.number, packed[name]))
        elif fragment_key(name) in found:
            bodies.append(filled(*found[fragment_key(name)][:2], views, found[fragment_key(name)][2]))
    return bodies


def _read(keys):
    placeholders = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, content, counted, deflated FROM {_table('StoredAnswer')} "
            f"WHERE key IN ({placeholders}) AND NOT stale",
            keys,
        )
        rows = cursor.fetchall()
    return {
        key: (bytes(content), counted.split(",") if counted else [], packed and bytes(packed))
        for key, content, counted, packed in rows
    }


def _store(rendered, packed, version):
    from home.models import StoredAnswer

    answers = [
        StoredAnswer(
            key=fragment_key(name),
            release=release(),
            path=f"{FRAGMENT_PREFIX}{name}",
            content=content,
            deflated=packed[name],
            content_type="application/json",
            counted=",".join(record.counted),
            stale=False,
        )
        for name, (content, _tags, record) in rendered.items()
    ]
    save(answers, {fragment_key(name): tags for name, (_content, tags, _record) in rendered.items()}, version)


def render_stale(limit=None):
    """Render the stale fragments of this release again; those their renderer no longer knows
    (an article deleted) are deleted. Returns how many were rendered or deleted."""
    from home.models import StoredAnswer

    rows = StoredAnswer.objects.filter(stale=True, release=release(), path__startswith=FRAGMENT_PREFIX)
    names = [path.removeprefix(FRAGMENT_PREFIX) for path in rows.values_list("path", flat=True)[:limit]]
    by_kind = {}
    for name in names:
        by_kind.setdefault(name.split("/", 1)[0], []).append(name)
    for kind, group in by_kind.items():
        render = renderers.get(kind)
        rendered = render(group) if render is not None else {}
        version = current_version()
        if rendered:
            _store(rendered, {name: deflate(item[0]) for name, item in rendered.items()}, version)
        gone = [fragment_key(name) for name in group if name not in rendered]
        StoredAnswer.objects.filter(key__in=gone, stale=True).delete()
    return len(names)
