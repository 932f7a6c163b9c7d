"""Sections the plans app adds to other apps' detail pages."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from council.navigation import DetailSection, register_detail_section
from council.permissions import Access
from members.models import Institution
from plans.models import Participation
from plans.permissions import projects_visible_to
from plans.selectors.budgets import project_money
from plans.selectors.progress import latest_percent


def _institution_projects(
    request: HttpRequest, access: Access, institution: Institution
) -> dict[str, Any] | None:
    """Projects the institution leads or takes part in, as far as the viewer may see them."""
    joined = Participation.objects.filter(institution=institution).values("project_id")
    projects = list(
        projects_visible_to(request.user)
        .filter(Q(lead_institution=institution) | Q(id__in=joined))
        .select_related("plan__council")
        .annotate(**project_money(), percent=latest_percent())
        .order_by("plan__council__name", "code")[:50]
    )
    if not projects:
        return None
    return {"institution": institution, "projects": projects}


def register() -> None:
    register_detail_section(
        DetailSection(
            key="plans-institution-projects",
            page="institution",
            order=30,
            template="plans/sections/institution_projects.html",
            context=_institution_projects,
        )
    )
