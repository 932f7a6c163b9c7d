"""Error pages in the portal's own layout and language."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the database may be what failed.
    return HttpResponse(get_template("errors/500.html").render({}), status=500)
