"""The council app's own home panels: unread notifications, and undelivered notices for staff."""

from typing import Any

from django.http import HttpRequest

from council.models import Council, Notice
from council.permissions import Access
from council.selectors import request_unread
from council.web.navigation import HomePanel, register_home_panel


def _notifications(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.is_authenticated:
        return None
    return {"notices": request_unread(request).latest}


def _deliveries(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if council is None or not access.manages(council.pk):
        return None
    failed = list(
        Notice.objects.filter(dispatch__council=council, status=Notice.Status.FAILED)
        .select_related("dispatch")
        .order_by("-created_at")[:10]
    )
    if not failed:
        return None
    return {"failed": failed}


def register() -> None:
    register_home_panel(
        HomePanel(
            key="notifications",
            order=90,
            template="council/panels/notifications.html",
            context=_notifications,
        )
    )
    register_home_panel(
        HomePanel(key="deliveries", order=95, template="council/panels/deliveries.html", context=_deliveries)
    )
