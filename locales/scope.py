"""Facts looked up once per request, and never kept beyond it.

A delivery document asks the same questions many times while it renders (which branches are
hidden, for the article, its alternates, breadcrumbs, neighbours and links). Several processes
serve the site, so nothing about content may outlive a request in process memory: answers live
in a context variable that `cms.middleware.RequestScopeMiddleware` sets around each API GET and
drops when it ends. Outside a scope (admin previews, shell, tests calling helpers) every call
looks again, exactly as without memoization.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_memo = ContextVar("request_memo", default=None)


@contextmanager
def request_scope():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def per_request(key, compute):
    """`compute()`, once per request scope for `key`; on every call outside a scope."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
