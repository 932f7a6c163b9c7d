"""Notices about agreements: the validity period ends within 60 days."""

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.models import Dispatch, Notice
from council.notices.kinds import NoticeKind, Recipient, register_kind
from council.notices.outbox import dispatches_create
from members.directory.recipients import contacts_of, secretariat_of
from members.models import RENEWAL_NOTICE_DAYS, Agreement


def _agreement(dispatch: Dispatch) -> Agreement:
    pk = dispatch.subject_id
    return Agreement.objects.select_related("council").prefetch_related("parties").get(pk=pk)


@register_kind
class AgreementRenewalDue(NoticeKind):
    """To the council's secretariat and the parties' contacts: renew the agreement, or let it end."""

    key = "agreement.renewal_due"
    label = _("agreement renewal due")
    template = "members/notices/agreement_renewal"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        agreement = _agreement(dispatch)
        return chain(
            secretariat_of(agreement.council), contacts_of(party.pk for party in agreement.parties.all())
        )

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"agreement": _agreement(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("agreement-detail", kwargs={"pk": context["agreement"].pk})


def agreement_renewal_reminders(today: date) -> int:
    """One notice per agreement ending within 60 days; a new end date is announced again."""
    rows = Agreement.objects.ending_within(today, RENEWAL_NOTICE_DAYS).values_list(
        "pk", "valid_until", "council_id"
    )
    due = [
        (f"members.agreement:{pk}", valid_until.toordinal(), council)
        for pk, valid_until, council in rows
        if valid_until
    ]
    return dispatches_create(kind=AgreementRenewalDue.key, due=due)
