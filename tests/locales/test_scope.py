"""Request-scoped look-ups: once per request, never beyond it."""

from locales.scope import per_request, request_scope


def test_a_fact_is_looked_up_once_per_scope_and_again_in_the_next():
    calls = []

    def look_up():
        calls.append(1)
        return len(calls)

    with request_scope():
        assert per_request("fact", look_up) == 1
        assert per_request("fact", look_up) == 1
    with request_scope():
        assert per_request("fact", look_up) == 2
    # Outside a request (admin previews, the shell) every call looks again.
    assert per_request("fact", look_up) == 3
    assert per_request("fact", look_up) == 4
