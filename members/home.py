"""Home panels of the member directory, one per kind of person who needs them."""

from typing import Any

from django.http import HttpRequest

from council.models import Council
from council.navigation import HomePanel, register_home_panel
from council.permissions import Access
from members.models import Institution, Membership
from members.selectors import council_composition, councils_with_counts, memberships_ending_soon


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


def register() -> None:
    register_home_panel(
        HomePanel("public-councils", 5, "members/panels/public_councils.html", _public_councils)
    )
    register_home_panel(
        HomePanel("my-institutions", 10, "members/panels/my_institutions.html", _my_institutions)
    )
    register_home_panel(HomePanel("terms-ending", 40, "members/panels/terms_ending.html", _terms_ending))
    register_home_panel(HomePanel("composition", 60, "members/panels/composition.html", _composition))
