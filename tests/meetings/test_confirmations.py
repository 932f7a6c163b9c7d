"""Announcing, marking held and approving minutes ask first, and say what will happen."""

from django.urls import reverse

from meetings import services
from meetings.models import Meeting, Minutes
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory
from tests.support.meetings import announce_and_begin


def test_announcing_asks_first_and_names_who_cannot_be_mailed(login, alice, anyang, meeting):
    silent = InstitutionFactory(name="전화로만기관", phone="031-123-4567")
    MembershipFactory(council=anyang, institution=silent, person=PersonFactory(institution=silent, email=""))
    services.invitations_add_members(actor=alice, meeting=meeting)
    client = login(alice)
    url = reverse("meeting-announce", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="unreachable"' in page and "전화로만기관" in page and "031-123-4567" in page
    assert "메일" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED  # asking changes nothing
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ANNOUNCED


def test_marking_held_and_approving_minutes_ask_first(login, alice, meeting):
    meeting = announce_and_begin(alice, meeting, hours_ago=3)
    client = login(alice)
    url = reverse("meeting-hold", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="confirm"' in page and "출석이 기록되지 않았습니다" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ANNOUNCED
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    services.minutes_save(actor=alice, meeting=meeting, body="# 회의록")
    url = reverse("minutes-approve", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "잠깁니다" in page or "잠겨" in page
    assert Minutes.objects.get(meeting=meeting).status != Minutes.Status.APPROVED
    client.post(url)
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED


def test_the_confirmations_are_for_the_secretariat(login, bob, carol, meeting):
    for user in (bob, carol):
        assert login(user).get(reverse("meeting-announce", args=[meeting.pk])).status_code in {403, 404}
