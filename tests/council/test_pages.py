"""Pages every role shares: home, language, council switcher, notifications, deliveries, account."""

import importlib
import io
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from council.accounts.tokens import api_token_issue
from council.models import Notice
from council.notices.outbox import dispatch_create
from tests.council.factories import PASSWORD, CouncilFactory
from tests.members.factories import MembershipFactory


def test_visitors_see_published_councils_and_a_login_link(client, anyang, busan):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert anyang.name in page  # published
    assert busan.name not in page  # not published
    assert reverse("login") in page


def test_the_portal_speaks_korean_unless_asked_otherwise(client, anyang):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ko"
    assert "로그인" in response.content.decode()


def test_staff_home_lists_terms_ending_soon(login, alice, anyang):
    seat = MembershipFactory(council=anyang, term_end=timezone.localdate() + timedelta(days=20))
    page = login(alice).get("/").content.decode()
    assert seat.institution.name in page
    assert reverse("membership-update", args=[seat.pk]) in page


def test_contact_home_shows_their_institution_and_seats(login, bob, daerim, anyang):
    page = login(bob).get("/").content.decode()
    assert daerim.name in page
    assert anyang.name in page


def test_language_choice_is_kept_on_the_account(login, alice):
    client = login(alice)
    response = client.post(reverse("language-switch"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "en"
    client.cookies.clear()  # the account, not the cookie, carries the choice
    client.force_login(alice)
    assert client.get("/")["Content-Language"] == "en"


def test_the_profile_and_the_switch_keep_the_language_in_the_same_cookie(login, alice, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    client = login(alice)
    switched = client.post(reverse("language-switch"), {"language": "en", "next": "/"})
    saved = client.post(
        reverse("profile"), {"action": "profile", "name": alice.name, "email": alice.email, "language": "ko"}
    )
    assert saved.status_code == 302
    first, second = (response.cookies[settings.LANGUAGE_COOKIE_NAME] for response in (switched, saved))
    assert (first.value, second.value) == ("en", "ko")
    assert first["max-age"] == second["max-age"] == 60 * 60 * 24 * 365
    assert first["secure"] and second["secure"]


def test_language_switch_refuses_unknown_languages(login, alice):
    login(alice).post(reverse("language-switch"), {"language": "xx"})
    alice.refresh_from_db()
    assert alice.language == "ko"


def test_council_switcher_offers_only_readable_councils(login, alice, anyang, busan):
    client = login(alice)
    page = client.get("/").content.decode()
    assert anyang.short_name in page and busan.short_name not in page
    assert client.post(reverse("council-switch"), {"council": busan.pk}).status_code == 404
    child = CouncilFactory(parent=anyang, short_name="안양 실무")
    assert client.post(reverse("council-switch"), {"council": child.pk, "next": "/"}).status_code == 302
    assert client.session["council_id"] == child.pk


def _switcher(page: bytes) -> str:
    return page.decode().split('data-testid="council-switcher"')[1].split("</details>")[0]


def test_the_switcher_offers_the_councils_worked_in_not_every_published_one(
    client, login, alice, root, anyang
):
    published = CouncilFactory(is_public=True, short_name="공개 협의회")
    signed_in = login(alice)
    switcher = _switcher(signed_in.get("/").content)
    assert anyang.short_name in switcher and published.short_name not in switcher
    assert signed_in.post(reverse("council-switch"), {"council": published.pk}).status_code == 404
    assert signed_in.get(reverse("council-detail", args=[published.slug])).status_code == 200  # still read
    assert published.short_name in _switcher(login(root).get("/").content)
    assert published.short_name in _switcher(client.get("/").content)  # a visitor picks a published one


def test_the_current_council_is_the_chosen_one_else_the_first_the_roles_point_to(
    rf, alice, anyang, busan, django_assert_num_queries
):
    from council.permissions import access_for, forget_access
    from council.selectors import request_council, request_councils

    group = CouncilFactory(parent=anyang, name="가나다 실무협의회")  # Alice's too, and first by name
    forget_access(alice)
    access_for(alice)
    request = rf.get("/")
    request.user, request.session = alice, {"council_id": busan.pk}  # chosen once, not readable now
    with django_assert_num_queries(1):  # the switcher and the current council share one query
        assert request_council(request) == anyang  # her top-level council before its working group
        assert busan not in request_councils(request)
    request = rf.get("/")
    request.user, request.session = alice, {"council_id": group.pk}
    assert request_council(request) == group


def test_switching_to_another_site_is_refused(login, alice, anyang):
    response = login(alice).post(
        reverse("council-switch"), {"council": anyang.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.fixture
def invited(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_create(
            kind="account.invited", subject_key=f"council.user:{alice.pk}", payload={"institution": "시험"}
        )
    return Notice.objects.get(recipient=alice)


def test_notifications_list_and_reading_one(login, alice, invited):
    client = login(alice)
    page = client.get(reverse("notice-list")).content.decode()
    assert invited.title in page
    response = client.get(reverse("notice-open", args=[invited.pk]))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.read_at is not None


def _unread_badge(page: bytes) -> str | None:
    found = re.search(r'<span class="portal-badge-count" aria-label="[^"]*">(\d+)</span>', page.decode())
    return found.group(1) if found else None


def test_the_unread_count_follows_every_notice_added_and_read(
    login, alice, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_create(
            kind="account.invited", subject_key=f"council.user:{alice.pk}", revision=2, payload={}
        )
    client = login(alice)

    def counter() -> int:
        alice.refresh_from_db(fields=["unread_notices"])
        assert alice.unread_notices == Notice.objects.filter(recipient=alice, read_at__isnull=True).count()
        return alice.unread_notices

    assert counter() == 2 and _unread_badge(client.get(reverse("notice-list")).content) == "2"
    assert invited.title in client.get(reverse("home")).content.decode()  # the newest unread, on home
    client.get(reverse("notice-open", args=[invited.pk]))
    assert counter() == 1 and _unread_badge(client.get(reverse("notice-list")).content) == "1"
    Notice.objects.filter(recipient=alice).update(read_at=None)  # changed by hand in the database
    call_command("recount_unread", stdout=io.StringIO())
    assert counter() == 2


def test_nobody_opens_another_persons_notification(login, carol, invited):
    assert login(carol).get(reverse("notice-open", args=[invited.pk])).status_code == 404


def test_delivery_state_is_for_the_councils_secretariat(
    login, alice, carol, dave, anyang, django_capture_on_commit_callbacks
):
    seat = MembershipFactory(council=anyang, term_end=timezone.localdate() + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch, _created = dispatch_create(
            kind="membership.term_ending", subject_key=f"members.membership:{seat.pk}", council=anyang
        )
    url = reverse("dispatch-detail", args=[dispatch.pk])
    page = login(alice).get(url).content.decode()
    assert "alice@example.org" in page
    assert "임기 만료" in page and dispatch.kind not in page  # named for people, not by its key
    assert login(carol).get(url).status_code == 403
    assert login(dave).get(url).status_code == 403


def test_profile_issues_and_revokes_an_api_token(login, alice):
    client = login(alice)
    issued = client.post(reverse("profile"), {"action": "token-rotate"})
    key = re.search(r'id="new-token-key" type="text" value="([^"]+)"', issued.content.decode()).group(1)
    assert "no-store" in issued["Cache-Control"], "the one showing of a key is not cached"
    assert not AuthToken.objects.filter(digest__contains=key).exists(), "only a digest is stored"
    assert key not in client.get(reverse("profile")).content.decode(), "the key is shown once"
    api = client.__class__()
    assert api.get("/api/v1/councils/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    client.post(reverse("profile"), {"action": "token-revoke"})
    assert api.get("/api/v1/institutions/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_a_token_stops_working_when_it_expires_and_my_account_warns_before(login, alice):
    key = api_token_issue(user=alice)
    token = AuthToken.objects.get(user=alice)
    page = login(alice).get(reverse("profile")).content.decode()
    assert "까지 유효" in page and "사용이 중지됩니다" not in page
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() + timedelta(days=10))
    page = login(alice).get(reverse("profile")).content.decode()
    assert "사용이 중지됩니다" in page
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(minutes=1))
    api = login(alice).__class__()
    assert api.get("/api/v1/institutions/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert "유효한 API 토큰이 없습니다" in login(alice).get(reverse("profile")).content.decode()


@pytest.mark.django_db(transaction=True)  # SQLite changes its schema only outside a transaction
def test_plain_text_tokens_are_carried_over_hashed_and_keep_working(client, alice):
    migration = importlib.import_module("council.migrations.0003_api_tokens_hashed")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.schema_editor() as editor:
        editor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, user_id integer)"
        )
        editor.execute("INSERT INTO authtoken_token (key, user_id) VALUES (%s, %s)", [key, alice.pk])
        migration.carry_tokens_over(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    token = AuthToken.objects.get(user=alice)
    assert key not in token.digest and token.expiry > timezone.now() + timedelta(days=80)
    assert client.get("/api/v1/institutions/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_log_in_with_username_or_email(client, alice):
    assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
    client.logout()
    response = client.post(reverse("login"), {"username": "ALICE@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_repeated_failed_logins_lock_the_account_for_a_while(client, alice):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()


@pytest.mark.parametrize("variant", ["ALICE", "Alice", "alice@example.org", "Alice@Example.ORG"])
def test_the_lock_out_holds_whatever_case_or_address_names_the_account(client, alice, bob, variant):
    logins = ["alice", "ALICE", "alice@EXAMPLE.org", "aLiCe", "alice"]
    for login in logins:
        client.post(reverse("login"), {"username": login, "password": "wrong"})
    assert client.post(reverse("login"), {"username": variant, "password": PASSWORD}).status_code == 429
    # Another account is not locked by them.
    assert client.post(reverse("login"), {"username": "bob", "password": PASSWORD}).status_code == 302


def test_password_reset_mails_a_working_link(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-pass-2026", "new_password2": "a-new-long-pass-2026"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-pass-2026")


def test_health_check_reports_the_database_redis_and_the_outbox_backlog(client, db, settings):
    from council.models import Notice
    from tests.council.factories import NoticeFactory

    settings.REDIS_URL = ""
    NoticeFactory()
    NoticeFactory(status=Notice.Status.FAILED)
    NoticeFactory(status=Notice.Status.SENT)
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok" and report["database"] == "ok"
    assert report["redis"] == "not configured"  # the embedded portal runs without it
    assert report["outbox"]["pending"] == 1 and report["outbox"]["failed_last_day"] == 1
    assert 0 <= report["outbox"]["oldest_pending_seconds"] < 60


def test_health_check_answers_503_when_the_database_is_away(client, db, monkeypatch):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("council.web.health.outbox_backlog", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "down"


def test_unknown_pages_answer_404_in_the_portal_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_the_api_answers_in_the_token_owners_language(client, alice, anyang):
    key = api_token_issue(user=alice)
    bad = {"name": "", "kind": "nonsense"}

    korean = client.post("/api/v1/institutions/", bad, HTTP_AUTHORIZATION=f"Token {key}")
    assert korean.status_code == 400 and korean["Content-Language"] == "ko"
    assert korean.json()["name"] == ["이 항목을 입력하세요."]

    alice.language = "en"
    alice.save(update_fields=["language"])
    english = client.post("/api/v1/institutions/", bad, HTTP_AUTHORIZATION=f"Token {key}")
    assert english.status_code == 400 and english["Content-Language"] == "en"
    assert english.json()["name"] == ["This field may not be blank."]


def test_a_refused_delete_comes_back_with_each_reason(rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.core.exceptions import ValidationError
    from django.forms import Form

    from council.web.pages import edit_or_delete

    def refuse() -> None:
        raise ValidationError(["사업이 남아 있습니다.", "보고서가 남아 있습니다."])

    request = rf.post("/plans/1/edit/", {"delete": "1"})
    request.session = {}
    request._messages = FallbackStorage(request)
    response = edit_or_delete(
        request, Form(), lambda data: None, done=str, delete=refuse, deleted="", deleted_url="/"
    )
    assert response["Location"] == "/plans/1/edit/"
    assert [str(message) for message in get_messages(request)] == [
        "사업이 남아 있습니다.",
        "보고서가 남아 있습니다.",
    ]
