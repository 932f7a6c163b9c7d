"""Notices the member directory sends: portal invitations and terms about to end."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from council.models import Dispatch, Notice, User
from council.notices.kinds import NoticeKind, Recipient, register_kind
from council.notices.outbox import dispatches_create
from members.directory.recipients import contacts_of, recipient, secretariat_of
from members.models import Institution, Membership


@register_kind
class AccountInvited(NoticeKind):
    """Welcome to the portal, with a link to set a first password (made when the mail is sent)."""

    key = "account.invited"
    label = _("portal invitation")
    template = "members/notices/account_invited"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        yield recipient(User.objects.get(pk=dispatch.subject_id))

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {
            "user": User.objects.get(pk=dispatch.subject_id),
            "institution": dispatch.payload.get("institution"),
        }

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("profile")

    def recipient_context(
        self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]
    ) -> dict[str, Any]:
        # The token is made at sending time and never stored; it expires with PASSWORD_RESET_TIMEOUT
        # and as soon as the password is set.
        user = context["user"]
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        return {"set_password_path": path}


@register_kind
class EmailsMissing(NoticeKind):
    """To an institution's contacts: the secretariat asks them to fill in its people's e-mail
    addresses, which the portal needs to send them notices."""

    key = "directory.emails_missing"
    label = _("request for missing e-mail addresses")
    template = "members/notices/emails_missing"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return contacts_of([dispatch.subject_id])

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        institution = Institution.objects.get(pk=dispatch.subject_id)
        people = list(institution.people.filter(is_active=True, email="").order_by("name"))
        return {"institution": institution, "people": people}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("institution-detail", args=[dispatch.subject_id])


@register_kind
class MembershipTermEnding(NoticeKind):
    """To the council's secretariat: a seat's term ends within 60 days."""

    key = "membership.term_ending"
    label = _("term ending")
    template = "members/notices/term_ending"

    def _membership(self, dispatch: Dispatch) -> Membership:
        return Membership.objects.select_related("council", "institution", "person").get(
            pk=dispatch.subject_id
        )

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return secretariat_of(self._membership(dispatch).council)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"membership": self._membership(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("membership-update", kwargs={"pk": context["membership"].pk})


def term_ending_reminders(today: date) -> int:
    """One notice per seat whose term ends within 60 days; a changed end date is announced again."""
    ending = Membership.objects.ending_within(today, settings.MEMBERSHIP_ENDING_SOON_DAYS)
    rows = ending.values_list("pk", "term_end", "council_id")
    due = [
        (f"members.membership:{pk}", term_end.toordinal(), council)
        for pk, term_end, council in rows
        if term_end
    ]
    return dispatches_create(kind=MembershipTermEnding.key, due=due)
