"""Notices of progress reporting, sent through the outbox (see council/notices/outbox.py).

Services create the dispatches in their transaction; the daily reminders (plans/reminders.py)
create the deadline ones. Each kind finds its recipients when the dispatch is expanded.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse

from council.models import CouncilRole, Dispatch, Notice
from council.notices.kinds import NoticeKind, Recipient, register_kind
from members.directory.recipients import contacts_of, reachable_contacts_of, role_holders, secretariat_of
from plans.models import IndicatorActual, ProgressReport, ReportingRound


class ReportNotice(NoticeKind):
    """About one progress report; goes to the contacts of the project's lead institution."""

    def report(self, dispatch: Dispatch) -> ProgressReport:
        return ProgressReport.objects.select_related(
            "round__plan__council", "project__lead_institution", "reviewed_by"
        ).get(pk=dispatch.subject_id)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return contacts_of([self.report(dispatch).project.lead_institution_id])

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        report = self.report(dispatch)
        return {"report": report, "round": report.round, "plan": report.round.plan, "project": report.project}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("report-detail", args=[context["report"].pk])


@register_kind
class RoundOpened(NoticeKind):
    """To the lead institutions of a new round's reports: what to report on, and by when."""

    key = "plans.round_opened"
    template = "plans/notices/round_opened"

    def _round(self, dispatch: Dispatch) -> ReportingRound:
        return ReportingRound.objects.select_related("plan__council").get(pk=dispatch.subject_id)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        leads = ProgressReport.objects.filter(round_id=dispatch.subject_id).values_list(
            "project__lead_institution_id", flat=True
        )
        return reachable_contacts_of(leads)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        round_ = self._round(dispatch)
        return {"round": round_, "plan": round_.plan, "report_count": round_.reports.count()}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return f"{reverse('report-list')}?round={context['round'].pk}"


@register_kind
class ReportSubmitted(ReportNotice):
    """To the council's city officials: a report waits for their review."""

    key = "plans.report_submitted"
    template = "plans/notices/report_submitted"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        council = self.report(dispatch).round.plan.council
        return role_holders(council, CouncilRole.Kind.OFFICIAL)


@register_kind
class ReportAccepted(ReportNotice):
    """To the lead institution: the report is accepted and its figures count."""

    key = "plans.report_accepted"
    template = "plans/notices/report_accepted"


@register_kind
class ReportReturned(ReportNotice):
    """To the lead institution: the report comes back with the official's comment."""

    key = "plans.report_returned"
    template = "plans/notices/report_returned"


@register_kind
class ReportReopened(ReportNotice):
    """To the lead institution: the secretariat reopened an accepted report for a new revision."""

    key = "plans.report_reopened"
    template = "plans/notices/report_reopened"


@register_kind
class ReportDueSoon(ReportNotice):
    """To the lead institution: the report is due within a few days and not yet submitted."""

    key = "plans.report_due_soon"
    template = "plans/notices/report_due_soon"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return reachable_contacts_of([self.report(dispatch).project.lead_institution_id])


@register_kind
class ReportOverdue(ReportNotice):
    """To the lead institution: the deadline has passed and the report is not submitted."""

    key = "plans.report_overdue"
    template = "plans/notices/report_overdue"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return reachable_contacts_of([self.report(dispatch).project.lead_institution_id])


class RoundNotice(NoticeKind):
    """About one round; goes to the council's secretariat with the reports still outstanding."""

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        round_ = ReportingRound.objects.select_related("plan__council").get(pk=dispatch.subject_id)
        return secretariat_of(round_.plan.council)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        round_ = ReportingRound.objects.select_related("plan__council").get(pk=dispatch.subject_id)
        pending = list(
            round_.reports.filter(status__in=ProgressReport.PENDING_STATUSES)
            .select_related("project__lead_institution")
            .order_by("project__code")
        )
        return {"round": round_, "plan": round_.plan, "pending": pending}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("plan-rounds", args=[context["plan"].pk])


@register_kind
class RoundDueSoon(RoundNotice):
    key = "plans.round_due_soon"
    template = "plans/notices/round_due_soon"


@register_kind
class RoundOverdue(RoundNotice):
    key = "plans.round_overdue"
    template = "plans/notices/round_overdue"


@register_kind
class IndicatorVerified(NoticeKind):
    """To the lead institution: an official verified a KPI actual against its evidence."""

    key = "plans.indicator_verified"
    template = "plans/notices/indicator_verified"

    def _actual(self, dispatch: Dispatch) -> IndicatorActual:
        return IndicatorActual.objects.select_related(
            "indicator", "report__round__plan", "report__project", "verified_by"
        ).get(pk=dispatch.subject_id)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return contacts_of([self._actual(dispatch).report.project.lead_institution_id])

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        actual = self._actual(dispatch)
        return {"actual": actual, "report": actual.report, "project": actual.report.project}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("report-detail", args=[context["report"].pk])
