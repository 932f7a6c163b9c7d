"""Pages and API lists kept as they were rendered, until a table they read changes.

Officials and the secretariat open the same lists, meetings and dashboards many times a day while
the data under them change a few times an hour. `cached_page` keeps a page's rendered HTML per user
under the revisions of the tables it read (council.table_revisions), so a page read after any
committed write is rendered afresh and otherwise costs a cache read.

What else a page depends on is in its key: the address with its query string, the language, the
user's own row and second factor, the council chosen in the session, the htmx headers, the release
(templates, code and translations) and the clock, to the day or the minute as the view declares
(`Clock`): a page that says whether a meeting has begun is kept for a minute at most.
Per-request values are kept out of the stored HTML: the CSRF token and the CSP nonce are rendered as
placeholders and put in for each response. A page is not cached while messages wait to be shown or
when its view answers anything but a plain 200.
"""

import hashlib
import os
from collections.abc import Callable
from enum import StrEnum
from functools import cache, wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from council.permissions import forget_access
from council.table_revisions import remembered

CSRF_PLACEHOLDER = "csrf0placeholder0token0kept0out0of0the0page0cache"
NONCE_PLACEHOLDER = "nonce0placeholder0kept0out0of0the0page0cache"


class Clock(StrEnum):
    """How finely a page's content follows the time of day."""

    DAY = "%Y-%m-%d"  # overdue items, a KPI's year, today's date
    MINUTE = "%Y-%m-%dT%H:%M"  # whether a meeting has begun or ended


def enabled() -> bool:
    return bool(settings.PAGE_CACHE)


@cache
def release() -> str:
    """What the code, templates and translations of this process are: a page rendered by another
    release is not served by this one."""
    digest = hashlib.blake2b(digest_size=8)
    for top in ("council", "members", "meetings", "plans", "templates", "locale"):
        for folder, _dirs, files in sorted(os.walk(Path(settings.BASE_DIR) / top)):
            for name in sorted(files):
                if name.endswith((".py", ".html", ".txt", ".mo")):
                    stat = os.stat(os.path.join(folder, name))
                    digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _user_part(request: HttpRequest) -> str:
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    fields = [
        getattr(user, field.attname)
        for field in user._meta.concrete_fields
        if field.name not in ("password", "last_login")
    ]
    verified = getattr(user, "is_verified", None)
    return repr((fields, verified() if callable(verified) else None))


# What the views read of htmx's headers (a fragment or the whole page); HX-Current-URL, which names
# the page the click came from, is left out so that every page's clicks share one entry.
HTMX_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-History-Restore-Request")


def _key(kind: str, request: HttpRequest, clock: Clock) -> str:
    session = getattr(request, "session", None)
    chosen = session.get("council_id") if session is not None else None
    htmx = [request.headers.get(name) for name in HTMX_HEADERS]
    parts = (
        release(),
        timezone.localtime().strftime(clock.value),
        get_language(),
        _user_part(request),
        chosen,
        htmx,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    return f"{kind}:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def placeholders(request: HttpRequest) -> dict[str, str]:
    """Context values that stand in for per-request tokens while a page is rendered for the cache
    (the last context processor, so they override the CSRF and CSP ones)."""
    if getattr(request, "_page_cache_rendering", False):
        return {"csrf_token": CSRF_PLACEHOLDER, "csp_nonce": NONCE_PLACEHOLDER}
    return {}


STORED_HEADERS = frozenset({"content-type"})


def _filled(request: HttpRequest, content: bytes) -> bytes:
    """The page with this request's CSRF token and CSP nonce in place of the placeholders."""
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if NONCE_PLACEHOLDER.encode() in content:
        content = content.replace(
            NONCE_PLACEHOLDER.encode(), str(getattr(request, "_csp_nonce", "")).encode()
        )
    return content


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and all(name.lower() in STORED_HEADERS for name in response.headers)
    )


def _messages_waiting(request: HttpRequest) -> bool:
    """Whether messages wait to be shown, or the view has just added some."""
    storage = get_messages(request)
    return len(storage) > 0 or getattr(storage, "added_new", False)


def cached_data[T](
    kind: str,
    request: HttpRequest,
    clock: Clock,
    compute: Callable[[], T],
    *,
    family: str,
    keep: Callable[[T], bool] = lambda _value: True,
) -> T:
    """`compute()` for this request, kept under the page cache's key (see module); `family` names the
    page or endpoint, whose requests read the same tables. A value `keep` refuses is not kept."""
    if not enabled():
        return compute()

    def fresh() -> T:
        # Roles that middleware read before the revisions were read are read again inside.
        forget_access(request.user)
        return compute()

    return remembered(_key(kind, request, clock), fresh, family=f"{kind}:{family}", keep=keep)


def cached_page(*, clock: Clock) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve a GET view's page from the cache while the tables it read are unchanged (see module)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        family = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not enabled() or request.method not in ("GET", "HEAD") or _messages_waiting(request):
                return view(request, *args, **kwargs)
            answered: list[HttpResponse] = []

            def render() -> tuple[bytes, list[tuple[str, str]]] | None:
                request._page_cache_rendering = True  # type: ignore[attr-defined]
                try:
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render"):
                        response.render()
                finally:
                    request._page_cache_rendering = False  # type: ignore[attr-defined]
                if not _storable(response) or _messages_waiting(request):
                    if not response.streaming:
                        response.content = _filled(request, response.content)
                    answered.append(response)
                    return None
                return response.content, list(response.headers.items())

            stored = cached_data(
                "page", request, clock, render, family=family, keep=lambda value: value is not None
            )
            if stored is None:
                return answered[0]
            content, headers = stored
            response = HttpResponse(_filled(request, content))
            for name, value in headers:
                response.headers[name] = value
            return response

        return cached_view

    return decorator
