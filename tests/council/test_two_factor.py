"""Staff, officials and site administrators confirm each login with a TOTP code; contacts are not asked."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from council.accounts.tokens import api_token_issue
from tests.council.factories import PASSWORD


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(client, username):
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302


def test_staff_set_up_the_app_at_first_login_and_give_a_code_at_each_login(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _log_in(client, "alice")
        response = client.get(reverse("meeting-list"))
        assert response.status_code == 302 and response.url.startswith(reverse("two-factor-setup"))
        page = client.get(response.url)
        assert "<svg" in page.content.decode() and page.context["key"]
        device = TOTPDevice.objects.get(user=alice)
        wrong = client.post(response.url, {"code": "000000" if _code(device) != "000000" else "111111"})
        assert "코드가 맞지 않습니다" in wrong.content.decode()
    with time_machine.travel(start + timedelta(seconds=5), tick=False):  # past the wait after a wrong code
        done = client.post(response.url, {"code": _code(device), "next": reverse("meeting-list")})
        assert done.status_code == 302 and done.url == reverse("meeting-list")
        assert client.get(reverse("meeting-list")).status_code == 200
        client.post(reverse("logout"))

    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        _log_in(client, "alice")
        response = client.get(reverse("profile"))
        assert response.url.startswith(reverse("two-factor-verify"))
        device.refresh_from_db()
        assert client.post(response.url, {"code": "12345"}).status_code == 200  # refused, asked again
        assert client.post(response.url, {"code": _code(device)}).status_code == 302
        assert client.get(reverse("profile")).status_code == 200


def test_officials_are_asked_too_and_contacts_are_not(client, carol, bob):
    _log_in(client, "carol")
    assert client.get(reverse("home")).url.startswith(reverse("two-factor-setup"))
    client.post(reverse("logout"))
    _log_in(client, "bob")
    assert client.get(reverse("home")).status_code == 200


def test_the_api_with_a_token_is_not_concerned(client, alice):
    token = api_token_issue(user=alice)
    response = client.get("/api/v1/meetings/", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 200
