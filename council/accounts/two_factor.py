"""A second factor (TOTP, django-otp) for everyone who can change or read beyond their institution.

Secretariat staff, city officials and site administrators confirm each login with a six-digit code
from an authenticator app. Until they have set one up, the portal shows them only the set-up page;
after a password login, only the code page. Institution contacts and visitors are not asked. API
calls with a token (council.accounts.tokens) are not concerned: the token is issued from a verified
session. TWO_FACTOR_REQUIRED turns the rule off (the demo, and tests that are not about it).
"""

import base64
from collections.abc import Callable
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from council.models import User
from council.permissions import AnyUser, access_for, authenticated_user
from council.web.forms import KrdsFormMixin
from council.web.redirects import safe_next, send_to

# Pages an account that still owes its second factor may open.
OPEN_PATHS = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/language/", "/healthz")


def needs_second_factor(user: AnyUser) -> bool:
    access = access_for(user)
    return bool(settings.TWO_FACTOR_REQUIRED and (access.is_staff_anywhere or access.official_council_ids))


class TwoFactorMiddleware:
    """Sends an account that needs a second factor, and has not given it this session, to do so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            # is_verified() is set on the user by django_otp's OTPMiddleware.
            and not user.is_verified()  # type: ignore[attr-defined]
            and needs_second_factor(user)
        ):
            return send_to(request, "two-factor-verify" if user_has_device(user) else "two-factor-setup")
        return self.get_response(request)


class CodeForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    return safe_next(request, reverse("home"))


def _pending_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the code (or type the key) into an authenticator app, then confirm with its first code."""
    user = authenticated_user(request.user)
    if user_has_device(user):
        return HttpResponseRedirect(f"{reverse('two-factor-verify')}?{urlencode({'next': _next(request)})}")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        form.add_error("code", _("The code is not right. Check the phone's clock and try the next code."))
    context = {
        "form": form,
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)),  # noqa: S308 - segno's SVG
        "key": base64.b32encode(device.bin_key).decode(),
        "next": _next(request),
    }
    return render(request, "registration/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, after the password."""
    user = authenticated_user(request.user)
    if not user_has_device(user):
        return HttpResponseRedirect(f"{reverse('two-factor-setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        form.add_error("code", _("The code is not right. Check the phone's clock and try the next code."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)})
