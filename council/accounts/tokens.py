"""API tokens: one per account, issued on My account, kept only as a SHA-512 digest, valid for a set time.

The key is shown once, when it is issued; afterwards the portal can tell that a token exists and when it
expires, never what it is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from council.models import User

EXPIRY_WARNING = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What My account says about the account's token."""

    created: datetime
    expiry: datetime | None

    @property
    def expires_soon(self) -> bool:
        return self.expiry is not None and self.expiry - timezone.now() <= EXPIRY_WARNING


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """Issue a new token, revoking the account's others, and return its key: the only time it is readable."""
    AuthToken.objects.filter(user=user).delete()
    _token, key = AuthToken.objects.create(user=user)
    return key


def api_token_revoke(*, user: User) -> None:
    AuthToken.objects.filter(user=user).delete()


def api_token_status(*, user: User) -> TokenStatus | None:
    """The account's token that is still valid, if any."""
    token = (
        AuthToken.objects.filter(user=user)
        .exclude(expiry__lte=timezone.now())
        .order_by("-created")
        .only("created", "expiry")
        .first()
    )
    return TokenStatus(created=token.created, expiry=token.expiry) if token else None
