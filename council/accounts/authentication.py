"""Log in with the username or with the account's e-mail address."""

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
        user = User.objects.filter(username=username).first()
        if user is None and "@" in username:
            matches = list(User.objects.filter(email__iexact=username)[:2])
            user = matches[0] if len(matches) == 1 else None
        if user is None:
            User().set_password(password)  # same cost as a real check, so timing does not reveal accounts
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
