"""The plan summary of the API: totals by strategy, year and funding source, progress and KPIs.

Money is whole won (JSON integers, exact up to 2^53); ratios are decimal strings, never floats.
"""

from decimal import Decimal
from typing import Any

from plans.models import Strategy
from plans.selectors.budgets import Totals, grouped_totals, scope_totals, totals_by_source, totals_by_year
from plans.selectors.progress import (
    Progress,
    grouped_progress,
    kpi_summary,
    last_due_rounds,
    scope_progress,
)
from plans.selectors.scope import Scope

PLACES = Decimal("0.000001")


def decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(PLACES))


def _money(totals: Totals) -> dict[str, Any]:
    return {
        "planned": totals.planned,
        "executed": totals.executed,
        "execution_rate": decimal_text(totals.execution_rate),
    }


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "value": decimal_text(progress.value),
        "coverage": decimal_text(progress.coverage),
        "projects": progress.projects,
        "projects_with_accepted_report": progress.known,
        "late": progress.late,
        "stalled": progress.stalled,
    }


def plan_summary(*, scope: Scope) -> dict[str, Any]:
    """Everything the summary endpoint returns, in a fixed number of queries."""
    plan = scope.plan
    rounds = last_due_rounds(scope=scope)
    totals = scope_totals(scope=scope)
    strategy_totals = grouped_totals(scope=scope, field="project__task__strategy_id")
    strategy_progress = grouped_progress(scope=scope, field="task__strategy_id", rounds=rounds)
    strategies: list[Strategy] = list(plan.strategies.order_by("order", "id"))
    if scope.strategy_id:
        strategies = [strategy for strategy in strategies if strategy.pk == scope.strategy_id]
    kpi = kpi_summary(scope=scope)
    progress = scope_progress(scope=scope, rounds=rounds)
    return {
        "plan": plan.pk,
        "title": plan.title,
        "status": plan.status,
        "version": plan.version,
        "scope": {
            "year": scope.year,
            "strategy": scope.strategy_id,
            "task": scope.task_id,
            "lead": scope.lead_id,
        },
        "stated_total": plan.stated_total,
        "totals": {**_money(totals), "difference_from_stated": totals.planned - plan.stated_total},
        "progress": _progress(progress),
        "by_strategy": [
            {
                "id": strategy.pk,
                "code": strategy.code,
                "title": strategy.title,
                **_money(strategy_totals.get(strategy.pk, Totals())),
                "progress": _progress(strategy_progress.get(strategy.pk, Progress())),
            }
            for strategy in strategies
        ],
        "by_year": [
            {"year": year, **_money(year_totals)} for year, year_totals in totals_by_year(scope=scope)
        ],
        "by_source": [
            {"source": code, "label": label, **_money(source_totals)}
            for code, label, source_totals in totals_by_source(scope=scope)
        ],
        "progress_distribution": dict(progress.distribution),
        "kpi": {
            "year": kpi.year,
            "with_target": kpi.with_target,
            "reported": kpi.reported,
            "achieved": kpi.achieved,
            "verified": kpi.verified,
            "achievement_rate": decimal_text(kpi.achievement_rate),
        },
    }
