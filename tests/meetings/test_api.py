"""The meetings API follows the same rules as the pages and answers bad input with 400."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Invitation, Meeting
from tests.support.meetings import announce_and_begin


def _iso(moment):
    return moment.isoformat()


def test_staff_runs_a_meeting_through_the_api(
    api, alice, anyang, daerim, bob, django_capture_on_commit_callbacks
):
    client = api(alice)
    start = timezone.now() + timedelta(days=7)
    response = client.post(
        "/api/v1/meetings/",
        {
            "council": anyang.pk,
            "starts_at": _iso(start),
            "ends_at": _iso(start + timedelta(hours=2)),
            "venue": "강당",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting_id = response.json()["id"]
    assert response.json()["number"] == 1
    item = client.post(
        "/api/v1/agenda-items/",
        {"meeting": meeting_id, "title": "우수사례 발표", "kind": "presentation", "minutes_allotted": 20},
        format="json",
    )
    assert item.status_code == 201, item.content
    assert client.post(f"/api/v1/meetings/{meeting_id}/announce/").status_code == 400  # nobody invited yet
    from meetings import services

    services.invitations_add_members(actor=alice, meeting=Meeting.objects.get(pk=meeting_id))
    with django_capture_on_commit_callbacks(execute=True):
        announced = client.post(f"/api/v1/meetings/{meeting_id}/announce/")
    assert announced.json()["status"] == "announced"
    invitation = Invitation.objects.get(meeting_id=meeting_id, institution=daerim)
    assert (
        api(bob)
        .post(f"/api/v1/invitations/{invitation.pk}/respond/", {"response": "accepted"}, format="json")
        .status_code
        == 200
    )
    cancelled = client.post(f"/api/v1/meetings/{meeting_id}/cancel/", {"reason": ""}, format="json")
    assert cancelled.status_code == 400 and "reason" in cancelled.json()


def test_meeting_validation_answers_400_with_field_errors(api, alice, anyang):
    start = timezone.now() + timedelta(days=7)
    response = api(alice).post(
        "/api/v1/meetings/",
        {"council": anyang.pk, "starts_at": _iso(start), "ends_at": _iso(start - timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 400
    assert "ends_at" in response.json()


@pytest.mark.parametrize(("persona", "status"), [("carol", 403), ("bob", 403), ("dave", 404)])
def test_api_refuses_the_wrong_role(request, api, meeting, persona, status):
    client = api(request.getfixturevalue(persona))
    assert client.post(f"/api/v1/meetings/{meeting.pk}/announce/").status_code in (
        {status, 404} if persona != "carol" else {status}
    )


def test_contacts_list_only_their_own_invitations(api, bob, alice, meeting, daerim):
    from meetings import services

    services.meeting_announce(actor=alice, meeting=meeting)
    rows = api(bob).get("/api/v1/invitations/").json()["results"]
    assert [row["institution"] for row in rows] == [daerim.pk]
    assert len(api(alice).get("/api/v1/invitations/", {"meeting": meeting.pk}).json()["results"]) == 2


def test_attendance_and_decisions_through_the_api(api, alice, meeting, daerim):
    from meetings import services

    item = services.agenda_item_add(actor=alice, meeting=meeting, title="심의")
    client = api(alice)
    invitation = meeting.invitations.get(institution=daerim)
    early = client.post(f"/api/v1/invitations/{invitation.pk}/attendance/", {"attended": True}, format="json")
    assert early.status_code == 400, "attendance waits for the meeting's day"
    announce_and_begin(alice, meeting)
    assert (
        client.post(
            f"/api/v1/invitations/{invitation.pk}/attendance/", {"attended": True}, format="json"
        ).json()["attended"]
        is True
    )
    decision = client.post(
        f"/api/v1/agenda-items/{item.pk}/decision/", {"decision": "approved"}, format="json"
    )
    assert decision.status_code == 200 and decision.json()["decision"] == "approved"
    bad = client.post(f"/api/v1/agenda-items/{item.pk}/decision/", {"decision": "maybe"}, format="json")
    assert bad.status_code == 400


def test_action_items_api(api, alice, bob, meeting, daerim):

    announce_and_begin(alice, meeting)
    response = api(alice).post(
        "/api/v1/action-items/",
        {"meeting": meeting.pk, "title": "기획안", "assignee": daerim.pk, "due_on": "2030-01-31"},
        format="json",
    )
    assert response.status_code == 201, response.content
    action_id = response.json()["id"]
    progress = api(bob).post(
        f"/api/v1/action-items/{action_id}/progress/",
        {"status": "in_progress", "comment": "진행 중"},
        format="json",
    )
    assert progress.json()["status"] == "in_progress"
    assert (
        api(bob)
        .post(f"/api/v1/action-items/{action_id}/progress/", {"status": "dropped"}, format="json")
        .status_code
        == 403
    )


def test_public_meetings_are_readable_without_login(api, alice, meeting):
    from meetings import services

    assert api().get("/api/v1/meetings/").json()["count"] == 0
    services.meeting_announce(actor=alice, meeting=meeting)
    assert api().get("/api/v1/meetings/").json()["count"] == 1
    assert api().get("/api/v1/invitations/").status_code in (401, 403)


def test_odd_date_filters_answer_400(api, alice, meeting):
    response = api(alice).get("/api/v1/meetings/", {"starts_after": "2024-13-45T99:00"})
    assert response.status_code == 400


def test_a_meeting_needs_a_venue_or_an_online_link(api, alice, anyang):
    start = timezone.now() + timedelta(days=7)
    times = {"starts_at": _iso(start), "ends_at": _iso(start + timedelta(hours=2))}
    client = api(alice)
    response = client.post("/api/v1/meetings/", {"council": anyang.pk, **times}, format="json")
    assert response.status_code == 400
    assert "venue" in response.json()
    assert not Meeting.objects.exists()
    online = {"council": anyang.pk, **times, "online_url": "https://meet.example.org/anyang"}
    assert client.post("/api/v1/meetings/", online, format="json").status_code == 201
    written = {"council": anyang.pk, **times, "kind": "written"}
    assert client.post("/api/v1/meetings/", written, format="json").status_code == 201


def test_a_cancelled_meeting_is_not_listed_as_upcoming(api, alice, meeting):
    from meetings import services

    services.meeting_cancel(actor=alice, meeting=meeting, reason="태풍")
    client = api(alice)
    upcoming = client.get("/api/v1/meetings/", {"upcoming": "true"}).json()["results"]
    assert [row["id"] for row in upcoming] == []
    others = client.get("/api/v1/meetings/", {"upcoming": "false"}).json()["results"]
    assert [row["id"] for row in others] == [meeting.pk]


def test_done_actions_are_neither_open_nor_overdue_in_the_list(api, alice, meeting, daerim):
    from tests.meetings.factories import ActionItemFactory

    late = ActionItemFactory(
        meeting=meeting, assignee=daerim, due_on=timezone.localdate() - timedelta(days=3)
    )
    ActionItemFactory(
        meeting=meeting, assignee=daerim, due_on=late.due_on, status="done", closed_at=timezone.now()
    )
    client = api(alice)
    assert [
        row["id"] for row in client.get("/api/v1/action-items/", {"overdue": "true"}).json()["results"]
    ] == [late.pk]
    assert [row["id"] for row in client.get("/api/v1/action-items/", {"open": "true"}).json()["results"]] == [
        late.pk
    ]
