"""Spreadsheet import of a whole plan: strategies, tasks, projects and budget lines from one table.

One row per budget line (a project's planned amount for one year and funding source); a project
without lines takes one row with the budget columns empty. Strategies and tasks are named by code:
the first row that gives a title defines a new one, and later rows may repeat the code alone.
Projects are new: a code the plan already has, or one used in the file for a different project,
is refused. Every row is checked first; nothing is saved unless all are valid.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.files.imports import ImportKind, ImportResult, ReportProgress, no_progress
from council.files.spreadsheets import (
    Column,
    ImportRejected,
    RowError,
    choice_lookup,
    read_table,
    write_template,
)
from council.models import ImportJob, User
from members.models import Institution
from plans import permissions, services
from plans.models import BudgetLine, FundingSource, Plan, PlanTask, Project, Strategy

COLUMNS = (
    Column(
        "strategy_code",
        gettext_lazy("Strategy code"),
        required=True,
        help=gettext_lazy("Short code of the strategy, e.g. 1. The same code on every row of that strategy."),
    ),
    Column(
        "strategy_title",
        gettext_lazy("Strategy"),
        help=gettext_lazy("Needed once for a new strategy; may be left empty on its other rows."),
    ),
    Column(
        "task_code",
        gettext_lazy("Task code"),
        required=True,
        help=gettext_lazy("e.g. 1-2; unique in the plan."),
    ),
    Column("task_title", gettext_lazy("Task"), help=gettext_lazy("Needed once for a new task.")),
    Column(
        "project_code",
        gettext_lazy("Project code"),
        required=True,
        help=gettext_lazy("e.g. 1-2-03; unique in the plan. Repeat it on each budget line of the project."),
    ),
    Column("project_title", gettext_lazy("Project"), help=gettext_lazy("Needed on the project's first row.")),
    Column(
        "lead_institution",
        gettext_lazy("Lead institution"),
        help=gettext_lazy("Exactly as in the member directory. Needed on the project's first row."),
    ),
    Column("start_on", gettext_lazy("Starts on"), help=gettext_lazy("YYYY-MM-DD or YYYY-MM.")),
    Column(
        "end_on", gettext_lazy("Ends on"), help=gettext_lazy("YYYY-MM-DD or YYYY-MM (the month's last day).")
    ),
    Column("year", gettext_lazy("Year"), help=gettext_lazy("Budget year, within the plan's years.")),
    Column("source", gettext_lazy("Funding source"), choices=FundingSource.choices),
    Column("planned", gettext_lazy("Planned (KRW)"), help=gettext_lazy("Whole won, e.g. 1200000000.")),
)
LABELS = {column.key: column for column in COLUMNS}
# A national plan fits in one file: 25,000 projects, each planned for five years from three sources.
MAX_ROWS = 400_000
MAX_FILE_BYTES = 64 * 1024 * 1024
# The sheet of the plan workbook (plans.exports) that holds these columns; an import reads it by name.
STRUCTURE_SHEET = gettext_lazy("Structure")

EXAMPLE_ROWS = (
    (
        "1",
        "지산학협력 지원체계 구축",
        "1-1",
        "지산학협력센터 허브 기능 강화",
        "1-1-01",
        "지산학협력센터 기능·인력 확대",
        "부산테크노파크",
        "2023-01",
        "2027-12",
        "2023",
        str(FundingSource.CITY.label),
        "1200000000",
    ),
    ("1", "", "1-1", "", "1-1-01", "", "", "", "", "2024", str(FundingSource.CITY.label), "1300000000"),
    ("1", "", "1-1", "", "1-1-01", "", "", "", "", "2024", str(FundingSource.NATIONAL.label), "500000000"),
)


def _label(key: str) -> str:
    return str(LABELS[key].label)


def parse_month_date(raw: str, *, end: bool) -> date:
    """YYYY-MM-DD, or YYYY-MM meaning the month's first (or, for an end, last) day."""
    text = raw.strip().replace(".", "-").replace("/", "-")
    parts = [part for part in text.split("-") if part]
    if len(parts) == 2 and all(part.isdigit() for part in parts):
        year, month = int(parts[0]), int(parts[1])
        if 1 <= month <= 12:
            if not end:
                return date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
    return date.fromisoformat(text[:10])


@dataclass
class _ProjectSpec:
    row: int
    code: str
    task_code: str
    title: str = ""
    lead: Institution | None = None
    start_on: date | None = None
    end_on: date | None = None
    lines: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    # A project the plan has already, whose budget lines the rows set (within a revision).
    existing: Project | None = None


@dataclass
class PlanImportReport:
    strategies: int = 0
    tasks: int = 0
    projects: int = 0
    lines: int = 0
    lines_updated: int = 0


class _Checker:
    """Reads the table row by row, collecting every error and what each row defines."""

    def __init__(self, plan: Plan, institutions: dict[str, Institution]) -> None:
        self.plan = plan
        self.institutions = institutions
        self.errors: list[RowError] = []
        self.sources = choice_lookup(FundingSource.choices)
        self.strategies = {s.code: s for s in plan.strategies.all()}
        self.tasks = {t.code: t for t in plan.tasks.select_related("strategy")}
        self.existing_projects = {
            project.code: project for project in plan.projects.select_related("lead_institution", "task")
        }
        self.new_strategies: dict[str, tuple[int, str]] = {}
        self.new_tasks: dict[str, tuple[int, str, str]] = {}
        self.task_strategy: dict[str, tuple[int, str]] = {}
        self.projects: dict[str, _ProjectSpec] = {}
        self.pending_strategies: list[tuple[int, str]] = []
        self.pending_tasks: list[tuple[int, str]] = []

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.append(RowError(row=row, column=_label(key), message=message))

    def strategy(self, row: int, code: str, title: str) -> None:
        existing = self.strategies.get(code)
        if existing is not None:
            if title and title != existing.title:
                self.error(
                    row,
                    "strategy_title",
                    _("Strategy %(code)s is called “%(title)s” in the plan.")
                    % {"code": code, "title": existing.title},
                )
            return
        if code in self.new_strategies:
            first_row, first_title = self.new_strategies[code]
            if title and title != first_title:
                self.error(
                    row,
                    "strategy_title",
                    _("Strategy %(code)s has another title on row %(row)d.")
                    % {"code": code, "row": first_row},
                )
        elif title:
            self.new_strategies[code] = (row, title)
        else:
            self.pending_strategies.append((row, code))

    def task(self, row: int, code: str, title: str, strategy_code: str) -> None:
        existing = self.tasks.get(code)
        if existing is not None:
            if existing.strategy.code != strategy_code:
                self.error(
                    row,
                    "task_code",
                    _("Task %(code)s belongs to strategy %(strategy)s in the plan.")
                    % {"code": code, "strategy": existing.strategy.code},
                )
            elif title and title != existing.title:
                self.error(
                    row,
                    "task_title",
                    _("Task %(code)s is called “%(title)s” in the plan.")
                    % {"code": code, "title": existing.title},
                )
            return
        if code in self.task_strategy and self.task_strategy[code][1] != strategy_code:
            first_row, first_strategy = self.task_strategy[code]
            self.error(
                row,
                "task_code",
                _("Task %(code)s is under strategy %(strategy)s on row %(row)d.")
                % {"code": code, "strategy": first_strategy, "row": first_row},
            )
            return
        self.task_strategy.setdefault(code, (row, strategy_code))
        if code in self.new_tasks:
            first_row, first_title, _strategy = self.new_tasks[code]
            if title and title != first_title:
                self.error(
                    row,
                    "task_title",
                    _("Task %(code)s has another title on row %(row)d.") % {"code": code, "row": first_row},
                )
        elif title:
            self.new_tasks[code] = (row, title, strategy_code)
        else:
            self.pending_tasks.append((row, code))

    def project(self, row: int, values: dict[str, str]) -> _ProjectSpec | None:
        code = values["project_code"]
        existing = self.existing_projects.get(code)
        if existing is not None and not self.plan.revision_open:
            self.error(
                row,
                "project_code",
                _("Duplicate project code: the plan already has project %(code)s.") % {"code": code},
            )
            return None
        spec = self.projects.get(code)
        if existing is not None:
            return spec or self._existing(row, existing, values)
        if spec is None:
            spec = _ProjectSpec(row=row, code=code, task_code=values["task_code"])
            self.projects[code] = spec
            self._define(row, spec, values)
            return spec
        if values["task_code"] != spec.task_code:
            self.error(
                row,
                "project_code",
                _("Duplicate project code: %(code)s is used on row %(row)d for a project of task %(task)s.")
                % {"code": code, "row": spec.row, "task": spec.task_code},
            )
            return None
        for key, current in (
            ("project_title", spec.title),
            ("lead_institution", spec.lead.name if spec.lead else ""),
        ):
            if values.get(key) and current and values[key] != current:
                self.error(
                    row,
                    key,
                    _("Duplicate project code: %(code)s is used on row %(row)d for a different project.")
                    % {"code": code, "row": spec.row},
                )
                return None
        return spec

    def _existing(self, row: int, project: Project, values: dict[str, str]) -> _ProjectSpec | None:
        """A row of a project the plan has (a budget revision): it may set the project's budget lines;
        its other columns, where given, must say what the plan says."""
        if values["task_code"] != project.task.code:
            self.error(
                row,
                "task_code",
                _("Project %(code)s belongs to task %(task)s in the plan.")
                % {"code": project.code, "task": project.task.code},
            )
            return None
        for key, current in (
            ("project_title", project.title),
            ("lead_institution", project.lead_institution.name),
        ):
            if values.get(key) and values[key] != current:
                self.error(
                    row,
                    key,
                    _("Project %(code)s says “%(value)s” in the plan.")
                    % {"code": project.code, "value": current},
                )
                return None
        spec = _ProjectSpec(
            row=row,
            code=project.code,
            task_code=project.task.code,
            title=project.title,
            lead=project.lead_institution,
            start_on=project.start_on,
            end_on=project.end_on,
            existing=project,
        )
        self.projects[project.code] = spec
        return spec

    def _define(self, row: int, spec: _ProjectSpec, values: dict[str, str]) -> None:
        spec.title = values.get("project_title", "")
        if not spec.title:
            self.error(row, "project_title", _("Give the project's title on its first row."))
        lead_name = values.get("lead_institution", "")
        if not lead_name:
            self.error(row, "lead_institution", _("Give the lead institution on the project's first row."))
        else:
            spec.lead = self.institutions.get(lead_name)
            if spec.lead is None:
                self.error(
                    row,
                    "lead_institution",
                    _("No institution named “%(name)s” in the directory.") % {"name": lead_name},
                )
        for key, end in (("start_on", False), ("end_on", True)):
            raw = values.get(key, "")
            if not raw:
                self.error(row, key, _("Give the project's period on its first row."))
                continue
            try:
                parsed = parse_month_date(raw, end=end)
            except ValueError:
                self.error(row, key, _("“%(value)s” is not a date (YYYY-MM-DD or YYYY-MM).") % {"value": raw})
                continue
            setattr(spec, key, parsed)
        if spec.start_on and spec.end_on:
            if spec.end_on < spec.start_on:
                self.error(row, "end_on", _("A project cannot end before it starts."))
            elif spec.start_on.year < self.plan.start_year or spec.end_on.year > self.plan.end_year:
                self.error(
                    row,
                    "end_on",
                    _("The project period must lie within the plan's years (%(start)d–%(end)d).")
                    % {"start": self.plan.start_year, "end": self.plan.end_year},
                )

    def line(self, row: int, spec: _ProjectSpec, values: dict[str, str]) -> None:
        raw_year, raw_source, raw_planned = (values.get(key, "") for key in ("year", "source", "planned"))
        if not (raw_year or raw_source or raw_planned):
            return
        year = source = planned = None
        if not raw_year:
            self.error(row, "year", _("Give the budget year."))
        elif not raw_year.isdigit():
            self.error(row, "year", _("“%(value)s” is not a year.") % {"value": raw_year})
        elif not self.plan.start_year <= int(raw_year) <= self.plan.end_year:
            self.error(
                row,
                "year",
                _("Year %(year)s is outside the plan (%(start)d–%(end)d).")
                % {"year": raw_year, "start": self.plan.start_year, "end": self.plan.end_year},
            )
        else:
            year = int(raw_year)
            if spec.start_on and spec.end_on and not spec.start_on.year <= year <= spec.end_on.year:
                self.error(row, "year", _("Year %(year)d is outside the project's period.") % {"year": year})
                year = None
        if not raw_source:
            self.error(row, "source", _("Give the funding source."))
        else:
            source = self.sources.code(raw_source)
            if source is None:
                self.error(
                    row,
                    "source",
                    _("Unknown funding source “%(value)s”; use one of: %(allowed)s")
                    % {"value": raw_source, "allowed": self.sources.allowed()},
                )
        cleaned = raw_planned.replace(",", "").replace(" ", "").removesuffix("원")
        if not cleaned:
            self.error(row, "planned", _("Give the planned amount."))
        elif cleaned.startswith("-") and cleaned[1:].isdigit():
            self.error(
                row,
                "planned",
                _("Negative amount: %(value)s. Amounts are zero or more.") % {"value": raw_planned},
            )
        elif not cleaned.isdigit():
            self.error(
                row, "planned", _("“%(value)s” is not an amount in whole won.") % {"value": raw_planned}
            )
        else:
            planned = int(cleaned)
        if year is not None and source is not None and planned is not None:
            if (year, source) in spec.lines:
                self.error(
                    row,
                    "year",
                    _("The same project, year and funding source are also on row %(row)d.")
                    % {"row": spec.lines[(year, source)][0]},
                )
            else:
                spec.lines[(year, source)] = (row, planned)

    def finish(self) -> None:
        for row, code in self.pending_strategies:
            if code not in self.new_strategies and code not in self.strategies:
                self.error(
                    row,
                    "strategy_code",
                    _("Unknown strategy %(code)s: give its title on one row.") % {"code": code},
                )
        for row, code in self.pending_tasks:
            if code not in self.new_tasks and code not in self.tasks:
                self.error(
                    row, "task_code", _("Unknown task %(code)s: give its title on one row.") % {"code": code}
                )


def plan_import(
    *, actor: User, plan: Plan, upload: UploadedFile, progress: ReportProgress = no_progress
) -> PlanImportReport:
    """Add strategies, tasks, projects and budget lines to a plan from a spreadsheet; all rows or none.
    Within a revision, rows of the plan's own projects set their budget lines (a yearly revision)."""
    if not permissions.can_manage_plan(actor, plan):
        raise PermissionDenied(_("Only the council's secretariat can import into its plan."))
    plan.refresh_from_db(fields=["status", "revision_open"])
    if plan.is_locked:
        message = _("The plan is adopted: open a revision to change its structure, budgets or KPIs.")
        raise ImportRejected([RowError(row=0, column="", message=message)])
    table = read_table(
        upload, COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_FILE_BYTES, sheet_names=[STRUCTURE_SHEET]
    )
    institutions = {institution.name: institution for institution in permissions.project_institutions(actor)}
    checker = _Checker(plan, institutions)
    for index, (row, values) in enumerate(table, start=1):
        progress("checking", index, len(table))
        missing = [key for key in ("strategy_code", "task_code", "project_code") if not values.get(key)]
        for key in missing:
            checker.error(row, key, _("This column is required."))
        if missing:
            continue
        checker.strategy(row, values["strategy_code"], values.get("strategy_title", ""))
        checker.task(row, values["task_code"], values.get("task_title", ""), values["strategy_code"])
        spec = checker.project(row, values)
        if spec is not None:
            checker.line(row, spec, values)
    checker.finish()
    if checker.errors:
        raise ImportRejected(sorted(checker.errors, key=lambda error: error.row))
    return _save(actor, plan, checker, progress)


# Which column of the file each model field comes from, to name it beside a refused row.
_COLUMNS_OF_FIELDS: dict[type, dict[str, str]] = {
    Strategy: {"code": "strategy_code", "title": "strategy_title"},
    PlanTask: {"code": "task_code", "title": "task_title"},
    Project: {
        "code": "project_code",
        "title": "project_title",
        "lead_institution": "lead_institution",
        "start_on": "start_on",
        "end_on": "end_on",
    },
    BudgetLine: {"year": "year", "source": "source", "planned": "planned"},
}


def _row_errors(row: int, obj: object, error: ValidationError) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(row=row, column="", message=message) for message in error.messages]
    columns = _COLUMNS_OF_FIELDS.get(type(obj), {})
    return [
        RowError(row=row, column=_label(columns[name]) if name in columns else "", message=message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _save(actor: User, plan: Plan, checker: _Checker, progress: ReportProgress) -> PlanImportReport:
    """Build every new object from the checked rows, then write them in bulk (plans.services), all
    in one transaction with the budget changes of the plan's own projects in a revision."""
    rows: dict[int, int] = {}  # id() of each new object: the row it comes from

    def from_row(obj: Any, row: int) -> Any:
        rows[id(obj)] = row
        return obj

    strategies: dict[str, Strategy] = dict(checker.strategies)
    new_strategies = [
        from_row(Strategy(plan=plan, code=code, title=title, order=len(checker.strategies) + number), row)
        for number, (code, (row, title)) in enumerate(checker.new_strategies.items(), start=1)
    ]
    strategies.update((strategy.code, strategy) for strategy in new_strategies)
    tasks: dict[str, PlanTask] = dict(checker.tasks)
    new_tasks = [
        from_row(
            PlanTask(
                plan=plan,
                strategy=strategies[strategy_code],
                code=code,
                title=title,
                order=len(checker.tasks) + number,
            ),
            row,
        )
        for number, (code, (row, title, strategy_code)) in enumerate(checker.new_tasks.items(), start=1)
    ]
    tasks.update((task.code, task) for task in new_tasks)
    projects: list[Project] = []
    lines: list[BudgetLine] = []
    revised: list[tuple[_ProjectSpec, Project]] = []
    for spec in checker.projects.values():
        if spec.existing is not None:
            revised.append((spec, spec.existing))
            continue
        assert spec.start_on is not None and spec.end_on is not None  # the checker refused it otherwise
        project = from_row(
            Project(
                plan=plan,
                task=tasks[spec.task_code],
                code=spec.code,
                title=spec.title,
                lead_institution=spec.lead,
                start_on=spec.start_on,
                end_on=spec.end_on,
            ),
            spec.row,
        )
        projects.append(project)
        lines += [
            from_row(BudgetLine(project=project, year=year, source=source, planned=planned), line_row)
            for (year, source), (line_row, planned) in spec.lines.items()
        ]
    report = PlanImportReport(
        strategies=len(new_strategies), tasks=len(new_tasks), projects=len(projects), lines=len(lines)
    )
    row = 0
    try:
        with transaction.atomic():
            progress("saving", 0, len(projects) + len(revised))
            services.plan_structure_add(
                actor=actor,
                plan=plan,
                strategies=new_strategies,
                tasks=new_tasks,
                projects=projects,
                lines=lines,
            )
            for index, (spec, existing) in enumerate(revised, start=1):
                progress("saving", len(projects) + index, len(projects) + len(revised))
                row = spec.row
                amounts = {key: planned for key, (_line_row, planned) in spec.lines.items()}
                report.lines_updated += services.project_budget_set(
                    actor=actor, project=existing, amounts=amounts
                )
    except services.StructureRejected as error:
        refused = [
            problem
            for obj, problem_error in error.problems
            for problem in _row_errors(rows[id(obj)], obj, problem_error)
        ]
        raise ImportRejected(sorted(refused, key=lambda problem: problem.row)) from error
    except ValidationError as error:
        raise ImportRejected(
            [RowError(row=row, column="", message=message) for message in error.messages]
        ) from error
    return report


def plan_template() -> bytes:
    """The import template: the columns, a few example rows and a guide sheet."""
    return write_template(columns=COLUMNS, examples=EXAMPLE_ROWS, title=_("Plan"))


PLAN_IMPORT = "plans.plan"


def _run_plan_import(job: ImportJob, upload: UploadedFile, progress: ReportProgress) -> ImportResult:
    plan = Plan.objects.select_related("council").get(pk=job.params["plan"])
    report = plan_import(actor=job.owner, plan=plan, upload=upload, progress=progress)
    message = _(
        "Import complete: %(strategies)d strategies, %(tasks)d tasks, %(projects)d projects "
        "and %(lines)d budget lines added."
    ) % {
        "strategies": report.strategies,
        "tasks": report.tasks,
        "projects": report.projects,
        "lines": report.lines,
    }
    if report.lines_updated:
        message += " " + ngettext(
            "%(count)d budget line of the plan's projects changed.",
            "%(count)d budget lines of the plan's projects changed.",
            report.lines_updated,
        ) % {"count": report.lines_updated}
    return ImportResult(message=message, url=reverse("plan-detail", args=[plan.pk]))


plan_import_kind = ImportKind(PLAN_IMPORT, run=_run_plan_import)
