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


def log_in_as(page: Page, base: str, username: str) -> None:
    """Log in with one of the demo accounts."""
    from council.demo import DEMO_PASSWORD

    log_in(page, base, username, DEMO_PASSWORD)


def htmx_ready(page: Page) -> None:
    """Wait until htmx has processed the page: a change made before would fire no request. On a busy
    machine a heading can be visible while the deferred scripts have not run yet."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
