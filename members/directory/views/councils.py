"""Council pages: the list of councils and one council with its working groups and member list."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from council.filters import CouncilFilter
from council.permissions import access_for, can_change_council, councils_visible_to
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import page_council
from members.directory.permissions import can_manage_memberships
from members.directory.selectors import council_composition, council_seats, councils_with_counts


@cached_page(clock=Clock.DAY)
def council_list(request: HttpRequest) -> HttpResponse:
    councils = councils_with_counts(councils=councils_visible_to(request.user)).order_by("name")
    filterset = list_filter(request, filterset_class=CouncilFilter, queryset=councils, council_default=False)
    return render_list(request, "members/council_list.html", filterset=filterset)


def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A council's page; the member list of a published council is public."""
    council = get_object_or_404(councils_visible_to(request.user).select_related("parent"), slug=slug)
    page_council(request, council)
    access = access_for(request.user)
    groups = councils_with_counts(councils=councils_visible_to(request.user).filter(parent=council)).order_by(
        "name"
    )
    return render(
        request,
        "members/council_detail.html",
        {
            "council": council,
            "seats": council_seats(council=council),
            "composition": council_composition(council=council),
            "working_groups": groups,
            "can_change": can_change_council(request.user, council),
            "can_manage_seats": can_manage_memberships(request.user, council),
            "reads": access.reads(council.pk),
            "sections": detail_sections(request, "council", council),
        },
    )
