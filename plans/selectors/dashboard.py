"""The dashboard of a plan (and its public progress page): every figure from grouped SQL queries.

It runs the same number of queries for 10 and for 1,000 projects: each part is one aggregate or
one grouped query, and the lists are limited.
"""

from dataclasses import dataclass, field, fields
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
class Figures:
    """The figures of a scope that the dashboard, the public page and the API summary all show."""

    scope: Scope
    rounds: list[int]
    totals: Totals
    progress: Progress
    by_year: list[tuple[int, Totals]]
    by_source: list[tuple[str, str, Totals]]
    kpi: KpiSummary

    @property
    def stated_total(self) -> int:
        return self.scope.plan.stated_total

    @property
    def is_whole_plan(self) -> bool:
        return self.scope.is_whole_plan

    @property
    def difference(self) -> int | None:
        """Sum of the lines in scope minus the stated total; None when the scope narrows the plan,
        since the stated total is the whole plan's."""
        if not self.scope.is_whole_plan:
            return None
        return self.totals.planned - self.stated_total

    @property
    def abs_difference(self) -> int | None:
        difference = self.difference
        return None if difference is None else abs(difference)

    @property
    def distribution(self) -> list[tuple[str, str, int]]:
        """Projects by progress bucket, with the buckets' labels."""
        return [(key, str(BUCKET_LABELS[key]), count) for key, count in self.progress.distribution]


def scope_figures(*, scope: Scope) -> Figures:
    """Totals, progress, sums by year and by funding source, and KPI achievement of a scope."""
    rounds = last_due_rounds(scope=scope)
    return Figures(
        scope=scope,
        rounds=rounds,
        totals=scope_totals(scope=scope),
        progress=scope_progress(scope=scope, rounds=rounds),
        by_year=totals_by_year(scope=scope),
        by_source=totals_by_source(scope=scope),
        kpi=kpi_summary(scope=scope),
    )


@dataclass
class Dashboard(Figures):
    """The figures with the drill-down table and, for officials, what needs attention."""

    breakdown: list[BreakdownRow] = field(default_factory=list)
    attention: list[Project] = field(default_factory=list)
    kpis_below: list[Indicator] = field(default_factory=list)
    strategy: Strategy | None = None
    task: PlanTask | None = None
    lead: Institution | None = None


def _query(scope: Scope, **changes: int | None) -> str:
    params = {"year": scope.year, "strategy": scope.strategy_id, "task": scope.task_id, "lead": scope.lead_id}
    params.update(changes)
    return "?" + urlencode({key: value for key, value in params.items() if value})


def strategy_breakdown(*, scope: Scope, rounds: list[int]) -> list[tuple[Strategy, Totals, Progress]]:
    """Each strategy of the plan (the chosen one, if the scope names one) with its sums and progress:
    the dashboard's first table and the API summary's `by_strategy`, in two grouped queries."""
    totals = grouped_totals(scope=scope, field="project__task__strategy_id")
    progress = grouped_progress(scope=scope, field="task__strategy_id", rounds=rounds)
    strategies = scope.plan.strategies.order_by("order", "id")
    if scope.strategy_id:
        strategies = strategies.filter(pk=scope.strategy_id)
    return [
        (strategy, totals.get(strategy.pk, Totals()), progress.get(strategy.pk, Progress()))
        for strategy in strategies
    ]


def _breakdown(
    scope: Scope, rounds: list[int]
) -> tuple[list[BreakdownRow], Strategy | None, PlanTask | None]:
    plan = scope.plan
    if scope.level == "strategy":
        rows = [
            BreakdownRow(
                code=strategy.code,
                title=strategy.title,
                link=_query(scope, strategy=strategy.pk, task=None),
                totals=totals,
                progress=progress,
            )
            for strategy, totals, progress in strategy_breakdown(scope=scope, rounds=rounds)
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
    figures = scope_figures(scope=scope)
    breakdown, strategy, task = _breakdown(scope, figures.rounds)
    board = Dashboard(
        **{figure.name: getattr(figures, figure.name) for figure in fields(Figures)},
        breakdown=breakdown,
        strategy=strategy,
        task=task,
        lead=Institution.objects.filter(pk=scope.lead_id).first() if scope.lead_id else None,
    )
    if attention:
        board.attention = attention_projects(scope=scope, rounds=figures.rounds)
        board.kpis_below = kpis_below_target(scope=scope)
    return board
