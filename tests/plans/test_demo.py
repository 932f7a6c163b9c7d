"""The demo holds Busan's 1st comprehensive plan and Incheon's project as the reports tell them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Sum

from meetings.models import AgendaItem, Meeting
from plans.models import BudgetLine, Plan, PlanVersion, Project
from plans.selectors.lists import plan_overview


def test_demo_holds_the_plans_of_the_reports(demo, db):
    busan = Plan.objects.get(council__slug="busan")
    assert busan.title == "제1차 지산학협력 종합계획 (2023~2027)"
    assert busan.vision == "지산학협력도시, 부산의 새로운 미래"
    assert (busan.start_year, busan.end_year, busan.stated_total) == (2023, 2027, 1_099_300_000_000)
    tasks = dict(busan.strategies.annotate(n=Count("tasks")).values_list("code", "n"))
    assert tasks == {"1": 6, "2": 4, "3": 5, "4": 5}
    projects = dict(busan.projects.values_list("task__strategy__code").annotate(n=Count("id")).order_by())
    assert projects == {"1": 28, "2": 25, "3": 24, "4": 20} and sum(projects.values()) == 97
    named = set(busan.projects.filter(is_example=False).values_list("title", flat=True))
    assert {"워털루형 코업 프로그램", "BB21 플러스", "ICT 연구센터", "부산형 미래일자리"} <= named
    assert busan.projects.filter(is_example=True).count() > 0 and "예시" in busan.figures_note
    by_strategy = dict(
        BudgetLine.objects.filter(project__plan=busan)
        .values_list("project__task__strategy__code")
        .annotate(total=Sum("planned"))
        .order_by()
    )
    # The strategies' public totals: 592억, 1,784억, 2,045억 and 6,572억 원.
    assert by_strategy == {
        "1": 59_200_000_000,
        "2": 178_400_000_000,
        "3": 204_500_000_000,
        "4": 657_200_000_000,
    }

    meeting = Meeting.objects.get(council__slug="busan", year=2023, number=1)
    assert meeting.starts_at == datetime(2023, 3, 30, 15, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    assert "7층" in meeting.venue and meeting.chair.name == "박형준"
    item = meeting.agenda_items.get(kind=AgendaItem.Kind.DELIBERATION)
    assert item.decision == AgendaItem.Decision.APPROVED
    assert busan.status == Plan.Status.APPROVED and busan.decided_by == item
    assert PlanVersion.objects.get(plan=busan).agenda_item == item

    overview = plan_overview(plan=busan)
    assert overview.totals.planned == busan.stated_total == 1_099_300_000_000
    assert overview.difference == 0, "the budget lines add up to the stated total"
    statuses = set(busan.rounds.values_list("reports__status", flat=True))
    assert {"accepted", "submitted", "returned", "draft"} <= statuses
    # The plan's fourth year: reports through 2026 H1 are in, so most of 2023–2025 is executed.
    assert busan.rounds.count() == 8
    assert 0.5 < overview.totals.executed / overview.totals.planned < 0.8

    incheon = Project.objects.get(title="스마트제조 고급인력 양성사업")
    assert (incheon.start_on, incheon.end_on) == (date(2021, 6, 1), date(2022, 12, 31))
    assert incheon.lead_institution.name == "인하대학교 산학협력단"
    assert set(incheon.participations.values_list("institution__name", flat=True)) == {
        "인천대학교 산학협력단",
        "한국폴리텍Ⅱ대학",
    }
    assert incheon.plan.council.slug == "incheon-smart"
    assert incheon.reports.filter(status="accepted").count() == 3
    assert plan_overview(plan=incheon.plan).totals.executed == plan_overview(plan=incheon.plan).totals.planned


def test_the_demo_links_incheons_project_to_its_agreement(demo, db):
    from members.models import Agreement

    project = Project.objects.get(plan__council__slug="incheon-smart", code="1-1-01")
    agreement = Agreement.objects.get(council__slug="incheon-smart")
    assert list(project.agreements.all()) == [agreement]
