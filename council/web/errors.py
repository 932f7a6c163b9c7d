"""Error pages in the portal's own layout and language; under /api/, errors in the API's own JSON shape."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, PermissionDenied


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": str(PermissionDenied.default_detail)}, status=403)
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": _("Something went wrong. Please try again in a moment.")}, status=500)
    # No request context: the database may be what failed.
    return HttpResponse(get_template("errors/500.html").render({}), status=500)
