"""The browser the suite drives is launched as tests/conftest.py says.

Chromium keeps only the last --disable-features switch it is given, so the suite's own list replaces
the one Playwright passes: it has to hold every feature Playwright turns off, or pages would be
tested with features Playwright keeps away from tests (HTTPS upgrades, paint holding, ...). After a
Playwright upgrade that adds one, this test names it.
"""

from pathlib import Path

import pytest

from tests.support.browser import BROWSER_DISABLED_FEATURES

pytestmark = pytest.mark.browser


def test_the_browser_turns_off_what_playwright_turns_off_and_render_document(browser):
    session = browser.new_browser_cdp_session()
    try:
        processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
    finally:
        session.detach()
    (pid,) = [process["id"] for process in processes if process["type"] == "browser"]
    arguments = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    lists = [
        argument.removeprefix("--disable-features=").split(",")
        for argument in arguments
        if argument.startswith("--disable-features=")
    ]
    assert len(lists) == 2, arguments  # Playwright's, then the suite's
    playwrights, in_effect = lists
    assert in_effect == list(BROWSER_DISABLED_FEATURES)
    assert [feature for feature in playwrights if feature not in in_effect] == []
    assert "RenderDocument" in in_effect
