"""What every delivery-API endpoint shares: language choice, strict parameters, errors.

Errors are application/problem+json (RFC 9457) and always name the parameter at fault and what
it accepts, so a front-end developer can fix a request without reading our code.
"""

import json

from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder

from locales.languages import content_language_codes
from locales.negotiation import UnknownLanguage, negotiate
from locales.resolution import LanguageChoice

API_PREFIX = "/api/content/v1"
MAX_PARAM_LENGTH = 500
MAX_OFFSET = 100_000
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_ID = 2**31 - 1


# How every delivery answer is written: UTF-8 as it is (a Kazakh page is half the size of its
# \u-escaped form), no padding. The API's renderer (cms.api) and assembled lists share it.
JSON_DUMPS_PARAMS = {"ensure_ascii": False, "separators": (",", ":")}


def json_bytes(data):
    """`data` written exactly as the API's renderer writes a response body."""
    return json.dumps(data, cls=NinjaJSONEncoder, **JSON_DUMPS_PARAMS).encode()


class ApiError(Exception):
    def __init__(self, status, title, detail, *, param=None, allowed=None):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.param = param
        self.allowed = allowed


def problem_response(status, title, detail, invalid_params=None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if invalid_params:
        body["invalid_params"] = invalid_params
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json"
    )


def api_error_response(error):
    invalid = None
    if error.param:
        invalid = [{"name": error.param, "reason": error.detail}]
        if error.allowed is not None:
            invalid[0]["allowed"] = error.allowed
    return problem_response(error.status, error.title, error.detail, invalid)


def not_found(what):
    return ApiError(404, "Not found", f"No published {what} matches this request.")


def check_query(request, allowed):
    """Refuse unknown or malformed query parameters instead of silently ignoring them."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise ApiError(
            400,
            "Unknown query parameter",
            f"Unknown query parameter(s): {', '.join(unknown)}. Allowed: {', '.join(sorted(allowed)) or 'none'}.",
            param=unknown[0],
            allowed=sorted(allowed),
        )
    for name, values in request.GET.lists():
        if len(values) > 1:
            raise ApiError(400, "Repeated query parameter", f"'{name}' may be given once.", param=name)
        value = values[0]
        if "\x00" in value:
            raise ApiError(400, "Invalid query parameter", f"'{name}' contains a NUL character.", param=name)
        if len(value) > MAX_PARAM_LENGTH:
            raise ApiError(
                400,
                "Invalid query parameter",
                f"'{name}' is longer than {MAX_PARAM_LENGTH} characters.",
                param=name,
            )


def language_choice(request, locale, fallback=True):
    """The LanguageChoice for a request: `?locale=` wins, then Accept-Language, then the source."""
    try:
        code = negotiate(locale, request.headers.get("Accept-Language"))
    except UnknownLanguage:
        raise ApiError(
            400,
            "Unknown locale",
            f"'{locale}' is not a published locale. Use one of: {', '.join(content_language_codes())}.",
            param="locale",
            allowed=content_language_codes(),
        ) from None
    return LanguageChoice(code, fallback=fallback)


def locale_info(choice, served_code):
    return {"requested": choice.requested, "served": served_code, "fallback": served_code != choice.requested}


def check_page_window(limit, offset):
    if offset > MAX_OFFSET:
        raise ApiError(
            400,
            "Offset too large",
            f"'offset' must be at most {MAX_OFFSET}.",
            param="offset",
            allowed=f"0..{MAX_OFFSET}",
        )
    return limit, offset


def list_page(choice, query, rows, items):
    """The envelope of every list: what was asked, how many there are, and this window of them."""
    return {
        "requested_locale": choice.requested,
        "fallback": choice.fallback,
        "count": len(rows),
        "limit": query.limit,
        "offset": query.offset,
        "items": items,
    }
