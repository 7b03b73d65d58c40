from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 while the database answers, 503 when it does not.

    The shared cache (Redis) is optional: while it is unreachable the instance keeps serving, so
    the answer stays 200 and says "degraded" in its body for monitoring to see."""
    body = {"status": "ok", "database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        body.update(status="unavailable", database="unreachable")
    reachable = getattr(cache, "reachable", None)
    if reachable is None:
        body["redis"] = "not configured"
    elif reachable():
        body["redis"] = "ok"
    else:
        body["redis"] = "unreachable"
        if body["status"] == "ok":
            body["status"] = "degraded"
    return JsonResponse(body, status=503 if body["database"] != "ok" else 200)


@require_safe
def index(request):
    """The site root of a headless CMS: where readers' pages are (the front end, when one is
    configured), and otherwise where the APIs and the admin are."""
    if settings.FRONTEND_BASE_URL:
        return JsonResponse(
            {"front_end": settings.FRONTEND_BASE_URL},
            status=302,
            headers={"Location": settings.FRONTEND_BASE_URL + "/"},
        )
    return JsonResponse(api_index())


def api_index():
    return {
        "name": settings.WAGTAIL_SITE_NAME,
        "delivery_api": "/api/content/v1/",
        "delivery_api_docs": "/api/content/v1/docs",
        "openapi": "/api/content/v1/openapi.json",
        "wagtail_api": "/api/v2/",
        "admin": reverse("wagtailadmin_home"),
        "health": reverse("health"),
    }
