"""Each role against its own and another council or institution, through the pages and the API.

A resource outside what the user may see is a 404 (no hint that it exists); one they may see but
not change is a 403.
"""

import pytest
from django.urls import reverse

from members.models import Institution, Membership
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


@pytest.fixture
def busan_seat(busan, pusan_univ):
    return Membership.objects.get(council=busan, institution=pusan_univ)


# Institutions: detail pages


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [
        ("alice", 200, 404),
        ("carol", 200, 404),
        ("bob", 200, 404),
        ("dave", 404, 200),
        ("root", 200, 200),
        ("stranger", 404, 404),
    ],
)
def test_institution_detail_by_role(request, login, daerim, pusan_univ, persona, own, other):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("institution-detail", args=[daerim.pk])).status_code == own
    assert client.get(reverse("institution-detail", args=[pusan_univ.pk])).status_code == other


def test_visitors_are_sent_to_log_in(client, daerim):
    response = client.get(reverse("institution-detail", args=[daerim.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status", "edit_page"),
    # Bob acts for Daerim: he edits its contact details (tests/members/test_self_service.py), no more.
    [("alice", 200, 200), ("carol", 403, 403), ("bob", 403, 200), ("dave", 404, 404)],
)
def test_only_the_councils_secretariat_edits_its_institutions(
    request, login, daerim, persona, status, edit_page
):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("institution-update", args=[daerim.pk])).status_code == edit_page
    response = client.post(reverse("institution-set-active", args=[daerim.pk]), {"active": "0"})
    assert response.status_code == (302 if status == 200 else status)
    daerim.refresh_from_db()
    assert daerim.is_active is (status != 200)


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("carol", 403), ("bob", 403), ("stranger", 403)]
)
def test_adding_institutions_is_for_secretariat_staff(request, login, anyang, persona, status):
    assert login(request.getfixturevalue(persona)).get(reverse("institution-create")).status_code == status


def test_institution_lists_are_scoped_to_the_users_councils(login, alice, bob, dave, daerim, pusan_univ):
    for user, visible, hidden in (
        (alice, daerim, pusan_univ),
        (bob, daerim, pusan_univ),
        (dave, pusan_univ, daerim),
    ):
        page = login(user).get(reverse("institution-list") + "?council=").content.decode()
        assert visible.name in page, user
        assert hidden.name not in page, user


# People


def test_contact_details_are_hidden_from_other_institutions_contacts(login, alice, bob, anyang, daerim):
    other = InstitutionFactory(name="연성대학교 산학협력단")
    MembershipFactory(council=anyang, institution=other)
    colleague = PersonFactory(institution=daerim, email="colleague@daerim.example")
    outsider = PersonFactory(institution=other, email="someone@yeonsung.example")
    bob_client = login(bob)
    assert (
        "colleague@daerim.example"
        in bob_client.get(reverse("person-detail", args=[colleague.pk])).content.decode()
    )
    page = bob_client.get(reverse("person-detail", args=[outsider.pk])).content.decode()
    assert "someone@yeonsung.example" not in page
    assert (
        "someone@yeonsung.example"
        in login(alice).get(reverse("person-detail", args=[outsider.pk])).content.decode()
    )


def test_searching_by_an_address_the_list_hides_finds_nobody(login, alice, bob, anyang, daerim):
    other = InstitutionFactory(name="연성대학교 산학협력단")
    MembershipFactory(council=anyang, institution=other)
    outsider = PersonFactory(institution=other, name="홍길동", email="someone@yeonsung.example")
    url = reverse("person-list") + "?council=&q=someone@yeonsung"
    assert outsider.name not in login(bob).get(url).content.decode()
    assert outsider.name in login(alice).get(url).content.decode()
    assert outsider.name in login(bob).get(reverse("person-list") + "?council=&q=홍길동").content.decode()


def test_people_of_another_council_are_not_found(login, alice, pusan_univ):
    person = PersonFactory(institution=pusan_univ)
    assert login(alice).get(reverse("person-detail", args=[person.pk])).status_code == 404


def test_inviting_a_person_is_for_the_secretariat(login, alice, carol, daerim):
    person = PersonFactory(institution=daerim)
    assert login(carol).post(reverse("person-invite", args=[person.pk])).status_code == 403
    assert login(alice).post(reverse("person-invite", args=[person.pk])).status_code == 302


# Seats


def test_published_council_pages_show_members_to_everyone(client, anyang, daerim, busan, pusan_univ):
    page = client.get(reverse("council-detail", args=[anyang.slug])).content.decode()
    assert daerim.name in page
    assert client.get(reverse("council-detail", args=[busan.slug])).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("carol", 403), ("bob", 403), ("dave", 403)])
def test_seat_changes_are_for_the_councils_secretariat(request, login, anyang, daerim, persona, status):
    """Anyang publishes its member list, so everyone may see the seat; only its secretariat changes it."""
    seat = Membership.objects.get(council=anyang, institution=daerim)
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("membership-update", args=[seat.pk])).status_code == status


def test_seats_of_an_unpublished_council_are_not_found_by_outsiders(login, alice, busan_seat):
    assert login(alice).get(reverse("membership-update", args=[busan_seat.pk])).status_code == 404


# API


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [("alice", 200, 404), ("carol", 200, 404), ("bob", 200, 404), ("dave", 404, 200), ("root", 200, 200)],
)
def test_api_institution_detail_by_role(request, api, daerim, pusan_univ, persona, own, other):
    client = api(request.getfixturevalue(persona))
    assert client.get(f"/api/v1/institutions/{daerim.pk}/").status_code == own
    assert client.get(f"/api/v1/institutions/{pusan_univ.pk}/").status_code == other


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("carol", 403), ("bob", 403), ("dave", 404)])
def test_api_institution_update_by_role(request, api, daerim, persona, status):
    response = api(request.getfixturevalue(persona)).patch(
        f"/api/v1/institutions/{daerim.pk}/", {"region": "경기 군포시"}, format="json"
    )
    assert response.status_code == status
    daerim.refresh_from_db()
    assert (daerim.region == "경기 군포시") is (status == 200)


def test_api_lists_are_scoped_before_they_are_filtered(api, alice, pusan_univ, daerim):
    response = api(alice).get("/api/v1/institutions/", {"q": "부산"})
    assert response.json()["count"] == 0
    response = api(alice).get("/api/v1/institutions/")
    assert [row["name"] for row in response.json()["results"]] == [daerim.name]


def test_api_hides_contact_details_field_by_field(api, bob, anyang, daerim):
    other = InstitutionFactory()
    MembershipFactory(council=anyang, institution=other)
    person = PersonFactory(institution=other, email="hidden@example.org", phone="02-000-0000")
    data = api(bob).get(f"/api/v1/people/{person.pk}/").json()
    assert data["email"] is None and data["phone"] is None
    assert api().get(f"/api/v1/people/{person.pk}/").status_code in (401, 403)


def test_api_memberships_of_published_councils_are_public(api, anyang, daerim, busan, pusan_univ):
    response = api().get("/api/v1/memberships/")
    assert response.status_code == 200
    councils = {row["council"] for row in response.json()["results"]}
    assert councils == {anyang.pk}


@pytest.mark.parametrize(("persona", "status"), [("alice", 201), ("carol", 403), ("bob", 403), ("dave", 400)])
def test_api_seat_creation_by_role(request, api, anyang, persona, status):
    institution = InstitutionFactory()
    MembershipFactory(council=anyang, institution=institution, term_start="2020-01-01", term_end="2021-12-31")
    response = api(request.getfixturevalue(persona)).post(
        "/api/v1/memberships/",
        {
            "council": anyang.pk,
            "institution": institution.pk,
            "role": "member",
            "route": "recommendation",
            "term_start": "2030-01-01",
        },
        format="json",
    )
    # Dave cannot even name the council: it is not among the choices he may see.
    assert response.status_code == status, response.content


def test_api_anonymous_cannot_write(api, anyang):
    assert api().post("/api/v1/institutions/", {"name": "x"}, format="json").status_code in (401, 403)
    assert Institution.objects.filter(name="x").count() == 0


def test_a_seat_whose_term_has_ended_no_longer_opens_the_councils_business(login, busan):
    from datetime import timedelta

    from django.utils import timezone

    from meetings.models import Meeting
    from tests.council.factories import UserFactory
    from tests.meetings.factories import MeetingFactory
    from tests.members.factories import InstitutionContactFactory

    former = InstitutionFactory(name="전 회원기관")
    seat = MembershipFactory(council=busan, institution=former)
    contact = UserFactory(username="former-contact")
    InstitutionContactFactory(user=contact, institution=former)
    meeting = MeetingFactory(council=busan, status=Meeting.Status.ANNOUNCED)
    url = reverse("meeting-detail", args=[meeting.pk])
    assert login(contact).get(url).status_code == 200
    seat.term_end = timezone.localdate() - timedelta(days=1)
    seat.save(update_fields=["term_end"])
    assert login(contact).get(url).status_code == 404
