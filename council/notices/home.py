"""The council app's own home panels: unread notifications, and for staff whom no mail reached."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Window
from django.http import HttpRequest
from django.utils import timezone

from council.models import Council, Dispatch
from council.permissions import Access
from council.selectors import notices_to_reach, unread_latest
from council.web.navigation import HomePanel, register_home_panel


def _notifications(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.is_authenticated:
        return None
    return {"notices": unread_latest(user=request.user)}


TO_REACH_DAYS = 30
TO_REACH_SHOWN = 10


def _to_reach(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    """Recent notices of the council that reached nobody by mail, for staff to phone instead."""
    if council is None or not access.manages(council.pk):
        return None
    recent = Dispatch.objects.filter(
        council=council, created_at__gte=timezone.now() - timedelta(days=TO_REACH_DAYS)
    )
    notices = list(notices_to_reach(dispatches=recent).annotate(total=Window(Count("id")))[:TO_REACH_SHOWN])
    if not notices:
        return None
    return {"notices": notices, "more": notices[0].total - len(notices)}


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
        HomePanel(key="to-reach", order=4, template="council/panels/to_reach.html", context=_to_reach)
    )
