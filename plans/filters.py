"""FilterSets of plans, projects, reports and the dashboard scope, shared by the pages and the API."""

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from council.filters import (
    CouncilChoiceFilter,
    IdFilter,
    PortalFilterSet,
    YearFilter,
    parse_id,
    yes_no_filter,
)
from council.search import TextFields
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    Strategy,
)
from plans.permissions import led_or_joined
from plans.selectors.figures import scope_choices
from plans.selectors.progress import late_rule
from plans.selectors.scope import Scope

# What a plan or project list's `q` matches, and the portal search with it (plans/search.py): a plan
# by its title and vision, or by the title of one of its strategies or tasks.
PLAN_TEXT = TextFields(("title", "vision"), related=("strategies__title", "tasks__title"))
PROJECT_TEXT = TextFields(("title", "code", "lead_institution__name"))


class PlanFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Plan.Status.choices)

    class Meta:
        model = Plan
        fields = ["q", "council", "status"]

    def search(self, queryset: QuerySet[Plan], name: str, value: str) -> QuerySet[Plan]:
        return PLAN_TEXT.match(queryset, value)


class ProjectFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    plan = IdFilter(label=_("Plan"), field_name="plan_id", widget=forms.HiddenInput)
    strategy = IdFilter(label=_("Strategy"), field_name="task__strategy_id", widget=forms.HiddenInput)
    task = IdFilter(label=_("Task"), field_name="task_id", widget=forms.HiddenInput)
    lead = IdFilter(label=_("Lead institution"), field_name="lead_institution_id", widget=forms.HiddenInput)
    institution = IdFilter(label=_("Institution"), method="filter_institution", widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Project.Status.choices)
    late = yes_no_filter(_("Late (end date passed, not completed)"), method="filter_late")

    class Meta:
        model = Project
        fields = ["q", "plan", "strategy", "task", "lead", "institution", "status", "late"]

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return PROJECT_TEXT.match(queryset, value)

    def filter_institution(self, queryset: QuerySet[Project], name: str, value: int) -> QuerySet[Project]:
        """Projects the institution leads or takes part in."""
        return queryset.filter(led_or_joined([value]))

    def filter_late(self, queryset: QuerySet[Project], name: str, value: bool) -> QuerySet[Project]:
        rule = late_rule(timezone.localdate())
        return queryset.filter(rule) if value else queryset.exclude(rule)


class ReportFilter(PortalFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="round__plan_id", widget=forms.HiddenInput)
    round = IdFilter(label=_("Round"), field_name="round_id", widget=forms.HiddenInput)
    project = IdFilter(label=_("Project"), field_name="project_id", widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProgressReport.Status.choices)
    year = YearFilter(label=_("Year"), field_name="round__year")

    class Meta:
        model = ProgressReport
        fields = ["plan", "round", "project", "status", "year"]


class StrategyFilter(PortalFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="plan_id")

    class Meta:
        model = Strategy
        fields = ["plan"]


class PlanTaskFilter(PortalFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="plan_id")
    strategy = IdFilter(label=_("Strategy"), field_name="strategy_id")

    class Meta:
        model = PlanTask
        fields = ["plan", "strategy"]


class BudgetLineFilter(PortalFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="project__plan_id")
    project = IdFilter(label=_("Project"), field_name="project_id")
    year = YearFilter(label=_("Year"))
    source = django_filters.ChoiceFilter(label=_("Funding source"), choices=FundingSource.choices)

    class Meta:
        model = BudgetLine
        fields = ["plan", "project", "year", "source"]


class IndicatorFilter(PortalFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="project__plan_id")
    project = IdFilter(label=_("Project"), field_name="project_id")

    class Meta:
        model = Indicator
        fields = ["plan", "project"]


class PlanScopeFilter(PortalFilterSet):
    """The dashboard's and the summary's filters: year, strategy, task and lead institution of one plan.

    The choices come from the plan's cached scope choices, so offering and checking them costs no
    query however large the plan (plans.selectors.figures.scope_choices).
    """

    year = django_filters.ChoiceFilter(label=_("Year"), method="filter_year", choices=[])
    strategy = django_filters.ChoiceFilter(label=_("Strategy"), field_name="task__strategy", choices=[])
    task = django_filters.ChoiceFilter(label=_("Task"), field_name="task", choices=[])
    lead = django_filters.ChoiceFilter(label=_("Lead institution"), field_name="lead_institution", choices=[])

    class Meta:
        model = Project
        fields = ["year", "strategy", "task", "lead"]

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.choices = scope_choices(plan=plan)
        strategy_id = parse_id(self.data.get("strategy")) if self.data else None
        tasks = [
            (task_id, label)
            for task_id, label, of_strategy in self.choices.tasks
            if strategy_id is None or of_strategy == strategy_id
        ]
        offered: dict[str, tuple[Sequence[tuple[Any, str]], str | Promise]] = {
            "year": ([(str(year), str(year)) for year in plan.years], _("All years")),
            "strategy": (self.choices.strategies, _("All strategies")),
            "task": (tasks, _("All tasks")),
            "lead": (self.choices.leads, _("All lead institutions")),
        }
        for name, (choices, empty_label) in offered.items():
            self.filters[name].extra["choices"] = [(str(value), label) for value, label in choices]
            self.filters[name].extra["empty_label"] = empty_label

    def filter_year(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return queryset.filter(start_on__year__lte=int(value), end_on__year__gte=int(value))

    def scope(self) -> Scope:
        """The validated filters as a Scope of the plan (call after is_valid())."""
        data = self.form.cleaned_data

        def chosen(name: str) -> int | None:
            return int(data[name]) if data.get(name) else None

        strategy_id, task_id = chosen("strategy"), chosen("task")
        task_strategy = self.choices.task_strategy.get(task_id) if task_id else None
        if task_id is not None and strategy_id is not None and task_strategy != strategy_id:
            task_id = None
        return Scope(
            plan=self.plan,
            year=chosen("year"),
            strategy_id=task_strategy if task_id is not None else strategy_id,
            task_id=task_id,
            lead_id=chosen("lead"),
        )
