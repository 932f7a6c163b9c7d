"""Helpers of the browser tests."""

import json
import threading
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.council.factories import PASSWORD
from tests.support.sessions import session_key_for

# The features Playwright turns off in the browser it launches (HTTPS upgrades, paint holding, the
# media router, ...; tests/council/test_browser_setup.py checks the list still holds all of them),
# and RenderDocument: with it, every page a test opens is drawn in a new frame with a new compositor,
# about a quarter of the browser's CPU per page here. Pages are drawn by the same engine either way.
BROWSER_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
    "RenderDocument",
)


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
    from council.models import User

    key = session_key_for(User.objects.get(username=username))
    return [{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": base}]


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


# What a test can change about a page or a context that would outlast it: a context a test called
# one of these on (or on one of its pages) is closed after the test instead of being lent again.
LASTING_CHANGES = (
    "add_init_script",
    "add_locator_handler",
    "add_listener",
    "emulate_media",
    "expose_binding",
    "expose_function",
    "grant_permissions",
    "on",
    "once",
    "route",
    "route_from_har",
    "route_web_socket",
    "set_default_navigation_timeout",
    "set_default_timeout",
    "set_extra_http_headers",
    "set_geolocation",
    "set_offline",
    "set_viewport_size",
)

# Where a kept page waits for its next test: a small file of the test server's own, so nothing of
# the last test's page runs on, while the page keeps its renderer process (a page sent elsewhere,
# even to about:blank, gets a new one on its way back).
PARKING_PATH = "js/portal.js"


@dataclass
class _Lent:
    options: str
    context: BrowserContext
    kept: Page | None = None
    changed: bool = False
    closed: bool = False


class ContextPool:
    """Browser contexts a test process keeps from one browser test to the next.

    A new context and its first page cost Chromium a renderer process, Playwright's set-up of the
    page and a cold first load: about 0.4 CPU-seconds here, more than most pages a test opens. A
    test asks for contexts as pytest-playwright's `new_context` makes them, and gets an idle one
    with the same options if there is one; that context's first `new_page()` is the page the last
    test left, parked (see PARKING_PATH). When the test ends, every context it holds is cleared:
    cookies, local and session storage, every page but the first. A context whose test changed it
    or one of its pages in a lasting way (LASTING_CHANGES), or closed it, is not lent again.

    The HTTP cache is shared by the tests a context serves (the static files do not change during
    a run); a test that needs an empty cache asks for `cold_context` instead.
    """

    def __init__(self, browser: Browser):
        self.browser = browser
        self.idle: dict[str, list[_Lent]] = {}
        self.lent: list[_Lent] = []

    def new_context(self, **options) -> BrowserContext:
        key = json.dumps(options, sort_keys=True, default=str)
        idle = self.idle.get(key)
        lent = idle.pop() if idle else _Lent(key, self.browser.new_context(**options))
        self.lent.append(lent)
        context = lent.context
        new_page, close = context.new_page, context.close

        def lend_page() -> Page:
            page, lent.kept = lent.kept, None
            page = page or new_page()
            self._watch(page, lent)
            return page

        def close_context(*args, **kwargs) -> None:
            lent.closed = True
            close(*args, **kwargs)

        context.new_page = lend_page
        context.close = close_context
        self._watch(context, lent)
        return context

    @staticmethod
    def _watch(target: Page | BrowserContext, lent: _Lent) -> None:
        for name in LASTING_CHANGES:
            method = getattr(target, name, None)
            if method is None:
                continue

            def changes(*args, _method=method, **kwargs):
                lent.changed = True
                return _method(*args, **kwargs)

            setattr(target, name, changes)

    def take_back(self) -> None:
        """After a test: its contexts cleared and idle again, or closed."""
        lent_now, self.lent = self.lent, []
        for lent in lent_now:
            if lent.closed:
                continue
            if lent.changed or not self._clear(lent):
                lent.context.close()
                continue
            self.idle.setdefault(lent.options, []).append(lent)

    @staticmethod
    def _clear(lent: _Lent) -> bool:
        context = lent.context
        for target in (context, *context.pages):
            for name in ("new_page", "close", *LASTING_CHANGES):
                target.__dict__.pop(name, None)
        try:
            context.clear_cookies()
            first, *others = context.pages or [None]
            for page in others:
                page.close()
            if first is not None and first.url.startswith("http"):
                first.goto(urljoin(first.url, settings.STATIC_URL + PARKING_PATH))
                first.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            lent.kept = first
        except PlaywrightError:
            return False
        return True

    def close(self) -> None:
        """Close every context, and wait for the test server to be done with their connections.

        Chromium keeps its connections to the server alive, so a context kept for the whole run keeps
        a server thread waiting on each of them. Closed, those threads end by closing the database
        connection they share with the tests; that must happen before the server stops sharing it.
        """
        for idle in self.idle.values():
            for lent in idle:
                lent.context.close()
        self.idle.clear()
        for thread in threading.enumerate():
            if thread.name.endswith("(process_request_thread)"):
                thread.join(timeout=10)
