"""Who hears about submissions and when: each change reaches the submitter once; reminders never repeat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from council.models import Dispatch, Notice
from council.notices.reminders import reminders_run
from members.agreements.notices import agreement_renewal_reminders
from members.difficulties import services as difficulty_services
from members.difficulties.notices import overdue_answer_reminders
from members.models import Difficulty
from members.practices import services as practice_services
from tests.members.factories import AgreementFactory, BestPracticeFactory, DifficultyFactory


def _recipients() -> list[str]:
    return sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox)


@pytest.fixture
def raised(bob, anyang, daerim, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        difficulty = difficulty_services.difficulty_raise(
            actor=bob,
            council=anyang,
            institution=daerim,
            kind="difficulty",
            category="employment",
            title="조기 취업 연계 기업 정보",
            description="기업 정보가 부족합니다.",
        )
    return difficulty


def test_a_new_difficulty_reaches_the_councils_secretariat_only(raised, dave):
    assert _recipients() == ["alice@example.org"]
    assert "조기 취업 연계 기업 정보" in mail.outbox[0].subject
    assert "기업 정보가 부족합니다." in mail.outbox[0].body


def test_the_submitter_hears_of_every_change_once(
    raised, alice, bob, olivia, office, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    due = timezone.localdate() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_assign(actor=alice, difficulty=raised, assignee=office, answer_due=due)
    assert _recipients() == ["bob@example.org", "olivia@example.org"]
    assert all(due.strftime("%Y.%m.%d") in message.subject for message in mail.outbox)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_answer(
            actor=olivia, difficulty=raised, body="채용 수요를 분기마다 공유하겠습니다."
        )
    # The assigned institution answered: the submitter and the secretariat hear of it, not its author.
    assert _recipients() == ["alice@example.org", "bob@example.org"]
    assert "채용 수요를 분기마다 공유하겠습니다." in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_comment(actor=bob, difficulty=raised, body="시작 시기를 알려 주세요.")
    assert _recipients() == ["alice@example.org", "olivia@example.org"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_set_status(
            actor=alice, difficulty=raised, status=Difficulty.Status.RESOLVED
        )
    assert _recipients() == ["bob@example.org", "olivia@example.org"]
    assert "해결" in mail.outbox[0].subject

    # Each change was one dispatch; nothing is announced twice.
    events = raised.events.exclude(kind="raised").count()
    assert Dispatch.objects.filter(kind="difficulty.changed").count() == events == 4


def test_the_submitter_sees_the_notice_in_the_portal_too(
    raised, alice, bob, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_answer(actor=alice, difficulty=raised, body="답변드립니다.")
    notice = Notice.objects.get(recipient=bob)
    assert notice.title.startswith("답변 등록")
    page = login(bob).get(reverse("notice-list")).content.decode()
    assert notice.title in page
    response = login(bob).get(reverse("notice-open", args=[notice.pk]))
    assert response["Location"].startswith(reverse("difficulty-detail", args=[raised.pk]))


def test_notices_speak_the_recipients_language(raised, alice, bob, django_capture_on_commit_callbacks):
    bob.language = "en"
    bob.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_answer(actor=alice, difficulty=raised, body="답변드립니다.")
    assert mail.outbox[0].subject.startswith("Answer posted:")


def test_overdue_answers_escalate_once_per_item_and_due_date(
    anyang, daerim, office, alice, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    late = DifficultyFactory(
        council=anyang,
        institution=daerim,
        assignee=office,
        status="in_review",
        answer_due=today - timedelta(days=2),
    )
    DifficultyFactory(  # answered already: no escalation
        council=anyang,
        institution=daerim,
        status="answered",
        answer_due=today - timedelta(days=2),
        first_answered_at=timezone.now(),
    )
    due_today = DifficultyFactory(council=anyang, institution=daerim, status="in_review", answer_due=today)
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_answer_reminders(today) == 1
        assert reminders_run(today=today) == 0  # the daily job runs it again: nothing new
    assert _recipients() == ["alice@example.org"]
    assert late.title in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_answer_reminders(today + timedelta(days=1)) == 1  # the one due today is late tomorrow
    assert due_today.title in mail.outbox[-1].subject
    # A new due date that passes too escalates again.
    late.answer_due = today - timedelta(days=1)
    late.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_answer_reminders(today) == 1


def test_best_practice_review_notices(login, alice, bob, anyang, daerim, django_capture_on_commit_callbacks):
    practice = BestPracticeFactory(council=anyang, institution=daerim, created_by=bob)
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.best_practice_submit(actor=bob, practice=practice)
    assert _recipients() == ["alice@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.best_practice_review(
            actor=alice, practice=practice, publish=False, comment="사진을 추가해 주세요."
        )
    assert _recipients() == ["bob@example.org"]
    assert "사진을 추가해 주세요." in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.best_practice_submit(actor=bob, practice=practice)
        practice_services.best_practice_review(actor=alice, practice=practice, publish=True)
    assert _recipients() == ["alice@example.org", "bob@example.org"]  # second round: new dispatches


def test_agreement_renewal_is_reminded_60_days_before_it_ends(
    anyang, daerim, office, alice, bob, olivia, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    ending = AgreementFactory(
        council=anyang, parties=[daerim, office], valid_until=today + timedelta(days=60)
    )
    AgreementFactory(council=anyang, parties=[daerim, office], valid_until=today + timedelta(days=61))
    AgreementFactory(council=anyang, parties=[daerim, office], valid_until=today - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert agreement_renewal_reminders(today) == 1
        assert agreement_renewal_reminders(today + timedelta(days=1)) == 1  # the 61-day one comes into range
        assert agreement_renewal_reminders(today + timedelta(days=2)) == 0
    subjects = [message.subject for message in mail.outbox if ending.title in message.subject]
    assert len(subjects) == 3  # staff and both parties' contacts, once each
    assert sorted(m.to[0].split("<")[-1].rstrip(">") for m in mail.outbox if ending.title in m.subject) == [
        "alice@example.org",
        "bob@example.org",
        "olivia@example.org",
    ]


def test_subjects_and_text_are_plain_text_never_html_escaped(
    bob, anyang, daerim, alice, django_capture_on_commit_callbacks
):
    title = 'R&D <장비> "공동 활용" 건'
    with django_capture_on_commit_callbacks(execute=True):
        difficulty_services.difficulty_raise(
            actor=bob,
            council=anyang,
            institution=daerim,
            kind="difficulty",
            category="facilities",
            title=title,
            description="A & B <협력>",
        )
    message = mail.outbox[0]
    assert title in message.subject
    assert (
        "&amp;" not in message.subject and "&lt;" not in message.subject and "&quot;" not in message.subject
    )
    assert "A & B <협력>" in message.body
    html = message.alternatives[0][0]
    assert "A &amp; B &lt;협력&gt;" in html, "the HTML part still escapes what it shows"
    assert Notice.objects.get(recipient=alice).title == message.subject
