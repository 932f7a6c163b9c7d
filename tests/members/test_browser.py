"""The secretariat's main journey in Chromium: log in, add an institution, find it by search."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_adds_an_institution_and_finds_it_by_search(live_server, page: Page, alice, daerim):
    signed_in(page, live_server.url, "alice")
    expect(page.get_by_role("heading", level=1)).to_contain_text("김앨리스")

    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="회원기관").click()
    page.get_by_role("link", name="기관 추가").click()
    page.get_by_label("기관명").fill("㈜코봇시스템")
    page.get_by_label("기관 유형").select_option("firm")
    page.get_by_label("부문").select_option("industry")
    page.get_by_label("사업자등록번호").fill("124-81-00998")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("㈜코봇시스템"))

    page.get_by_role("link", name="회원기관").first.click()
    page.get_by_role("searchbox", name="검색", exact=True).fill("코봇")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="㈜코봇시스템")).to_be_visible()
    expect(results.get_by_role("link", name=daerim.name)).to_have_count(0)
    assert "q=" in page.url  # the search is in the address, so it can be shared


def test_pages_use_the_portals_korean_font(live_server, page: Page, db):
    page.goto(live_server.url)
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Pretendard GOV\"'))")
