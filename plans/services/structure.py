"""Writes on a plan and its hierarchy: strategies, tasks, projects, participants, budget lines, KPIs.

Every function checks that the actor manages the plan's council first, validates with full_clean()
and runs in one transaction, so the pages, the API, imports and the admin obey the same rules.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, Sum
from django.utils.translation import gettext as _

from council.history import bulk_create_recorded
from council.models import Council, User
from council.services import assign_fields
from meetings.models import ActionItem, AgendaItem
from members.models import Agreement, Institution
from plans import permissions
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorTarget,
    Participation,
    Plan,
    PlanTask,
    PlanVersion,
    Project,
    ProjectActionLink,
    ProjectDecisionLink,
    Strategy,
)
from plans.selectors.lists import deciding_items
from plans.services.figures import plan_figures_changed

PLAN_FIELDS = (
    "title",
    "vision",
    "description",
    "figures_note",
    "start_year",
    "end_year",
    "stated_total",
    "cadence",
)
STRATEGY_FIELDS = ("code", "title", "description", "order")
TASK_FIELDS = ("strategy", "code", "title", "description", "order")
PROJECT_FIELDS = (
    "task",
    "code",
    "title",
    "lead_institution",
    "lead_role",
    "start_on",
    "end_on",
    "status",
    "description",
    "is_example",
)
PARTICIPATION_FIELDS = ("institution", "role", "share")
INDICATOR_FIELDS = ("name", "unit", "baseline", "description", "order")


def _manage(actor: User, plan: Plan) -> None:
    if not permissions.can_manage_plan(actor, plan):
        raise PermissionDenied(_("Only the council's secretariat can change its plan."))


def _change(actor: User, plan: Plan) -> None:
    """Refuse who may not change the plan, and any change to an adopted plan outside a revision; for
    the rest, mark the plan's figures as changed by this write. One UPDATE does both, read from the
    database: the caller's instance may predate an approval or a revision's close."""
    _manage(actor, plan)
    if not plan_figures_changed(plan_ids=[plan.pk], editable_only=True):
        raise ValidationError(
            _("The plan is adopted: open a revision to change its structure, budgets or KPIs.")
        )


def _link(actor: User, plan: Plan) -> None:
    """Links of projects to decisions, actions and agreements record what happened: staff keep them
    current whether or not a revision is open."""
    _manage(actor, plan)
    plan_figures_changed(plan_ids=[plan.pk])


# What only a revision may change of an adopted plan's own fields.
LOCKED_PLAN_FIELDS = ("stated_total", "start_year", "end_year")


# Plans


@transaction.atomic
def plan_create(*, actor: User, council: Council, **fields: Any) -> Plan:
    """Start a draft plan for a council."""
    if not permissions.can_create_plan(actor, council):
        raise PermissionDenied(_("Only the council's secretariat can add a plan."))
    plan = Plan(council=council)
    assign_fields(plan, fields, PLAN_FIELDS)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, **fields: Any) -> Plan:
    """Change a plan's details; the years must still hold every project and budget line. Of an
    adopted plan, its total and years change only within a revision."""
    _manage(actor, plan)
    if Plan.objects.get(pk=plan.pk).is_locked:
        changed = [
            name for name in LOCKED_PLAN_FIELDS if name in fields and fields[name] != getattr(plan, name)
        ]
        if changed:
            message = _("The plan is adopted: open a revision to change it.")
            raise ValidationError(dict.fromkeys(changed, message))
    plan_figures_changed(plan_ids=[plan.pk])
    new_cadence = fields.get("cadence", plan.cadence)
    if new_cadence != plan.cadence and plan.rounds.exists():
        raise ValidationError({"cadence": _("Reporting rounds are already open: the cadence cannot change.")})
    assign_fields(plan, fields, PLAN_FIELDS)
    plan.full_clean()
    outside = BudgetLine.objects.filter(project__plan=plan).exclude(
        year__gte=plan.start_year, year__lte=plan.end_year
    )
    if outside.exists():
        raise ValidationError(
            {"start_year": _("Some budget lines fall outside these years; change them first.")}
        )
    projects_outside = Project.objects.filter(plan=plan).exclude(
        start_on__year__gte=plan.start_year, end_on__year__lte=plan.end_year
    )
    if projects_outside.exists():
        raise ValidationError({"start_year": _("Some projects run outside these years; change them first.")})
    plan.save()
    return plan


def _check_decision(plan: Plan, agenda_item: AgendaItem) -> None:
    """Only one of deciding_items() approves or revises the plan; the message says what the item lacks."""
    if deciding_items(plan=plan).filter(pk=agenda_item.pk).exists():
        return
    if agenda_item.meeting.council_id != plan.council_id:
        message = _("Choose an agenda item of this council's meetings.")
    elif agenda_item.kind != AgendaItem.Kind.DELIBERATION:
        message = _("Only a deliberation item can approve a plan.")
    else:
        message = _("The agenda item must record that the council approved the plan.")
    raise ValidationError({"agenda_item": message})


def _snapshot(*, actor: User, plan: Plan, agenda_item: AgendaItem, note: str) -> PlanVersion:
    from plans.selectors.budgets import plan_counts, plan_totals, planned_by_strategy

    totals = plan_totals(plan=plan)
    counts = plan_counts(plan=plan)
    version = PlanVersion(
        plan=plan,
        number=plan.version,
        status=plan.status,
        agenda_item=agenda_item,
        note=note,
        stated_total=plan.stated_total,
        planned_total=totals.planned,
        executed_total=totals.executed,
        strategy_count=counts["strategies"],
        task_count=counts["tasks"],
        project_count=counts["projects"],
        by_strategy={code: str(amount) for code, amount in planned_by_strategy(plan=plan).items()},
        created_by=actor,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def plan_approve(*, actor: User, plan: Plan, agenda_item: AgendaItem, note: str = "") -> PlanVersion:
    """Record the council's approval of a draft plan, by the agenda item that decided it; keep version 1."""
    _manage(actor, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise ValidationError(_("This plan is already approved; record a revision instead."))
    _check_decision(plan, agenda_item)
    plan.status = Plan.Status.APPROVED
    plan.version = 1
    plan.decided_by = agenda_item
    plan.save(update_fields=["status", "version", "decided_by", "updated_at"])
    return _snapshot(actor=actor, plan=plan, agenda_item=agenda_item, note=note)


@transaction.atomic
def plan_revise(*, actor: User, plan: Plan, agenda_item: AgendaItem, note: str) -> PlanVersion:
    """Record a revision the council approved: a new version with the plan's totals as they stand now.
    The revision closes: the plan is read-only again until the next one is opened."""
    _manage(actor, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_approved:
        raise ValidationError(_("A draft plan is approved, not revised."))
    if not plan.revision_open:
        raise ValidationError(
            _("Open a revision first, make the changes the council decided, then record it.")
        )
    if not note.strip():
        raise ValidationError({"note": _("Say what the revision changes.")})
    _check_decision(plan, agenda_item)
    plan.status = Plan.Status.REVISED
    plan.version += 1
    plan.decided_by = agenda_item
    plan.revision_open = False
    plan.save(update_fields=["status", "version", "decided_by", "revision_open", "updated_at"])
    return _snapshot(actor=actor, plan=plan, agenda_item=agenda_item, note=note)


@transaction.atomic
def plan_revision_open(*, actor: User, plan: Plan) -> Plan:
    """Staff start a revision of an adopted plan: its structure, budgets and KPIs may change until the
    council's decision is recorded (plan_revise)."""
    _manage(actor, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_approved:
        raise ValidationError(_("A draft plan changes freely until it is approved."))
    if plan.revision_open:
        raise ValidationError(_("A revision of this plan is already open."))
    plan.revision_open = True
    plan.save(update_fields=["revision_open", "updated_at"])
    return plan


# Strategies and tasks


@transaction.atomic
def strategy_create(*, actor: User, plan: Plan, **fields: Any) -> Strategy:
    _change(actor, plan)
    strategy = Strategy(plan=plan)
    assign_fields(strategy, fields, STRATEGY_FIELDS)
    strategy.full_clean()
    strategy.save()
    return strategy


@transaction.atomic
def strategy_update(*, actor: User, strategy: Strategy, **fields: Any) -> Strategy:
    _change(actor, strategy.plan)
    assign_fields(strategy, fields, STRATEGY_FIELDS)
    strategy.full_clean()
    strategy.save()
    return strategy


@transaction.atomic
def strategy_delete(*, actor: User, strategy: Strategy) -> None:
    _change(actor, strategy.plan)
    if strategy.tasks.exists():
        raise ValidationError(_("Move or delete the strategy's tasks first."))
    strategy.delete()


@transaction.atomic
def plan_task_create(*, actor: User, plan: Plan, **fields: Any) -> PlanTask:
    _change(actor, plan)
    task = PlanTask(plan=plan)
    assign_fields(task, fields, TASK_FIELDS)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def plan_task_update(*, actor: User, task: PlanTask, **fields: Any) -> PlanTask:
    _change(actor, task.plan)
    assign_fields(task, fields, TASK_FIELDS)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def plan_task_delete(*, actor: User, task: PlanTask) -> None:
    _change(actor, task.plan)
    if task.projects.exists():
        raise ValidationError(_("Move or delete the task's projects first."))
    task.delete()


# Projects and participants


def _not_in_directory(field: str) -> ValidationError:
    return ValidationError({field: _("Choose an active institution of your council's directory.")})


def _check_institution(actor: User, institution: Institution, *, field: str) -> None:
    if not permissions.project_institutions(actor).filter(pk=institution.pk).exists():
        raise _not_in_directory(field)


def _check_lead(project: Project) -> None:
    if project.pk and project.participations.filter(institution_id=project.lead_institution_id).exists():
        raise ValidationError(
            {"lead_institution": _("This institution is a participant; remove it there first.")}
        )


@transaction.atomic
def project_create(*, actor: User, plan: Plan, **fields: Any) -> Project:
    _change(actor, plan)
    project = Project(plan=plan)
    assign_fields(project, fields, PROJECT_FIELDS)
    project.full_clean()
    _check_institution(actor, project.lead_institution, field="lead_institution")
    project.save()
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    _change(actor, project.plan)
    lead_id = project.lead_institution_id
    assign_fields(project, fields, PROJECT_FIELDS)
    project.full_clean()
    if project.lead_institution_id != lead_id:  # a lead that has since closed may stay
        _check_institution(actor, project.lead_institution, field="lead_institution")
    _check_lead(project)
    outside = project.budget_lines.exclude(year__gte=project.start_on.year, year__lte=project.end_on.year)
    if outside.exists():
        raise ValidationError({"end_on": _("Some budget lines fall outside this period; change them first.")})
    project.save()
    return project


@transaction.atomic
def project_delete(*, actor: User, project: Project) -> None:
    """Remove a project entered by mistake; one that has progress reports stays."""
    _change(actor, project.plan)
    if project.reports.exists():
        raise ValidationError(_("This project has progress reports; set its status instead of deleting it."))
    project.delete()


def _check_shares(project: Project, participation: Participation) -> None:
    others = project.participations.exclude(pk=participation.pk).aggregate(total=Sum("share"))[
        "total"
    ] or Decimal("0")
    if others + participation.share > 100:
        raise ValidationError(
            {
                "share": _("The participants' shares add up to more than 100%% (%(total)s%%).")
                % {"total": others + participation.share}
            }
        )
    if participation.institution_id == project.lead_institution_id:
        raise ValidationError({"institution": _("The lead institution is not also a participant.")})


@transaction.atomic
def participation_create(*, actor: User, project: Project, **fields: Any) -> Participation:
    """Add a participating institution with its role and budget share (%); the lead holds the rest."""
    _change(actor, project.plan)
    participation = Participation(project=project)
    assign_fields(participation, fields, PARTICIPATION_FIELDS)
    participation.full_clean()
    _check_institution(actor, participation.institution, field="institution")
    _check_shares(project, participation)
    participation.save()
    return participation


@transaction.atomic
def participation_update(*, actor: User, participation: Participation, **fields: Any) -> Participation:
    _change(actor, participation.project.plan)
    institution_id = participation.institution_id
    assign_fields(participation, fields, PARTICIPATION_FIELDS)
    participation.full_clean()
    if participation.institution_id != institution_id:
        _check_institution(actor, participation.institution, field="institution")
    _check_shares(participation.project, participation)
    participation.save()
    return participation


@transaction.atomic
def participation_delete(*, actor: User, participation: Participation) -> None:
    _change(actor, participation.project.plan)
    participation.delete()


# Budget lines


def _check_line(line: BudgetLine) -> None:
    project = line.project
    if not project.start_on.year <= line.year <= project.end_on.year:
        raise ValidationError(
            {
                "year": _("%(year)d is outside the project's period (%(start)d–%(end)d).")
                % {"year": line.year, "start": project.start_on.year, "end": project.end_on.year}
            }
        )
    if line.planned < line.executed:
        raise ValidationError(
            {
                "planned": _("%(amount)s won have already been executed on this line; plan at least that.")
                % {"amount": f"{line.executed:,}"}
            }
        )


@transaction.atomic
def budget_line_create(
    *, actor: User, project: Project, year: int, source: str, planned: int, note: str = ""
) -> BudgetLine:
    """A project's planned budget for one year and funding source, in whole won."""
    _change(actor, project.plan)
    line = BudgetLine(project=project, year=year, source=source, planned=planned, note=note)
    line.full_clean()
    _check_line(line)
    line.save()
    return line


@transaction.atomic
def budget_line_update(*, actor: User, line: BudgetLine, **fields: Any) -> BudgetLine:
    _change(actor, line.project.plan)
    assign_fields(line, fields, ("year", "source", "planned", "note"))
    line.full_clean()
    _check_line(line)
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, actor: User, line: BudgetLine) -> None:
    _change(actor, line.project.plan)
    if line.executed or line.executions.filter(amount__gt=0).exists():
        raise ValidationError(_("Amounts were reported as executed on this line; it cannot be removed."))
    line.delete()


@transaction.atomic
def project_budget_set(
    *, actor: User, project: Project, amounts: Mapping[tuple[int, str], int | None]
) -> int:
    """Set a project's planned amounts by (year, funding source): new lines are added, changed ones
    saved (with their history), and empty ones removed. Returns how many lines changed."""
    _change(actor, project.plan)
    existing = {(line.year, line.source): line for line in project.budget_lines.all()}
    sources = set(FundingSource.values)
    errors: list[str] = []
    changed = 0
    for (year, source), amount in sorted(amounts.items()):
        if source not in sources:
            errors.append(_("“%(source)s” is not a funding source.") % {"source": source})
            continue
        line = existing.get((year, source))
        label = f"{year} {FundingSource(source).label}"
        try:
            if amount is None:
                if line is not None:
                    budget_line_delete(actor=actor, line=line)
                    changed += 1
            elif line is None:
                budget_line_create(actor=actor, project=project, year=year, source=source, planned=amount)
                changed += 1
            elif line.planned != amount:
                budget_line_update(actor=actor, line=line, planned=amount)
                changed += 1
        except ValidationError as error:
            errors.extend(f"{label}: {message}" for message in error.messages)
    if errors:
        raise ValidationError(errors)
    return changed


# A whole structure at once (imports)


class StructureRejected(ValidationError):
    """Some of the objects given to plan_structure_add break a rule; `problems` pairs each such
    object with its error, so that an import can name the row it came from."""

    def __init__(self, problems: list[tuple[Model, ValidationError]]) -> None:
        super().__init__([message for _obj, error in problems for message in error.messages])
        self.problems = problems


# Relations plan_structure_add sets from objects it was given or the plan holds: checking them
# would cost a query per object, and the database refuses a dangling one.
_RELATIONS = ("plan", "strategy", "task", "lead_institution", "project")
BULK_BATCH = 5000


@transaction.atomic
def plan_structure_add(
    *,
    actor: User,
    plan: Plan,
    strategies: Sequence[Strategy],
    tasks: Sequence[PlanTask],
    projects: Sequence[Project],
    lines: Sequence[BudgetLine],
) -> None:
    """Add strategies, tasks, projects and budget lines to a plan in one go, as an import does.

    The objects are unsaved and may refer to one another (a task to a new strategy, a line to a new
    project). The rules are those of the one-by-one functions above, checked for every object before
    any is written: fields, periods, the lead institution's directory. Codes unique within the plan
    are the caller's to have checked against its rows; the database's constraints refuse any
    duplicate left. Then each table takes a few statements, and projects and budget lines their
    history rows, in the name of the actor: bench/imports.py measures a national plan's
    375,000 lines in well under a minute, where saving them one by one costs four queries each.
    """
    _change(actor, plan)
    allowed = set(permissions.project_institutions(actor).values_list("pk", flat=True))
    problems: list[tuple[Model, ValidationError]] = []
    for obj in (*strategies, *tasks, *projects, *lines):
        try:
            obj.full_clean(exclude=_RELATIONS, validate_unique=False, validate_constraints=False)
            if isinstance(obj, Project) and obj.lead_institution_id not in allowed:
                raise _not_in_directory("lead_institution")
            if isinstance(obj, BudgetLine):
                _check_line(obj)
        except ValidationError as error:
            problems.append((obj, error))
    if problems:
        raise StructureRejected(problems)
    Strategy.objects.bulk_create(strategies, batch_size=BULK_BATCH)
    PlanTask.objects.bulk_create(tasks, batch_size=BULK_BATCH)
    bulk_create_recorded(Project, projects, user=actor)
    bulk_create_recorded(BudgetLine, lines, user=actor)


# KPIs


@transaction.atomic
def indicator_create(
    *, actor: User, project: Project, targets: Mapping[int, Decimal] | None = None, **fields: Any
) -> Indicator:
    """A KPI of a project with its yearly targets."""
    _change(actor, project.plan)
    indicator = Indicator(project=project)
    assign_fields(indicator, fields, INDICATOR_FIELDS)
    indicator.full_clean()
    indicator.save()
    if targets:
        _set_targets(indicator, targets)
    return indicator


@transaction.atomic
def indicator_update(
    *, actor: User, indicator: Indicator, targets: Mapping[int, Decimal | None] | None = None, **fields: Any
) -> Indicator:
    _change(actor, indicator.project.plan)
    assign_fields(indicator, fields, INDICATOR_FIELDS)
    indicator.full_clean()
    indicator.save()
    if targets is not None:
        _set_targets(indicator, targets)
    return indicator


@transaction.atomic
def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    _change(actor, indicator.project.plan)
    if indicator.actuals.exists():
        raise ValidationError(_("Progress reports already state actuals for this indicator."))
    indicator.delete()


def _set_targets(indicator: Indicator, targets: Mapping[int, Decimal | None]) -> None:
    plan = indicator.project.plan
    for year, value in targets.items():
        if not plan.start_year <= year <= plan.end_year:
            raise ValidationError(
                {
                    "targets": _("%(year)d is outside the plan (%(start)d–%(end)d).")
                    % {"year": year, "start": plan.start_year, "end": plan.end_year}
                }
            )
        if value is None:
            IndicatorTarget.objects.filter(indicator=indicator, year=year).delete()
            continue
        target = IndicatorTarget.objects.filter(indicator=indicator, year=year).first() or IndicatorTarget(
            indicator=indicator, year=year
        )
        target.value = value
        target.full_clean()
        target.save()


# Links to meetings


@transaction.atomic
def project_link_action(*, actor: User, project: Project, action_item: ActionItem) -> ProjectActionLink:
    """Make a meeting's follow-up action one the project answers for in its next progress report."""
    _link(actor, project.plan)
    if action_item.council_id != project.plan.council_id:
        raise ValidationError({"action_item": _("Choose a follow-up action of this council's meetings.")})
    link, _created = ProjectActionLink.objects.get_or_create(
        project=project, action_item=action_item, defaults={"linked_by": actor}
    )
    return link


@transaction.atomic
def project_unlink_action(*, actor: User, project: Project, action_item: ActionItem) -> None:
    _link(actor, project.plan)
    ProjectActionLink.objects.filter(project=project, action_item=action_item).delete()


@transaction.atomic
def project_link_decision(*, actor: User, project: Project, agenda_item: AgendaItem) -> ProjectDecisionLink:
    """Record that a meeting decision concerns the project."""
    _link(actor, project.plan)
    if agenda_item.meeting.council_id != project.plan.council_id:
        raise ValidationError({"agenda_item": _("Choose a decision of this council's meetings.")})
    if not agenda_item.decision:
        raise ValidationError({"agenda_item": _("This agenda item has no decision yet.")})
    link, _created = ProjectDecisionLink.objects.get_or_create(
        project=project, agenda_item=agenda_item, defaults={"linked_by": actor}
    )
    return link


@transaction.atomic
def project_unlink_decision(*, actor: User, project: Project, agenda_item: AgendaItem) -> None:
    _link(actor, project.plan)
    ProjectDecisionLink.objects.filter(project=project, agenda_item=agenda_item).delete()


@transaction.atomic
def project_link_agreement(*, actor: User, project: Project, agreement: Agreement) -> None:
    """Record that the project builds on an agreement of its council: the agreement shows it as a result."""
    _link(actor, project.plan)
    if agreement.council_id != project.plan.council_id:
        raise ValidationError({"agreement": _("Choose an agreement of this council.")})
    project.agreements.add(agreement)


@transaction.atomic
def project_unlink_agreement(*, actor: User, project: Project, agreement: Agreement) -> None:
    _link(actor, project.plan)
    project.agreements.remove(agreement)
