"""The dashboard of a plan (and its public progress page): every figure from grouped SQL queries.

It runs the same number of queries for 10 and for 1,000 projects: each part is one aggregate or
one grouped query, and the lists are limited.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy

from members.models import Institution
from plans.models import Indicator, PlanTask, Project, Strategy
from plans.selectors.budgets import (
    Totals,
    grouped_totals,
    project_money,
    scope_totals,
    totals_by_source,
    totals_by_year,
)
from plans.selectors.progress import (
    KpiSummary,
    Progress,
    annotate_progress,
    attention_projects,
    grouped_progress,
    kpi_summary,
    kpis_below_target,
    last_due_rounds,
    scope_progress,
)
from plans.selectors.scope import Scope

BUCKET_LABELS = {
    "unknown": gettext_lazy("No accepted report"),
    "0-24": "0–24%",
    "25-49": "25–49%",
    "50-74": "50–74%",
    "75-99": "75–99%",
    "100": "100%",
}


@dataclass
class BreakdownRow:
    """One row of the drill-down table: a strategy, a task or a project."""

    code: str
    title: str
    link: str
    totals: Totals
    progress: Progress
    project: Project | None = None

    @property
    def progress_value(self) -> Decimal | None:
        if self.project is not None:
            percent = getattr(self.project, "percent", None)
            return None if percent is None else Decimal(percent) / 100
        return self.progress.value


@dataclass
class Dashboard:
    scope: Scope
    totals: Totals
    progress: Progress
    by_year: list[tuple[int, Totals]]
    by_source: list[tuple[str, str, Totals]]
    breakdown: list[BreakdownRow]
    distribution: list[tuple[str, str, int]]
    kpi: KpiSummary
    attention: list[Project] = field(default_factory=list)
    kpis_below: list[Indicator] = field(default_factory=list)
    strategy: Strategy | None = None
    task: PlanTask | None = None
    lead: Institution | None = None

    @property
    def stated_total(self) -> int:
        return self.scope.plan.stated_total

    @property
    def difference(self) -> int:
        """Sum of all the plan's lines minus its stated total; meaningful without filters only."""
        return self.totals.planned - self.stated_total

    @property
    def abs_difference(self) -> int:
        return abs(self.difference)

    @property
    def is_whole_plan(self) -> bool:
        scope = self.scope
        return not (scope.year or scope.strategy_id or scope.task_id or scope.lead_id)


def _query(scope: Scope, **changes: int | None) -> str:
    params = {"year": scope.year, "strategy": scope.strategy_id, "task": scope.task_id, "lead": scope.lead_id}
    params.update(changes)
    return "?" + urlencode({key: value for key, value in params.items() if value})


def _breakdown(
    scope: Scope, rounds: list[int]
) -> tuple[list[BreakdownRow], Strategy | None, PlanTask | None]:
    plan = scope.plan
    if scope.level == "strategy":
        totals = grouped_totals(scope=scope, field="project__task__strategy_id")
        progress = grouped_progress(scope=scope, field="task__strategy_id", rounds=rounds)
        rows = [
            BreakdownRow(
                code=strategy.code,
                title=strategy.title,
                link=_query(scope, strategy=strategy.pk, task=None),
                totals=totals.get(strategy.pk, Totals()),
                progress=progress.get(strategy.pk, Progress()),
            )
            for strategy in plan.strategies.order_by("order", "id")
        ]
        return rows, None, None
    if scope.level == "task":
        totals = grouped_totals(scope=scope, field="project__task_id")
        progress = grouped_progress(scope=scope, field="task_id", rounds=rounds)
        tasks = list(
            plan.tasks.filter(strategy_id=scope.strategy_id or 0)
            .select_related("strategy")
            .order_by("order", "id")
        )
        strategy = tasks[0].strategy if tasks else plan.strategies.filter(pk=scope.strategy_id or 0).first()
        rows = [
            BreakdownRow(
                code=task.code,
                title=task.title,
                link=_query(scope, task=task.pk),
                totals=totals.get(task.pk, Totals()),
                progress=progress.get(task.pk, Progress()),
            )
            for task in tasks
        ]
        return rows, strategy, None
    task = plan.tasks.select_related("strategy").filter(pk=scope.task_id or 0).first()
    projects = (
        annotate_progress(Project.objects.filter(scope.projects()), scope=scope, rounds=rounds)
        .annotate(**project_money(year=scope.year))
        .select_related("lead_institution")
        .order_by("code", "id")
    )
    rows = [
        BreakdownRow(
            code=project.code,
            title=project.title,
            link=project.get_absolute_url(),
            totals=Totals(project.planned_total, project.executed_total),  # type: ignore[attr-defined]
            progress=Progress(),
            project=project,
        )
        for project in projects
    ]
    return rows, (task.strategy if task else None), task


def dashboard(*, scope: Scope, attention: bool = True) -> Dashboard:
    """Everything the dashboard shows for a scope; `attention=False` leaves out the lists of late
    projects and KPIs below target (the public page does not show them)."""
    rounds = last_due_rounds(scope=scope)
    breakdown, strategy, task = _breakdown(scope, rounds)
    progress = scope_progress(scope=scope, rounds=rounds)
    board = Dashboard(
        scope=scope,
        totals=scope_totals(scope=scope),
        progress=progress,
        by_year=totals_by_year(scope=scope),
        by_source=totals_by_source(scope=scope),
        breakdown=breakdown,
        distribution=[(key, str(BUCKET_LABELS[key]), count) for key, count in progress.distribution],
        kpi=kpi_summary(scope=scope),
        strategy=strategy,
        task=task,
        lead=Institution.objects.filter(pk=scope.lead_id).first() if scope.lead_id else None,
    )
    if attention:
        board.attention = attention_projects(scope=scope, rounds=rounds)
        board.kpis_below = kpis_below_target(scope=scope)
    return board
