"""The delivery API at /api/content/v1/: one NinjaAPI, each app's router mounted here."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from home.api import Problem
from home.api import router as site_router
from home.api_locales import router as locales_router
from home.delivery import JSON_DUMPS_PARAMS, ApiError, api_error_response, check_query, problem_response
from home.preview import load_preview
from news.api import router as news_router
from partnerships.api import router as partnerships_router

DESCRIPTION = """
Everything the college publishes, in the language a reader asks for.

**Choosing the language.** Pass `locale` (one of the codes from `/locales`); without it the
`Accept-Language` header decides (zh-CN and zh-TW are served zh-hans, kk-KZ is served kk), and
without that the source language, zh-hans. Every response says which locale was requested and
which was served.

**Fallback.** When a page has no published translation in the requested locale, the nearest one
along that locale's fallback chain is served and marked `fallback: true` (kk falls back to en,
then zh-hans). Pass `fallback=false` to get 404 instead.

**Errors** are `application/problem+json` and name the parameter at fault and what it accepts.
Unknown query parameters are refused, not ignored.

**Caching.** Every GET carries a strong `ETag` and `Cache-Control`; send `If-None-Match` to get
`304 Not Modified`.
"""


class CompactJSONRenderer(JSONRenderer):
    json_dumps_params = JSON_DUMPS_PARAMS


api = NinjaAPI(
    renderer=CompactJSONRenderer(),
    title="College content delivery API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="content_api",
)

# A draft as the editor previews it: each page type's document, as its app registers it
# (home.headless.register_preview).
preview_router = Router(tags=["site"])


class PreviewOut(Schema):
    type: Literal["news", "partnerships", "courses", "home", "news_index", "partnerships_index"] = Field(
        description="Which schema `document` follows."
    )
    document: dict = Field(
        description="The page as a reader will get it once published. news, partnerships, courses: "
        "as its detail endpoint serves it (ArticleDetail, PartnershipDetail, CourseDetail). home, "
        "news_index, partnerships_index (pages without a detail endpoint): id, title, slug, locale, "
        "path, introduction, alternates and breadcrumbs, with `items` and `count` as the first window "
        "of the list at `list_url` gives them (/navigation's items, ArticleSummary, "
        "PartnershipSummary); home adds `site_settings` as /site-settings serves it."
    )


@preview_router.get(
    "/preview",
    response={200: PreviewOut, 400: Problem, 404: Problem},
    summary="A draft as the editor previews it, for a short-lived signed token",
    url_name="preview",
)
def preview(request: HttpRequest, token: str = Query(..., max_length=400)):
    check_query(request, {"token"})
    stored = load_preview(token)
    if stored is None:
        raise ApiError(
            404,
            "Preview expired",
            "This preview token is invalid or has expired; preview again.",
            param="token",
        )
    return stored


api.add_router("", locales_router)
api.add_router("", site_router)
api.add_router("", preview_router)
api.add_router("", news_router)
api.add_router("", partnerships_router)


@api.exception_handler(ApiError)
def handle_api_error(request, error):
    return api_error_response(error)


@api.exception_handler(ValidationError)
def handle_validation_error(request, error):
    invalid = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body")]
        name = ".".join(location[1:] if location and location[0] in ("query",) else location) or "request"
        invalid.append({"name": name, "reason": item.get("msg", "invalid value")})
    names = ", ".join(sorted({entry["name"] for entry in invalid}))
    # Problem titles and details are English for every consumer, like the rest of the contract.
    return problem_response(422, "Invalid parameter", f"Invalid value for: {names}.", invalid)


@api.exception_handler(HttpError)
def handle_http_error(request, error):
    return problem_response(error.status_code, "Error", str(error))
