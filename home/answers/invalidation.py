"""Marking stored answers stale when what they show changes.

A change (post_save, post_delete, m2m_changed on anything a reader can see) marks every answer
tagged with what changed stale, in the change's own transaction and again after it commits; a
change this module cannot place (a view restriction, a locale, a page with children, which can
hide a whole branch) marks all of them. A save that writes only draft fields marks nothing.

Never stale: after the commit the content version moves (store.bump_version) before the second
marking, so a render that read the old rows either sees the new version and drops its answer,
or stored it before the marking and is marked. It moves once more after that marking: a list
window (kept while the version is current, home.answers.store) assembled in between from a
summary that marking reached is retired with it.
"""

import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from home.answers.store import _table, bump_version, enabled
from home.answers.tags import ALL, DRAFT_FIELDS, GLOBAL_MODELS, NEIGHBOURS, SET, instance_tag, watched

# Rows shared by many objects whose change alone shows nothing (their segments and translations do).
SHARED_LOCALIZE_MODELS = {
    "wagtail_localize.string",
    "wagtail_localize.template",
    "wagtail_localize.translatableobject",
}

# Providers of the pages whose answers show a changed page as a neighbour: {model: callable}.
neighbours = {}


def register_neighbours(model, provider):
    """`provider(page)` returns the translation keys of the pages that a reader now finds next to
    `page` in any list order an answer shows (previous/next): their answers tagged with
    `neighbours_shown(key)` must change."""
    neighbours[model] = provider


def change_tags(sender, instance):
    """The tags of the answers a saved or deleted row can change."""
    from wagtail.models import Page

    meta = sender._meta
    if not watched(sender):
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
    """wagtail-localize rows belong to one translatable object (what an answer's alternates and
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
    """Mark stale every stored answer tagged with one of `tags` (all of them for "*");
    returns how many were marked."""
    if not tags or not enabled():
        return 0
    answers = _table("StoredAnswer")
    if ALL in tags:
        sql, params = f"UPDATE {answers} SET stale = %s WHERE NOT stale", [True]
    else:
        placeholders = ", ".join(["%s"] * len(tags))
        sql = (
            f"UPDATE {answers} SET stale = %s WHERE NOT stale AND key IN "
            f"(SELECT answer_id FROM {_table('StoredAnswerTag')} WHERE tag IN ({placeholders}))"
        )
        params = [True, *sorted(tags)]
    try:
        # In a savepoint: content changed by a migration that runs before the answers' table
        # exists must not abort the migration's transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
    except DatabaseError:
        if answers in connection.introspection.table_names():
            raise
        return 0


class _Pending(threading.local):
    """What changed in this thread's transaction, for the marking after it commits."""

    def __init__(self):
        self.tags = set()
        self.pages = {}
        self.marked = 0


_pending = _Pending()


def changed(sender, instance=None, update_fields=None, **kwargs):
    """A row changed: mark what it shows stale now, and again once the change commits."""
    if not watched(sender) or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return
    tags = change_tags(sender, instance) if instance is not None else {ALL}
    provider = next((p for model, p in neighbours.items() if isinstance(instance, model)), None)
    if not tags and provider is None:
        return
    _pending.marked += invalidate(tags)
    _pending.tags |= tags
    if provider is not None and instance.pk:
        _pending.pages[(type(instance), instance.pk)] = (provider, instance)
    transaction.on_commit(after_commit)


def after_commit():
    """Run after the commit: move the content version, then mark stale again (a render that read
    the old rows may have stored since) and the changed pages' new neighbours; then ask the
    worker to render what was marked."""
    tags, pages, marked = _pending.tags, _pending.pages, _pending.marked
    _pending.tags, _pending.pages, _pending.marked = set(), {}, 0
    if not (tags or pages) or not enabled():
        return  # an earlier callback of the same transaction did the work
    bump_version()
    for provider, page in pages.values():
        tags |= {f"{NEIGHBOURS}{key}" for key in provider(page)}
    marked += invalidate(tags)
    # Once more: a list window assembled since the first move may have used a summary that a
    # render which read the old rows stored in between, and that this marking has just marked.
    bump_version()
    if marked and settings.API_RENDER_AHEAD:
        from home.answers.tasks import render_soon

        render_soon()


def _m2m_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_"):
        changed(sender, instance)


def connect():
    post_save.connect(changed, dispatch_uid="stored-answers-post-save")
    post_delete.connect(changed, dispatch_uid="stored-answers-post-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="stored-answers-m2m")
