"""The portal's URLs plus /bench/hello/, a view that does nothing, to measure the stack around it."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from council.urls import handler403, handler404, handler500
from council.urls import urlpatterns as portal_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *portal_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
