"""Account rules: an e-mail address changes only with the password and a link opened at the new address,
and no two accounts share a username or an address in any letter case."""

import re

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
