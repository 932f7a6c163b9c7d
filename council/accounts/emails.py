"""Changing an account's e-mail address: asked with the password, done from a link sent to the new one.

The address is where password resets and every notice go, so whoever holds a signed-in session must
not move it elsewhere on their own: the change needs the account's password, and takes effect only
when the link mailed to the new address is opened (within three days, and only while the account
still has the address it was asked from).
"""

from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import Dispatch, Notice, User
from council.notices.kinds import NoticeKind, Recipient, register_kind
from council.notices.outbox import dispatch_create

SALT = "council.accounts.email-change"
MAX_AGE = timedelta(days=3)
KIND = "account.email_change"


def _address_taken(user: User, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()


@transaction.atomic
def email_change_request(*, user: User, email: str, password: str) -> None:
    """Check the password and the new address, and mail the confirmation link to that address."""
    if not user.check_password(password):
        raise ValidationError({"current_password": _("This is not the account's password.")})
    if _address_taken(user, email):
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    subject_key = f"council.user:{user.pk}"
    earlier = Dispatch.objects.filter(kind=KIND, subject_key=subject_key).count()
    dispatch_create(
        kind=KIND, subject_key=subject_key, revision=earlier + 1, payload={"from": user.email, "to": email}
    )


def email_change_token(user: User, old: str, new: str) -> str:
    return signing.dumps({"user": user.pk, "from": old, "to": new}, salt=SALT)


def email_change_read(token: str) -> tuple[User, str] | None:
    """The account and new address a link was made for, if it is intact, fresh and still applies."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email != data.get("from"):
        return None
    return user, str(data.get("to"))


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    found = email_change_read(token)
    if found is None:
        raise ValidationError(_("This link is no longer valid: it was used already or has expired."))
    user, email = found
    if _address_taken(user, email):
        raise ValidationError(_("An account with this e-mail address already exists."))
    user.email = email
    user.full_clean()
    user.save(update_fields=["email"])
    return user


@register_kind
class EmailChange(NoticeKind):
    """To the new address: open this link to make it the account's address."""

    key = KIND
    label = gettext_lazy("e-mail address confirmation")
    template = "council/notices/email_change"

    def recipients(self, dispatch: Dispatch) -> list[Recipient]:
        user = User.objects.get(pk=dispatch.subject_id)
        # Not an in-app notification (no user id): only the new address's owner should read it.
        return [Recipient(email=dispatch.payload["to"], name=user.get_full_name(), language=user.language)]

    def context(self, dispatch: Dispatch, notices: Any = ()) -> dict[str, Any]:
        return {"user": User.objects.get(pk=dispatch.subject_id)}

    def recipient_context(
        self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]
    ) -> dict[str, Any]:
        # The token is made at sending time and never stored.
        token = email_change_token(context["user"], dispatch.payload["from"], dispatch.payload["to"])
        return {"confirm_path": reverse("email-change-confirm", args=[token])}
