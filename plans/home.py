"""Home panels of the plans app: reports to file for lead institutions, reports to review for officials,
and the plan at a glance for the council's staff and officials."""

from typing import Any

from django.db.models import Count, Window
from django.http import HttpRequest

from council.models import Council
from council.permissions import Access
from council.web.navigation import HomePanel, register_home_panel
from plans.models import Plan
from plans.permissions import plans_published, reports_to_file, reports_to_review
from plans.selectors.lists import plan_overview


def _to_file(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.contact_institution_ids:
        return None
    reports = list(
        reports_to_file(request.user)
        .select_related("round", "project")
        .order_by("round__due_on", "project__code")[:8]
    )
    return {"reports": reports}


def _to_review(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.official_council_ids and not access.is_site_admin:
        return None
    reports = list(
        reports_to_review(request.user)
        .annotate(waiting=Window(Count("id")))  # all that wait, counted in the same query
        .select_related("round", "project")
        .order_by("submitted_at")[:8]
    )
    if access.is_site_admin and not reports:
        return None
    return {"reports": reports, "count": reports[0].waiting if reports else 0}


def _plan(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if council is None or not access.oversees(council.pk):
        return None
    plan = Plan.objects.filter(council=council).order_by("-start_year", "-id").first()
    if plan is None:
        return None
    return {"plan": plan, "overview": plan_overview(plan=plan)}


def _published(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    """Visitors find the progress pages of the approved plans of published councils."""
    if access.is_authenticated:
        return None
    plans = list(plans_published().select_related("council").order_by("council__name", "-start_year")[:10])
    return {"plans": plans} if plans else None


def register() -> None:
    register_home_panel(HomePanel("plan-reports-to-file", 15, "plans/panels/reports_to_file.html", _to_file))
    register_home_panel(
        HomePanel("plan-reports-to-review", 16, "plans/panels/reports_to_review.html", _to_review)
    )
    register_home_panel(HomePanel("plan-overview", 30, "plans/panels/plan_overview.html", _plan))
    register_home_panel(HomePanel("published-plans", 6, "plans/panels/published_plans.html", _published))
