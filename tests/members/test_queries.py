"""List, detail and API pages run the same number of queries whatever the data size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Membership
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


def _grow(council, size: int) -> None:
    for _number in range(size):
        institution = InstitutionFactory()
        MembershipFactory(council=council, institution=institution)
        PersonFactory(institution=institution)
        MembershipFactory(
            council=council,
            institution=None,
            person=PersonFactory(institution=institution),
            role=Membership.Role.OBSERVER,
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    reverse("institution-list") + "?council=",
    reverse("person-list") + "?council=",
    reverse("membership-list") + "?council=",
    reverse("council-list"),
    "/api/v1/institutions/?page_size=100",
    "/api/v1/people/?page_size=100",
    "/api/v1/memberships/?page_size=100",
    "/api/v1/councils/",
    "/",
]


def test_lists_run_a_fixed_number_of_queries(login, alice, anyang):
    client = login(alice)
    _grow(anyang, 5)
    small = {url: _count(client, url) for url in PAGES}
    _grow(anyang, 45)
    assert {url: _count(client, url) for url in PAGES} == small


def test_detail_pages_run_a_fixed_number_of_queries(login, alice, anyang, daerim):
    client = login(alice)
    for _number in range(5):
        PersonFactory(institution=daerim)
    url = reverse("institution-detail", args=[daerim.pk])
    small = _count(client, url)
    for _number in range(45):
        PersonFactory(institution=daerim)
        MembershipFactory(council=anyang, institution=daerim, person=PersonFactory(institution=daerim))
    assert _count(client, url) == small
    council_url = reverse("council-detail", args=[anyang.slug])
    small = _count(client, council_url)
    _grow(anyang, 20)
    assert _count(client, council_url) == small
