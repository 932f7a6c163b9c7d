"""The dashboard, the summary and the lists run the same number of queries for 10 and 1,000 projects."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.history import planner_statistics_refresh
from council.permissions import forget_access
from meetings.models import AgendaItem
from members.models import Institution
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Plan,
    PlanTask,
    PlanVersion,
    ProgressReport,
    Project,
    ReportingRound,
    Strategy,
)
from plans.services.figures import plan_figures_changed
from tests.plans.factories import AgendaItemFactory, MeetingFactory, PlanFactory


def grow(plan, size: int, leads: list[Institution]) -> None:
    """Add projects (with lines in three sources over five years, reports and KPIs) up to `size`."""
    strategies = list(plan.strategies.all()) or Strategy.objects.bulk_create(
        [Strategy(plan=plan, code=str(n), title=f"전략 {n}", order=n) for n in range(1, 5)]
    )
    tasks = list(plan.tasks.all()) or PlanTask.objects.bulk_create(
        [
            PlanTask(
                plan=plan, strategy=strategies[n % 4], code=f"{n % 4 + 1}-{n}", title=f"과제 {n}", order=n
            )
            for n in range(20)
        ]
    )
    rounds = list(plan.rounds.order_by("starts_on"))
    start = plan.projects.count()
    projects = Project.objects.bulk_create(
        [
            Project(
                plan=plan,
                task=tasks[n % len(tasks)],
                code=f"P{n:05d}",
                title=f"사업 {n}",
                lead_institution=leads[n % len(leads)],
                start_on=date(2023, 1, 1),
                end_on=date(2024, 12, 31) if n % 7 == 0 else date(2027, 12, 31),
                status=Project.Status.IN_PROGRESS,
            )
            for n in range(start, size)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                project=project, year=year, source=source, planned=1_000_000_000 + project.pk, executed=n
            )
            for n, project in enumerate(projects)
            for year in range(2023, 2028)
            for source in (FundingSource.NATIONAL, FundingSource.CITY, FundingSource.PRIVATE)
        ],
        batch_size=2000,
    )
    reports = ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                round=round_,
                project=project,
                status=ProgressReport.Status.ACCEPTED if n % 3 else ProgressReport.Status.SUBMITTED,
                percent_done=n % 101,
            )
            for n, project in enumerate(projects)
            for round_ in rounds
        ],
        batch_size=2000,
    )
    indicators = Indicator.objects.bulk_create(
        [Indicator(project=project, name="수료 인원", unit="명") for project in projects]
    )
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(indicator=i, year=2023, value=100) for i in indicators]
    )
    by_project = {report.project_id: report for report in reports if report.status == "accepted"}
    IndicatorActual.objects.bulk_create(
        [
            IndicatorActual(report=by_project[i.project_id], indicator=i, value=90 + i.pk % 20)
            for i in indicators
            if i.project_id in by_project
        ]
    )
    # As bulk_create_recorded does for an import, and autovacuum for any database in use: planned for
    # the empty tables it last sampled, PostgreSQL took minutes over a plan of 1,000 projects.
    planner_statistics_refresh(
        Project, BudgetLine, ProgressReport, Indicator, IndicatorTarget, IndicatorActual
    )
    plan_figures_changed(plan_ids=[plan.pk])  # written here behind the services' back


@pytest.fixture
def big_plan(busan, pusan_univ, dong_a):
    plan = PlanFactory(council=busan, approved=True)
    for period, due in ((1, date(2023, 7, 15)), (2, date(2024, 1, 15))):
        ReportingRound.objects.create(
            plan=plan,
            cadence="half_year",
            year=2023,
            period=period,
            starts_on=date(2023, 1 if period == 1 else 7, 1),
            ends_on=date(2023, 6, 30) if period == 1 else date(2023, 12, 31),
            due_on=due,
        )
    leads = [pusan_univ, dong_a]
    return plan, leads


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _urls(plan) -> list[str]:
    strategy = plan.strategies.order_by("id").first()
    task = plan.tasks.filter(strategy=strategy).order_by("id").first()
    dashboard = reverse("plan-dashboard", args=[plan.pk])
    lead = plan.projects.order_by("id").first().lead_institution_id
    return [
        dashboard,
        f"{dashboard}?year=2024&lead={lead}",
        f"{dashboard}?strategy={strategy.pk}",
        f"{dashboard}?strategy={strategy.pk}&task={task.pk}",
        f"/api/v1/plans/{plan.pk}/summary/",
        f"/api/v1/plans/{plan.pk}/summary/?year=2023&strategy={strategy.pk}",
        reverse("plan-detail", args=[plan.pk]),
        reverse("plan-list"),
        reverse("project-list") + f"?plan={plan.pk}",
        reverse("report-list") + f"?plan={plan.pk}",
        f"/api/v1/projects/?plan={plan.pk}&page_size=100",
        f"/api/v1/progress-reports/?plan={plan.pk}&page_size=100",
        f"/api/v1/budget-lines/?plan={plan.pk}&page_size=100",
        "/",
    ]


# Pages and API lists once their plan's figures are cached (see plans.selectors.figures).
BUDGETS = {"dashboard": 12, "summary": 12, "home": 10, "list": 10}


def _budget(url: str) -> int:
    if "/dashboard/" in url:
        return BUDGETS["dashboard"]
    if "/summary/" in url:
        return BUDGETS["summary"]
    return BUDGETS["home"] if url == "/" else BUDGETS["list"]


def test_dashboard_summary_and_lists_run_a_fixed_number_of_queries(login, api, fay, big_plan):
    plan, leads = big_plan
    grow(plan, 10, leads)
    page_client, api_client = login(fay), api(fay)
    urls = _urls(plan)

    def counts() -> tuple[dict[str, int], dict[str, int]]:
        """Each URL computing its figures, then reading them from the cache."""
        cache.clear()
        computing, cached = {}, {}
        for measured in (computing, cached):
            for url in urls:
                forget_access(fay)  # the API client reuses one user object, which caches its roles
                measured[url] = _count(api_client if url.startswith("/api/") else page_client, url)
        return computing, cached

    small = counts()
    grow(plan, 1000, leads)
    assert plan.projects.count() == 1000
    assert BudgetLine.objects.filter(project__plan=plan).count() == 15000
    large = counts()
    assert large == small
    over = {url: count for url, count in small[1].items() if count > _budget(url)}
    assert over == {}, f"over budget: {over}"


def _decided(council, count: int) -> list[AgendaItem]:
    """Deliberation items that approved something, each at its own meeting of the council."""
    return [AgendaItemFactory(meeting=MeetingFactory(council=council)) for _ in range(count)]


def test_pages_and_api_naming_deciding_meetings_run_a_fixed_number_of_queries(login, api, dave, busan):
    """Plans, versions and the approve/revise form name each meeting with its council's short name."""
    draft = PlanFactory(council=busan, title="초안 계획")
    approved = PlanFactory(council=busan, approved=True, title="확정 계획")

    def add_plans(count: int) -> None:
        for item in _decided(busan, count):
            PlanFactory(council=busan, approved=True, decided_by=item)

    def add_versions(count: int) -> None:
        start = approved.versions.count() + 1
        for number, item in enumerate(_decided(busan, count), start=start):
            PlanVersion.objects.create(
                plan=approved,
                number=number,
                status=Plan.Status.REVISED,
                agenda_item=item,
                stated_total=approved.stated_total,
                planned_total=0,
                executed_total=0,
                strategy_count=0,
                task_count=0,
                project_count=0,
            )

    page_client, api_client = login(dave), api(dave)
    urls = [
        "/api/v1/plans/",
        reverse("plan-detail", args=[approved.pk]),
        reverse("plan-approve", args=[draft.pk]),
        reverse("plan-revise", args=[approved.pk]),
    ]

    def counts() -> list[int]:
        cache.clear()  # each count computes the plan's figures
        measured = []
        for url in urls:
            forget_access(dave)
            measured.append(_count(api_client if url.startswith("/api/") else page_client, url))
        return measured

    add_plans(1)
    add_versions(1)
    small = counts()
    add_plans(5)
    add_versions(4)
    large = counts()
    assert api_client.get("/api/v1/plans/").json()["count"] == 8
    assert dict(zip(urls, large, strict=True)) == dict(zip(urls, small, strict=True))


def test_plan_pages_load_the_plan_without_the_lists_sums(login, dave, busan_plan):
    """The list's planned, executed and project-count subqueries are for the list, not each plan page."""
    plan = busan_plan.plan
    client = login(dave)
    for name in ("plan-detail", "plan-update", "plan-revise", "strategy-create", "plan-task-create"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[plan.pk])).status_code == 200, name
        summed = [
            query["sql"]
            for query in queries
            if query["sql"].startswith('SELECT "plans_plan"."id"') and 'AS "planned_total"' in query["sql"]
        ]
        assert not summed, name
