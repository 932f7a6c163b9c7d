"""A plan's figures, cached under its revision so that reading them costs the same at any national size.

The dashboard, the public progress page and the API summary sum every budget line, report and KPI
of a plan. Each result is cached under the plan's `figures_revision`, which every write that can
change a figure bumps in its own transaction (plans.services.figures): a page read after that commit
loads the plan, finds the new revision and computes the figures afresh, so a cached figure is never
older than the data. The key also holds the day (late and stalled projects and the KPI year follow
the calendar), the language (labels) and the plan's creation time, so a database loaded afresh
never meets entries of an older one in a shared cache. Entries expire after FIGURES_CACHE_SECONDS,
so names that other apps own, such as a lead institution's, catch up with a rename within that time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from members.models import Institution
from plans.models import Plan
from plans.selectors.scope import Scope

FIGURES_CACHE_SECONDS = 300


def figures_key(*, plan: Plan, part: str, scope: Scope, today: date | None = None) -> str:
    narrowed = "-".join(
        str(value or "") for value in (scope.year, scope.strategy_id, scope.task_id, scope.lead_id)
    )
    day = (today or timezone.localdate()).isoformat()
    plan_key = f"{plan.pk}.{plan.created_at.timestamp():.6f}.{plan.figures_revision}"
    return f"plan-figures:{plan_key}:{part}:{narrowed}:{day}:{get_language()}"


def figures_cached[T](*, plan: Plan, part: str, scope: Scope, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned for the same plan revision, part, scope, day and language."""
    key = figures_key(plan=plan, part=part, scope=scope)
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FIGURES_CACHE_SECONDS)
    return value


@dataclass(frozen=True, slots=True)
class ScopeChoices:
    """What the dashboard's filters offer: the plan's strategies and tasks, and its lead institutions."""

    strategies: list[tuple[int, str]]
    tasks: list[tuple[int, str, int]]  # (task, label, its strategy)
    leads: list[tuple[int, str]]

    @property
    def task_strategy(self) -> dict[int, int]:
        return {task_id: strategy_id for task_id, _label, strategy_id in self.tasks}


def scope_choices(*, plan: Plan) -> ScopeChoices:
    """The plan's filter choices, cached with its figures (they change with the same writes)."""

    def compute() -> ScopeChoices:
        strategies = plan.strategies.order_by("order", "id").values_list("id", "code", "title")
        tasks = plan.tasks.order_by("strategy__order", "order", "id").values_list(
            "id", "code", "title", "strategy_id"
        )
        leads = (
            Institution.objects.filter(id__in=plan.projects.values("lead_institution_id"))
            .order_by("name")
            .values_list("id", "name")
        )
        return ScopeChoices(
            strategies=[(pk, f"{code}. {title}") for pk, code, title in strategies],
            tasks=[(pk, f"{code}. {title}", strategy_id) for pk, code, title, strategy_id in tasks],
            leads=list(leads),
        )

    return figures_cached(plan=plan, part="choices", scope=Scope(plan=plan), compute=compute)
