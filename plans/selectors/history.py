"""What changed in a plan's budget lines and projects, for staff and officials.

Each budget-line record is shown with the amounts it replaced, taken from the record before it by a
window function: one query per page, whatever the length of the history. Projects and lines of
deleted projects stay in the history, found through the projects' own history.
"""

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Lag

from plans.models import BudgetLine, Plan, Project


def _project_ids(plan: Plan) -> QuerySet[Any]:
    return Project.history.filter(plan_id=plan.pk).values("id")


def budget_changes(*, plan: Plan) -> QuerySet[Any]:
    """The plan's budget-line records, newest first, each with `planned_before` and
    `executed_before` (None for a line's first record) and its project's code and title."""
    latest_project = Project.history.filter(id=OuterRef("project_id")).order_by("-history_date")

    def previous(field: str) -> Window:
        """The value the line's record before this one held."""
        return Window(
            Lag(field), partition_by=[F("id")], order_by=[F("history_date").asc(), F("history_id").asc()]
        )

    return (
        BudgetLine.history.filter(project_id__in=_project_ids(plan))
        .annotate(
            planned_before=previous("planned"),
            executed_before=previous("executed"),
            project_code=Subquery(latest_project.values("code")[:1]),
            project_title=Subquery(latest_project.values("title")[:1]),
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def project_changes(*, plan: Plan) -> QuerySet[Any]:
    """The plan's project records, newest first: added, changed (with their code and title as then)
    and removed."""
    return (
        Project.history.filter(plan_id=plan.pk)
        .select_related("history_user", "lead_institution")
        .order_by("-history_date", "-history_id")
    )
