"""The API calls the same services as the pages: writes are checked and validated the same way."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import BudgetLine, Plan, ProgressReport, Project
from tests.members.factories import InstitutionFactory, MembershipFactory
from tests.plans.factories import AgendaItemFactory, MeetingFactory, PlanFactory
from tests.plans.test_imports import HEADER, good_rows, xlsx


def test_staff_build_a_plan_through_the_api(api, dave, busan, pusan_univ):
    client = api(dave)
    plan = client.post(
        "/api/v1/plans/",
        {
            "council": busan.pk,
            "title": "제1차 지산학협력 종합계획 (2023~2027)",
            "vision": "지산학협력도시, 부산의 새로운 미래",
            "start_year": 2023,
            "end_year": 2027,
            "stated_total": 1_099_300_000_000,
        },
        format="json",
    )
    assert plan.status_code == 201, plan.content
    plan_id = plan.json()["id"]
    strategy = client.post(
        "/api/v1/strategies/",
        {"plan": plan_id, "code": "1", "title": "지산학협력 지원체계 구축"},
        format="json",
    ).json()
    task = client.post(
        "/api/v1/plan-tasks/",
        {"strategy": strategy["id"], "code": "1-1", "title": "센터 기능 강화"},
        format="json",
    ).json()
    assert task["plan"] == plan_id
    project = client.post(
        "/api/v1/projects/",
        {
            "task": task["id"],
            "code": "1-1-01",
            "title": "지산학협력센터 기능·인력 확대",
            "lead_institution": pusan_univ.pk,
            "start_on": "2023-01-01",
            "end_on": "2027-12-31",
        },
        format="json",
    )
    assert project.status_code == 201, project.content
    line = client.post(
        "/api/v1/budget-lines/",
        {"project": project.json()["id"], "year": 2023, "source": "city", "planned": 1_099_300_000_000},
        format="json",
    )
    assert line.status_code == 201 and line.json()["executed"] == 0
    indicator = client.post(
        "/api/v1/indicators/",
        {
            "project": project.json()["id"],
            "name": "참여 기업",
            "unit": "개",
            "targets": {"2023": "30", "2024": "60"},
        },
        format="json",
    )
    assert indicator.json()["targets"] == {"2023": "30.00", "2024": "60.00"}
    detail = client.get(f"/api/v1/plans/{plan_id}/").json()
    assert detail["planned_total"] == 1_099_300_000_000 and detail["project_count"] == 1


def test_bad_input_answers_400_with_field_errors_and_changes_nothing(api, dave, busan_revision):
    busan_plan = busan_revision
    client = api(dave)
    project = busan_plan.led
    response = client.post(
        "/api/v1/budget-lines/",
        {"project": project.pk, "year": 2031, "source": "city", "planned": 5},
        format="json",
    )
    assert response.status_code == 400 and "year" in response.json()
    assert (
        client.post(
            "/api/v1/budget-lines/",
            {"project": project.pk, "year": 2024, "source": "lottery", "planned": 5},
            format="json",
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/budget-lines/",
            {"project": project.pk, "year": 2024, "source": "city", "planned": -5},
            format="json",
        ).status_code
        == 400
    )
    duplicate = client.post(
        "/api/v1/budget-lines/",
        {"project": project.pk, "year": 2023, "source": "city", "planned": 5},
        format="json",
    )
    assert duplicate.status_code == 400
    assert "이미" in str(duplicate.json())
    response = client.patch(f"/api/v1/plans/{busan_plan.plan.pk}/", {"end_year": 2020}, format="json")
    assert response.status_code == 400 and "end_year" in response.json()
    assert BudgetLine.objects.filter(project=project).count() == 1
    assert Plan.objects.get(pk=busan_plan.plan.pk).end_year == 2027
    response = client.patch(f"/api/v1/budget-lines/{busan_plan.led_line.pk}/", {"executed": 5}, format="json")
    assert response.status_code == 200 and response.json()["executed"] == 0  # read-only: only reports set it


def test_a_report_goes_round_trip_through_the_api(api, erin, fay, dave, busan_plan):
    report = busan_plan.led_report
    url = f"/api/v1/progress-reports/{report.pk}/"
    response = api(erin).patch(
        url,
        {
            "narrative": "코업 1기 운영",
            "percent_done": 25,
            "executions": [{"budget_line": busan_plan.led_line.pk, "amount": 250_000_000}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["executions"] == [{"budget_line": busan_plan.led_line.pk, "amount": 250_000_000}]
    assert api(erin).post(f"{url}submit/").json()["status"] == "submitted"
    assert api(erin).patch(url, {"percent_done": 30}, format="json").status_code == 400  # waiting for review
    accepted = api(fay).post(f"{url}accept/", {"comment": "확인"}, format="json")
    assert accepted.json()["status"] == "accepted"
    busan_plan.led_line.refresh_from_db()
    assert busan_plan.led_line.executed == 250_000_000
    frozen = api(erin).patch(url, {"percent_done": 99}, format="json")
    assert frozen.status_code == 400
    assert "동결" in str(frozen.json())
    assert api(dave).post(f"{url}reopen/", {"reason": "정정"}, format="json").json()["status"] == "returned"
    assert ProgressReport.objects.get(pk=report.pk).percent_done == 25


def test_approval_through_the_api_needs_a_deciding_item_of_the_council(api, dave, busan, anyang):
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(council=busan)
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(council=anyang))
    response = api(dave).post(
        f"/api/v1/plans/{plan.pk}/approve/", {"agenda_item": elsewhere.pk}, format="json"
    )
    assert response.status_code == 400 and "agenda_item" in response.json()
    item = AgendaItemFactory(meeting=MeetingFactory(council=busan))
    response = api(dave).post(f"/api/v1/plans/{plan.pk}/approve/", {"agenda_item": item.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"


def test_summary_filters_are_validated(api, dave, busan_plan):
    client = api(dave)
    url = f"/api/v1/plans/{busan_plan.plan.pk}/summary/"
    assert client.get(url, {"year": 2031}).status_code == 400
    assert client.get(url, {"strategy": 999999}).status_code == 400
    data = client.get(url, {"lead": busan_plan.led.lead_institution_id}).json()
    assert data["totals"]["planned"] == 1_000_000_000
    assert data["progress"]["projects"] == 1


def test_project_filters_are_shared_with_the_page(api, login, dave, busan_plan, pusan_univ):
    api_codes = {
        row["code"]
        for row in api(dave).get("/api/v1/projects/", {"institution": pusan_univ.pk}).json()["results"]
    }
    assert api_codes == {"1-1-01", "1-1-02"}
    page = login(dave).get("/projects/", {"institution": pusan_univ.pk}).content.decode()
    assert "워털루형 코업 프로그램" in page and "대학 유휴부지 산학협력 허브" not in page
    assert Project.objects.count() == 3


def test_a_project_is_led_and_joined_by_active_institutions_of_the_directory(
    api, login, dave, busan, busan_revision, daerim, import_file
):
    busan_plan = busan_revision
    """The pages, the API, imports and the services offer and accept the same institutions: active
    ones the user sees in the directory. Daerim is Anyang's; the closed one left Busan's directory."""
    closed = InstitutionFactory(name="폐업한 기업연구소", is_active=False)
    MembershipFactory(council=busan, institution=closed)
    empty = PlanFactory(council=busan)
    client = api(dave)
    for institution in (closed, daerim):
        response = client.post(
            "/api/v1/projects/",
            {
                "task": busan_plan.led.task_id,
                "code": f"9-9-{institution.pk}",
                "title": "새 사업",
                "lead_institution": institution.pk,
                "start_on": "2023-01-01",
                "end_on": "2024-12-31",
            },
            format="json",
        )
        assert response.status_code == 400 and "lead_institution" in response.json(), institution.name
        response = client.patch(
            f"/api/v1/projects/{busan_plan.other.pk}/", {"lead_institution": institution.pk}, format="json"
        )
        assert response.status_code == 400 and "lead_institution" in response.json(), institution.name
        with pytest.raises(ValidationError) as error:
            services.participation_create(
                actor=dave, project=busan_plan.led, institution=institution, share=10
            )
        assert "institution" in error.value.message_dict
        upload = xlsx([HEADER, *good_rows(institution.name)])
        page = import_file(login(dave), reverse("plan-import", args=[empty.pk]), upload)
        assert page.status_code == 200, institution.name  # the rows come back with their errors
        assert {error.column for error in page.context["errors"]} == {"주관기관"}, institution.name
    assert not Project.objects.filter(code__startswith="9-9-").exists()
    assert not empty.projects.exists()
    assert not busan_plan.led.participations.exists()
    # A lead that has since closed stays while other details change.
    busan_plan.other.lead_institution.is_active = False
    busan_plan.other.lead_institution.save()
    response = client.patch(
        f"/api/v1/projects/{busan_plan.other.pk}/", {"title": "이름만 바꿈"}, format="json"
    )
    assert response.status_code == 200, response.content


def test_approval_through_the_api_does_not_tell_another_councils_items_from_unknown_ones(
    api, dave, busan, anyang
):
    plan = PlanFactory(council=busan)
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(council=anyang))
    client = api(dave)
    url = f"/api/v1/plans/{plan.pk}/approve/"
    other = client.post(url, {"agenda_item": elsewhere.pk}, format="json")
    unknown = client.post(url, {"agenda_item": elsewhere.pk + 1000}, format="json")
    assert other.status_code == unknown.status_code == 400
    assert other.json() == unknown.json()
