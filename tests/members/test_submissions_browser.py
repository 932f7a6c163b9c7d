"""The difficulty journey in Chromium: a school contact raises a difficulty, the secretariat assigns and
answers it, and the contact sees the answer and the notice."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_school_raises_a_difficulty_that_the_secretariat_assigns_and_answers(
    live_server, page: Page, new_context, sam, alice, office
):
    base = live_server.url
    title = "일학습병행 참여 기업 발굴이 어렵습니다"

    signed_in(page, base, "sam")
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="애로·건의").click()
    page.get_by_role("link", name="애로·건의 제기").first.click()
    page.get_by_label("분류").select_option("work_study")
    page.get_by_label("제목").fill(title)
    page.get_by_label("설명").fill("참여할 관내 기업을 학교가 직접 찾기 어렵습니다.")
    page.get_by_role("button", name="사무국에 보내기").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".portal-page-head")).to_contain_text("접수")

    staff = new_context().new_page()
    signed_in(staff, base, "alice")
    staff.get_by_role("link", name=re.compile(title)).first.click()
    staff.get_by_label("담당 기관", exact=True).select_option(label=office.name)
    staff.get_by_label("답변 기한").fill("2099-12-31")
    staff.get_by_role("button", name="담당 지정").click()
    expect(staff.locator(".portal-page-head")).to_contain_text("검토 중")
    staff.get_by_label("답변", exact=True).fill("교육지원청과 함께 분기마다 참여 기업 정보를 공유하겠습니다.")
    staff.get_by_role("button", name="답변 등록").click()
    expect(staff.locator(".portal-page-head")).to_contain_text("답변 완료")
    staff.context.close()

    page.goto(f"{base}/")
    # Two changes reached the school: the assignment and the answer.
    page.get_by_role("link", name=re.compile("읽지 않은 알림 2건")).click()
    notice = page.get_by_role("link", name=re.compile(f"답변 등록: {title}"))
    expect(notice).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(f"담당 지정.*{title}"))).to_be_visible()
    notice.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".portal-thread")).to_contain_text(
        "교육지원청과 함께 분기마다 참여 기업 정보를 공유하겠습니다."
    )
    expect(page.get_by_role("heading", name="답변으로 해결되었나요?")).to_be_visible()
