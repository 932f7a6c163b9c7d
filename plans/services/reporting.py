"""Writes on progress reporting: rounds, reports, participants' parts, reviews and KPI verification.

A round opens one draft report per running project. The lead institution's contacts fill it in and
submit it; participants add their part; a city official accepts it or returns it with a comment.
Accepting freezes the period: the report's executed amounts then count in the budget lines, and
nobody may change it until the secretariat reopens it. Every step that others must hear about
writes its notice in the same transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from council.files.uploads import validate_document
from council.models import User
from council.notices.outbox import dispatch_create
from members.models import Institution
from plans import notices, permissions
from plans.models import (
    BudgetLine,
    IndicatorActual,
    Plan,
    ProgressReport,
    Project,
    ReportActionAnswer,
    ReportContribution,
    ReportExecution,
    ReportingRound,
)
from plans.selectors.links import open_linked_actions
from plans.services.figures import plan_figures_changed


def period_dates(*, cadence: str, year: int, period: int) -> tuple[date, date]:
    """First and last day of a half-year (period 1–2) or a quarter (1–4)."""
    months = 6 if cadence == Plan.Cadence.HALF_YEAR else 3
    count = 12 // months
    if not 1 <= period <= count:
        raise ValidationError({"period": _("Choose a period from 1 to %(count)d.") % {"count": count}})
    first_month = (period - 1) * months + 1
    last_month = first_month + months - 1
    start = date(year, first_month, 1)
    end = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


# Rounds


@transaction.atomic
def round_open(*, actor: User, plan: Plan, year: int, period: int, due_on: date) -> ReportingRound:
    """Open a reporting period: one draft report per project running in it, announced to the leads."""
    if not permissions.can_manage_plan(actor, plan):
        raise PermissionDenied(_("Only the council's secretariat opens reporting rounds."))
    if not plan.is_approved:
        raise ValidationError(_("Progress is reported on approved plans only."))
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            {
                "year": _("The year must lie within the plan (%(start)d–%(end)d).")
                % {"start": plan.start_year, "end": plan.end_year}
            }
        )
    starts_on, ends_on = period_dates(cadence=plan.cadence, year=year, period=period)
    if due_on < starts_on:
        raise ValidationError({"due_on": _("The deadline cannot come before the period starts.")})
    round_ = ReportingRound(
        plan=plan,
        cadence=plan.cadence,
        year=year,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        opened_by=actor,
    )
    round_.full_clean()
    round_.save()
    projects = plan.projects.filter(
        status__in=Project.RUNNING_STATUSES, start_on__lte=ends_on, end_on__gte=starts_on
    )
    bulk_create_with_history(
        [ProgressReport(round=round_, project=project) for project in projects.only("id")],
        ProgressReport,
        batch_size=500,
        default_user=actor,
    )
    plan_figures_changed(plan_ids=[plan.pk])
    dispatch_create(
        kind=notices.RoundOpened.key, subject_key=f"plans.round:{round_.pk}", council=plan.council
    )
    return round_


# Drafting


@dataclass(frozen=True, slots=True)
class ActualInput:
    """A KPI actual as a report states it: the value so far this year, optional evidence and note."""

    value: Decimal | None
    evidence: UploadedFile | None = None
    note: str = ""


def _locked(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update().select_related("round__plan", "project").get(pk=report.pk)
    )


def _check_editable(user: User, report: ProgressReport) -> None:
    if not permissions.writes_report(user, report):
        raise PermissionDenied(_("Only the lead institution's contacts write this project's report."))
    if not report.is_editable:
        if report.is_frozen:
            raise ValidationError(
                _("This report is accepted and its figures are frozen; the secretariat can reopen it.")
            )
        raise ValidationError(_("This report is submitted and waits for review; it cannot be changed now."))


def _save_executions(report: ProgressReport, executions: Mapping[int, int]) -> None:
    lines = {
        line.pk: line
        for line in BudgetLine.objects.filter(project_id=report.project_id, year=report.round.year)
    }
    errors = []
    for line_id, amount in executions.items():
        line = lines.get(line_id)
        if line is None:
            errors.append(
                _("A budget line is not one of this project's lines for %(year)d.")
                % {"year": report.round.year}
            )
            continue
        if amount < 0:
            errors.append(
                _("%(line)s: an executed amount cannot be negative.") % {"line": line.get_source_display()}
            )
            continue
        # `executed` holds what accepted reports put on the line; this report is not accepted yet.
        if line.executed + amount > line.planned:
            errors.append(
                _(
                    "%(line)s: %(done)s won already executed plus %(amount)s won "
                    "exceeds the planned %(planned)s won."
                )
                % {
                    "line": f"{line.year} {line.get_source_display()}",
                    "done": f"{line.executed:,}",
                    "amount": f"{amount:,}",
                    "planned": f"{line.planned:,}",
                }
            )
    if errors:
        raise ValidationError({"executions": errors})
    for line_id, amount in executions.items():
        execution = ReportExecution.objects.filter(report=report, budget_line_id=line_id).first()
        if execution is None:
            ReportExecution.objects.create(report=report, budget_line_id=line_id, amount=amount)
        elif execution.amount != amount:
            execution.amount = amount
            execution.save(update_fields=["amount"])


def _save_actuals(report: ProgressReport, actuals: Mapping[int, ActualInput]) -> None:
    indicator_ids = set(report.project.indicators.values_list("id", flat=True))
    for indicator_id, given in actuals.items():
        if indicator_id not in indicator_ids:
            raise ValidationError({"actuals": _("An indicator is not one of this project's KPIs.")})
        if given.evidence is not None:
            validate_document(given.evidence)
        actual = IndicatorActual.objects.filter(report=report, indicator_id=indicator_id).first()
        if given.value is None:
            if actual is not None:
                _remove_evidence_on_commit(actual)
                actual.delete()
            continue
        if actual is None:
            actual = IndicatorActual(report=report, indicator_id=indicator_id)
        actual.value = given.value
        actual.note = given.note
        if given.evidence is not None:
            _remove_evidence_on_commit(actual)
            actual.evidence = given.evidence
            actual.evidence_name = (given.evidence.name or "")[:200]
        actual.full_clean()
        actual.save()


def _remove_evidence_on_commit(actual: IndicatorActual) -> None:
    """Delete the stored evidence file once the row that named it is replaced or gone for good."""
    storage, name = actual.evidence.storage, actual.evidence.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _save_answers(report: ProgressReport, answers: Mapping[int, str]) -> None:
    linked = set(report.project.action_links.values_list("action_item_id", flat=True))
    for action_id, text in answers.items():
        if action_id not in linked:
            raise ValidationError({"answers": _("A follow-up action is not linked to this project.")})
        if text.strip():
            ReportActionAnswer.objects.update_or_create(
                report=report, action_item_id=action_id, defaults={"answer": text.strip()}
            )
        else:
            ReportActionAnswer.objects.filter(report=report, action_item_id=action_id).delete()


@transaction.atomic
def report_save(
    *,
    actor: User,
    report: ProgressReport,
    narrative: str,
    percent_done: int | None,
    problems: str = "",
    executions: Mapping[int, int] | None = None,
    actuals: Mapping[int, ActualInput] | None = None,
    answers: Mapping[int, str] | None = None,
) -> ProgressReport:
    """Save the lead institution's draft: narrative, % done, amounts executed per budget line in the
    period, KPI actuals with evidence, and answers to the project's open follow-up actions."""
    report = _locked(report)
    _check_editable(actor, report)
    report.narrative = narrative
    report.percent_done = percent_done
    report.problems = problems
    report.full_clean()
    report.save()
    _save_executions(report, executions or {})
    _save_actuals(report, actuals or {})
    _save_answers(report, answers or {})
    return report


@transaction.atomic
def report_contribute(
    *, actor: User, report: ProgressReport, institution: Institution, text: str
) -> ReportContribution | None:
    """A participating institution adds (or clears) its part while the report is being drafted."""
    report = _locked(report)
    if not permissions.can_contribute(actor, report, institution):
        raise PermissionDenied(_("Only contacts of the project's participating institutions add their part."))
    if not report.is_editable:
        raise ValidationError(_("The report is no longer being drafted; parts can no longer be changed."))
    if not text.strip():
        ReportContribution.objects.filter(report=report, institution=institution).delete()
        return None
    contribution = ReportContribution.objects.filter(report=report, institution=institution).first()
    if contribution is None:
        contribution = ReportContribution(report=report, institution=institution)
    contribution.text = text.strip()
    contribution.updated_by = actor
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def report_submit(*, actor: User, report: ProgressReport) -> ProgressReport:
    """Hand the report to the city officials for review."""
    report = _locked(report)
    _check_editable(actor, report)
    errors: dict[str, str] = {}
    if not report.narrative.strip():
        errors["narrative"] = _("Describe the progress in this period.")
    if report.percent_done is None:
        errors["percent_done"] = _("State how much of the project is done (0–100).")
    answered = set(report.action_answers.values_list("action_item_id", flat=True))
    if any(action.pk not in answered for action in open_linked_actions(report.project)):
        errors["answers"] = _("Answer every open follow-up action linked to the project.")
    if errors:
        raise ValidationError(errors)
    report.status = ProgressReport.Status.SUBMITTED
    report.submissions += 1
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    dispatch_create(
        kind=notices.ReportSubmitted.key,
        subject_key=f"plans.report:{report.pk}",
        revision=report.submissions,
        council=report.round.plan.council,
    )
    return report


# Review


def _check_reviewer(actor: User, report: ProgressReport) -> None:
    if not permissions.reviews_plan(actor, report.round.plan):
        raise PermissionDenied(_("Only the council's city officials review progress reports."))
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted or returned."))


def budget_executed_refresh(*, lines: QuerySet[BudgetLine], reason: str) -> None:
    """Set each of the budget lines' executed amount to the sum of their accepted reports, in two
    queries and one write whatever their number; the changed lines' history says why."""
    totals = dict(
        ReportExecution.objects.filter(budget_line__in=lines, report__status=ProgressReport.Status.ACCEPTED)
        .values_list("budget_line_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    changed = []
    for line in lines.select_related("project"):
        total = int(totals.get(line.pk) or 0)
        if line.executed != total:
            line.executed = total
            changed.append(line)
    if changed:
        bulk_update_with_history(changed, BudgetLine, ["executed"], default_change_reason=reason)
        plan_figures_changed(plan_ids={line.project.plan_id for line in changed})


@transaction.atomic
def report_accept(*, actor: User, report: ProgressReport, comment: str = "") -> ProgressReport:
    """Accept a submitted report: its figures are frozen and count in the budget lines from now on."""
    report = _locked(report)
    _check_reviewer(actor, report)
    report.status = ProgressReport.Status.ACCEPTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.review_comment = comment.strip()
    report.save()
    budget_executed_refresh(lines=report.project.budget_lines.all(), reason=f"report {report.pk} accepted")
    plan_figures_changed(plan_ids=[report.project.plan_id])
    project = report.project
    if project.status == Project.Status.PLANNED:
        project.status = Project.Status.IN_PROGRESS
        project.save(update_fields=["status", "updated_at"])
    dispatch_create(
        kind=notices.ReportAccepted.key,
        subject_key=f"plans.report:{report.pk}",
        revision=report.submissions,
        council=report.round.plan.council,
    )
    return report


@transaction.atomic
def report_return(*, actor: User, report: ProgressReport, comment: str) -> ProgressReport:
    """Send a submitted report back to the lead institution with what to change."""
    report = _locked(report)
    _check_reviewer(actor, report)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the lead institution should change.")})
    report.status = ProgressReport.Status.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.review_comment = comment.strip()
    report.save()
    dispatch_create(
        kind=notices.ReportReturned.key,
        subject_key=f"plans.report:{report.pk}",
        revision=report.submissions,
        council=report.round.plan.council,
        payload={"comment": report.review_comment},
    )
    return report


@transaction.atomic
def report_reopen(*, actor: User, report: ProgressReport, reason: str) -> ProgressReport:
    """Unfreeze an accepted report for a new revision: its figures leave the budget lines until it is
    accepted again, and its KPI actuals must be verified again."""
    report = _locked(report)
    if not permissions.can_manage_plan(actor, report.round.plan):
        raise PermissionDenied(_("Only the council's secretariat reopens an accepted report."))
    if report.status != ProgressReport.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted report can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the report is reopened.")})
    report.status = ProgressReport.Status.RETURNED
    report.review_comment = reason.strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    report.actuals.update(verified_at=None, verified_by=None)
    budget_executed_refresh(lines=report.project.budget_lines.all(), reason=f"report {report.pk} reopened")
    plan_figures_changed(plan_ids=[report.project.plan_id])
    dispatch_create(
        kind=notices.ReportReopened.key,
        subject_key=f"plans.report:{report.pk}",
        revision=report.submissions,
        council=report.round.plan.council,
        payload={"comment": report.review_comment},
    )
    return report


@transaction.atomic
def indicator_actual_verify(*, actor: User, actual: IndicatorActual) -> IndicatorActual:
    """A city official confirms a KPI actual of an accepted report against its evidence."""
    actual = (
        IndicatorActual.objects.select_for_update().select_related("report__round__plan").get(pk=actual.pk)
    )
    report = actual.report
    if not permissions.reviews_plan(actor, report.round.plan):
        raise PermissionDenied(_("Only the council's city officials verify KPI actuals."))
    if not permissions.can_verify_actual(actor, actual):
        if actual.is_verified:
            raise ValidationError(_("This actual is already verified."))
        raise ValidationError(_("KPI actuals are verified once their report is accepted."))
    actual.verified_at = timezone.now()
    actual.verified_by = actor
    actual.save(update_fields=["verified_at", "verified_by"])
    plan_figures_changed(plan_ids=[report.round.plan_id])
    dispatch_create(
        kind=notices.IndicatorVerified.key,
        subject_key=f"plans.actual:{actual.pk}",
        revision=report.submissions,
        council=report.round.plan.council,
    )
    return actual
