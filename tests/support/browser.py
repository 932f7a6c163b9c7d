"""Helpers of the browser tests."""

from playwright.sync_api import Page, expect

from tests.council.factories import PASSWORD


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form and wait for the home page.

    Without the wait, the test's next click or navigation can land on the login page itself and
    cancel the login request, so the test would go on as a visitor.
    """
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("안녕하세요")


def session_cookies(base: str, username: str) -> list:
    """The cookie of a new session for the user, for a browser context to send to `base`."""
    from django.conf import settings
    from django.test import Client

    from council.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return [{"name": cookie.key, "value": cookie.value, "url": base}]


def signed_in(page: Page, base: str, username: str) -> None:
    """Open the home page as a signed-in user, as `log_in` leaves it, without going through the form.

    For tests of what users do once signed in: the form costs two page loads and a password check
    each time. The form itself is driven by tests/meetings/test_browser.py and checked with a
    username and an email in tests/council/test_pages.py.
    """
    page.context.add_cookies(session_cookies(base, username))
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("안녕하세요")


def htmx_ready(page: Page) -> None:
    """Wait until htmx has processed the page: a change made before would fire no request. On a busy
    machine a heading can be visible while the deferred scripts have not run yet."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
