"""Stored answers: every delivery-API answer rendered once, stored in the database, read in one query.

The read path, all of it (cms.middleware.StoredAnswerMiddleware):

1. a delivery GET or HEAD is named by its path, its query and the language its Accept-Language
   negotiates, under this release (`store.key`, `release.fingerprint`);
2. a fresh stored answer with that name is sent as it is, its view counts filled in (`store.read`);
3. otherwise the view renders it, and a canonical request's answer is stored with what it showed
   (`recording`, `store.store`).

Invalidation (`invalidation`): a change to anything an answer shows marks it stale, in the
change's transaction and again after it commits; the background worker then renders what was
marked (`tasks.render_stale_answers`), so the next reader finds it rendered. Nothing is cached in
a process's memory or in Redis: the database is the one source of truth.
"""
