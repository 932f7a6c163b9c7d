"""Log in with the username or with the account's e-mail address, in any letter case.

The lock-out after failed logins (django-axes) counts per account, however the login names it:
"alice", "ALICE" and "alice@example.org" are one account and share one count.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from council.models import User


class UsernameOrEmailBackend(ModelBackend):
    """Invited contacts know their e-mail address better than a username; both are accepted."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        user = account_named(username)
        if user is None:
            User().set_password(password)  # same cost as a real check, so timing does not reveal accounts
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def account_named(login: str) -> User | None:
    """The account a login form names: by username, or by e-mail address, in any letter case."""
    login = login.strip()
    user = User.objects.filter(username__iexact=login).first()
    if user is None and "@" in login:
        matches = list(User.objects.filter(email__iexact=login)[:2])
        user = matches[0] if len(matches) == 1 else None
    return user


def lockout_key(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """What django-axes counts failed logins against (AXES_USERNAME_CALLABLE): the account, or
    the login as typed, lower-cased, when it names none."""
    login = str((credentials or {}).get("username") or (request.POST.get("username", "") if request else ""))
    user = account_named(login) if login else None
    return f"account:{user.pk}" if user is not None else login.strip().lower()
