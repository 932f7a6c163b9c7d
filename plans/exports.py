"""Export of a plan to one XLSX workbook: summary, structure (re-importable), budgets, progress, KPIs."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.files.spreadsheets import Column, Sheet, write_workbook
from council.models import User
from plans.imports import COLUMNS as STRUCTURE_COLUMNS
from plans.imports import STRUCTURE_SHEET
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Plan,
    ProgressReport,
    Project,
)
from plans.permissions import reports_visible_to
from plans.selectors.budgets import money, totals_by_year, year_source_matrix
from plans.selectors.lists import plan_overview
from plans.selectors.progress import last_due_rounds, scoped_projects
from plans.selectors.scope import Scope


def _rate(value: Decimal | None) -> Any:
    """A ratio as a number Excel formats as a percentage, rounded to 0.01 %."""
    return None if value is None else round(float(value * 100), 2)


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _summary(plan: Plan) -> Sheet:
    overview = plan_overview(plan=plan)
    rows: list[tuple[str, Any]] = [
        (_("Plan"), plan.title),
        (_("Council"), plan.council.name),
        (_("Vision"), plan.vision),
        (_("Years"), f"{plan.start_year}–{plan.end_year}"),
        (_("Status"), f"{plan.get_status_display()} (v{plan.version})"),
        (_("Stated total budget (KRW)"), plan.stated_total),
        (_("Planned (KRW)"), overview.totals.planned),
        (_("Executed (KRW)"), overview.totals.executed),
        (_("Difference from the stated total (KRW)"), overview.difference),
        (_("Execution rate (%)"), _rate(overview.totals.execution_rate)),
        (_("Weighted progress (%)"), _rate(overview.progress.value)),
    ]
    columns = (Column("item", gettext_lazy("Entry")), Column("value", gettext_lazy("Value")))
    return Sheet(title=_("Summary"), columns=columns, rows=rows)


def _lines(plan: Plan) -> list[BudgetLine]:
    """The plan's budget lines with their project, task and strategy: read once for two sheets."""
    return list(
        BudgetLine.objects.filter(project__plan=plan)
        .select_related("project__task__strategy", "project__lead_institution")
        .order_by("project__code", "year", "source")
    )


def _structure_row(project: Project, line: BudgetLine | None, *, first: bool) -> tuple[Any, ...]:
    """A row of the import template: where the project sits, its details on its first row, one budget line."""
    details = (
        (
            project.title,
            project.lead_institution.name,
            project.start_on.isoformat(),
            project.end_on.isoformat(),
        )
        if first
        else ("", "", "", "")
    )
    budget = (line.year, line.get_source_display(), line.planned) if line else ("", "", "")
    task = project.task
    return (task.strategy.code, task.strategy.title, task.code, task.title, project.code, *details, *budget)


def _structure(plan: Plan, lines: list[BudgetLine]) -> Sheet:
    """One row per budget line, the project's details on its first; a project without lines gets one row."""
    seen: set[int] = set()
    rows: list[tuple[Any, ...]] = []
    for line in lines:
        rows.append(_structure_row(line.project, line, first=line.project_id not in seen))
        seen.add(line.project_id)
    without_lines = (
        Project.objects.filter(plan=plan, budget_lines__isnull=True)
        .select_related("task__strategy", "lead_institution")
        .order_by("code")
    )
    rows.extend(_structure_row(project, None, first=True) for project in without_lines)
    return Sheet(title=str(STRUCTURE_SHEET), columns=STRUCTURE_COLUMNS, rows=rows)


BUDGET_COLUMNS = (
    Column("strategy", gettext_lazy("Strategy")),
    Column("task", gettext_lazy("Task")),
    Column("project_code", gettext_lazy("Project code")),
    Column("project", gettext_lazy("Project")),
    Column("lead", gettext_lazy("Lead institution")),
    Column("year", gettext_lazy("Year")),
    Column("source", gettext_lazy("Funding source")),
    Column("planned", gettext_lazy("Planned (KRW)")),
    Column("executed", gettext_lazy("Executed (KRW)")),
    Column("rate", gettext_lazy("Execution rate (%)")),
)


def _budget(lines: list[BudgetLine]) -> Sheet:
    rows = (
        (
            line.project.task.strategy.code,
            line.project.task.code,
            line.project.code,
            line.project.title,
            line.project.lead_institution.name,
            line.year,
            line.get_source_display(),
            line.planned,
            line.executed,
            _rate(Decimal(line.executed) / Decimal(line.planned)) if line.planned else None,
        )
        for line in lines
    )
    return Sheet(title=_("Budget lines"), columns=BUDGET_COLUMNS, rows=rows)


def _by_year(plan: Plan) -> Sheet:
    scope = Scope(plan=plan)
    matrix = year_source_matrix(scope=scope)
    columns = [Column("year", gettext_lazy("Year"))]
    for code, label in FundingSource.choices:
        columns.append(Column(f"{code}_planned", f"{label} · {_('planned')}"))
        columns.append(Column(f"{code}_executed", f"{label} · {_('executed')}"))
    columns += [
        Column("planned", gettext_lazy("Planned (KRW)")),
        Column("executed", gettext_lazy("Executed (KRW)")),
        Column("rate", gettext_lazy("Execution rate (%)")),
    ]
    rows = []
    for year, totals in totals_by_year(scope=scope):
        row: list[Any] = [year]
        for code, _label in FundingSource.choices:
            cell = matrix.get((year, code))
            row += [cell.planned if cell else 0, cell.executed if cell else 0]
        row += [totals.planned, totals.executed, _rate(totals.execution_rate)]
        rows.append(row)
    return Sheet(title=_("By year and source"), columns=columns, rows=rows)


PROGRESS_COLUMNS = (
    Column("code", gettext_lazy("Project code")),
    Column("project", gettext_lazy("Project")),
    Column("lead", gettext_lazy("Lead institution")),
    Column("status", gettext_lazy("Status")),
    Column("end_on", gettext_lazy("Ends on")),
    Column("percent", gettext_lazy("Percent done (latest accepted report)")),
    Column("late", gettext_lazy("Late")),
    Column("stalled", gettext_lazy("Stalled")),
)


def _progress(plan: Plan) -> Sheet:
    scope = Scope(plan=plan)
    projects = (
        scoped_projects(scope=scope, rounds=last_due_rounds(scope=scope))
        .select_related("lead_institution")
        .order_by("code")
    )
    yes, no = _("Yes"), ""
    rows = (
        (
            project.code,
            project.title,
            project.lead_institution.name,
            project.get_status_display(),
            project.end_on.isoformat(),
            project.percent,  # type: ignore[attr-defined]
            yes if project.is_late_flag else no,  # type: ignore[attr-defined]
            yes if project.is_stalled_flag else no,  # type: ignore[attr-defined]
        )
        for project in projects
    )
    return Sheet(title=_("Completion"), columns=PROGRESS_COLUMNS, rows=rows)


REPORT_COLUMNS = (
    Column("round", gettext_lazy("Round")),
    Column("code", gettext_lazy("Project code")),
    Column("project", gettext_lazy("Project")),
    Column("status", gettext_lazy("Status")),
    Column("percent", gettext_lazy("Percent done")),
    Column("executed", gettext_lazy("Executed in the period (KRW)")),
    Column("submitted", gettext_lazy("Submitted at")),
    Column("reviewed", gettext_lazy("Reviewed at")),
    Column("comment", gettext_lazy("Reviewer's comment")),
)


def _reports(plan: Plan, user: User) -> Sheet:
    reports = (
        reports_visible_to(user)
        .filter(round__plan=plan)
        .select_related("round", "project")
        .annotate(executed_sum=money("executions__amount"))
        .order_by("round__starts_on", "project__code")
    )
    rows = (
        (
            report.round.label,
            report.project.code,
            report.project.title,
            report.get_status_display(),
            report.percent_done,
            report.executed_sum,
            _local(report.submitted_at),
            _local(report.reviewed_at),
            report.review_comment,
        )
        for report in reports
    )
    return Sheet(title=_("Reports"), columns=REPORT_COLUMNS, rows=rows)


KPI_COLUMNS = (
    Column("code", gettext_lazy("Project code")),
    Column("indicator", gettext_lazy("Indicator")),
    Column("unit", gettext_lazy("Unit")),
    Column("baseline", gettext_lazy("Baseline")),
    Column("year", gettext_lazy("Year")),
    Column("target", gettext_lazy("Target")),
    Column("actual", gettext_lazy("Actual (latest accepted)")),
    Column("verified", gettext_lazy("Verified")),
)


def _kpis(plan: Plan) -> Sheet:
    accepted = (
        IndicatorActual.objects.filter(report__status=ProgressReport.Status.ACCEPTED)
        .select_related("report__round")
        .order_by("report__round__ends_on", "id")
    )
    indicators = (
        Indicator.objects.filter(project__plan=plan)
        .select_related("project")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"), to_attr="target_list"),
            Prefetch("actuals", queryset=accepted, to_attr="accepted_actuals"),
        )
        .order_by("project__code", "order", "id")
    )
    rows: list[tuple[Any, ...]] = []
    for indicator in indicators:
        latest: dict[int, IndicatorActual] = {}
        for actual in indicator.accepted_actuals:
            latest[actual.report.round.year] = actual
        targets = {target.year: target.value for target in indicator.target_list}
        for year in sorted(set(targets) | set(latest)):
            found = latest.get(year)
            rows.append(
                (
                    indicator.project.code,
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    year,
                    targets.get(year),
                    found.value if found else None,
                    _("Yes") if found and found.is_verified else "",
                )
            )
    return Sheet(title=_("KPIs"), columns=KPI_COLUMNS, rows=rows)


def plan_workbook(*, plan: Plan, user: User) -> bytes:
    """The plan, its budgets and its progress as one workbook; reports as far as the user may see them."""
    lines = _lines(plan)
    sheets = [
        _summary(plan),
        _structure(plan, lines),
        _budget(lines),
        _by_year(plan),
        _progress(plan),
        _reports(plan, user),
        _kpis(plan),
    ]
    return write_workbook(sheets=sheets)
