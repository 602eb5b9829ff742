"""The product's URLs and a view that does nothing, behind the same middleware (sign-in, both
factors, audit context, headers): what a Django page costs before its own work."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as product_urls

__all__ = ["handler404", "handler500", "urlpatterns"]


def nothing(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/niets", nothing, name="bench-nothing"), *product_urls]
