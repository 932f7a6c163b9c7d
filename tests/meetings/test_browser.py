"""The meeting cycle in Chromium: staff plans, builds the agenda and announces; a member answers from
the link in the mail; staff takes attendance and approves the minutes."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from meetings import services
from meetings.models import Meeting
from tests.support.browser import log_in, signed_in
from tests.support.meetings import begin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_from_planning_to_approved_minutes(
    live_server, page: Page, new_context, alice, bob, daerim
):
    base = live_server.url
    log_in(page, base, "alice")
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="회의").click()
    page.get_by_role("link", name="회의 만들기").click()

    # It takes place tomorrow; once announced, the test lets its day come.
    start = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    page.get_by_label("시작 일시").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("종료 일시").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("장소").fill("안양창업지원센터 강당")
    page.get_by_label("제목").fill("산학협력 우수사례 공유")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("제1차")

    page.get_by_label("제목").fill("대림대학교 산학협력 우수사례 발표")
    page.get_by_label("종류").select_option("presentation")
    page.get_by_role("button", name="추가", exact=True).click()
    expect(page.locator(".portal-agenda")).to_contain_text("대림대학교 산학협력 우수사례 발표")

    page.get_by_role("button", name="초청", exact=True).first.click()
    expect(page.locator("#invitations")).to_contain_text(daerim.name)

    expect(page.get_by_role("link", name="개최 완료로 표시")).to_have_count(0)
    page.get_by_role("link", name="개최 공지 보내기").click()
    expect(page.get_by_test_id("confirm")).to_contain_text("메일")  # asks first, saying how many
    page.get_by_role("button", name="개최 공지 보내기").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("개최 공지")
    expect(page.locator(".portal-decision, [id^=decision-]")).to_have_count(0)

    # Bob answers from the link in his mail, without logging in.
    message = next(message for message in mail.outbox if "bob@example.org" in message.to[0])
    link = re.search(r"https?://\S+/meetings/answer/\S+\?answer=accepted", message.body).group(0)
    link = link.replace(link.split("/meetings/")[0], base)
    member = new_context().new_page()
    member.goto(link)
    expect(member.get_by_label("참석", exact=True)).to_be_checked()
    member.get_by_role("button", name="회신 확정").click()
    expect(member.get_by_role("heading", name=re.compile("회신을 기록했습니다"))).to_be_visible()

    begin(Meeting.objects.get(title="산학협력 우수사례 공유"))
    page.reload()
    page.get_by_role("link", name="출석 확인").click()
    row = page.locator("li", has_text=daerim.name)
    row.get_by_role("button", name="출석", exact=True).click()
    expect(row).to_have_class(re.compile("is-present"))

    page.goto(page.url.replace("attendance/", ""))
    page.get_by_role("link", name="개최 완료로 표시").click()
    page.get_by_role("button", name="개최 완료로 표시").click()
    page.get_by_role("link", name="회의록 작성").click()
    page.get_by_role("button", name="회의 기록으로 초안 만들기").click()  # staff start from the record
    editor = page.get_by_label("회의록")
    expect(editor).to_have_value(re.compile(daerim.name))
    expect(editor).to_have_value(re.compile("대림대학교 산학협력 우수사례 발표"))
    expect(editor).to_have_value(re.compile("출석"))
    page.get_by_role("button", name="새 판으로 저장").click()
    page.get_by_role("link", name="확정하고 잠그기").click()
    expect(page.get_by_test_id("confirm")).to_contain_text("잠깁니다")  # approval asks first
    page.get_by_role("button", name="확정하고 잠그기").click()
    expect(page.locator("h1").first).to_contain_text("확정")


def test_a_member_answers_from_the_mail_link_on_a_phone(
    live_server, new_context, alice, bob, daerim, meeting
):
    services.meeting_announce(actor=alice, meeting=meeting)
    message = next(message for message in mail.outbox if "bob@example.org" in message.to[0])
    link = re.search(r"https?://\S+/meetings/answer/\S+\?answer=declined", message.body).group(0)
    link = link.replace(link.split("/meetings/")[0], live_server.url)
    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(link)

    expect(page.get_by_label("불참", exact=True)).to_be_checked()
    chosen = page.locator("label[for$='response_1']")
    expect(chosen).to_be_visible()
    box = chosen.bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 32, "a chip a thumb can hit"
    assert chosen.evaluate("label => getComputedStyle(label).backgroundColor") != page.locator(
        "label[for$='response_0']"
    ).evaluate("label => getComputedStyle(label).backgroundColor"), "the chosen answer is marked"
    expect(page.locator("[data-testid=council-switcher] summary")).to_contain_text("안양 산학관")

    page.get_by_text("참석", exact=True).click()
    expect(page.get_by_label("참석", exact=True)).to_be_checked()
    page.get_by_role("button", name="회신 확정").click()
    expect(page.get_by_role("heading", name=re.compile("회신을 기록했습니다"))).to_be_visible()
    expect(page.locator(".portal-card")).to_contain_text("참석")


def test_staff_draft_the_demo_anyang_minutes_from_the_record(demo_committed, live_server, page: Page):
    """The Anyang council's 2024 1st meeting of the demo, as it stood the day after: held, no minutes."""
    from meetings.models import AgendaItem, Invitation, Minutes

    meeting = Meeting.objects.get(council__slug="anyang", year=2024, number=1)
    Minutes.objects.filter(meeting=meeting).delete()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    attended = set(
        Invitation.objects.filter(meeting=meeting, attended=True, institution__isnull=False).values_list(
            "institution__name", flat=True
        )
    )
    decisions = list(
        AgendaItem.objects.filter(meeting=meeting)
        .exclude(decision_text="")
        .values_list("decision_text", flat=True)
    )
    assert attended and decisions

    signed_in(page, live_server.url, "anyang-staff")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024년 제1차")
    page.get_by_role("link", name="회의록 작성").click()
    page.get_by_role("button", name="회의 기록으로 초안 만들기").click()
    editor = page.get_by_label("회의록")
    expect(editor).to_have_value(re.compile("출석"))
    draft = editor.input_value()
    assert [name for name in attended if name not in draft] == []
    assert [text for text in decisions if text not in draft] == []
    page.get_by_role("button", name="새 판으로 저장").click()
    page.get_by_role("link", name="확정하고 잠그기").click()
    expect(page.get_by_test_id("confirm")).to_contain_text("잠깁니다")  # approval asks first
    assert Minutes.objects.get(meeting=meeting).status != Minutes.Status.APPROVED
    page.get_by_role("button", name="확정하고 잠그기").click()
    expect(page.locator("h1").first).to_contain_text("확정")
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED
