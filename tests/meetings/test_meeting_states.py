"""The meeting page follows the meeting's state, and numbering that skips ahead is confirmed on purpose.

Before a meeting: agenda, invitations, documents and announcing. From its day: attendance and
decisions. Once held: minutes. "Held" only for an announced meeting that has begun. Each state tells
the secretariat the next step in one sentence.
"""

import re
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from meetings import services
from meetings.models import Meeting, Minutes
from tests.meetings.factories import MeetingFactory
from tests.support.meetings import announce_and_begin, begin, hold


def _page(client, meeting) -> str:
    return client.get(meeting.get_absolute_url()).content.decode()


def test_a_planned_meeting_offers_its_preparation_and_nothing_of_its_outcome(login, alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="심의 안건")
    page = _page(login(alice), meeting)
    assert "개최 공지 보내기" in page and "안건 추가" in page
    assert "개최 완료로 표시" not in page and "출석 확인" not in page
    assert reverse("agenda-decision", args=[meeting.pk, item.pk]) not in page
    assert "다음 단계" in page and "개최 공지를 보내세요" in page


def test_an_announced_meeting_shows_decisions_only_from_its_day(login, alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="심의 안건")
    services.meeting_announce(actor=alice, meeting=meeting)
    meeting.refresh_from_db()
    page = _page(login(alice), meeting)
    assert reverse("agenda-decision", args=[meeting.pk, item.pk]) not in page
    assert "개최 완료로 표시" not in page and "개최 공지 보내기" not in page
    with translation.override("ko"), pytest.raises(ValidationError, match="회의 당일부터"):
        services.agenda_decision_record(actor=alice, item=item, decision="approved")

    hold_url = reverse("meeting-hold", args=[meeting.pk])
    # At noon in Seoul, so that "two hours from now" is still today whenever the suite runs.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=True):
        begin(meeting, hours_ago=-2)  # later today: attendance and decisions, not yet "held"
        page = _page(login(alice), meeting)
        assert reverse("agenda-decision", args=[meeting.pk, item.pk]) in page and "출석 확인" in page
        assert hold_url not in page
        begin(meeting, hours_ago=1)
        page = _page(login(alice), meeting)
        assert hold_url in page and "출석을 확인하고" in page


def test_a_planned_meeting_cannot_be_marked_held(login, alice, meeting):
    begin(meeting)
    with translation.override("ko"), pytest.raises(ValidationError, match="개최 공지를 보낸 뒤"):
        services.meeting_mark_held(actor=alice, meeting=meeting)
    response = login(alice).post(reverse("meeting-hold", args=[meeting.pk]), follow=True)
    assert "개최 공지를 보낸 뒤" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED


def test_a_meeting_that_has_begun_cannot_be_announced(alice, meeting):
    begin(meeting)
    with translation.override("ko"), pytest.raises(ValidationError, match="이미 시작"):
        services.meeting_announce(actor=alice, meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED


def test_minutes_appear_once_the_meeting_is_held(login, alice, bob, meeting):
    assert 'id="minutes"' not in _page(login(alice), meeting)
    hold(alice, meeting)
    page = _page(login(alice), meeting)
    assert 'id="minutes"' in page and "회의록 작성" in page and "회의록을 작성" in page


def test_draft_minutes_are_not_offered_to_those_who_may_not_read_them(login, alice, bob, meeting):
    meeting = hold(alice, meeting)
    services.minutes_save(actor=alice, meeting=meeting, body="# 초안")
    minutes_url = reverse("minutes-detail", args=[meeting.pk])
    assert minutes_url not in _page(login(bob), meeting), "a draft is the secretariat's"
    assert login(bob).get(minutes_url).status_code == 404
    Minutes.objects.filter(meeting=meeting).update(status=Minutes.Status.CIRCULATED)
    assert minutes_url in _page(login(bob), meeting)
    assert login(bob).get(minutes_url).status_code == 200


def test_every_element_id_on_the_meeting_page_is_unique(login, alice, bob, meeting):
    for title in ("첫 안건", "둘째 안건", "셋째 안건"):
        services.agenda_item_add(actor=alice, meeting=meeting, title=title)
    announce_and_begin(alice, meeting)
    for user in (alice, bob):
        page = _page(login(user), meeting)
        repeated = [name for name, count in Counter(re.findall(r'\bid="([^"]+)"', page)).items() if count > 1]
        assert repeated == [], (user.username, repeated)


def _create(client, anyang, number, **extra):
    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "kind": "regular",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "시청",
        "number": number,
        **extra,
    }
    return client.post(reverse("meeting-create"), data)


def test_the_form_proposes_the_next_number_and_a_gap_needs_confirming(login, alice, anyang):
    year = timezone.localtime(timezone.now() + timedelta(days=20)).year
    MeetingFactory(council=anyang, year=year, number=1)
    client = login(alice)
    form = client.get(reverse("meeting-create")).content.decode()
    if year == timezone.localdate().year:
        assert 'name="number" value="2"' in form
    assert 'name="number_confirmed"' not in form

    response = _create(client, anyang, 7)
    page = response.content.decode()
    assert response.status_code == 200
    assert "다음 번호는 2" in page and "2–6" in page and 'name="number_confirmed"' in page
    assert not Meeting.objects.filter(number=7).exists()

    response = _create(client, anyang, 7, number_confirmed="on")
    assert response.status_code == 302
    assert Meeting.objects.filter(council=anyang, year=year, number=7).exists()
    assert _create(client, anyang, 2).status_code == 302, "filling the gap needs no confirmation"


def test_a_number_already_taken_is_refused_even_when_confirmed(login, alice, anyang):
    year = timezone.localtime(timezone.now() + timedelta(days=20)).year
    MeetingFactory(council=anyang, year=year, number=1)
    response = _create(login(alice), anyang, 1, number_confirmed="on")
    assert response.status_code == 200 and "같은 차수의 회의가 이미 있습니다" in response.content.decode()


def test_the_api_refuses_a_gap_unless_confirmed(api, alice, anyang):
    start = timezone.now() + timedelta(days=20)
    body = {
        "council": anyang.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "venue": "시청",
        "number": 5,
    }
    refused = api(alice).post("/api/v1/meetings/", body, format="json")
    assert refused.status_code == 400 and "number" in refused.json()
    created = api(alice).post("/api/v1/meetings/", {**body, "number_confirmed": True}, format="json")
    assert created.status_code == 201 and created.json()["number"] == 5


def test_a_visitors_header_names_the_council_of_the_page(client, alice, anyang, busan, meeting):
    type(busan).objects.filter(pk=busan.pk).update(is_public=True)  # published, and first by name
    services.meeting_announce(actor=alice, meeting=meeting)
    page = client.get(meeting.get_absolute_url()).content.decode()
    switcher = page.split('data-testid="council-switcher"')[1].split("</summary>")[0]
    assert "안양 산학관" in switcher and "부산 지산학" not in switcher
    home = client.get("/").content.decode()
    assert "부산 지산학" in home.split('data-testid="council-switcher"')[1].split("</summary>")[0]


def test_empty_minutes_offer_neither_approval_nor_circulation(login, alice, meeting):
    meeting = hold(alice, meeting)
    minutes = services.minutes_save(actor=alice, meeting=meeting, body="   ")
    page = login(alice).get(reverse("minutes-detail", args=[meeting.pk])).content.decode()
    approve_url = reverse("minutes-approve", args=[meeting.pk])
    assert reverse("minutes-edit", args=[meeting.pk]) in page
    assert approve_url not in page and reverse("minutes-circulate", args=[meeting.pk]) not in page
    with translation.override("ko"), pytest.raises(ValidationError):
        services.minutes_approve(actor=alice, minutes=minutes)

    services.minutes_save(actor=alice, meeting=meeting, body="# 회의록\n\n출석 7명")
    page = login(alice).get(reverse("minutes-detail", args=[meeting.pk])).content.decode()
    assert approve_url in page and reverse("minutes-circulate", args=[meeting.pk]) in page


def test_approved_minutes_are_no_longer_offered_for_writing(login, alice, meeting):
    meeting = hold(alice, meeting)
    minutes = services.minutes_save(actor=alice, meeting=meeting, body="# 회의록")
    edit_url = reverse("minutes-edit", args=[meeting.pk])
    assert edit_url in _page(login(alice), meeting)
    services.minutes_approve(actor=alice, minutes=minutes)
    meeting.refresh_from_db()
    assert edit_url not in _page(login(alice), meeting)
    assert edit_url not in login(alice).get(reverse("minutes-detail", args=[meeting.pk])).content.decode()
