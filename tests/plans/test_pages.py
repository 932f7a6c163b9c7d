"""The plan pages as the secretariat, officials and institutions use them."""

from django.core.files.base import ContentFile
from django.urls import reverse

from plans.models import BudgetLine, Indicator, IndicatorActual, Plan, ProgressReport
from tests.plans.factories import ActionItemFactory, AgendaItemFactory, IndicatorFactory, MeetingFactory


def test_staff_add_a_plan_and_bad_input_is_explained_in_korean(login, dave, busan):
    client = login(dave)
    response = client.post(
        reverse("plan-create"),
        {
            "title": "새 계획",
            "start_year": "2027",
            "end_year": "2023",
            "stated_total": "-5",
            "cadence": "half_year",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "금액은 음수일 수 없습니다" in page
    assert not Plan.objects.exists()
    response = client.post(
        reverse("plan-create"),
        {
            "title": "제1차 지산학협력 종합계획 (2023~2027)",
            "vision": "지산학협력도시, 부산의 새로운 미래",
            "start_year": "2023",
            "end_year": "2027",
            "stated_total": "1,099,300,000,000원",
            "cadence": "half_year",
        },
    )
    plan = Plan.objects.get()
    assert response["Location"] == reverse("plan-detail", args=[plan.pk])
    assert plan.stated_total == 1_099_300_000_000 and plan.council == busan
    assert plan.history.count() == 1


def test_the_plan_page_flags_a_difference_from_the_stated_total(login, dave, busan_plan):
    page = login(dave).get(reverse("plan-detail", args=[busan_plan.plan.pk])).content.decode()
    assert "1,099,300,000,000원" in page and "3,000,000,000원" in page
    assert "총사업비와 차이" in page
    assert "1,096,300,000,000원 적습니다" in page


def test_user_text_is_escaped(login, dave, busan_plan):
    busan_plan.led.title = "<script>alert(1)</script>"
    busan_plan.led.save()
    page = login(dave).get(reverse("plan-detail", args=[busan_plan.plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_budget_grid_saves_and_reports_errors_without_saving(login, dave, busan_revision):
    busan_plan = busan_revision
    project = busan_plan.led
    url = reverse("project-budget", args=[project.pk])
    client = login(dave)
    response = client.post(url, {"planned_2023_city": "1,200,000,000", "planned_2024_national": "abc"})
    assert response.status_code == 200
    assert "원 단위 금액을 입력하세요" in response.content.decode()
    assert BudgetLine.objects.get(project=project, year=2023).planned == 1_000_000_000
    response = client.post(url, {"planned_2023_city": "1,200,000,000", "planned_2024_national": "500000000"})
    assert response.status_code == 302
    assert project.budget_lines.count() == 2


def test_staff_add_a_kpi_with_targets_and_a_repeated_name_is_refused_on_the_form(login, dave, busan_revision):
    busan_plan = busan_revision
    project = busan_plan.led
    url = reverse("indicator-create", args=[project.pk])
    client = login(dave)
    fields = {"name": "현장실습 참여 학생", "unit": "명", "baseline": "0", "order": "1", "target_2024": "120"}
    response = client.post(url, fields, follow=True)
    indicator = Indicator.objects.get(project=project)
    assert response.redirect_chain == [(project.get_absolute_url(), 302)]
    assert {target.year: target.value for target in indicator.targets.all()} == {2024: 120}
    assert "현장실습 참여 학생 (명)을(를) 저장했습니다." in response.content.decode()
    response = client.post(url, fields)
    assert response.status_code == 200
    assert "이 사업에 같은 이름의 성과지표가 이미 있습니다." in response.content.decode()
    assert Indicator.objects.filter(project=project).count() == 1


def test_evidence_downloads_only_for_overseers_and_the_projects_institutions(login, erin, fay, busan_plan):
    report = busan_plan.other_report
    ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.ACCEPTED)
    with_file = IndicatorActual.objects.create(
        report=report,
        indicator=IndicatorFactory(project=report.project, name="참여 기업"),
        value=3,
        evidence=ContentFile(b"%PDF-1.7", name="명단.pdf"),
        evidence_name="명단.pdf",
    )
    without_file = IndicatorActual.objects.create(
        report=report, indicator=IndicatorFactory(project=report.project, name="채용 인원"), value=1
    )
    assert login(fay).get(reverse("actual-evidence", args=[with_file.pk])).status_code == 200
    assert login(fay).get(reverse("actual-evidence", args=[without_file.pk])).status_code == 403
    # Erin sees the accepted report of a project her institution has no part in, but not its evidence.
    assert login(erin).get(reverse("report-detail", args=[report.pk])).status_code == 200
    assert login(erin).get(reverse("actual-evidence", args=[with_file.pk])).status_code == 403


def test_staff_record_the_approval_by_the_deciding_agenda_item(login, dave, busan):
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(council=busan)
    item = AgendaItemFactory(meeting=MeetingFactory(council=busan), title="제1차 종합계획 심의")
    client = login(dave)
    page = client.get(reverse("plan-approve", args=[plan.pk])).content.decode()
    assert "제1차 종합계획 심의" in page
    response = client.post(reverse("plan-approve", args=[plan.pk]), {"agenda_item": item.pk, "note": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.decided_by == item
    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "v1" in page and item.meeting.get_absolute_url() in page


def test_the_dashboard_drills_down_and_answers_htmx_with_the_board_only(login, fay, busan_plan):
    client = login(fay)
    url = reverse("plan-dashboard", args=[busan_plan.plan.pk])
    strategy = busan_plan.plan.strategies.get()
    page = client.get(url).content.decode()
    assert f"?strategy={strategy.pk}" in page and "plan-chart-data" in page
    task = busan_plan.plan.tasks.get()
    page = client.get(url, {"strategy": strategy.pk, "task": task.pk}).content.decode()
    assert reverse("project-detail", args=[busan_plan.led.pk]) in page
    partial = client.get(url, {"strategy": strategy.pk}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and 'id="plan-chart-data"' in partial
    assert f'<option value="{strategy.pk}" selected>' in page  # the filter shows what is chosen
    page = client.get(url, {"year": "1999"}).content.decode()
    assert "필터" in page  # ignored, and said so


def test_the_dashboard_says_what_it_did_not_understand_whether_cached_or_not(login, fay, busan_plan):
    client = login(fay)
    url = reverse("plan-dashboard", args=[busan_plan.plan.pk])
    strategy = busan_plan.plan.strategies.get()
    for _twice in range(2):  # the second answer comes from the cache, errors included
        page = client.get(url, {"year": "1999"}).content.decode()
        assert 'class="portal-errors"' in page
    page = client.get(url, {"strategy": "셋째", "utm": "x"}).content.decode()  # odd: worked out afresh
    assert 'class="portal-errors"' in page
    page = client.get(url, {"year": "", "strategy": strategy.pk, "task": ""}).content.decode()
    assert '<span class="portal-badge-count">1</span>' in page  # empty selects are not filters


def test_the_public_page_shows_progress_without_the_late_list(client, anyang_plan):
    page = client.get(reverse("plan-progress", args=[anyang_plan.pk])).content.decode()
    assert anyang_plan.title in page and "지연·정체 사업" not in page
    assert "chart.umd.min.js" in page and 'nonce="' in page


def test_the_project_page_lists_linked_actions_and_the_report_asks_to_answer_them(
    login, dave, erin, busan_plan
):
    from plans import services

    action = ActionItemFactory(
        meeting=MeetingFactory(council=busan_plan.plan.council), title="참여기업 확대 방안"
    )
    services.project_link_action(actor=dave, project=busan_plan.led, action_item=action)
    page = login(erin).get(reverse("project-detail", args=[busan_plan.led.pk])).content.decode()
    assert "참여기업 확대 방안" in page and action.get_absolute_url() in page
    form = login(erin).get(reverse("report-edit", args=[busan_plan.led_report.pk])).content.decode()
    assert "참여기업 확대 방안" in form and f'name="answer_{action.pk}"' in form


def test_the_lead_fills_in_and_submits_the_report(login, erin, busan_plan):
    report = busan_plan.led_report
    client = login(erin)
    response = client.post(
        reverse("report-edit", args=[report.pk]),
        {
            "narrative": "코업 1기 40명 참여",
            "percent_done": "20",
            f"exec_{busan_plan.led_line.pk}": "2,000,000,000",
            "submit": "1",
        },
    )
    assert response.status_code == 200  # over the plan: the form says so and nothing is submitted
    assert "계획액" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT
    response = client.post(
        reverse("report-edit", args=[report.pk]),
        {
            "narrative": "코업 1기 40명 참여",
            "percent_done": "20",
            f"exec_{busan_plan.led_line.pk}": "400,000,000",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


def test_the_institution_page_lists_the_projects_it_leads_or_joins(login, dave, busan_plan, pusan_univ):
    page = login(dave).get(reverse("institution-detail", args=[pusan_univ.pk])).content.decode()
    assert "워털루형 코업 프로그램" in page and "부산형 혁신공유대학" in page
    assert "대학 유휴부지 산학협력 허브" not in page


def test_home_panels_for_the_lead_and_the_official(login, erin, fay, busan_plan):
    assert "작성할 추진실적 보고" in login(erin).get("/").content.decode()
    report = busan_plan.led_report
    report.status = ProgressReport.Status.SUBMITTED
    report.save()
    page = login(fay).get("/").content.decode()
    assert "검토할 추진실적 보고" in page and "워털루형 코업 프로그램" in page


def test_the_menu_has_plans(login, erin, busan_plan):
    page = login(erin).get("/").content.decode()
    assert f'href="{reverse("plan-list")}"' in page
