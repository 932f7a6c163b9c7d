"""Role rules on meetings: contacts answer only their own invitation and cannot change agendas,
officials read, staff of another council do not even find the meeting, visitors see only what is public."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from tests.meetings.factories import AgendaItemFactory
from tests.support.meetings import begin


@pytest.fixture
def announced(alice, meeting):
    return services.meeting_announce(actor=alice, meeting=meeting)


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("carol", 200), ("bob", 200), ("dave", 200)])
def test_a_published_councils_announced_meeting_is_readable(request, login, announced, persona, status):
    assert (
        login(request.getfixturevalue(persona))
        .get(reverse("meeting-detail", args=[announced.pk]))
        .status_code
        == status
    )


@pytest.mark.parametrize(
    ("persona", "status"), [("dave", 200), ("alice", 404), ("carol", 404), ("bob", 404), ("stranger", 404)]
)
def test_an_unpublished_councils_meeting_is_not_found_by_outsiders(
    request, login, dave, busan_meeting, persona, status
):
    services.meeting_announce(actor=dave, meeting=busan_meeting)
    assert (
        login(request.getfixturevalue(persona))
        .get(reverse("meeting-detail", args=[busan_meeting.pk]))
        .status_code
        == status
    )


def test_a_planned_meeting_is_not_shown_to_members_or_the_public(login, client, bob, carol, meeting):
    assert login(bob).get(reverse("meeting-detail", args=[meeting.pk])).status_code == 404
    assert login(carol).get(reverse("meeting-detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meeting-detail", args=[meeting.pk])).status_code == 404


def test_visitors_see_a_published_councils_meeting_without_its_details(client, announced, daerim):
    page = client.get(reverse("meeting-detail", args=[announced.pk])).content.decode()
    assert announced.venue in page
    assert daerim.name not in page  # no invitee list
    assert client.get(reverse("meeting-agenda-pdf", args=[announced.pk])).status_code == 302  # log in first


def test_an_unpublished_councils_meetings_stay_private(client, busan_meeting, dave):
    services.meeting_announce(actor=dave, meeting=busan_meeting)
    assert client.get(reverse("meeting-detail", args=[busan_meeting.pk])).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("alice", 302), ("carol", 403), ("bob", 403), ("dave", 403)])
def test_only_the_secretariat_changes_the_agenda(request, login, announced, persona, status):
    client = login(request.getfixturevalue(persona))
    response = client.post(
        reverse("agenda-item-add", args=[announced.pk]),
        {"title": "끼워넣기", "kind": "report", "minutes_allotted": 5},
    )
    assert response.status_code == status
    assert announced.agenda_items.filter(title="끼워넣기").exists() is (status == 302)
    item = AgendaItemFactory(meeting=announced)
    assert client.post(reverse("agenda-item-delete", args=[announced.pk, item.pk])).status_code == status


@pytest.mark.parametrize("view", ["meeting-announce", "meeting-cancel", "meeting-hold"])
def test_officials_and_contacts_cannot_run_the_meeting(login, carol, bob, meeting, view):
    for user in (carol, bob):
        assert login(user).post(reverse(view, args=[meeting.pk]), {"reason": "x"}).status_code in (403, 404)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED


def test_a_contact_cannot_answer_someone_elses_invitation(login, bob, announced, yeonsung):
    other = announced.invitations.get(institution=yeonsung)
    response = login(bob).post(
        reverse("invitation-answer", args=[announced.pk, other.pk]), {"response": "declined"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.response == "pending"


def test_contacts_do_not_see_the_invitee_list_or_take_attendance(login, bob, announced, yeonsung):
    client = login(bob)
    assert yeonsung.name not in client.get(reverse("meeting-detail", args=[announced.pk])).content.decode()
    assert client.get(reverse("meeting-attendance", args=[announced.pk])).status_code == 403


def test_documents_are_not_served_to_outsiders(login, client, alice, dave, announced, busan_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = services.agenda_item_add(actor=alice, meeting=announced, title="자료")
    document = services.agenda_document_add(
        actor=alice, item=item, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7 x")
    )
    url = reverse("agenda-document", args=[announced.pk, document.pk])
    assert login(dave).get(url).status_code == 403  # the meeting is public, its documents are not
    assert client.get(url).status_code == 302
    wrong_meeting = reverse("agenda-document", args=[busan_meeting.pk, document.pk])
    assert login(alice).get(wrong_meeting).status_code == 404


def test_draft_minutes_are_for_staff_and_officials(login, alice, bob, carol, announced):
    from datetime import timedelta

    from django.utils import timezone

    Meeting.objects.filter(pk=announced.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    services.meeting_mark_held(actor=alice, meeting=announced)
    services.minutes_save(actor=alice, meeting=announced, body="초안")
    url = reverse("minutes-detail", args=[announced.pk])
    assert login(carol).get(url).status_code == 200
    assert login(bob).get(url).status_code == 404
    assert login(bob).get(reverse("minutes-edit", args=[announced.pk])).status_code == 403


def _circulated(alice, meeting, body="## 회의 결과\n산학 공동 실습 확대"):
    from datetime import timedelta

    from django.utils import timezone

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    services.meeting_mark_held(actor=alice, meeting=meeting)
    minutes = services.minutes_save(actor=alice, meeting=meeting, body=body)
    return services.minutes_circulate(
        actor=alice, minutes=minutes, comments_until=timezone.localdate() + timedelta(days=7)
    )


def test_a_guest_institutions_contact_finds_the_circulated_minutes_they_can_open(login, alice, announced):
    from tests.council.factories import UserFactory
    from tests.members.factories import InstitutionContactFactory, InstitutionFactory

    observer = InstitutionFactory(name="경기테크노파크")
    services.invitation_add_guest(
        actor=alice, meeting=announced, name="관찰자", email="observer@example.org", institution=observer
    )
    grace = UserFactory(username="grace")
    InstitutionContactFactory(user=grace, institution=observer)
    _circulated(alice, announced)
    client = login(grace)
    assert client.get(reverse("minutes-detail", args=[announced.pk])).status_code == 200
    page = client.get(reverse("search"), {"q": "공동 실습"}).content.decode()
    assert reverse("minutes-detail", args=[announced.pk]) in page


def test_only_the_attendees_the_draft_was_sent_to_may_comment_on_it(
    login, alice, bob, announced, daerim, yeonsung, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.council.factories import UserFactory
    from tests.members.factories import InstitutionContactFactory

    yuna = UserFactory(username="yuna", email="yuna@example.org")
    InstitutionContactFactory(user=yuna, institution=yeonsung)
    # Attendance was taken on the day: Daerim was ticked present, Yeonsung was never ticked.
    begin(announced)
    services.attendance_mark(
        actor=alice, invitation=announced.invitations.get(institution=daerim), attended=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes = _circulated(alice, announced)
    recipients = {
        message.to[0] for message in mail.outbox if "yuna" in message.to[0] or "bob" in message.to[0]
    }
    assert recipients == {"박밥 <bob@example.org>"}
    assert (
        login(bob).post(reverse("minutes-comment", args=[announced.pk]), {"body": "좋습니다"}).status_code
        == 302
    )
    response = login(yuna).post(reverse("minutes-comment", args=[announced.pk]), {"body": "저도"})
    assert response.status_code == 403
    assert list(minutes.comments.values_list("body", flat=True)) == ["좋습니다"]
