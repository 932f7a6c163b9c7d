"""Home panels of the members app, one per kind of person who needs them."""

from typing import Any

from django.http import HttpRequest

from council.models import Council
from council.permissions import Access
from council.web.navigation import HomePanel, register_home_panel
from members.difficulties.selectors import (
    difficulties_raised_by_contact,
    difficulties_to_answer,
    difficulties_to_triage,
)
from members.directory.selectors import council_composition, councils_with_counts, memberships_ending_soon
from members.models import Institution, Membership
from members.practices.selectors import best_practices_in_progress, best_practices_to_review
from members.submissions import can_submit_on

PANEL_ROWS = 5


def _public_councils(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if access.is_authenticated:
        return None
    councils = councils_with_counts(councils=Council.objects.filter(is_public=True, is_active=True)).order_by(
        "name"
    )
    return {"councils": list(councils)}


def _my_institutions(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if not access.contact_institution_ids:
        return None
    institutions = list(Institution.objects.filter(id__in=access.contact_institution_ids).order_by("name"))
    seats = list(
        Membership.objects.filter(institution_id__in=access.contact_institution_ids)
        .select_related("council", "institution")
        .order_by("council__name")
    )
    return {"institutions": institutions, "seats": seats}


def _terms_ending(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if council is None or not access.manages(council.pk):
        return None
    ending = list(memberships_ending_soon(council_ids={council.pk})[:10])
    return {"memberships": ending, "council": council}


def _composition(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    if council is None or not access.reads(council.pk):
        return None
    composition = council_composition(council=council)
    sectors = [
        {"label": label, "count": composition["by_sector"].get(code, 0)}  # type: ignore[attr-defined]
        for code, label in Institution.Sector.choices
    ]
    routes = [
        {"label": label, "count": composition["by_route"].get(code, 0)}  # type: ignore[attr-defined]
        for code, label in Membership.Route.choices
    ]
    return {"council": council, "total": composition["total"], "sectors": sectors, "routes": routes}


def _my_submissions(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    """A contact's open difficulties, those their institution must answer, and practices in progress."""
    if not access.contact_institution_ids:
        return None
    return {
        "difficulties": list(difficulties_raised_by_contact(user=request.user)[:PANEL_ROWS]),
        "to_answer": list(difficulties_to_answer(user=request.user)[:PANEL_ROWS]),
        "practices": list(best_practices_in_progress(user=request.user)[:PANEL_ROWS]),
        # Writing a best practice and raising a difficulty follow the same rule.
        "can_submit": can_submit_on(request.user, council),
    }


def _triage(request: HttpRequest, access: Access, council: Council | None) -> dict[str, Any] | None:
    """The secretariat's queue: difficulties to assign or overdue, best practices to review."""
    if council is None or not access.manages(council.pk):
        return None
    return {
        "difficulties": list(difficulties_to_triage(council=council)[:PANEL_ROWS]),
        "practices": list(best_practices_to_review(council=council)[:PANEL_ROWS]),
    }


def register() -> None:
    register_home_panel(
        HomePanel("public-councils", 5, "members/panels/public_councils.html", _public_councils)
    )
    register_home_panel(
        HomePanel("my-institutions", 10, "members/panels/my_institutions.html", _my_institutions)
    )
    register_home_panel(
        HomePanel("my-submissions", 15, "members/panels/my_submissions.html", _my_submissions)
    )
    register_home_panel(HomePanel("triage", 20, "members/panels/triage.html", _triage))
    register_home_panel(HomePanel("terms-ending", 40, "members/panels/terms_ending.html", _terms_ending))
    register_home_panel(HomePanel("composition", 60, "members/panels/composition.html", _composition))
