"""Notices of progress reporting, sent through the outbox (see council/outbox.py).

Services create the dispatches in their transaction; the daily reminders (plans/reminders.py)
create the deadline ones. Each kind finds its recipients when the dispatch is expanded.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse

from council.models import Council, CouncilRole, Dispatch, Notice, User
from council.outbox import NoticeKind, Recipient, register_kind
from plans.models import IndicatorActual, ProgressReport, ReportingRound


def subject_id(subject_key: str) -> int:
    return int(subject_key.rsplit(":", 1)[1])


def _recipients(users: Iterable[User]) -> Iterable[Recipient]:
    for user in users:
        yield Recipient(email=user.email, name=user.get_full_name(), language=user.language, user_id=user.pk)


def institution_contacts(institution_ids: Iterable[int]) -> Iterable[Recipient]:
    users = User.objects.filter(
        institution_contacts__institution_id__in=list(institution_ids), is_active=True
    ).distinct()
    return _recipients(users.order_by("id"))


def council_role_holders(council: Council, kind: str) -> Iterable[Recipient]:
    """Holders of a role on the council, or on the council above it (roles extend to working groups)."""
    councils = [council.pk] + ([council.parent_id] if council.parent_id else [])
    users = User.objects.filter(
        council_roles__council_id__in=councils, council_roles__kind=kind, is_active=True
    ).distinct()
    return _recipients(users.order_by("id"))


class ReportNotice(NoticeKind):
    """About one progress report; goes to the contacts of the project's lead institution."""

    def report(self, dispatch: Dispatch) -> ProgressReport:
        return ProgressReport.objects.select_related(
            "round__plan__council", "project__lead_institution", "reviewed_by"
        ).get(pk=subject_id(dispatch.subject_key))

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return institution_contacts([self.report(dispatch).project.lead_institution_id])

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
        return ReportingRound.objects.select_related("plan__council").get(pk=subject_id(dispatch.subject_key))

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        leads = ProgressReport.objects.filter(round_id=subject_id(dispatch.subject_key)).values_list(
            "project__lead_institution_id", flat=True
        )
        return institution_contacts(set(leads))

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
        return council_role_holders(council, CouncilRole.Kind.OFFICIAL)


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


@register_kind
class ReportOverdue(ReportNotice):
    """To the lead institution: the deadline has passed and the report is not submitted."""

    key = "plans.report_overdue"
    template = "plans/notices/report_overdue"


class RoundNotice(NoticeKind):
    """About one round; goes to the council's secretariat with the reports still outstanding."""

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        round_ = ReportingRound.objects.select_related("plan__council").get(
            pk=subject_id(dispatch.subject_key)
        )
        return council_role_holders(round_.plan.council, CouncilRole.Kind.SECRETARIAT)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        round_ = ReportingRound.objects.select_related("plan__council").get(
            pk=subject_id(dispatch.subject_key)
        )
        pending = list(
            round_.reports.filter(status__in=[ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED])
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
        ).get(pk=subject_id(dispatch.subject_key))

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return institution_contacts([self._actual(dispatch).report.project.lead_institution_id])

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        actual = self._actual(dispatch)
        return {"actual": actual, "report": actual.report, "project": actual.report.project}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("report-detail", args=[context["report"].pk])
