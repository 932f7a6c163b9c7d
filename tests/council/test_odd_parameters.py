"""Odd values in filters and ids never reach the database: every list page and API list answers
400 (API) or shows the list with the field's error (pages), never a server error.

Each page and API list is asked with all of its filters set at once to the same odd value: numbers
beyond 64 bits, floats in exponent form, negative numbers, words, impossible dates and a NUL
character, as a visitor and as an institution contact. A filter that rejects the value drops out
with its error and every filter that accepts it is applied, so each reaches the database with it.
The suite runs on PostgreSQL in CI, where a value out of a column's range is an error of the
database rather than an empty result.
"""

import django_filters
import pytest
from django.core.cache import cache
from django.urls import reverse

from council.api_urls import router
from council.filters import PortalFilterSet
from meetings.filters import ActionFilter, MeetingFilter
from members.agreements.filters import AgreementFilter
from members.difficulties.filters import DifficultyFilter
from members.directory.filters import InstitutionFilter, MembershipFilter, PersonFilter
from members.practices.filters import BestPracticeFilter
from plans.filters import PlanFilter, PlanScopeFilter, ProjectFilter, ReportFilter
from tests.plans.factories import PlanFactory

ODD_VALUES = [
    "1e30",
    "99999999999999999999",
    "-1",
    "abc",
    "2024-13-45",
    "0001-01-01T00:00:00+23:59",
    "\x00",
]

# Filters every page of the portal reads besides its FilterSet's own.
PAGE_PARAMETERS = ["page", "council", "q"]

PAGES = {
    "council-list": None,
    "institution-list": InstitutionFilter,
    "institution-export": InstitutionFilter,
    "person-list": PersonFilter,
    "person-export": PersonFilter,
    "membership-list": MembershipFilter,
    "best-practice-list": BestPracticeFilter,
    "difficulty-list": DifficultyFilter,
    "difficulty-figures": None,
    "agreement-list": AgreementFilter,
    "meeting-list": MeetingFilter,
    "action-list": ActionFilter,
    "plan-list": PlanFilter,
    "project-list": ProjectFilter,
    "report-list": ReportFilter,
    "search": None,
    "notice-list": None,
    "person-create": None,
    "membership-create": None,
}


def _names(filterset: type[django_filters.FilterSet] | None) -> list[str]:
    names = list(filterset.base_filters) if filterset else []
    return [*names, *(name for name in PAGE_PARAMETERS if name not in names)]


def _all_filtersets() -> set[type[django_filters.FilterSet]]:
    found: set[type[django_filters.FilterSet]] = set()
    pending = list(PortalFilterSet.__subclasses__())
    while pending:
        filterset = pending.pop()
        found.add(filterset)
        pending.extend(filterset.__subclasses__())
    return found


def test_every_filterset_is_probed_here():
    probed = {filterset for filterset in PAGES.values() if filterset}
    probed |= {viewset.filterset_class for _prefix, viewset, _name in router.registry}
    probed.add(PlanScopeFilter)  # the dashboard, below
    assert _all_filtersets() <= probed


def _users(request, anonymous_too: bool = True):
    users = [None] if anonymous_too else []
    return [*users, request.getfixturevalue("bob")]


def _assert_no_server_error(client, url: str, names: list[str]) -> None:
    """Every filter with each odd value; as htmx asks, so a list page renders just its results (the
    filters are read the same way), and once as a whole page for the rest of the page."""
    for position, value in enumerate(ODD_VALUES):
        headers = {"HX-Request": "true"} if position else {}
        response = client.get(url, dict.fromkeys(names, value), headers=headers)
        assert response.status_code < 500, (url, value, response.status_code)


@pytest.mark.parametrize("url_name", list(PAGES))
def test_pages_answer_odd_filters_without_a_server_error(request, login, client, alice, bob, url_name):
    names = _names(PAGES[url_name])
    for user in _users(request):
        browser = login(user) if user else client
        _assert_no_server_error(browser, reverse(url_name), names)


def test_the_dashboard_answers_odd_filters_without_a_server_error(login, carol, anyang):
    plan = PlanFactory(council=anyang)
    names = _names(PlanScopeFilter)
    _assert_no_server_error(login(carol), reverse("plan-dashboard", args=[plan.pk]), names)
    _assert_no_server_error(login(carol), f"/api/v1/plans/{plan.pk}/summary/", names)


@pytest.mark.parametrize(("prefix", "viewset"), [(prefix, viewset) for prefix, viewset, _ in router.registry])
def test_api_lists_answer_odd_filters_with_a_field_error(request, api, alice, bob, prefix, viewset):
    names = [*(viewset.filterset_class.base_filters if viewset.filterset_class else []), "page", "ordering"]
    for user in _users(request):
        client = api(user)
        for value in ODD_VALUES:
            cache.clear()  # the anonymous rate limit is not what this test is about
            response = client.get(f"/api/v1/{prefix}/", dict.fromkeys(names, value))
            # A page beyond the last is "not found", as DRF's pagination answers.
            assert response.status_code in {200, 400, 401, 403, 404}, (prefix, value, response.status_code)
            if response.status_code == 400:
                errors = response.json()
                assert errors and set(errors) <= set(names), (prefix, value, errors)


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/99999999999999999999/",
        "/api/v1/meetings/99999999999999999999/",
        "/practices/9223372036854775808/",
        "/api/v1/projects/9223372036854775808/",
        "/plans/99999999999999999999/dashboard/",
    ],
)
def test_ids_beyond_64_bits_in_the_path_are_not_found(login, root, path):
    assert login(root).get(path).status_code == 404


def test_an_odd_council_in_the_switcher_is_not_found(login, bob):
    for value in ("1e30", "99999999999999999999", "abc", ""):
        assert login(bob).post(reverse("council-switch"), {"council": value}).status_code == 404


def test_a_list_page_shows_the_filters_error(login, bob):
    page = login(bob).get(reverse("meeting-list"), {"year": "1e30"})
    assert page.status_code == 200
    assert "form-hint-invalid" in page.content.decode()
