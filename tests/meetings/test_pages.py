"""The meeting cycle through the pages, as the secretariat and the members use them."""

import re
from datetime import timedelta
from io import BytesIO

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import services
from meetings.links import answer_path
from meetings.models import AgendaItem, Invitation, Meeting, Minutes, Vote
from tests.support.meetings import announce_and_begin, hold
from tests.support.pdf import embedded_fonts

PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_staff_plans_a_meeting_numbered_for_the_year(login, alice, anyang):
    start = timezone.now() + timedelta(days=10)
    response = login(alice).post(
        reverse("meeting-create"),
        {
            "kind": "regular",
            "title": "정기회의",
            "starts_at": _local(start),
            "ends_at": _local(start + timedelta(hours=2)),
            "venue": "강당",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meeting-detail", args=[meeting.pk])
    assert meeting.number == 1
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == timezone.localtime(start).strftime(
        "%H:%M"
    )


def test_bad_meeting_input_is_explained_and_nothing_is_saved(login, alice, anyang):
    start = timezone.now() + timedelta(days=10)
    response = login(alice).post(
        reverse("meeting-create"),
        {"kind": "regular", "starts_at": _local(start), "ends_at": _local(start - timedelta(hours=1))},
    )
    page = response.content.decode()
    assert "회의는 시작한 뒤에 끝나야 합니다" in page
    assert "장소, 온라인 회의 주소 또는 둘 다" in page
    assert not Meeting.objects.exists()


def test_agenda_items_are_added_reordered_and_documented(login, alice, meeting):
    client = login(alice)
    client.post(
        reverse("agenda-item-add", args=[meeting.pk]),
        {"title": "첫째", "kind": "report", "minutes_allotted": 10},
    )
    client.post(
        reverse("agenda-item-add", args=[meeting.pk]),
        {"title": "둘째", "kind": "discussion", "minutes_allotted": 200},
    )
    first, second = meeting.agenda_items.order_by("order")
    response = client.post(
        reverse("agenda-reorder", args=[meeting.pk]), {"item": [second.pk, first.pk]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert list(meeting.agenda_items.order_by("order").values_list("title", flat=True)) == ["둘째", "첫째"]
    client.post(reverse("agenda-reorder", args=[meeting.pk]), {"move": f"{first.pk}:up"})
    assert meeting.agenda_items.order_by("order").first().title == "첫째"
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "회의 시간을 넘습니다" in page  # 210 planned minutes in a two-hour meeting
    upload = SimpleUploadedFile("발표자료.pdf", PDF)
    client.post(
        reverse("agenda-document-add", args=[meeting.pk, first.pk]), {"file": upload, "title": "발표자료"}
    )
    document = first.documents.get()
    download = client.get(reverse("agenda-document", args=[meeting.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_an_agenda_document_downloads_under_its_original_name_with_its_type(login, alice, meeting):
    from urllib.parse import quote

    item = services.agenda_item_add(actor=alice, meeting=meeting, title="예산 심의")
    client = login(alice)
    client.post(
        reverse("agenda-document-add", args=[meeting.pk, item.pk]),
        {"file": SimpleUploadedFile("2026 예산안 (최종).pdf", PDF), "title": "예산안"},
    )
    document = item.documents.get()
    assert (document.title, document.name) == ("예산안", "2026 예산안 (최종).pdf")
    assert (document.content_type, document.type_label) == ("application/pdf", "PDF")
    download = client.get(reverse("agenda-document", args=[meeting.pk, document.pk]))
    assert quote("2026 예산안 (최종).pdf") in download["Content-Disposition"]
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "PDF · " in page and "application/pdf" not in page


def test_wrong_type_and_oversized_documents_are_refused_and_nothing_saved(login, alice, meeting, settings):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="안건")
    client = login(alice)
    fake = SimpleUploadedFile("악성.pdf", b"<script>alert(1)</script>")
    response = client.post(
        reverse("agenda-document-add", args=[meeting.pk, item.pk]), {"file": fake}, follow=True
    )
    assert "허용된 문서가 아닙니다" in response.content.decode()
    settings.PORTAL_UPLOAD_MAX_BYTES = 10
    response = client.post(
        reverse("agenda-document-add", args=[meeting.pk, item.pk]),
        {"file": SimpleUploadedFile("큰.pdf", PDF)},
        follow=True,
    )
    assert "최대" in response.content.decode()
    assert not item.documents.exists()


def test_announcing_and_answering_through_the_signed_link(
    login, alice, meeting, daerim, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(alice).post(reverse("meeting-announce", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ANNOUNCED
    message = next(message for message in mail.outbox if "bob@example.org" in message.to[0])
    link = re.search(r"(/meetings/answer/[^\s?]+)\?answer=accepted", message.body).group(0)
    page = client.get(link)
    assert page.status_code == 200
    invitation = meeting.invitations.get(institution=daerim)
    assert Invitation.objects.get(pk=invitation.pk).response == "pending"  # opening the link changes nothing
    response = client.post(link, {"response": "accepted"})
    assert "회신을 기록했습니다" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).response == "accepted"


def test_a_tampered_or_foreign_link_is_refused(client, meeting, daerim, yeonsung):
    path = answer_path(meeting.invitations.get(institution=daerim))
    tampered = path.replace("/answer/", "/answer/x")
    assert client.get(tampered).status_code == 404
    other = answer_path(meeting.invitations.get(institution=yeonsung))
    assert other != path


def test_answer_links_expire_with_the_meeting(client, alice, meeting, daerim):
    path = answer_path(meeting.invitations.get(institution=daerim))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    assert client.get(path).status_code == 404


def test_contact_answers_from_the_meeting_page(login, bob, alice, meeting, daerim):
    services.meeting_announce(actor=alice, meeting=meeting)
    invitation = meeting.invitations.get(institution=daerim)
    client = login(bob)
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "회신 보내기" in page
    client.post(reverse("invitation-answer", args=[meeting.pk, invitation.pk]), {"response": "declined"})
    assert Invitation.objects.get(pk=invitation.pk).response == "declined"


def test_attendance_checklist_updates_in_place(login, alice, meeting, daerim):
    announce_and_begin(alice, meeting)
    invitation = meeting.invitations.get(institution=daerim)
    client = login(alice)
    assert daerim.name in client.get(reverse("meeting-attendance", args=[meeting.pk])).content.decode()
    response = client.post(
        reverse("attendance-mark", args=[meeting.pk, invitation.pk]),
        {"attended": "1"},
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert f'id="attendance-{invitation.pk}"' in fragment and "is-present" in fragment
    assert 'hx-swap-oob="true"' in fragment  # the quorum box refreshes too
    assert Invitation.objects.get(pk=invitation.pk).attended is True


def test_decisions_actions_and_minutes_through_the_pages(login, alice, meeting, daerim):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="프로그램 개발", kind="discussion")
    meeting = hold(alice, meeting)
    client = login(alice)
    client.post(
        reverse("agenda-decision", args=[meeting.pk, item.pk]),
        {"decision": "approved", "decision_text": "공동 개발"},
    )
    assert AgendaItem.objects.get(pk=item.pk).decision == "approved"
    client.post(
        reverse("action-create", args=[meeting.pk]),
        {"title": "기획안", "assignee": daerim.pk, "due_on": "2030-01-31", "agenda_item": item.pk},
    )
    assert meeting.action_items.get().agenda_item == item
    client.post(
        reverse("minutes-edit", args=[meeting.pk]),
        {"body": "# 회의록\n\n<script>alert('x')</script>\n\n**결정**: 공동 개발"},
    )
    page = client.get(reverse("minutes-detail", args=[meeting.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "<strong>결정</strong>" in page
    client.post(reverse("minutes-approve", args=[meeting.pk]))
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED
    assert client.get(reverse("minutes-edit", args=[meeting.pk]), follow=True).status_code == 200
    pdf = client.get(reverse("minutes-pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_minutes_preview_is_sanitised(login, alice, meeting):
    response = login(alice).post(
        reverse("minutes-preview", args=[meeting.pk]),
        {"body": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"},
    )
    html = response.content.decode()
    assert "javascript:" not in html.split("href")[-1] if "href" in html else True
    assert "<img" not in html


def test_agenda_pack_prints_with_the_korean_font_embedded(login, alice, daerim, meeting):
    from meetings.pdf import font_face_css

    assert "PretendardGOV-Regular" in font_face_css()  # the font file is found among the static files
    services.agenda_item_add(
        actor=alice, meeting=meeting, title="대림대학교 우수사례 발표", kind="presentation"
    )
    services.agenda_item_add(
        actor=alice,
        meeting=meeting,
        title="취업 연계를 위한 대학·기업 공동 단기 집중 산학협력 프로그램 개발",
        kind="discussion",
        presenter_institution=daerim,
    )
    response = login(alice).get(reverse("meeting-agenda-pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    fonts = embedded_fonts(response.content)
    # Every line is in it, the page numbers in the margin too.
    assert fonts and all("Pretendard-GOV" in font for font in fonts), fonts
    # An item's kind stays whole beside a long title, not broken between its two letters.
    rows = PdfReader(BytesIO(response.content)).pages[0].extract_text().splitlines()
    assert "1 대림대학교 우수사례 발표 발표 — 10" in rows and "토" not in rows, rows


def test_copying_a_meeting_from_its_page(login, alice, meeting):
    start = meeting.starts_at + timedelta(days=90)
    response = login(alice).post(
        reverse("meeting-copy", args=[meeting.pk]),
        {"starts_at": _local(start), "ends_at": _local(start + timedelta(hours=2))},
    )
    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response["Location"] == reverse("meeting-detail", args=[copy.pk])
    assert copy.copied_from == meeting


def test_meeting_list_filters_and_htmx(login, alice, meeting, busan_meeting):
    client = login(alice)
    page = client.get(reverse("meeting-list")).content.decode()
    assert meeting.label in page
    assert "부산" not in page
    fragment = client.get(
        reverse("meeting-list"), {"status": "held"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<header" not in fragment and "회의 0건" in fragment


def test_institution_page_shows_attendance_history(login, alice, meeting, daerim):
    meeting = hold(alice, meeting)
    services.attendance_mark(
        actor=alice, invitation=meeting.invitations.get(institution=daerim), attended=True
    )
    page = login(alice).get(reverse("institution-detail", args=[daerim.pk])).content.decode()
    assert "회의 참석" in page and meeting.label in page


def test_action_progress_by_the_responsible_contact(login, alice, bob, meeting, daerim):
    meeting = hold(alice, meeting)
    action = services.action_create(actor=alice, meeting=meeting, title="기획안", assignee=daerim)
    client = login(bob)
    assert action.title in client.get(reverse("action-list")).content.decode()
    client.post(reverse("action-detail", args=[action.pk]), {"status": "done", "comment": "완료했습니다"})
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None


def test_written_resolution_ballot_and_tally(login, alice, bob, anyang, daerim):
    meeting = _written(alice, anyang)
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="운영 규정 개정", kind="deliberation")
    services.invitations_add_members(actor=alice, meeting=meeting)
    meeting = announce_and_begin(alice, meeting, hours_ago=1)
    client = login(bob)
    assert "운영 규정 개정" in client.get(reverse("meeting-vote", args=[meeting.pk])).content.decode()
    client.post(
        reverse("meeting-vote", args=[meeting.pk]),
        {f"item-{item.pk}": "for", f"comment-{item.pk}": "찬성합니다"},
    )
    assert item.votes.get().choice == "for"
    page = login(alice).get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "찬성 1 · 반대 0 · 기권 0" in page
    assert (
        login(alice).get(reverse("meeting-vote", args=[meeting.pk])).status_code == 403
    )  # staff do not vote


def test_meeting_errors_are_shown_on_their_fields(login, alice, anyang, meeting):
    start = timezone.now() + timedelta(days=10)
    client = login(alice)
    response = client.post(
        reverse("meeting-update", args=[meeting.pk]),
        {"kind": "regular", "starts_at": _local(start), "ends_at": _local(start - timedelta(hours=1))},
    )
    page = response.content.decode()
    assert 'id="id_ends_at_error">회의는 시작한 뒤에 끝나야 합니다.</p>' in page
    assert 'id="id_venue_error">장소, 온라인 회의 주소 또는 둘 다를 입력하세요.</p>' in page
    response = client.post(
        reverse("meeting-update", args=[meeting.pk]),
        {"kind": "regular", "starts_at": _local(start), "ends_at": _local(start + timedelta(hours=1)),
         "venue": "시청 회의실", "number": meeting.number},
    )  # fmt: skip
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.year) == ("시청 회의실", timezone.localtime(start).year)


def test_copying_a_meeting_to_impossible_times_says_why(login, alice, meeting):
    start = timezone.now() + timedelta(days=40)
    response = login(alice).post(
        reverse("meeting-copy", args=[meeting.pk]),
        {"starts_at": _local(start), "ends_at": _local(start - timedelta(hours=1))},
        follow=True,
    )
    assert "회의는 시작한 뒤에 끝나야 합니다" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_see_all_in_the_portal_search_lists_the_meetings_it_found(login, alice, anyang):
    from html import unescape

    from tests.meetings.factories import MeetingFactory

    start = timezone.now() + timedelta(days=20)
    found = [
        MeetingFactory(
            council=anyang, number=n, starts_at=start + timedelta(days=n), description="현장실습 운영 점검"
        )
        for n in range(1, 7)
    ]
    client = login(alice)
    page = client.get(reverse("search"), {"q": "현장 실습"}).content.decode()
    more = re.search(r'href="([^"]*meetings/\?[^"]*)"', page)
    assert more is not None
    listed = client.get(unescape(more.group(1))).content.decode()
    for meeting in found:
        assert reverse("meeting-detail", args=[meeting.pk]) in listed


def test_the_action_list_search_ignores_spacing_like_the_portal_search(login, alice, meeting, daerim):
    from tests.meetings.factories import ActionItemFactory

    action = ActionItemFactory(meeting=meeting, title="현장실습 기업 발굴", assignee=daerim)
    listed = login(alice).get(reverse("action-list"), {"q": "현장 실습"}).content.decode()
    assert reverse("action-detail", args=[action.pk]) in listed


def _ballot(alice, anyang, size):
    meeting = _written(alice, anyang)
    items = [
        services.agenda_item_add(actor=alice, meeting=meeting, title=f"안건 {n}", kind="deliberation")
        for n in range(size)
    ]
    services.invitations_add_members(actor=alice, meeting=meeting)
    return announce_and_begin(alice, meeting, hours_ago=1), items


def _written(alice, anyang):
    """A written resolution whose voting window opens tomorrow and lasts three days."""
    start = timezone.now() + timedelta(days=1)
    return services.meeting_create(
        actor=alice, council=anyang, kind="written", starts_at=start, ends_at=start + timedelta(days=3)
    )


def test_a_ballot_with_a_bad_choice_records_none_of_its_votes(login, alice, bob, anyang, daerim):
    meeting, (first, second) = _ballot(alice, anyang, 2)
    response = login(bob).post(
        reverse("meeting-vote", args=[meeting.pk]),
        {f"item-{first.pk}": "for", f"item-{second.pk}": "maybe"},
        follow=True,
    )
    assert "찬성, 반대, 기권 중에서 고르세요" in response.content.decode()
    assert not Vote.objects.filter(agenda_item__meeting=meeting).exists()


def test_a_ballot_is_saved_with_the_same_queries_for_two_items_or_ten(login, alice, bob, anyang, daerim):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cast(size):
        meeting, items = _ballot(alice, anyang, size)
        client = login(bob)
        with CaptureQueriesContext(connection) as queries:
            client.post(
                reverse("meeting-vote", args=[meeting.pk]), {f"item-{item.pk}": "for" for item in items}
            )
        assert Vote.objects.filter(agenda_item__meeting=meeting, choice="for").count() == size
        return len(queries)

    assert cast(2) == cast(10)


def test_documents_of_a_cancelled_meeting_are_refused_with_the_reason(login, alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="자료 안건")
    kept = services.agenda_document_add(actor=alice, item=item, upload=SimpleUploadedFile("a.pdf", PDF))
    services.meeting_cancel(actor=alice, meeting=meeting, reason="일정 변경")
    client = login(alice)
    added = client.post(
        reverse("agenda-document-add", args=[meeting.pk, item.pk]),
        {"file": SimpleUploadedFile("b.pdf", PDF), "title": "늦은 자료"},
        follow=True,
    )
    assert "끝난 회의의 안건은 더 이상 바꿀 수 없습니다" in added.content.decode()
    removed = client.post(reverse("agenda-document-delete", args=[meeting.pk, item.pk, kept.pk]), follow=True)
    assert "끝난 회의의 안건은 더 이상 바꿀 수 없습니다" in removed.content.decode()
    assert list(item.documents.all()) == [kept]


def test_an_agenda_item_edit_the_service_refuses_is_explained_on_its_field(
    login, alice, anyang, daerim, meeting
):
    from tests.members.factories import DifficultyFactory

    difficulty = DifficultyFactory(council=anyang, institution=daerim, secretariat_only=True)
    item = services.agenda_item_add(
        actor=alice, meeting=meeting, title="비공개 안건", difficulty=difficulty, staff_only=True
    )
    response = login(alice).post(
        reverse("agenda-item-update", args=[meeting.pk, item.pk]),
        {"title": "비공개 안건", "kind": "discussion", "minutes_allotted": 10},
    )
    assert 'id="id_staff_only_error">' in response.content.decode()
    assert "사무국만 보는 안건으로만 올릴 수 있습니다" in response.content.decode()
    item.refresh_from_db()
    assert item.staff_only


def test_no_more_votes_than_voting_members_present_through_the_page_and_the_api(login, api, alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="협약 체결", kind="deliberation")
    meeting = hold(alice, meeting)
    present = list(meeting.invitations.filter(counts_for_quorum=True)[:2])
    for invitation in present:
        services.attendance_mark(actor=alice, invitation=invitation, attended=True)
    url = reverse("agenda-decision", args=[meeting.pk, item.pk])
    data = {"decision": "approved", "votes_for": 2, "votes_against": 1}
    page = login(alice).post(url, data, follow=True).content.decode()
    assert "투표는 3표" in page and "2명" in page
    assert AgendaItem.objects.get(pk=item.pk).decision == ""
    decision = f"/api/v1/agenda-items/{item.pk}/decision/"
    response = api(alice).post(decision, {"decision": "approved", "votes_for": 3}, format="json")
    assert response.status_code == 400 and "votes_for" in response.json()
    assert (
        api(alice).post(decision, {"decision": "approved", "votes_for": 2}, format="json").status_code == 200
    )


def test_an_items_forms_open_on_request_in_place_or_on_their_own_page(login, alice, bob, meeting):
    items = [
        services.agenda_item_add(actor=alice, meeting=meeting, title=f"안건 {n}", kind="deliberation")
        for n in range(3)
    ]
    item = items[1]
    decision = reverse("agenda-decision", args=[meeting.pk, item.pk])
    document = reverse("agenda-document-add", args=[meeting.pk, item.pk])
    client = login(alice)
    hub = client.get(meeting.get_absolute_url()).content.decode()
    assert f'hx-get="{document}"' in hub and f'hx-target="#item-{item.pk}-form"' in hub
    assert 'type="file"' not in hub.split('id="agenda"')[1].split("안건 추가")[0]  # no form drawn up front
    add_item = reverse("agenda-item-add", args=[meeting.pk])
    assert f'hx-get="{add_item}"' in hub  # an agenda with items folds the form for the next one
    # Before its day a meeting takes no follow-up action: its form is neither offered nor served.
    assert reverse("action-create", args=[meeting.pk]) not in hub
    assert client.get(reverse("action-create", args=[meeting.pk])).status_code == 403
    assert client.get(decision).status_code == 403  # nor is a decision recorded before its day
    assert 'name="title"' in client.get(add_item, HTTP_HX_REQUEST="true").content.decode()
    upload = client.get(document, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in upload and 'enctype="multipart/form-data"' in upload and 'type="file"' in upload
    assert 'name="csrfmiddlewaretoken"' in upload

    meeting = hold(alice, meeting)
    hub = client.get(meeting.get_absolute_url()).content.decode()
    assert f'hx-get="{decision}"' in hub and 'name="decision_text"' not in hub
    page = client.get(decision).content.decode()
    assert "<html" in page and "결정 기록" in page and "안건 1" in page
    assert f'id="decision-{item.pk}-decision' in page and f'action="{decision}"' in page
    fragment = client.get(decision, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and f'id="decision-{item.pk}-decision' in fragment
    add_action = reverse("action-create", args=[meeting.pk])
    assert f'hx-get="{add_action}"' in hub and 'name="due_on"' not in hub
    assert 'name="due_on"' in client.get(add_action, HTTP_HX_REQUEST="true").content.decode()

    response = client.post(decision, {"decision": "approved", "decision_text": "원안 가결"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.pk}")
    assert AgendaItem.objects.get(pk=item.pk).decision == "approved"

    for path in (decision, document, add_item, add_action):  # a member of the council manages no meeting
        assert login(bob).get(path).status_code in (403, 404)


def test_a_large_invitation_list_comes_a_page_at_a_time(login, alice, meeting, anyang):
    from meetings.views.meetings import INVITEES_PER_PAGE

    Invitation.objects.bulk_create(
        [
            Invitation(meeting=meeting, name=f"초청 {n:03d}", is_guest=True)
            for n in range(INVITEES_PER_PAGE + 5)
        ]
    )
    total = meeting.invitations.count()
    client = login(alice)
    first = client.get(meeting.get_absolute_url()).content.decode()
    rest = client.get(meeting.get_absolute_url(), {"page": 2}).content.decode()
    shown = re.findall(r"/invitations/\d+/remove/", first + rest)
    assert len(shown) == total, (len(shown), total)
    assert "krds-pagination" in first and "?page=2" in first
