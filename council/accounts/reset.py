"""Password reset requests, limited so the form cannot be used to flood a mailbox or the mail server.

Per client address at most RESET_PER_CLIENT requests an hour (more answer 429 with a message), and
per e-mail address at most RESET_PER_ADDRESS links an hour: further requests for the same address
look the same to the requester ("check your e-mail") but send nothing, so the form says nothing about
which addresses have accounts. The counters live in the cache; with the cache away they let
requests through, as the login lock-out does not depend on them.
"""

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RESET_PER_CLIENT = 20
RESET_PER_ADDRESS = 3
WINDOW_SECONDS = 60 * 60


def _counted(key: str) -> int:
    """Count one more request under `key` in the current window; return the count."""
    if cache.add(key, 0, WINDOW_SECONDS) is None:  # the cache is away
        return 0
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


class PasswordResetView(auth_views.PasswordResetView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = get_client_ip_address(request) or "unknown"
        if _counted(f"password-reset:client:{client}") > RESET_PER_CLIENT:
            return render(request, "registration/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if _counted(f"password-reset:address:{email}") > RESET_PER_ADDRESS:
            return super(auth_views.PasswordResetView, self).form_valid(form)  # the same page, nothing sent
        return super().form_valid(form)
