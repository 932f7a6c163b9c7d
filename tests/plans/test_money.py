"""Totals are exact to the won above 10^12 (and above 2^53, where floats fail), summed in SQL, and
roll-ups follow the stated rules: progress weighted by planned budget, unknown is not 0 %."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from plans.models import FundingSource, ProgressReport
from plans.selectors.budgets import plan_totals, totals_by_source, totals_by_year
from plans.selectors.lists import plan_overview
from plans.selectors.progress import grouped_progress, last_due_rounds, scope_progress, scoped_projects
from plans.selectors.scope import Scope
from plans.selectors.summary import plan_summary
from tests.plans.factories import (
    BudgetLineFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    ReportFactory,
    RoundFactory,
    StrategyFactory,
)

BIG = 3_000_000_000_000_000_001  # 3 × 10^18 + 1: its sums exceed 2^53, where a float drops the last won


def test_sums_above_a_trillion_are_exact_to_the_won(busan):
    plan = PlanFactory(council=busan, stated_total=1_099_300_000_000)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    BudgetLineFactory(project=project, year=2023, source=FundingSource.NATIONAL, planned=BIG)
    BudgetLineFactory(project=project, year=2023, source=FundingSource.CITY, planned=BIG)
    BudgetLineFactory(project=project, year=2024, source=FundingSource.CITY, planned=1_099_300_000_001)
    totals = plan_totals(plan=plan)
    assert totals.planned == 2 * BIG + 1_099_300_000_001 == 6_000_001_099_300_000_003
    assert float(totals.planned) != totals.planned  # a float would already be wrong here
    assert {year: t.planned for year, t in totals_by_year(scope=Scope(plan=plan))}[2023] == 2 * BIG
    by_source = {code: t.planned for code, _label, t in totals_by_source(scope=Scope(plan=plan))}
    assert by_source == {"national": BIG, "city": BIG + 1_099_300_000_001}
    assert plan_overview(plan=plan).difference == 2 * BIG + 1


def test_the_summary_returns_exact_integers_and_decimal_rates(busan, api, dave):
    plan = PlanFactory(council=busan, stated_total=1_099_300_000_000)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    line = BudgetLineFactory(project=project, year=2023, planned=1_099_300_000_000)
    line.executed = 366_433_333_333
    line.save()
    data = api(dave).get(f"/api/v1/plans/{plan.pk}/summary/").json()
    assert data["totals"]["planned"] == 1_099_300_000_000
    assert data["totals"]["executed"] == 366_433_333_333
    assert data["totals"]["execution_rate"] == "0.333333"
    assert data["totals"]["difference_from_stated"] == 0
    assert data["by_year"][0] == {
        "year": 2023,
        "planned": 1_099_300_000_000,
        "executed": 366_433_333_333,
        "execution_rate": "0.333333",
    }
    summary = plan_summary(scope=Scope(plan=plan))
    assert summary["by_strategy"][0]["planned"] == 1_099_300_000_000


def test_execution_rate_is_a_decimal_of_two_sums(busan):
    plan = PlanFactory(council=busan)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    line = BudgetLineFactory(project=project, planned=3)
    line.executed = 1
    line.save()
    rate = plan_totals(plan=plan).execution_rate
    assert isinstance(rate, Decimal)
    assert rate == Decimal(1) / Decimal(3)
    empty = PlanFactory(council=busan)
    assert plan_totals(plan=empty).execution_rate is None  # nothing planned: unknown, not 0 %


def test_progress_is_weighted_by_planned_budget_and_unknown_is_left_out(busan):
    plan = PlanFactory(council=busan, approved=True)
    strategy = StrategyFactory(plan=plan)
    task = PlanTaskFactory(strategy=strategy)
    big = ProjectFactory(task=task)
    small = ProjectFactory(task=task)
    silent = ProjectFactory(task=task)
    BudgetLineFactory(project=big, planned=3_000_000_000_000)
    BudgetLineFactory(project=small, planned=1_000_000_000_000)
    BudgetLineFactory(project=silent, planned=4_000_000_000_000)
    round_ = RoundFactory(plan=plan)
    ReportFactory(round=round_, project=big, status=ProgressReport.Status.ACCEPTED, percent_done=20)
    ReportFactory(round=round_, project=small, status=ProgressReport.Status.ACCEPTED, percent_done=60)
    # A submitted but unaccepted report does not count: the project is still unknown.
    ReportFactory(round=round_, project=silent, status=ProgressReport.Status.SUBMITTED, percent_done=90)
    scope = Scope(plan=plan)
    progress = scope_progress(scope=scope, rounds=[])
    assert progress.value == Decimal("0.3")  # (20 × 3 + 60 × 1) / 4, not counting the silent 4 trillion
    assert progress.coverage == Decimal("0.5")
    assert progress.known == 2 and progress.projects == 3
    assert grouped_progress(scope=scope, field="task_id", rounds=[])[task.pk].value == Decimal("0.3")


def test_a_group_with_no_accepted_report_has_unknown_progress(busan):
    plan = PlanFactory(council=busan, approved=True)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    BudgetLineFactory(project=project)
    progress = scope_progress(scope=Scope(plan=plan), rounds=[])
    assert progress.value is None
    assert progress.coverage == 0


def test_the_latest_accepted_report_gives_a_projects_progress(busan):
    plan = PlanFactory(council=busan, approved=True)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    BudgetLineFactory(project=project)
    first = RoundFactory(plan=plan, year=2023, period=1)
    second = RoundFactory(
        plan=plan, year=2023, period=2, starts_on=date(2023, 7, 1), ends_on=date(2023, 12, 31)
    )
    ReportFactory(round=second, project=project, status=ProgressReport.Status.ACCEPTED, percent_done=35)
    ReportFactory(round=first, project=project, status=ProgressReport.Status.ACCEPTED, percent_done=15)
    assert scope_progress(scope=Scope(plan=plan), rounds=[]).value == Decimal("0.35")


def test_late_and_stalled_projects_follow_their_definitions(busan):
    today = timezone.localdate()
    plan = PlanFactory(council=busan, approved=True, start_year=today.year - 2, end_year=today.year + 2)
    task = PlanTaskFactory(strategy=StrategyFactory(plan=plan))
    start = date(today.year - 2, 1, 1)
    late = ProjectFactory(task=task, start_on=start, end_on=today - timedelta(days=1))
    done = ProjectFactory(task=task, start_on=start, end_on=today - timedelta(days=1), status="completed")
    stalled = ProjectFactory(task=task, start_on=start, end_on=date(today.year + 2, 12, 31))
    fine = ProjectFactory(task=task, start_on=start, end_on=date(today.year + 2, 12, 31))
    older = RoundFactory(plan=plan, year=today.year - 2, due_on=today - timedelta(days=200))
    last = RoundFactory(plan=plan, year=today.year - 1, due_on=today - timedelta(days=20))
    RoundFactory(plan=plan, year=today.year, due_on=today + timedelta(days=20))  # not due yet
    for round_ in (older, last):
        ReportFactory(round=round_, project=stalled, status=ProgressReport.Status.SUBMITTED)
    ReportFactory(round=last, project=fine, status=ProgressReport.Status.ACCEPTED, percent_done=50)
    scope = Scope(plan=plan)
    rounds = last_due_rounds(scope=scope)
    assert rounds == [last.pk, older.pk]
    projects = {
        project.pk: (project.is_late_flag, project.is_stalled_flag)
        for project in scoped_projects(scope=scope, rounds=rounds)
    }
    assert projects[late.pk] == (True, False)
    assert projects[done.pk] == (False, False)
    assert projects[stalled.pk] == (False, True)
    assert projects[fine.pk] == (False, False)
    progress = scope_progress(scope=scope, rounds=rounds)
    assert (progress.late, progress.stalled) == (1, 1)


def test_the_summary_compares_with_the_stated_total_only_for_the_whole_plan(busan, api, dave, login):
    """The stated total is the whole plan's: one year or one strategy is not compared with it."""
    plan = PlanFactory(council=busan, stated_total=3_000_000_000)
    strategy = StrategyFactory(plan=plan)
    project = ProjectFactory(task=PlanTaskFactory(strategy=strategy))
    BudgetLineFactory(project=project, year=2023, planned=1_000_000_000)
    BudgetLineFactory(project=project, year=2024, planned=1_500_000_000)
    client = api(dave)
    whole = client.get(f"/api/v1/plans/{plan.pk}/summary/").json()
    assert whole["totals"]["difference_from_stated"] == -500_000_000
    for query in ("year=2024", f"strategy={strategy.pk}", f"lead={project.lead_institution_id}"):
        narrowed = client.get(f"/api/v1/plans/{plan.pk}/summary/?{query}").json()
        assert narrowed["totals"]["difference_from_stated"] is None, query
    dashboard = reverse("plan-dashboard", args=[plan.pk])
    pages = login(dave)
    assert "총사업비와 차이" in pages.get(dashboard).content.decode()
    assert "총사업비와 차이" not in pages.get(dashboard + "?year=2024").content.decode()


def test_a_rounded_short_total_says_so_and_shows_the_exact_won_on_hover(busan, login, dave):
    plan = PlanFactory(council=busan, stated_total=1_099_999_999_999)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    BudgetLineFactory(project=project, year=2024, planned=1_099_999_999_999)
    page = login(dave).get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "약 1조 999억 원" in page
    assert 'title="1,099,999,999,999원"' in page and 'value="1099999999999"' in page
