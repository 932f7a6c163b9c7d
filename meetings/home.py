"""Home panels of the meetings app."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from council.models import Council
from council.permissions import Access
from council.web.navigation import HomePanel, register_home_panel
from meetings.models import ActionItem, Invitation, Meeting, Minutes
from meetings.permissions import invitations_answerable_by
from meetings.selectors import upcoming_meetings


def _upcoming(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    council_id = council.pk if council is not None and access.is_authenticated else None
    return {"meetings": upcoming_meetings(user=request.user, council_id=council_id)}


def _my_answers(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.contact_institution_ids and not access.is_authenticated:
        return None
    pending = list(
        invitations_answerable_by(request.user)
        .filter(
            response=Invitation.Response.PENDING,
            meeting__status=Meeting.Status.ANNOUNCED,
            meeting__ends_at__gte=timezone.now(),
        )
        .select_related("meeting", "meeting__council")
        .order_by("meeting__starts_at")[:10]
    )
    return {"invitations": pending} if pending else None


def _my_actions(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.contact_institution_ids:
        return None
    actions = list(
        ActionItem.objects.open()
        .filter(assignee_id__in=access.contact_institution_ids)
        .select_related("meeting", "assignee")
        .order_by("due_on")[:10]
    )
    return {"actions": actions, "today": timezone.localdate()} if actions else None


def _secretariat_work(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if council is None or not access.manages(council.pk):
        return None
    to_prepare = list(
        Meeting.objects.upcoming(timezone.now())
        .filter(council=council, status=Meeting.Status.PLANNED)
        .order_by("starts_at")[:5]
    )
    minutes_open = list(
        Meeting.objects.filter(council=council, status=Meeting.Status.HELD)
        .filter(Q(minutes__isnull=True) | ~Q(minutes__status=Minutes.Status.APPROVED))
        .order_by("-starts_at")[:5]
    )
    overdue = list(
        ActionItem.objects.overdue(timezone.localdate())
        .filter(council=council)
        .select_related("assignee")
        .order_by("due_on")[:10]
    )
    if not (to_prepare or minutes_open or overdue):
        return None
    return {"to_prepare": to_prepare, "minutes_open": minutes_open, "overdue": overdue, "council": council}


def register() -> None:
    register_home_panel(HomePanel("upcoming-meetings", 1, "meetings/panels/upcoming.html", _upcoming))
    register_home_panel(HomePanel("my-answers", 2, "meetings/panels/my_answers.html", _my_answers))
    register_home_panel(
        HomePanel("secretariat-meetings", 3, "meetings/panels/secretariat.html", _secretariat_work)
    )
    register_home_panel(HomePanel("my-actions", 15, "meetings/panels/my_actions.html", _my_actions))
