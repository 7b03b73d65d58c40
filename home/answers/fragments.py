"""Stored fragments: the pieces a list is assembled from.

A list window changes whenever any article before it appears, moves or goes, so a window
rendered in full would have to be rendered again after every publish, for every window of every
language. Instead each item is a stored fragment (one article's summary for one kind of reader),
rendered once and marked stale only when what it shows changes; a window is assembled from them
(one ordering query for its ids, one for the fragments) and stored until any change
(home.answers.store.valid_until_any_change). A publish then renders the few fragments of the
article it changed, whatever the number of articles, and each window's next read assembles it
again from fragments that are nearly all still fresh.

Fragments live beside the stored answers (home.models.StoredAnswer, `path` naming the fragment
rather than a URL) and are marked stale by the same tags; a stale fragment is rendered again
by the worker or by the next read of a list that shows it.
"""

import hashlib

from django.db import connection

from home.answers import recording
from home.answers.recording import SENTINEL
from home.answers.release import release
from home.answers.store import _table, current_version, enabled, save, view_counts

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
    """The bytes of each fragment in `names`, in that order, each view count in it as
    `recording.view_count` gives it: the count, or a placeholder of the answer being recorded.

    `render(missing_names)` returns {name: (bytes, tags, the render's recording)} for the
    fragments that are not stored fresh; they are stored on the way (when stored answers are on).
    """
    names = list(names)
    found = _read([fragment_key(name) for name in names]) if enabled() and names else {}
    missing = [name for name in names if fragment_key(name) not in found]
    rendered = {}
    if missing:
        version = current_version() if enabled() else None
        rendered = render(missing)
        if enabled():
            _store(rendered, version)
    views = view_counts(sorted({key for _content, keys in found.values() for key in keys}))
    pieces = []
    for name in names:
        if name in rendered:
            content, _tags, record = rendered[name]
            pieces.append(_counted(content, record.counted, record.counts))
        elif fragment_key(name) in found:
            content, keys = found[fragment_key(name)]
            pieces.append(_counted(content, keys, [views.get(key, 0) for key in keys]))
    return pieces


def _counted(content, keys, counts):
    """A fragment's placeholders (numbered from 0 within it) replaced by what
    `recording.view_count` gives for each of its keys and counts."""
    if not keys:
        return content
    values = [str(recording.view_count(key, count)).encode() for key, count in zip(keys, counts, strict=True)]
    return SENTINEL.sub(lambda match: match[1] + values[int(match[2])], content)


def _read(keys):
    placeholders = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, content, counted FROM {_table('StoredAnswer')} "
            f"WHERE key IN ({placeholders}) AND NOT stale",
            keys,
        )
        rows = cursor.fetchall()
    return {key: (content.encode(), counted.split(",") if counted else []) for key, content, counted in rows}


def _store(rendered, version):
    from home.models import StoredAnswer

    answers = [
        StoredAnswer(
            key=fragment_key(name),
            release=release(),
            path=f"{FRAGMENT_PREFIX}{name}",
            content=content.decode(),
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
            _store(rendered, version)
        gone = [fragment_key(name) for name in group if name not in rendered]
        StoredAnswer.objects.filter(key__in=gone, stale=True).delete()
    return len(names)
