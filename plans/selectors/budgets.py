"""Budget totals of a plan, summed and grouped in the database: exact to the won at any size.

Every function here runs a fixed number of queries, however many projects and lines there are.
Executed amounts are the accepted ones (see BudgetLine), and rates are Decimal ratios of SUMs.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from plans.models import BudgetLine, FundingSource, Plan, PlanTask, Project, Strategy
from plans.selectors.scope import Scope


def money(field: str) -> Coalesce:
    """SUM of a whole-won column, 0 when there are no rows, as a 64-bit integer."""
    return Coalesce(Sum(field), Value(0), output_field=models.BigIntegerField())


def ratio(part: int, whole: int) -> Decimal | None:
    """part / whole as an exact Decimal, or None (unknown) when the whole is zero."""
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)


@dataclass(frozen=True, slots=True)
class Totals:
    planned: int = 0
    executed: int = 0

    @property
    def execution_rate(self) -> Decimal | None:
        return ratio(self.executed, self.planned)

    @property
    def remaining(self) -> int:
        return self.planned - self.executed


def _lines(scope: Scope) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(scope.lines())


def _totals(row: Mapping[str, Any]) -> Totals:
    return Totals(planned=int(row["planned"]), executed=int(row["executed"]))


def scope_totals(*, scope: Scope) -> Totals:
    return _totals(_lines(scope).aggregate(planned=money("planned"), executed=money("executed")))


def plan_totals(*, plan: Plan) -> Totals:
    return scope_totals(scope=Scope(plan=plan))


def grouped_totals(*, scope: Scope, field: str) -> dict[Any, Totals]:
    """Planned and executed sums of the lines in scope, grouped by one field (GROUP BY in SQL)."""
    rows = (
        _lines(scope).values(field).annotate(planned=money("planned"), executed=money("executed")).order_by()
    )
    return {row[field]: _totals(row) for row in rows}


def totals_by_year(*, scope: Scope) -> list[tuple[int, Totals]]:
    """Every year of the plan (or the chosen one), with zero where nothing is planned."""
    grouped = grouped_totals(scope=scope, field="year")
    years = [scope.year] if scope.year else scope.plan.years
    return [(year, grouped.get(year, Totals())) for year in years]


def totals_by_source(*, scope: Scope) -> list[tuple[str, str, Totals]]:
    grouped = grouped_totals(scope=scope, field="source")
    return [(code, str(label), grouped[code]) for code, label in FundingSource.choices if code in grouped]


def year_source_matrix(*, scope: Scope) -> dict[tuple[int, str], Totals]:
    """Planned and executed by (year, funding source) in one grouped query."""
    rows = (
        _lines(scope)
        .values("year", "source")
        .annotate(planned=money("planned"), executed=money("executed"))
        .order_by()
    )
    return {(row["year"], row["source"]): _totals(row) for row in rows}


def planned_by_strategy(*, plan: Plan) -> dict[str, int]:
    """Planned totals by strategy code, for a version's snapshot."""
    rows = (
        BudgetLine.objects.filter(project__plan=plan)
        .values("project__task__strategy__code")
        .annotate(planned=money("planned"))
        .order_by()
    )
    return {row["project__task__strategy__code"]: int(row["planned"]) for row in rows}


def plan_counts(*, plan: Plan) -> dict[str, int]:
    """How many strategies, tasks and projects the plan has, in one query."""
    counts = (
        Plan.objects.filter(pk=plan.pk)
        .annotate(
            strategy_count=Coalesce(
                Subquery(
                    Strategy.objects.filter(plan=OuterRef("pk"))
                    .order_by()
                    .values("plan")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
            task_count=Coalesce(
                Subquery(
                    PlanTask.objects.filter(plan=OuterRef("pk"))
                    .order_by()
                    .values("plan")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
            project_count=Coalesce(
                Subquery(
                    Project.objects.filter(plan=OuterRef("pk"))
                    .order_by()
                    .values("plan")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
        )
        .values("strategy_count", "task_count", "project_count")
        .get()
    )
    return {
        "strategies": int(counts["strategy_count"]),
        "tasks": int(counts["task_count"]),
        "projects": int(counts["project_count"]),
    }


def lines_sum(field: str, *, of: str, year: int | None = None) -> Coalesce:
    """A subquery annotation: the sum of `field` over the budget lines of the outer row, which is a
    project (`of="project"`) or a plan (`of="project__plan"`); of one year if given."""
    lines = BudgetLine.objects.filter(**{of: OuterRef("pk")})
    if year:
        lines = lines.filter(year=year)
    total = lines.order_by().values(of).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total), Value(0), output_field=models.BigIntegerField())


def project_money(*, year: int | None = None) -> dict[str, Coalesce]:
    """Annotations of a project's planned and executed sums (of one year, if given)."""
    return {
        "planned_total": lines_sum("planned", of="project", year=year),
        "executed_total": lines_sum("executed", of="project", year=year),
    }
