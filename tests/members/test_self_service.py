"""Member self-service: a contact keeps their institution's and its people's contact details up to
date, within those fields only; staff see what changed and can ask for missing e-mail addresses."""

import pytest
from django.core import mail
from django.urls import reverse

from members.models import Institution, Person
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


@pytest.fixture
def yeonsung(anyang):
    institution = InstitutionFactory(name="연성대학교 산학협력단")
    MembershipFactory(
        council=anyang, institution=institution, person=PersonFactory(institution=institution, email="")
    )
    return institution


def test_a_contact_updates_their_institutions_people_and_not_another_institutions(
    login, api, alice, bob, anyang, daerim, yeonsung
):
    head = PersonFactory(name="이양창", institution=daerim, email="")
    MembershipFactory(council=anyang, institution=daerim, person=head)
    other = Person.objects.filter(institution=yeonsung).first()
    client = login(bob)
    response = client.post(
        reverse("person-update", args=[head.pk]),
        {"title": "산학협력단장", "email": "head@daerim.example", "phone": "031-467-4700"},
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert (head.email, head.phone) == ("head@daerim.example", "031-467-4700")
    assert client.get(reverse("person-update", args=[other.pk])).status_code in {403, 404}
    assert api(bob).patch(
        f"/api/v1/people/{other.pk}/", {"email": "x@y.example"}, format="json"
    ).status_code in {403, 404}
    # Through the API as well, and only the contact fields.
    assert (
        api(bob).patch(f"/api/v1/people/{head.pk}/", {"phone": "031-467-4701"}, format="json").status_code
        == 200
    )
    refused = api(bob).patch(f"/api/v1/people/{head.pk}/", {"name": "다른 이름"}, format="json")
    assert refused.status_code == 403
    head.refresh_from_db()
    assert (head.name, head.phone) == ("이양창", "031-467-4701")
    # The secretariat sees who changed it.
    page = login(alice).get(reverse("person-detail", args=[head.pk])).content.decode()
    assert "박밥" in page and 'data-testid="change-history"' in page


def test_a_contact_edits_only_the_contact_details_of_their_institution(login, api, bob, daerim, yeonsung):
    client = login(bob)
    page = client.get(reverse("institution-update", args=[daerim.pk])).content.decode()
    assert 'name="phone"' in page and 'name="name"' not in page and 'name="kind"' not in page
    client.post(
        reverse("institution-update", args=[daerim.pk]),
        {"phone": "031-467-4114", "address": "안양시 동안구", "representative": "", "website": ""},
    )
    daerim.refresh_from_db()
    assert daerim.phone == "031-467-4114"
    assert (
        api(bob).patch(f"/api/v1/institutions/{daerim.pk}/", {"name": "바꾼 이름"}, format="json").status_code
        == 403
    )
    assert client.get(reverse("institution-update", args=[yeonsung.pk])).status_code in {403, 404}
    assert Institution.objects.get(pk=daerim.pk).name == daerim.name


def test_staff_ask_the_contacts_for_missing_e_mail_addresses(
    login, alice, bob, carol, anyang, daerim, django_capture_on_commit_callbacks
):
    head = PersonFactory(name="이양창", institution=daerim, email="")
    page = login(alice).get(reverse("institution-detail", args=[daerim.pk])).content.decode()
    assert 'data-testid="ask-emails"' in page
    assert login(carol).post(reverse("institution-ask-emails", args=[daerim.pk])).status_code in {403, 404}
    with django_capture_on_commit_callbacks(execute=True):
        login(alice).post(reverse("institution-ask-emails", args=[daerim.pk]))
    asked = [message for message in mail.outbox if "bob@example.org" in message.to[0]]
    assert len(asked) == 1 and head.name in asked[0].body
    from council.models import Dispatch

    assert (
        Dispatch.objects.get(kind="directory.emails_missing").council == anyang
    )  # on anyang's delivery pages
    head.email = "head@daerim.example"
    head.save()
    Person.objects.filter(institution=daerim, email="").update(email="someone@daerim.example")
    response = login(alice).post(reverse("institution-ask-emails", args=[daerim.pk]), follow=True)
    assert response.status_code == 200 and "모든 사람에게 이메일 주소가 있습니다" in response.content.decode()
