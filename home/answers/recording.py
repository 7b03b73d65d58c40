"""What an answer shows, recorded while it renders.

Every model instance the render loads becomes a tag (a `post_init` receiver; `rows_read` for the
rows of locales.prepared queries): `t:<translation key>` for pages and translatable snippets, so a
new translation reaches answers that fell back to another language, and `<app.model>:<pk>` for
images and the like. An answer that lists pages or
snippets also gets `set`, unless its endpoint calls `precise()`.

View counts change with every reader, so a stored answer holds numbered placeholders where they
go (`view_count`), and each read fills them in (home.answers.store.view_counts, compression.Body).
"""

import contextlib
import re
from contextvars import ContextVar

from django.db.models.signals import post_init

from home.answers.tags import NEIGHBOURS, SET, instance_tag, tagged
from locales.prepared import rows_read

SENTINEL_BASE = 8_000_000_000_000_000_000  # 19 digits: "8000000000000" and a six-digit index
# Only where a view count goes, so that no number an editor typed can be taken for one.
SENTINEL = re.compile(rb'("view_count":\s*)8000000000000(\d{6})\b')
MAX_COUNTED = 999_999


class Recording:
    def __init__(self):
        self.tags = set()
        self.counted = []  # translation keys, in placeholder order
        self.counts = []
        self.precise = False

    def all_tags(self):
        return self.tags if self.precise else self.tags | {SET}

    def number(self, index):
        """The view count the render read for placeholder `index`, as the bytes that replace it."""
        return str(self.counts[index]).encode()


_recording = ContextVar("stored_answer_recording", default=None)


@contextlib.contextmanager
def recording(active=True):
    record = Recording()
    token = _recording.set(record if active else None)
    try:
        yield record
    finally:
        _recording.reset(token)


def view_count(translation_key, count):
    """What an answer shows as a view count: the count itself, or, while a storable answer
    renders, a placeholder that each read fills with the count of that moment."""
    record = _recording.get()
    if record is None or len(record.counted) >= MAX_COUNTED:
        return count
    record.counted.append(str(translation_key))
    record.counts.append(count)
    return SENTINEL_BASE + len(record.counted) - 1


def precise():
    """Called by an endpoint whose answer depends only on the objects it loads (and on what
    `invalidation.register_neighbours` providers report), not on which pages exist: its answer
    is not tagged `set`."""
    record = _recording.get()
    if record is not None:
        record.precise = True


def neighbours_shown(translation_key):
    """Called by an endpoint whose answer shows the neighbours of the page `translation_key`:
    it changes when a page appears, moves or goes next to that one."""
    record = _recording.get()
    if record is not None:
        record.tags.add(f"{NEIGHBOURS}{translation_key}")


def _loaded(sender, instance, **kwargs):
    record = _recording.get()
    if record is not None and tagged(sender):
        tag = instance_tag(instance)
        if tag is not None:
            record.tags.add(tag)


def _rows_read(sender, rows, **kwargs):
    """Rows of a query compiled once per shape (locales.prepared) that name translation groups."""
    record = _recording.get()
    if record is not None and tagged(sender) and "translation_key" in rows[0]:
        record.tags.update(f"t:{row['translation_key']}" for row in rows)


def connect():
    post_init.connect(_loaded, dispatch_uid="stored-answers-loaded")
    rows_read.connect(_rows_read, dispatch_uid="stored-answers-rows-read")
