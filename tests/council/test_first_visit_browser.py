"""A first visit is light: the home page and the meetings list each move at most 300 KB on a cold
cache, and Korean text renders in the portal's own font (Pretendard GOV, fetched in unicode-range
chunks of the glyphs the page shows).

The test server sends static files as they are, without the gzip and Brotli copies that
collectstatic writes for production: text files are counted at their gzip size, as they are sent
there. Pages are compressed by the portal itself and counted as they come over the wire.
"""

import gzip
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, Request

from tests.support.browser import session_cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 300 * 1024
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _wire_bytes(request: Request) -> int:
    response = request.response()
    if response is None:
        return 0
    sizes = request.sizes()
    headers = response.headers
    body_size = sizes["responseBodySize"]
    if "content-encoding" not in headers and headers.get("content-type", "").startswith(TEXT_TYPES):
        body_size = len(gzip.compress(response.body(), 6))
    return sizes["responseHeadersSize"] + body_size


def _cold_visit(
    make_context: Callable[[], BrowserContext], url: str, cookies: list | None = None
) -> tuple[int, list[str], Page]:
    context = make_context()  # a context of its own, with an empty HTTP cache
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    started: list[Request] = []
    ended: list[Request] = []
    transferred: list[tuple[str, int]] = []

    def finished(request: Request) -> None:
        transferred.append((request.url, _wire_bytes(request)))
        ended.append(request)

    page.on("request", lambda request: started.append(request))
    page.on("requestfinished", finished)
    page.on("requestfailed", lambda request: ended.append(request))
    response = page.goto(url)
    assert response is not None and response.status == 200
    _settle(page, started, ended)
    total = sum(size for _url, size in transferred)
    listing = [f"{size // 1024:>4} KB {address.rsplit('/', 1)[-1][:60]}" for address, size in transferred]
    return total, listing, page


def _settle(page: Page, started: list[Request], ended: list[Request]) -> None:
    """Wait until the page's text is drawn in its fonts and every request the page made has ended.

    The font chunks are asked for once the text is laid out, after the load event, and
    `document.fonts.ready` waits for them. A request's end reaches the test as an event, which
    Playwright hands over while the test waits on the page: each round trip lets the ones that came in
    through. (Waiting for the network to be idle would wait half a second of silence, twice a visit.)
    """
    page.evaluate("document.fonts.ready.then(() => true)")
    deadline = time.monotonic() + 20
    while len(ended) < len(started):
        assert time.monotonic() < deadline, [request.url for request in started if request not in ended]
        page.evaluate("new Promise((resolve) => requestAnimationFrame(() => resolve(true)))")


def _font_of_heading(page: Page) -> list[str]:
    """The fonts Chromium actually drew the page's first heading with."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    heading = session.send("DOM.querySelector", {"nodeId": root, "selector": "main h1"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    return [font["familyName"] for font in fonts if font["glyphCount"]]


def test_a_first_visit_moves_at_most_300_kb_and_draws_korean_in_the_portal_font(
    demo_committed, live_server, cold_context
):
    signed_in = session_cookies(live_server.url, "anyang-staff")
    for who, cookies in (("visitor", None), ("secretariat", signed_in)):
        for path in ("/", "/meetings/"):
            total, listing, page = _cold_visit(cold_context, live_server.url + path, cookies)
            assert total <= LIMIT, f"{who} {path}: {total // 1024} KB\n" + "\n".join(listing)
            assert any("woff2" in line for line in listing), listing  # the font came in chunks
            heading = page.locator("main h1").inner_text()
            assert any("\uac00" <= char <= "\ud7a3" for char in heading), heading
            assert _font_of_heading(page) == ["Pretendard GOV"], (who, path, _font_of_heading(page))
            page.context.close()
