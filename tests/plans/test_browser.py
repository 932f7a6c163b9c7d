"""An official finds a report from the dashboard and returns it; the lead institution sees why."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import ProgressReport
from tests.support.browser import htmx_ready, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_drills_down_and_returns_a_report_the_lead_then_sees(
    live_server, new_context, busan_plan, fay, erin
):
    report = busan_plan.led_report
    report.status = ProgressReport.Status.SUBMITTED
    report.narrative = "코업 1기 40명이 참여했다."
    report.percent_done = 20
    report.save()
    comment = "시비 집행 증빙이 빠졌습니다. 지출결의서를 첨부해 주세요."

    official = new_context().new_page()
    signed_in(official, live_server.url, "fay")
    official.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="계획").click()
    official.get_by_role("link", name=busan_plan.plan.title).click()
    official.get_by_role("link", name="현황판").click()
    expect(official.get_by_role("heading", level=1)).to_have_text(busan_plan.plan.title)
    htmx_ready(official)

    filters = official.get_by_role("search", name="현황판 필터")
    # Wait for the strategy's fragment itself, not for a time: the old one is on the page meanwhile.
    with official.expect_response(lambda response: "strategy=" in response.url and response.ok):
        filters.get_by_label("추진전략").select_option(label="1. 지산학협력 지원체계 구축")
    trail = official.get_by_test_id("drill-trail")
    expect(trail).to_contain_text("전략 1")
    expect(official).to_have_url(re.compile(r"strategy=\d+"))  # the filter is in the address
    breakdown = official.get_by_test_id("breakdown")
    breakdown.get_by_role("link", name=busan_plan.plan.tasks.get().title).click()
    expect(breakdown.get_by_role("link", name="워털루형 코업 프로그램")).to_be_visible()
    breakdown.get_by_role("link", name="워털루형 코업 프로그램").click()

    expect(official.get_by_role("heading", level=1)).to_have_text("워털루형 코업 프로그램")
    official.get_by_role("link", name=report.round.label).click()
    official.get_by_label("의견").fill(comment)
    official.get_by_role("button", name="의견과 함께 반려").click()
    expect(official.get_by_test_id("report-status")).to_have_text("반려")
    expect(official.get_by_test_id("review-comment")).to_contain_text(comment)

    lead = new_context().new_page()
    signed_in(lead, live_server.url, "erin")
    lead.get_by_role("link", name=re.compile("워털루형 코업 프로그램")).first.click()
    expect(lead.get_by_test_id("report-status")).to_have_text("반려")
    expect(lead.get_by_test_id("review-comment")).to_contain_text(comment)
    lead.get_by_role("link", name="보완해 다시 제출").click()
    expect(lead.get_by_role("status").filter(has_text=comment)).to_be_visible()
