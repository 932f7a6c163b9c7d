"""Sections the plans app adds to other apps' detail pages."""

from typing import Any

from django.http import HttpRequest

from council.permissions import Access
from council.web.navigation import DetailSection, register_detail_section
from meetings.models import ActionItem, Meeting
from meetings.permissions import agenda_items_visible_to
from members.models import Agreement, Institution
from plans.models import PlanVersion
from plans.permissions import led_or_joined, plans_visible_to, projects_visible_to
from plans.selectors.budgets import project_money
from plans.selectors.links import (
    meeting_concerns_plans,
    projects_for_action_items,
    projects_for_agenda_items,
    projects_for_agreement,
)
from plans.selectors.progress import latest_percent


def _institution_projects(
    request: HttpRequest, access: Access, institution: Institution
) -> dict[str, Any] | None:
    """Projects the institution leads or takes part in, as far as the viewer may see them."""
    projects = list(
        projects_visible_to(request.user)
        .filter(led_or_joined([institution.pk]))
        .select_related("plan__council")
        .annotate(**project_money(), percent=latest_percent())
        .order_by("plan__council__name", "code")[:50]
    )
    if not projects:
        return None
    return {"institution": institution, "projects": projects}


def _meeting_plans(request: HttpRequest, access: Access, meeting: Meeting) -> dict[str, Any] | None:
    """Plans this meeting approved or revised, and the projects its decisions and actions concern.

    Most meetings concern no plan: one query finds that out before the user's view of them is worked out.
    """
    if not meeting_concerns_plans(meeting=meeting):
        return None
    items = {item.pk: item for item in agenda_items_visible_to(request.user).filter(meeting=meeting)}
    actions = {action.pk: action for action in meeting.action_items.all()}
    versions = list(
        PlanVersion.objects.filter(agenda_item_id__in=list(items), plan__in=plans_visible_to(request.user))
        .select_related("plan")
        .order_by("plan__title", "number")
    )
    by_item = projects_for_agenda_items(user=request.user, agenda_item_ids=items)
    by_action = projects_for_action_items(user=request.user, action_item_ids=actions)
    if not (versions or by_item or by_action):
        return None
    return {
        "versions": versions,
        "decisions": [(items[item_id], projects) for item_id, projects in by_item.items()],
        "actions": [(actions[action_id], projects) for action_id, projects in by_action.items()],
    }


def _action_projects(request: HttpRequest, access: Access, action: ActionItem) -> dict[str, Any] | None:
    projects = projects_for_action_items(user=request.user, action_item_ids=[action.pk]).get(action.pk)
    return {"projects": projects} if projects else None


def _agreement_projects(request: HttpRequest, access: Access, agreement: Agreement) -> dict[str, Any] | None:
    projects = projects_for_agreement(user=request.user, agreement=agreement)
    return {"projects": projects} if projects else None


def register() -> None:
    register_detail_section(
        DetailSection(
            key="plans-meeting", page="meeting", order=20, template="plans/sections/meeting_plans.html",
            context=_meeting_plans,
        )
    )  # fmt: skip
    register_detail_section(
        DetailSection(
            key="plans-action", page="action", order=20, template="plans/sections/action_projects.html",
            context=_action_projects,
        )
    )  # fmt: skip
    register_detail_section(
        DetailSection(
            key="plans-institution-projects",
            page="institution",
            order=30,
            template="plans/sections/institution_projects.html",
            context=_institution_projects,
        )
    )
    register_detail_section(
        DetailSection(
            key="plans-agreement-projects",
            page="agreement",
            order=20,
            template="plans/sections/agreement_projects.html",
            context=_agreement_projects,
        )
    )
