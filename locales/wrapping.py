"""Replacing a library function or method with a wrapper of it, once.

Our corrections to Wagtail, wagtail-localize and Django wrap the original rather than copy it.
Each module marks its wrappers with its own attribute, so that installing twice (tests, a second
`ready()`) is harmless and two modules may wrap the same callable one over the other.
"""


def wrap_once(owner, name, wrapper, *, marker):
    """Set `owner.name` to `wrapper(owner.name)` unless it already carries `marker`.

    Returns whether it wrapped now.
    """
    current = getattr(owner, name)
    if getattr(current, marker, False):
        return False
    wrapped = wrapper(current)
    setattr(wrapped, marker, True)
    setattr(owner, name, wrapped)
    return True
