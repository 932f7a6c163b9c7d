"""Difficulties and suggestions from raising to resolution, as contacts and the secretariat use them."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from members.difficulties import services
from members.models import Difficulty, DifficultyAttachment, DifficultyEvent
from tests.members.factories import DifficultyFactory

SCRIPT = "<script>alert(1)</script>"
S = Difficulty.Status


@pytest.fixture
def raised(bob, anyang, daerim):
    return services.difficulty_raise(
        actor=bob,
        council=anyang,
        institution=daerim,
        kind="difficulty",
        category="work_study",
        title="일학습병행 참여 기업 발굴",
        description="참여 기업을 학교가 직접 찾기 어렵습니다.",
    )


def _raise_form(**changes):
    data = {
        "kind": "suggestion",
        "category": "employment",
        "title": "조기 취업 기업 정보 공유",
        "description": "관내 기업의 채용 계획을 학교에 공유해 주세요.",
    }
    data.update(changes)
    return data


def test_a_school_raises_a_suggestion_with_a_file(login, sam, anyang, school, pdf):
    response = login(sam).post(
        reverse("difficulty-create"), _raise_form(institution=school.pk, documents=[pdf("요청서.pdf")])
    )
    difficulty = Difficulty.objects.get()
    assert response["Location"] == reverse("difficulty-detail", args=[difficulty.pk])
    assert (difficulty.council, difficulty.institution, difficulty.raised_by) == (anyang, school, sam)
    assert difficulty.status == S.RECEIVED and difficulty.kind == "suggestion"
    assert difficulty.events.get().kind == DifficultyEvent.Kind.RAISED
    assert difficulty.attachments.get().name == "요청서.pdf"


def test_missing_fields_are_explained_and_nothing_is_saved(login, sam, anyang, school, pdf):
    response = login(sam).post(
        reverse("difficulty-create"),
        _raise_form(institution=school.pk, title="", description="", documents=[pdf()]),
    )
    assert response.status_code == 400
    assert response.content.decode().count("필수 항목입니다") == 2
    assert not Difficulty.objects.exists() and not DifficultyAttachment.objects.exists()


def test_a_bad_file_refuses_the_whole_item(login, sam, anyang, school, pdf):
    response = login(sam).post(
        reverse("difficulty-create"),
        _raise_form(institution=school.pk, documents=[pdf("ok.pdf"), pdf("virus.pdf", b"MZ\x90\x00")]),
    )
    assert response.status_code == 400
    assert "virus.pdf" in response.content.decode()
    assert not Difficulty.objects.exists() and not DifficultyAttachment.objects.exists()


def test_contacts_raise_only_for_their_own_institution(sam, anyang, daerim):
    with pytest.raises(ValidationError) as error:
        services.difficulty_raise(
            actor=sam,
            council=anyang,
            institution=daerim,
            kind="difficulty",
            category="other",
            title="x",
            description="y",
        )
    assert "institution" in error.value.message_dict
    assert not Difficulty.objects.exists()


def test_the_secretariat_assigns_with_a_due_date_and_the_item_goes_into_review(login, alice, office, raised):
    due = timezone.localdate() + timedelta(days=14)
    login(alice).post(
        reverse("difficulty-assign", args=[raised.pk]),
        {"assignee": office.pk, "answer_due": due.isoformat(), "note": "교육지원청 방안을 안내해 주세요."},
    )
    raised.refresh_from_db()
    assert (raised.assignee, raised.answer_due, raised.status) == (office, due, S.IN_REVIEW)
    event = raised.events.get(kind=DifficultyEvent.Kind.ASSIGNED)
    assert (event.assignee, event.answer_due, event.status_from, event.status_to) == (
        office,
        due,
        S.RECEIVED,
        S.IN_REVIEW,
    )


def test_the_secretariat_is_told_whom_it_assigned_and_the_status_it_set(login, alice, office, raised):
    client = login(alice)
    due = timezone.localdate() + timedelta(days=7)
    assigned = client.post(
        reverse("difficulty-assign", args=[raised.pk]), {"assignee": office.pk, "answer_due": due.isoformat()}
    )
    resolved = client.post(reverse("difficulty-status", args=[raised.pk]), {"status": S.RESOLVED})
    assert [str(message) for message in get_messages(assigned.wsgi_request)] == [
        f"{office.name}에 배정했습니다. 답변 기한은 {due.isoformat()}입니다."
    ]
    assert [str(message) for message in get_messages(resolved.wsgi_request)][
        -1
    ] == "상태를 “해결”(으)로 바꿨습니다."


def test_an_answer_cannot_be_due_in_the_past(login, alice, office, raised):
    response = login(alice).post(
        reverse("difficulty-assign", args=[raised.pk]),
        {"assignee": office.pk, "answer_due": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "답변 기한은 오늘 이후로 정해 주세요" in response.content.decode()
    raised.refresh_from_db()
    assert raised.assignee is None and raised.status == S.RECEIVED


def test_the_assigned_institution_answers_and_the_submitter_sees_it(
    login, alice, bob, olivia, office, raised
):
    services.difficulty_assign(
        actor=alice, difficulty=raised, assignee=office, answer_due=timezone.localdate() + timedelta(days=7)
    )
    login(olivia).post(
        reverse("difficulty-answer", args=[raised.pk]), {"body": "분기별 담당 교사 협의회를 열겠습니다."}
    )
    raised.refresh_from_db()
    assert raised.status == S.ANSWERED and raised.first_answered_at is not None
    answer = raised.events.get(kind=DifficultyEvent.Kind.ANSWER)
    assert answer.author == olivia and answer.author_institution == office
    page = login(bob).get(reverse("difficulty-detail", args=[raised.pk])).content.decode()
    assert "분기별 담당 교사 협의회를 열겠습니다." in page and office.name in page
    assert "답변으로 해결되었나요?" in page


def test_the_first_answer_time_is_kept_when_more_answers_follow(alice, raised):
    services.difficulty_answer(actor=alice, difficulty=raised, body="첫 답변")
    raised.refresh_from_db()
    first = raised.first_answered_at
    services.difficulty_answer(actor=alice, difficulty=raised, body="보충 답변")
    raised.refresh_from_db()
    assert raised.first_answered_at == first
    assert raised.events.filter(kind=DifficultyEvent.Kind.ANSWER).count() == 2


def test_an_empty_answer_is_refused(login, alice, raised):
    response = login(alice).post(reverse("difficulty-answer", args=[raised.pk]), {"body": "   "})
    assert response.status_code == 400
    raised.refresh_from_db()
    assert raised.status == S.RECEIVED and raised.first_answered_at is None


def test_the_submitter_confirms_the_resolution(login, alice, bob, raised):
    services.difficulty_answer(actor=alice, difficulty=raised, body="안내드립니다.")
    login(bob).post(
        reverse("difficulty-status", args=[raised.pk]), {"status": "resolved", "reason": "감사합니다."}
    )
    raised.refresh_from_db()
    assert (
        raised.status == S.RESOLVED and raised.closed_at is not None and raised.close_reason == "감사합니다."
    )


def test_the_submitter_cannot_close_or_reopen(bob, alice, raised):
    with pytest.raises(PermissionDenied):
        services.difficulty_set_status(actor=bob, difficulty=raised, status=S.CLOSED, reason="x")
    services.difficulty_answer(actor=alice, difficulty=raised, body="안내드립니다.")
    with pytest.raises(ValidationError):
        services.difficulty_set_status(actor=bob, difficulty=raised, status=S.CLOSED, reason="x")


def test_closing_needs_a_reason_and_reopening_clears_it(login, alice, raised):
    client = login(alice)
    response = client.post(reverse("difficulty-status", args=[raised.pk]), {"status": "closed", "reason": ""})
    assert response.status_code == 400
    assert "종결하는 사유를 적어 주세요" in response.content.decode()
    client.post(reverse("difficulty-status", args=[raised.pk]), {"status": "closed", "reason": "중복 제기"})
    raised.refresh_from_db()
    assert raised.status == S.CLOSED and raised.close_reason == "중복 제기"
    assert not raised.is_open
    client.post(reverse("difficulty-status", args=[raised.pk]), {"status": "in_review"})
    raised.refresh_from_db()
    assert raised.status == S.IN_REVIEW and raised.closed_at is None and raised.close_reason == ""


def test_nobody_answers_a_closed_item(alice, raised):
    services.difficulty_set_status(actor=alice, difficulty=raised, status=S.CLOSED, reason="중복")
    with pytest.raises(PermissionDenied):
        services.difficulty_answer(actor=alice, difficulty=raised, body="늦은 답변")


def test_the_submitter_edits_only_until_the_secretariat_takes_it_up(login, alice, bob, office, raised):
    client = login(bob)
    client.post(
        reverse("difficulty-update", args=[raised.pk]),
        {"kind": "difficulty", "category": "work_study", "title": "고친 제목", "description": "고친 내용"},
    )
    raised.refresh_from_db()
    assert raised.title == "고친 제목"
    services.difficulty_assign(
        actor=alice, difficulty=raised, assignee=office, answer_due=timezone.localdate() + timedelta(days=7)
    )
    assert client.get(reverse("difficulty-update", args=[raised.pk])).status_code == 403


def test_other_apps_record_events_as_the_secretariat(alice, bob, raised):
    """The meetings app records "put on the agenda" through this service."""
    with pytest.raises(PermissionDenied):
        services.difficulty_add_event(actor=bob, difficulty=raised, body="안건 상정")
    event = services.difficulty_add_event(
        actor=alice, difficulty=raised, body="2024년 제2차 회의 안건으로 상정"
    )
    assert event.kind == DifficultyEvent.Kind.NOTE
    assert raised.events.last() == event


def test_script_in_every_text_field_renders_inert(login, alice, bob, office, raised):
    services.difficulty_update(actor=bob, difficulty=raised, title=SCRIPT, description=SCRIPT)
    services.difficulty_assign(
        actor=alice,
        difficulty=raised,
        assignee=office,
        answer_due=timezone.localdate() + timedelta(days=3),
        note=SCRIPT,
    )
    services.difficulty_answer(actor=alice, difficulty=raised, body=SCRIPT)
    services.difficulty_comment(actor=bob, difficulty=raised, body=SCRIPT)
    services.difficulty_add_event(actor=alice, difficulty=raised, body=SCRIPT)
    services.difficulty_set_status(actor=alice, difficulty=raised, status=S.CLOSED, reason=SCRIPT)
    client = login(alice)
    for url in (
        reverse("difficulty-detail", args=[raised.pk]),
        reverse("difficulty-list"),
        reverse("search") + "?q=script",
        "/",
    ):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url
    assert "&lt;script&gt;" in client.get(reverse("difficulty-detail", args=[raised.pk])).content.decode()


def test_attachments_follow_the_items_visibility(login, alice, sam, bob, anyang, daerim, pdf):
    private = services.difficulty_raise(
        actor=bob,
        council=anyang,
        institution=daerim,
        kind="difficulty",
        category="other",
        title="비공개 애로",
        description="내용",
        secretariat_only=True,
        documents=[pdf("내부자료.pdf")],
    )
    attachment = private.attachments.get()
    url = reverse("difficulty-attachment", args=[private.pk, attachment.pk])
    assert login(alice).get(url).status_code == 200
    assert login(sam).get(url).status_code == 404


def test_the_list_filters_by_status_and_overdue(login, alice, anyang, daerim, office):
    late = DifficultyFactory(
        council=anyang,
        institution=daerim,
        assignee=office,
        status=S.IN_REVIEW,
        answer_due=timezone.localdate() - timedelta(days=1),
        title="기한 지난 건",
    )
    done = DifficultyFactory(council=anyang, institution=daerim, status=S.RESOLVED, title="해결된 건")
    client = login(alice)
    page = client.get(reverse("difficulty-list"), {"overdue": "true"}).content.decode()
    assert late.title in page and done.title not in page and "답변 기한 경과" in page
    page = client.get(reverse("difficulty-list"), {"open": "false"}).content.decode()
    assert done.title in page and late.title not in page
    page = client.get(
        reverse("difficulty-list"), {"status": "resolved"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert done.title in page and "<header" not in page


def test_a_contacts_mine_filter_shows_what_they_raised_or_must_answer(
    login, olivia, anyang, daerim, office, school
):
    assigned = DifficultyFactory(
        council=anyang, institution=school, assignee=office, title="교육지원청 답변 요청"
    )
    other = DifficultyFactory(council=anyang, institution=daerim, title="대림대 건")
    page = login(olivia).get(reverse("difficulty-list"), {"mine": "true"}).content.decode()
    assert assigned.title in page and other.title not in page


def test_home_panels_show_each_persona_what_to_do(login, alice, bob, olivia, office, raised):
    assert raised.title in login(alice).get("/").content.decode()  # to triage
    services.difficulty_assign(
        actor=alice, difficulty=raised, assignee=office, answer_due=timezone.localdate() + timedelta(days=7)
    )
    assert raised.title in login(bob).get("/").content.decode()  # open, raised by Daerim
    assert "답변 요청받은 건" in login(olivia).get("/").content.decode()


def test_the_home_panel_keeps_what_a_contact_must_answer_behind_many_raised_items(
    login, bob, anyang, daerim, school
):
    asked = DifficultyFactory(
        council=anyang, institution=school, assignee=daerim, status=S.IN_REVIEW, title="대림대 답변 요청 건"
    )
    for _number in range(21):
        DifficultyFactory(council=anyang, institution=daerim)
    page = login(bob).get("/").content.decode()
    assert "답변 요청받은 건" in page and asked.title in page


def test_the_overdue_query_and_the_overdue_flag_agree(anyang, daerim):
    today = timezone.localdate()
    items = [
        DifficultyFactory(
            council=anyang, institution=daerim, status=status, answer_due=due, first_answered_at=answered
        )
        for status in (S.IN_REVIEW, S.ANSWERED, S.CLOSED)
        for due in (None, today - timedelta(days=1), today)
        for answered in (None, timezone.now())
    ]
    overdue = set(Difficulty.objects.overdue(today))
    assert overdue == {item for item in items if item.is_overdue(today)} and overdue
    assert set(Difficulty.objects.open()) == {item for item in items if item.is_open}
