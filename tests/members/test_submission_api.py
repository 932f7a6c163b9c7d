"""The submissions API follows the pages' rules: same services, same filters, 400 with field errors."""

from datetime import timedelta

from django.utils import timezone

from members.models import BestPractice, Difficulty
from tests.members.factories import BestPracticeFactory, DifficultyFactory


def _practice(council, institution, **changes):
    data = {
        "council": council.pk,
        "institution": institution.pk,
        "title": "공동 단기 집중 프로그램",
        "category": "employment",
        "summary": "요약",
        "problem": "문제",
        "actions": "한 일",
        "results": "결과",
        "figures": [{"label": "취업 연계", "value": "12", "unit": "명"}],
    }
    data.update(changes)
    return data


def test_a_practice_goes_from_draft_to_published_through_the_api(api, alice, bob, anyang, daerim):
    response = api(bob).post("/api/v1/best-practices/", _practice(anyang, daerim), format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert response.json()["figures"] == [{"label": "취업 연계", "value": "12.00", "unit": "명"}]
    assert api(bob).post(f"/api/v1/best-practices/{pk}/submit/").json()["status"] == "submitted"
    response = api(alice).post(f"/api/v1/best-practices/{pk}/review/", {"decision": "return"}, format="json")
    assert response.status_code == 400 and "comment" in response.json()
    response = api(alice).post(f"/api/v1/best-practices/{pk}/review/", {"decision": "publish"}, format="json")
    assert response.json()["status"] == "published"


def test_missing_fields_answer_400_in_korean_and_english(api, bob, anyang, daerim):
    response = api(bob).post(
        "/api/v1/best-practices/", _practice(anyang, daerim, title="", results=None), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"title", "results"}
    assert response.json()["title"] == ["이 항목을 입력하세요."]
    client = api(bob)
    client.cookies["django_language"] = "en"
    response = client.post("/api/v1/best-practices/", _practice(anyang, daerim, title=""), format="json")
    assert response.json()["title"] == ["This field may not be blank."]
    assert not BestPractice.objects.exists()


def test_a_bad_figure_answers_400_and_saves_nothing(api, bob, anyang, daerim):
    response = api(bob).post(
        "/api/v1/best-practices/",
        _practice(anyang, daerim, figures=[{"label": "수치", "value": "많음", "unit": ""}]),
        format="json",
    )
    assert response.status_code == 400 and "figures" in response.json()
    assert not BestPractice.objects.exists()


def test_uploads_through_the_api_are_checked(api, bob, anyang, daerim, pdf):
    practice = BestPracticeFactory(council=anyang, institution=daerim)
    url = f"/api/v1/best-practices/{practice.pk}/documents/"
    response = api(bob).post(url, {"file": pdf("fake.pdf", b"<html>")}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    response = api(bob).post(url, {"file": pdf("real.pdf")}, format="multipart")
    assert response.status_code == 200
    assert [d["name"] for d in response.json()["documents"]] == ["real.pdf"]
    assert response.json()["documents"][0]["url"].endswith(
        f"/practices/{practice.pk}/documents/{practice.documents.get().pk}/"
    )


def test_a_difficulty_is_raised_assigned_answered_and_resolved_through_the_api(
    api, alice, bob, olivia, anyang, daerim, office
):
    response = api(bob).post(
        "/api/v1/difficulties/",
        {
            "council": anyang.pk,
            "institution": daerim.pk,
            "kind": "difficulty",
            "category": "work_study",
            "title": "일학습병행 운영",
            "description": "참여 기업이 부족합니다.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    data = (
        api(alice)
        .post(f"/api/v1/difficulties/{pk}/assign/", {"assignee": office.pk, "answer_due": due}, format="json")
        .json()
    )
    assert data["status"] == "in_review" and data["assignee_name"] == office.name
    data = (
        api(olivia)
        .post(f"/api/v1/difficulties/{pk}/answer/", {"body": "협의회를 열겠습니다."}, format="json")
        .json()
    )
    assert data["status"] == "answered"
    assert [event["kind"] for event in data["events"]] == ["raised", "assigned", "answer"]
    assert data["events"][-1]["on_behalf_of"] == office.name
    response = api(olivia).post(f"/api/v1/difficulties/{pk}/status/", {"status": "resolved"}, format="json")
    assert response.status_code == 403  # only the raising institution or the secretariat settle it
    data = api(bob).post(f"/api/v1/difficulties/{pk}/status/", {"status": "resolved"}, format="json").json()
    assert data["status"] == "resolved"


def test_status_changes_the_rules_refuse_answer_400(api, alice, anyang, daerim):
    difficulty = DifficultyFactory(council=anyang, institution=daerim)
    response = api(alice).post(
        f"/api/v1/difficulties/{difficulty.pk}/status/", {"status": "answered"}, format="json"
    )
    assert response.status_code == 400 and "status" in response.json()
    response = api(alice).post(
        f"/api/v1/difficulties/{difficulty.pk}/status/", {"status": "closed"}, format="json"
    )
    assert response.status_code == 400 and "reason" in response.json()
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.RECEIVED


def test_api_filters_are_the_pages_filters(api, alice, anyang, daerim, office):
    DifficultyFactory(council=anyang, institution=daerim, status="resolved", title="해결된 건")
    DifficultyFactory(
        council=anyang,
        institution=daerim,
        status="in_review",
        assignee=office,
        answer_due=timezone.localdate() - timedelta(days=1),
        title="늦은 건",
    )

    def titles(params):
        return [row["title"] for row in api(alice).get("/api/v1/difficulties/", params).json()["results"]]

    assert titles({"overdue": "true"}) == ["늦은 건"]
    assert titles({"status": "resolved"}) == ["해결된 건"]
    assert titles({"assignee": office.pk}) == ["늦은 건"]
    assert api(alice).get("/api/v1/difficulties/", {"status": "nonsense"}).status_code == 400


def test_the_schema_documents_the_submission_resources(client, db):
    body = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/best-practices/",
        "/api/v1/best-practices/{id}/review/",
        "/api/v1/difficulties/",
        "/api/v1/difficulties/{id}/assign/",
        "/api/v1/difficulties/figures/",
        "/api/v1/agreements/",
    ):
        assert path in body, path
