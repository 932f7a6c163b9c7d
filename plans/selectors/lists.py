"""Lists and detail pages of plans, projects, rounds and reports, with their joins and sums.

Every function runs a fixed number of queries whatever the plan's size.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from council.permissions import AnyUser
from meetings.models import AgendaItem
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Participation,
    Plan,
    PlanTask,
    PlanVersion,
    ProgressReport,
    Project,
    ReportExecution,
    ReportingRound,
    Strategy,
)
from plans.permissions import plans_visible_to, projects_visible_to, reports_visible_to
from plans.selectors.budgets import Totals, grouped_totals, lines_sum, money, project_money, scope_totals
from plans.selectors.figures import figures_cached
from plans.selectors.progress import (
    Progress,
    grouped_progress,
    last_due_rounds,
    latest_percent,
    scope_progress,
)
from plans.selectors.scope import Scope

# Plans


def plan_list(*, user: AnyUser) -> QuerySet[Plan]:
    """Plans the user may see, with their planned and executed totals and project counts."""
    projects = (
        Project.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        plans_visible_to(user)
        .select_related("council", "decided_by__meeting__council")
        .annotate(
            planned_total=lines_sum("planned", of="project__plan"),
            executed_total=lines_sum("executed", of="project__plan"),
            project_count=Coalesce(Subquery(projects), Value(0)),
        )
        .order_by("-start_year", "council__name", "title")
    )


def plan_detail_queryset(*, user: AnyUser) -> QuerySet[Plan]:
    """Plans the user may see, for a plan's own pages: without the list's sums, which they do not show."""
    return plans_visible_to(user).select_related("council", "decided_by__meeting__council")


@dataclass
class TaskNode:
    task: PlanTask
    totals: Totals
    progress: Progress
    projects: list[Project] = field(default_factory=list)


@dataclass
class StrategyNode:
    strategy: Strategy
    totals: Totals
    progress: Progress
    tasks: list[TaskNode] = field(default_factory=list)


def plan_tree(*, plan: Plan) -> list[StrategyNode]:
    """Strategies, their tasks and their projects with planned and executed sums and weighted progress,
    cached with the plan's other figures."""
    return figures_cached(plan=plan, part="tree", scope=Scope(plan=plan), compute=lambda: _tree(plan))


def _tree(plan: Plan) -> list[StrategyNode]:
    scope = Scope(plan=plan)
    rounds = last_due_rounds(scope=scope)
    by_strategy = grouped_totals(scope=scope, field="project__task__strategy_id")
    by_task = grouped_totals(scope=scope, field="project__task_id")
    progress_by_strategy = grouped_progress(scope=scope, field="task__strategy_id", rounds=rounds)
    progress_by_task = grouped_progress(scope=scope, field="task_id", rounds=rounds)
    projects: dict[int, list[Project]] = {}
    for project in (
        plan.projects.select_related("lead_institution")
        .annotate(**project_money(), percent=latest_percent())
        .order_by("code", "id")
    ):
        projects.setdefault(project.task_id, []).append(project)
    tasks: dict[int, list[TaskNode]] = {}
    for task in plan.tasks.order_by("order", "id"):
        tasks.setdefault(task.strategy_id, []).append(
            TaskNode(
                task=task,
                totals=by_task.get(task.pk, Totals()),
                progress=progress_by_task.get(task.pk, Progress()),
                projects=projects.get(task.pk, []),
            )
        )
    return [
        StrategyNode(
            strategy=strategy,
            totals=by_strategy.get(strategy.pk, Totals()),
            progress=progress_by_strategy.get(strategy.pk, Progress()),
            tasks=tasks.get(strategy.pk, []),
        )
        for strategy in plan.strategies.order_by("order", "id")
    ]


@dataclass(frozen=True, slots=True)
class PlanOverview:
    totals: Totals
    progress: Progress
    stated_total: int

    @property
    def difference(self) -> int:
        """Sum of the budget lines minus the total the plan states (0 when they agree)."""
        return self.totals.planned - self.stated_total

    @property
    def abs_difference(self) -> int:
        return abs(self.difference)


def plan_overview(*, plan: Plan) -> PlanOverview:
    """The plan's totals and progress at a glance, cached with its other figures."""
    scope = Scope(plan=plan)

    def compute() -> PlanOverview:
        return PlanOverview(
            totals=scope_totals(scope=scope),
            progress=scope_progress(scope=scope, rounds=last_due_rounds(scope=scope)),
            stated_total=plan.stated_total,
        )

    return figures_cached(plan=plan, part="overview", scope=scope, compute=compute)


@dataclass(frozen=True, slots=True)
class VersionRow:
    """A recorded version and what it changed against the one before: the planned total and the
    planned amount of each strategy (code, before, after) that moved."""

    version: PlanVersion
    planned_change: int | None
    strategy_changes: list[tuple[str, int, int]]


def plan_versions(*, plan: Plan) -> list[VersionRow]:
    versions = list(
        plan.versions.select_related("agenda_item__meeting__council", "created_by").order_by("-number")
    )
    rows = []
    for version, older in zip(versions, [*versions[1:], None], strict=False):
        if older is None:
            rows.append(VersionRow(version, None, []))
            continue
        codes = sorted(set(version.by_strategy) | set(older.by_strategy))
        moved = [
            (code, int(older.by_strategy.get(code, 0)), int(version.by_strategy.get(code, 0)))
            for code in codes
            if int(older.by_strategy.get(code, 0)) != int(version.by_strategy.get(code, 0))
        ]
        rows.append(VersionRow(version, version.planned_total - older.planned_total, moved))
    return rows


def deciding_items(*, plan: Plan) -> QuerySet[AgendaItem]:
    """Deliberation items of the council's meetings that approved something: what can approve a plan."""
    return (
        AgendaItem.objects.filter(
            meeting__council_id=plan.council_id,
            kind=AgendaItem.Kind.DELIBERATION,
            decision__in=[AgendaItem.Decision.APPROVED, AgendaItem.Decision.AMENDED],
        )
        .select_related("meeting__council")
        .order_by("-meeting__starts_at", "order")
    )


def plan_rounds(*, plan: Plan) -> list[ReportingRound]:
    """The plan's rounds, newest first, with their reports counted by status."""
    status = ProgressReport.Status
    return list(
        plan.rounds.annotate(
            report_count=Count("reports"),
            pending_count=Count("reports", filter=Q(reports__status__in=ProgressReport.PENDING_STATUSES)),
            submitted_count=Count("reports", filter=Q(reports__status=status.SUBMITTED)),
            accepted_count=Count("reports", filter=Q(reports__status=status.ACCEPTED)),
            returned_count=Count("reports", filter=Q(reports__status=status.RETURNED)),
        ).order_by("-starts_on")
    )


# Projects


def project_list(*, user: AnyUser) -> QuerySet[Project]:
    return (
        projects_visible_to(user)
        .select_related("plan__council", "task__strategy", "lead_institution")
        .annotate(**project_money(), percent=latest_percent())
        .order_by("plan__council__name", "plan__title", "code", "id")
    )


def project_detail_queryset(*, user: AnyUser) -> QuerySet[Project]:
    return (
        projects_visible_to(user)
        .select_related("plan__council", "task__strategy", "lead_institution")
        .annotate(percent=latest_percent())
    )


def project_participations(*, project: Project) -> list[Participation]:
    return list(project.participations.select_related("institution").order_by("id"))


@dataclass(frozen=True, slots=True)
class ProjectBudget:
    years: list[int]
    sources: list[tuple[str, str]]
    cells: dict[tuple[int, str], BudgetLine]
    by_year: dict[int, Totals]
    by_source: dict[str, Totals]
    totals: Totals

    @property
    def rows(self) -> list[tuple[int, list[BudgetLine | None], Totals]]:
        """Each year with its line per funding source (None where there is none) and its sums."""
        return [
            (
                year,
                [self.cells.get((year, code)) for code, _label in self.sources],
                self.by_year.get(year, Totals()),
            )
            for year in self.years
        ]

    @property
    def source_totals(self) -> list[Totals]:
        return [self.by_source.get(code, Totals()) for code, _label in self.sources]


def project_budget(*, project: Project) -> ProjectBudget:
    """The project's lines as a year × funding source grid, with sums per row, column and in all."""
    lines = list(project.budget_lines.order_by("year", "source"))
    rows = project.budget_lines.values("year").annotate(planned=money("planned"), executed=money("executed"))
    by_year = {row["year"]: Totals(int(row["planned"]), int(row["executed"])) for row in rows.order_by()}
    columns = project.budget_lines.values("source").annotate(
        planned=money("planned"), executed=money("executed")
    )
    by_source = {
        row["source"]: Totals(int(row["planned"]), int(row["executed"])) for row in columns.order_by()
    }
    total = project.budget_lines.aggregate(planned=money("planned"), executed=money("executed"))
    used = {line.source for line in lines}
    return ProjectBudget(
        years=list(range(project.start_on.year, project.end_on.year + 1)),
        sources=[(code, str(label)) for code, label in FundingSource.choices if code in used],
        cells={(line.year, line.source): line for line in lines},
        by_year=by_year,
        by_source=by_source,
        totals=Totals(int(total["planned"]), int(total["executed"])),
    )


def project_indicators(*, project: Project) -> list[Indicator]:
    """KPIs with their targets, and the actuals of accepted reports (newest first)."""
    accepted = (
        IndicatorActual.objects.filter(report__status=ProgressReport.Status.ACCEPTED)
        .select_related("report__round", "verified_by")
        .order_by("-report__round__ends_on", "-id")
    )
    return list(
        project.indicators.prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"), to_attr="target_list"),
            Prefetch("actuals", queryset=accepted, to_attr="accepted_actuals"),
        ).order_by("order", "id")
    )


def project_reports(*, user: AnyUser, project: Project) -> list[ProgressReport]:
    return list(
        reports_visible_to(user)
        .filter(project=project)
        .select_related("round", "reviewed_by")
        .order_by("-round__ends_on", "-id")
    )


# Reports


def report_list(*, user: AnyUser) -> QuerySet[ProgressReport]:
    return (
        reports_visible_to(user)
        .select_related("round__plan__council", "project__lead_institution", "project__task")
        .order_by("-round__ends_on", "project__code", "id")
    )


def report_detail_queryset(*, user: AnyUser) -> QuerySet[ProgressReport]:
    return reports_visible_to(user).select_related(
        "round__plan__council",
        "project__lead_institution",
        "project__task__strategy",
        "submitted_by",
        "reviewed_by",
    )


def report_lines(*, report: ProgressReport) -> list[BudgetLine]:
    """The project's budget lines of the round's year, with this report's executed amount on each."""
    amount = ReportExecution.objects.filter(report=report, budget_line=OuterRef("pk")).values("amount")[:1]
    return list(
        BudgetLine.objects.filter(project_id=report.project_id, year=report.round.year)
        .annotate(reported=Subquery(amount, output_field=models.BigIntegerField()))
        .order_by("source")
    )


def report_indicators(*, report: ProgressReport) -> list[Indicator]:
    """The project's KPIs with the round year's target and this report's actual (if stated)."""
    actuals = IndicatorActual.objects.filter(report=report).select_related("verified_by")
    targets = IndicatorTarget.objects.filter(year=report.round.year)
    return list(
        Indicator.objects.filter(project_id=report.project_id)
        .prefetch_related(
            Prefetch("actuals", queryset=actuals, to_attr="report_actuals"),
            Prefetch("targets", queryset=targets, to_attr="year_targets"),
        )
        .order_by("order", "id")
    )


def report_execution_total(*, report: ProgressReport) -> int:
    total: Any = report.executions.aggregate(total=money("amount"))["total"]
    return int(total)
