"""URLs for benchmarks only: the product's, plus the references the benchmark compares with."""

from django.http import JsonResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as product_urlpatterns

stock = WagtailAPIRouter("stockapi")
stock.register_endpoint("pages", PagesAPIViewSet)


def trivial(request):
    return JsonResponse({"status": "ok", "items": [1, 2, 3]})


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/stock-v2/", stock.urls),
    *product_urlpatterns,
]
