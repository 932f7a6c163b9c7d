"""In Chromium, on the demo: staff open the Anyang council's annual report from its page, download
the HWPX, and find the recruitment notice by a word inside it."""

import pytest
from playwright.sync_api import Page, expect

from meetings.hwpx import hwpx_text, hwpx_validate
from tests.support.browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_download_the_annual_report_and_find_a_document_by_its_words(
    demo_committed, live_server, page: Page, tmp_path
):
    signed_in(page, live_server.url, "anyang-staff")
    page.goto(f"{live_server.url}/councils/anyang/")
    page.get_by_test_id("annual-reports").get_by_role("link", name="2024년 연간 운영 실적").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2024년 연간 운영 실적")
    expect(page.get_by_test_id("annual-meetings")).to_contain_text("2024년 제1차")
    with page.expect_download() as download:
        page.get_by_role("link", name="HWPX").click()
    path = tmp_path / "annual.hwpx"
    download.value.save_as(path)
    data = path.read_bytes()
    assert hwpx_validate(data) == []
    assert "2024년 제1차" in hwpx_text(data)

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("클린룸 장비")
    search.get_by_role("searchbox").press("Enter")
    expect(page.get_by_role("link", name="반도체 부트캠프 모집 공고.hwpx")).to_be_visible()
    expect(page.locator("main")).to_contain_text("클린룸 장비 실습")
