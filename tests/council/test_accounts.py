"""Account rules: an e-mail address changes only with the password and a link opened at the new address,
and no two accounts share a username or an address in any letter case."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import User
from tests.council.factories import PASSWORD, UserFactory


def _ask(client, alice, email, password=PASSWORD, django_capture_on_commit_callbacks=None):
    data = {
        "action": "profile",
        "name": alice.name,
        "email": email,
        "language": "ko",
        "current_password": password,
    }
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("profile"), data, follow=True)


def test_a_new_address_needs_the_password_and_the_link_sent_to_it(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    refused = _ask(client, alice, "alice@new.example", "wrong-password", django_capture_on_commit_callbacks)
    assert "계정의 비밀번호가 아닙니다" in refused.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.org" and not mail.outbox

    page = _ask(client, alice, "alice@new.example", PASSWORD, django_capture_on_commit_callbacks)
    assert "alice@new.example" in page.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"  # not yet
    [message] = mail.outbox
    assert message.to == [f"{alice.get_full_name()} <alice@new.example>"]
    path = re.search(r"/accounts/email/[^/\s]+/", message.body).group(0)

    client.logout()
    assert "확인" in client.get(path).content.decode()  # opening the link changes nothing
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"
    client.post(path)
    alice.refresh_from_db()
    assert alice.email == "alice@new.example"
    page = client.get(path).content.decode()  # used: the account no longer has the address it came from
    assert "더 이상 유효하지 않은 링크입니다" in page


def test_an_address_of_another_account_is_refused_in_any_case(
    client, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    page = _ask(client, alice, bob.email.upper(), PASSWORD, django_capture_on_commit_callbacks)
    assert "이미 있습니다" in page.content.decode()
    assert not mail.outbox


def test_the_name_and_language_change_without_the_password(client, alice):
    client.force_login(alice)
    data = {"action": "profile", "name": "김새이름", "email": alice.email, "language": "en"}
    assert client.post(reverse("profile"), data).status_code == 302
    alice.refresh_from_db()
    assert alice.name == "김새이름" and alice.language == "en"


@pytest.mark.parametrize("field", ["username", "email"])
def test_no_two_accounts_differ_only_in_letter_case(db, alice, field):
    value = getattr(alice, field).upper()
    twin = UserFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "이미 있습니다" in str(error.value)
    assert User.objects.filter(**{f"{field}__iexact": value}).count() == 1


def test_password_reset_links_are_limited_per_address_and_per_client(client, alice, bob):
    from council.accounts.reset import RESET_PER_ADDRESS, RESET_PER_CLIENT

    for _request in range(RESET_PER_ADDRESS + 2):
        response = client.post(reverse("password_reset"), {"email": "ALICE@example.org"})
        assert response.status_code == 302  # the same answer whatever happened: no address is revealed
    assert len(mail.outbox) == RESET_PER_ADDRESS
    for _request in range(RESET_PER_CLIENT - RESET_PER_ADDRESS - 2):
        client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    limited = client.post(reverse("password_reset"), {"email": bob.email})
    assert limited.status_code == 429
    assert "너무 많" in limited.content.decode()
    assert not any(bob.email in message.to[0] for message in mail.outbox)


def test_an_idle_session_ends_and_an_active_one_goes_on(client, alice, settings):
    import time_machine
    from django.utils import timezone

    settings.SESSION_IDLE_MINUTES = 30
    settings.SESSION_IDLE_WRITE_SECONDS = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(alice)
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=25), tick=False):
        assert client.get(reverse("home")).status_code == 200  # active: the clock starts again
    with time_machine.travel(start + timedelta(minutes=50), tick=False):
        assert client.get(reverse("profile")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=81), tick=False):
        fragment = client.get(reverse("notice-list"), headers={"HX-Request": "true"})
        assert fragment.status_code == 204 and fragment["HX-Redirect"].startswith(reverse("login"))
        page = client.get(reverse("profile"), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("login"))
    assert "30분 동안 활동이 없어" in page.content.decode()
