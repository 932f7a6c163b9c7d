"""Where the browser goes next: back to a page the user came from, or away to a page they must see first."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str, *, referer: bool = False) -> str:
    """The posted or queried `next` (or, with `referer`, the page the request came from) when it
    stays on this site and scheme; otherwise `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target and referer:
        target = request.headers.get("referer") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else fallback


def send_to(request: HttpRequest, view_name: str) -> HttpResponse:
    """Away to `view_name` (login, the second factor …), to come back to this page afterwards. An
    htmx request is told to load the whole page there, not to swap it into a fragment."""
    target = f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return HttpResponseRedirect(target)
