"""Related fields of every API accept only what the caller may see, and a parent is fixed once created."""

from tests.meetings.factories import MeetingFactory
from tests.plans.factories import PlanFactory, ProjectFactory


def test_an_id_the_caller_may_not_see_is_refused_like_a_missing_one(api, alice, anyang, busan):
    client = api(alice)
    elsewhere = MeetingFactory(council=busan)
    response = client.post(
        "/api/v1/meetings/",
        {
            "council": busan.pk,
            "starts_at": "2026-12-01T10:00:00+09:00",
            "ends_at": "2026-12-01T12:00:00+09:00",
        },
        format="json",
    )
    assert response.status_code == 400 and "council" in response.json()
    response = client.post(
        "/api/v1/agenda-items/", {"meeting": elsewhere.pk, "title": "남의 안건"}, format="json"
    )
    assert response.status_code == 400 and "meeting" in response.json()
    assert not elsewhere.agenda_items.exists()


def test_a_budget_line_cannot_be_added_to_another_councils_project(api, dave, anyang, busan):
    project = ProjectFactory(plan=PlanFactory(council=anyang))
    response = api(dave).post(
        "/api/v1/budget-lines/",
        {"project": project.pk, "year": 2024, "source": "city", "planned": 1000},
        format="json",
    )
    assert response.status_code == 400 and "project" in response.json()
    assert not project.budget_lines.exists()


def test_a_meeting_stays_in_the_council_it_was_created_in(api, alice, anyang, busan):
    meeting = MeetingFactory(council=anyang)
    response = api(alice).patch(f"/api/v1/meetings/{meeting.pk}/", {"council": busan.pk}, format="json")
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.council == anyang


def test_each_request_scopes_fields_of_its_own(api, alice, dave, anyang, busan):
    """A serializer class builds its fields once; what one request does to them reaches no other."""
    meeting = MeetingFactory(council=anyang)
    # Alice's PATCH makes the council read-only, and her choices are Anyang's alone.
    response = api(alice).patch(f"/api/v1/meetings/{meeting.pk}/", {"council": busan.pk}, format="json")
    assert response.status_code == 200 and response.json()["council"] == anyang.pk
    response = api(dave).post(
        "/api/v1/meetings/",
        {
            "council": busan.pk,
            "starts_at": "2026-12-01T10:00:00+09:00",
            "ends_at": "2026-12-01T12:00:00+09:00",
            "venue": "부산시청",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["council"] == busan.pk
