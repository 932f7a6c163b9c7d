"""What part of a plan a dashboard, summary or export looks at: a year, a strategy, a task, a lead."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from plans.models import Plan


@dataclass(frozen=True, slots=True)
class Scope:
    """A plan narrowed by year (budget lines of that year, projects running in it), strategy, task
    and lead institution. Empty fields do not narrow."""

    plan: Plan
    year: int | None = None
    strategy_id: int | None = None
    task_id: int | None = None
    lead_id: int | None = None

    def projects(self, prefix: str = "") -> Q:
        """Projects in scope; `prefix` reaches them from a related model (e.g. "project__")."""
        rule = Q(**{f"{prefix}plan_id": self.plan.pk})
        if self.strategy_id:
            rule &= Q(**{f"{prefix}task__strategy_id": self.strategy_id})
        if self.task_id:
            rule &= Q(**{f"{prefix}task_id": self.task_id})
        if self.lead_id:
            rule &= Q(**{f"{prefix}lead_institution_id": self.lead_id})
        if self.year:
            rule &= Q(**{f"{prefix}start_on__year__lte": self.year, f"{prefix}end_on__year__gte": self.year})
        return rule

    def lines(self) -> Q:
        """Budget lines in scope: those of projects in scope and, with a year, of that year only."""
        rule = self.projects("project__")
        if self.year:
            rule &= Q(year=self.year)
        return rule

    @property
    def is_whole_plan(self) -> bool:
        """Nothing narrows the plan: only then do its figures compare with the plan's stated total."""
        return not (self.year or self.strategy_id or self.task_id or self.lead_id)

    @property
    def level(self) -> str:
        """What the breakdown lists: strategies, then a strategy's tasks, then a task's projects."""
        if self.task_id:
            return "project"
        if self.strategy_id:
            return "task"
        return "strategy"

    def kpi_year(self, today: date | None = None) -> int:
        """The year KPI achievement is measured for: the chosen year, else this year within the plan."""
        if self.year:
            return self.year
        year = (today or timezone.localdate()).year
        return min(max(year, self.plan.start_year), self.plan.end_year)
