"""The plan summary of the API: totals by strategy, year and funding source, progress and KPIs.

Money is whole won (JSON integers, exact up to 2^53); ratios are decimal strings, never floats.
"""

from decimal import Decimal
from typing import Any

from plans.selectors.budgets import Totals
from plans.selectors.dashboard import scope_figures, strategy_breakdown
from plans.selectors.progress import Progress
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
    """Everything the summary endpoint returns, in a fixed number of queries: the dashboard's figures
    with every strategy's sums and progress."""
    plan = scope.plan
    figures = scope_figures(scope=scope)
    kpi = figures.kpi
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
        "totals": {**_money(figures.totals), "difference_from_stated": figures.difference},
        "progress": _progress(figures.progress),
        "by_strategy": [
            {
                "id": strategy.pk,
                "code": strategy.code,
                "title": strategy.title,
                **_money(totals),
                "progress": _progress(progress),
            }
            for strategy, totals, progress in strategy_breakdown(scope=scope, rounds=figures.rounds)
        ],
        "by_year": [{"year": year, **_money(year_totals)} for year, year_totals in figures.by_year],
        "by_source": [
            {"source": code, "label": label, **_money(source_totals)}
            for code, label, source_totals in figures.by_source
        ],
        "progress_distribution": dict(figures.progress.distribution),
        "kpi": {
            "year": kpi.year,
            "with_target": kpi.with_target,
            "reported": kpi.reported,
            "achieved": kpi.achieved,
            "verified": kpi.verified,
            "achievement_rate": decimal_text(kpi.achievement_rate),
        },
    }
