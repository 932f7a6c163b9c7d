"""The API answers as its OpenAPI document says: every status documented, every body of the documented shape.

Each case here was found by schemathesis against the running demo (`make api-check`, run in CI).
"""

import pytest
from django.utils import translation

from meetings.models import Meeting
from plans.models import ProgressReport
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import DifficultyFactory, MembershipFactory, PersonFactory
from tests.plans.factories import PlanFactory, PlanTaskFactory, ProjectFactory, ReportFactory, RoundFactory
from tests.support.api_schema import assert_matches_schema, published_schema

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}


def test_every_operation_documents_its_error_answers():
    schema = published_schema()
    assert {"Error", "FieldErrors"} <= set(schema["components"]["schemas"])
    operations = [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in WRITES | {"get"}
    ]
    assert len(operations) > 100
    for method, path, operation in operations:
        statuses = set(operation["responses"])
        assert {"401", "403", "404"} <= statuses, (method, path)
        if method in WRITES:
            assert "400" in statuses, (method, path)
            refused = operation["responses"]["400"]["content"]["application/json"]["schema"]
            assert refused == {"$ref": "#/components/schemas/FieldErrors"}


def test_resources_are_not_described_by_the_code_they_are_built_with():
    for name, component in published_schema()["components"]["schemas"].items():
        assert "serializer" not in component.get("description", "").lower(), name


def test_an_api_address_that_matches_nothing_answers_404_in_json(api, alice):
    response = api(alice).get("/api/v1/projects/abc/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_a_page_address_that_matches_nothing_still_answers_the_portals_page(client):
    response = client.get("/projects/abc/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_plan_summary_whose_id_is_not_a_number_answers_404(api, alice, anyang):
    PlanFactory(council=anyang)
    response = api(alice).get("/api/v1/plans/null,null/summary/")
    assert response.status_code == 404
    assert_matches_schema(response, "GET", "/api/v1/plans/{id}/summary/")


def test_a_report_row_missing_a_field_is_refused_even_in_a_patch(api, bob, anyang, daerim):
    plan = PlanFactory(council=anyang)
    project = ProjectFactory(task=PlanTaskFactory(strategy__plan=plan), lead_institution=daerim)
    report = ReportFactory(round=RoundFactory(plan=plan), project=project, narrative="처음 그대로")
    assert report.status == ProgressReport.Status.DRAFT
    response = api(bob).patch(
        f"/api/v1/progress-reports/{report.pk}/",
        {"narrative": "바뀌면 안 됨", "answers": [{"action_item": 1}], "executions": [{"amount": 5}]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["answers"] == {"0": {"answer": ["이 필드는 필수 항목입니다."]}}
    assert errors["executions"] == {"0": {"budget_line": ["이 필드는 필수 항목입니다."]}}
    assert_matches_schema(response, "PATCH", "/api/v1/progress-reports/{id}/")
    report.refresh_from_db()
    assert report.narrative == "처음 그대로"


def test_a_patch_answers_every_field_of_the_record(api, alice, anyang, daerim):
    person = PersonFactory(institution=daerim, title="")
    MembershipFactory(council=anyang, person=person, institution=None)
    response = api(alice).patch(f"/api/v1/people/{person.pk}/", {"title": "팀장"}, format="json")
    assert response.status_code == 200
    assert response.json()["institution_name"] == daerim.name
    assert_matches_schema(response, "PATCH", "/api/v1/people/{id}/")

    difficulty = DifficultyFactory(council=anyang, institution=daerim)
    path = f"/api/v1/difficulties/{difficulty.pk}/"
    response = api(alice).patch(path, {"title": "고친 제목"}, format="json")
    assert response.status_code == 200
    assert response.json()["assignee_name"] is None
    assert_matches_schema(response, "PATCH", "/api/v1/difficulties/{id}/")


def test_blank_choices_and_withheld_contacts_are_answered_as_the_schema_says(api, alice, bob, anyang, daerim):
    meeting = MeetingFactory(council=anyang, status=Meeting.Status.ANNOUNCED)
    item = AgendaItemFactory(meeting=meeting)
    response = api(alice).get(f"/api/v1/agenda-items/{item.pk}/")
    assert response.json()["decision"] == ""
    assert_matches_schema(response, "GET", "/api/v1/agenda-items/{id}/")

    difficulty = DifficultyFactory(council=anyang, institution=daerim)
    api(bob).post(f"/api/v1/difficulties/{difficulty.pk}/comment/", {"body": "보충합니다."}, format="json")
    response = api(alice).get(f"/api/v1/difficulties/{difficulty.pk}/")
    assert response.json()["events"][-1]["status_to"] == ""
    assert_matches_schema(response, "GET", "/api/v1/difficulties/{id}/")

    stranger = PersonFactory(email="someone@example.com", phone="02-123-4567")
    MembershipFactory(council=anyang, person=stranger, institution=None)
    response = api(bob).get(f"/api/v1/people/{stranger.pk}/")
    assert response.status_code == 200
    assert response.json()["email"] is None
    assert_matches_schema(response, "GET", "/api/v1/people/{id}/")
    request_body = published_schema()["components"]["schemas"]["PersonRequest"]["properties"]["email"]
    assert "nullable" not in request_body


def test_an_invitations_ballot_is_a_plain_list(api, bob, anyang, daerim):
    invitation = InvitationFactory(meeting__council=anyang, institution=daerim)
    response = api(bob).get(f"/api/v1/invitations/{invitation.pk}/ballot/")
    assert response.status_code == 200
    assert response.json() == []
    assert_matches_schema(response, "GET", "/api/v1/invitations/{id}/ballot/")


def test_the_published_document_is_generated_once_per_language(client, db, monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    from council.api.schema import PublishedSchemaGenerator

    # Generated again here; what is generated stays for the process's later tests, as in a server.
    PublishedSchemaGenerator._generated.clear()
    generated = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        generated.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    korean = [client.get("/api/schema/?format=json") for _ in range(2)]
    english = [client.get("/api/schema/?format=json&lang=en") for _ in range(2)]
    unknown = client.get("/api/schema/?format=json&lang=xx")

    assert generated == ["ko", "en"]
    assert korean[0].content == korean[1].content == unknown.content
    assert english[0].content == english[1].content != korean[0].content
    assert korean[0].json()["paths"].keys() == english[0].json()["paths"].keys()
    assert "/api/v1/meetings/{id}/announce/" in korean[0].json()["paths"]
    assert korean[0].json()["info"]["title"] == "협의회 포털 API"
    assert english[0].json()["info"]["title"] == "Council portal API"
