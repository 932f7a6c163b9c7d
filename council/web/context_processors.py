"""Template context every page needs: the menu, the council switcher, unread notices."""

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from council.permissions import access_for
from council.selectors import header_council, request_councils
from council.web.navigation import menu_for


def portal(request: HttpRequest) -> dict[str, Any]:
    access = access_for(request.user)
    path = request.path
    menu = []
    for item in menu_for(access):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        menu.append({"key": item.key, "label": item.label, "url": url, "active": path.startswith(url)})
    return {
        "access": access,
        "menu": menu,
        "current_council": SimpleLazyObject(lambda: header_council(request)),
        "switcher_councils": SimpleLazyObject(lambda: request_councils(request)),
        "unread_notices": getattr(request.user, "unread_notices", 0),
    }
