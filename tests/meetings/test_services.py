"""The meeting cycle through its services: numbering, agenda, invitations, answers, decisions, minutes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Minutes
from meetings.notices import action_reminders, meeting_reminders
from meetings.selectors import meeting_quorum
from members.models import Membership
from tests.council.factories import CouncilFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory
from tests.support.meetings import announce_and_begin, hold


def test_meetings_are_numbered_per_council_and_year(alice, anyang):
    start = timezone.now() + timedelta(days=3)
    first = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="A"
    )
    second = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="B"
    )
    assert (first.number, second.number) == (1, 2)
    assert first.year == timezone.localtime(start).year
    with pytest.raises(ValidationError):
        services.meeting_update(actor=alice, meeting=second, number=1)


def test_a_meeting_after_a_held_one_starts_with_approving_its_minutes(alice, anyang):
    held = MeetingFactory(
        council=anyang, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=30)
    )
    start = timezone.now() + timedelta(days=3)
    meeting = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="A"
    )
    item = meeting.agenda_items.get()
    assert item.is_minutes_approval and item.approves_minutes_of == held
    assert held.label in item.title


def test_no_approval_item_once_the_previous_minutes_are_approved(alice, anyang):
    MeetingFactory(council=anyang, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=60))
    MeetingFactory(
        council=anyang, status=Meeting.Status.MINUTES_APPROVED, starts_at=timezone.now() - timedelta(days=30)
    )
    start = timezone.now() + timedelta(days=3)
    meeting = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="A"
    )
    assert not meeting.agenda_items.exists(), (
        "the last meeting's minutes are approved; an older one's are not asked"
    )


def test_the_previous_minutes_go_on_one_coming_agenda_only(alice, anyang):
    held = MeetingFactory(
        council=anyang, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=30)
    )
    first_start = timezone.now() + timedelta(days=3)
    first = services.meeting_create(
        actor=alice,
        council=anyang,
        starts_at=first_start,
        ends_at=first_start + timedelta(hours=1),
        venue="A",
    )
    second_start = timezone.now() + timedelta(days=40)
    second = services.meeting_create(
        actor=alice,
        council=anyang,
        starts_at=second_start,
        ends_at=second_start + timedelta(hours=1),
        venue="A",
    )
    assert first.agenda_items.get().approves_minutes_of == held
    assert not second.agenda_items.exists()


def test_only_the_councils_secretariat_plans_meetings(carol, dave, bob, anyang):
    start = timezone.now() + timedelta(days=3)
    for user in (carol, dave, bob):
        with pytest.raises(PermissionDenied):
            services.meeting_create(
                actor=user, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1)
            )


def test_invitations_cover_seats_valid_on_the_meeting_date(alice, anyang, meeting, daerim):
    ended = MembershipFactory(council=anyang, term_end=timezone.localdate() - timedelta(days=1))
    observer = MembershipFactory(council=anyang, role=Membership.Role.OBSERVER)
    assert services.invitations_add_members(actor=alice, meeting=meeting) == 1  # only the new observer
    assert not meeting.invitations.filter(membership=ended).exists()
    assert meeting.invitations.get(membership=observer).counts_for_quorum is False
    firms = services.invitations_add_members(actor=alice, meeting=meeting, institution_kinds=["firm"])
    assert firms == 0


def test_quorum_is_a_majority_of_voting_members(alice, meeting):
    quorum = meeting_quorum(meeting=meeting)
    assert (quorum.members, quorum.required, quorum.present) == (2, 2, 0)
    announce_and_begin(alice, meeting)
    for invitation in meeting.invitations.all():
        services.attendance_mark(actor=alice, invitation=invitation, attended=True)
    assert meeting_quorum(meeting=meeting).is_met


def test_announcing_needs_invitees_and_happens_once(alice, anyang):
    start = timezone.now() + timedelta(days=3)
    empty = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="A"
    )
    with pytest.raises(ValidationError):
        services.meeting_announce(actor=alice, meeting=empty)


def test_announcement_reaches_each_invitee_once_with_a_calendar_file(
    alice, bob, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == len(set(recipients)) == 2  # Bob for Daerim, the head of Yeonsung
    message = next(message for message in mail.outbox if "bob@example.org" in message.to[0])
    assert "/meetings/answer/" in message.body
    calendar = Calendar.from_ical(message.attachments[0].content)
    assert calendar.get("method") == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]).startswith(str(meeting.ical_uid))
    assert str(event["url"]).endswith(f"/meetings/{meeting.pk}/")
    assert "안양창업지원센터" in str(event["location"])


def test_changing_time_after_announcing_updates_the_same_calendar_event(
    alice, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=alice,
            meeting=meeting,
            starts_at=meeting.starts_at + timedelta(hours=1),
            ends_at=meeting.ends_at + timedelta(hours=1),
        )
        services.meeting_update(actor=alice, meeting=meeting, title="제목만 바꿈")  # no notice for a title
    assert len(mail.outbox) == 2
    event = Calendar.from_ical(mail.outbox[0].attachments[0].content).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(str(meeting.ical_uid))
    assert int(event["sequence"]) == 1


def test_cancelling_an_announced_meeting_cancels_the_calendar_event(
    alice, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.meeting_cancel(actor=alice, meeting=meeting, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=alice, meeting=meeting, reason="위원장 일정 변경")
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0].content)
    assert calendar.get("method") == "CANCEL"
    assert calendar.walk("VEVENT")[0]["status"] == "CANCELLED"
    assert "위원장 일정 변경" in mail.outbox[0].body


def test_copying_a_meeting_keeps_the_agenda_and_guests_not_the_outcomes(alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="우수사례 발표", kind="presentation")
    AgendaItem.objects.filter(pk=item.pk).update(decision=AgendaItem.Decision.NOTED)
    services.invitation_add_guest(actor=alice, meeting=meeting, name="발표자", email="guest@example.org")
    start = meeting.starts_at + timedelta(days=90)
    copy = services.meeting_copy(
        actor=alice, source=meeting, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    assert copy.copied_from == meeting
    copied = copy.agenda_items.get(title="우수사례 발표")
    assert copied.decision == ""
    assert copy.invitations.filter(is_guest=True, email="guest@example.org").exists()
    assert not copy.invitations.filter(is_guest=False).exists()


def test_agenda_reorder_must_name_every_item(alice, meeting):
    first = services.agenda_item_add(actor=alice, meeting=meeting, title="하나")
    second = services.agenda_item_add(actor=alice, meeting=meeting, title="둘")
    services.agenda_reorder(actor=alice, meeting=meeting, item_ids=[second.pk, first.pk])
    assert list(meeting.agenda_items.order_by("order").values_list("title", flat=True)) == ["둘", "하나"]
    with pytest.raises(ValidationError):
        services.agenda_reorder(actor=alice, meeting=meeting, item_ids=[second.pk])


def test_a_contact_answers_only_their_own_invitation(bob, alice, meeting, daerim, yeonsung):
    own = meeting.invitations.get(institution=daerim)
    other = meeting.invitations.get(institution=yeonsung)
    services.invitation_respond(actor=bob, invitation=own, response="proxy", proxy_name="팀장 홍길동")
    own.refresh_from_db()
    assert (own.response, own.proxy_name) == ("proxy", "팀장 홍길동")
    with pytest.raises(PermissionDenied):
        services.invitation_respond(actor=bob, invitation=other, response="accepted")
    with pytest.raises(ValidationError):
        services.invitation_respond(actor=bob, invitation=own, response="proxy", proxy_name=" ")
    services.invitation_respond(actor=alice, invitation=other, response="declined")  # taken by phone


def test_written_resolution_votes_within_the_window_once_per_member(alice, bob, anyang, daerim):
    now = timezone.now()
    meeting = services.meeting_create(
        actor=alice,
        council=anyang,
        kind="written",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=3),
    )
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="규정 개정", kind="deliberation")
    services.invitations_add_members(actor=alice, meeting=meeting)
    announce_and_begin(alice, meeting, hours_ago=1)
    invitation = meeting.invitations.get(institution=daerim)
    services.ballot_cast(actor=bob, invitation=invitation, choices={item.pk: "for"})
    services.ballot_cast(actor=bob, invitation=invitation, choices={item.pk: "against"})
    assert invitation.votes.get().choice == "against"
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=alice, invitation=invitation, choices={item.pk: "for"})
    Meeting.objects.filter(pk=meeting.pk).update(
        ends_at=now - timedelta(minutes=1), starts_at=now - timedelta(hours=2)
    )
    meeting.refresh_from_db()
    invitation.meeting = meeting
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=bob, invitation=invitation, choices={item.pk: "for"})


def test_minutes_are_versioned_circulated_and_locked_once_approved(
    alice, bob, meeting, daerim, django_capture_on_commit_callbacks
):
    meeting = hold(alice, meeting)
    services.attendance_mark(
        actor=alice, invitation=meeting.invitations.get(institution=daerim), attended=True
    )
    services.minutes_save(actor=alice, meeting=meeting, body="# 초안")
    minutes = services.minutes_save(actor=alice, meeting=meeting, body="# 초안\n\n수정")
    assert minutes.version == 2
    assert minutes.history.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(
            actor=alice, minutes=minutes, comments_until=timezone.localdate() + timedelta(days=7)
        )
    assert [message.to[0] for message in mail.outbox] == ["박밥 <bob@example.org>"]
    services.minutes_comment_add(actor=bob, minutes=minutes, body="2번 안건 표현을 다듬어 주세요.")
    services.minutes_approve(actor=alice, minutes=minutes)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    with pytest.raises(ValidationError):
        services.minutes_save(actor=alice, meeting=meeting, body="바꿈")
    assert Minutes.objects.get(pk=minutes.pk).body == "# 초안\n\n수정"


def test_approving_the_previous_minutes_item_approves_them(alice, anyang, meeting):
    meeting = hold(alice, meeting)
    services.minutes_save(actor=alice, meeting=meeting, body="회의록")
    start = timezone.now() + timedelta(days=7)
    following = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=2), venue="A"
    )
    approval = following.agenda_items.get(approves_minutes_of=meeting)
    services.invitations_add_members(actor=alice, meeting=following)
    services.meeting_announce(actor=alice, meeting=following)
    Meeting.objects.filter(pk=following.pk).update(  # the day of the meeting has come
        starts_at=timezone.now() - timedelta(minutes=30), ends_at=timezone.now() + timedelta(hours=1)
    )
    services.agenda_decision_record(actor=alice, item=approval, decision="approved")
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED


def test_actions_are_updated_by_the_responsible_institution(alice, bob, carol, meeting, daerim, yeonsung):
    meeting = hold(alice, meeting)
    action = services.action_create(
        actor=alice, meeting=meeting, title="기획안 작성", assignee=daerim, due_on=timezone.localdate()
    )
    services.action_update(actor=bob, action=action, status="in_progress", comment="초안 작성 중")
    assert action.comments.get().body == "초안 작성 중"
    with pytest.raises(PermissionDenied):
        services.action_update(actor=bob, action=action, due_on=timezone.localdate() + timedelta(days=30))
    with pytest.raises(PermissionDenied):
        services.action_update(actor=carol, action=action, status="done")
    other = services.action_create(actor=alice, meeting=meeting, title="다른 일", assignee=yeonsung)
    with pytest.raises(PermissionDenied):
        services.action_update(actor=bob, action=other, status="done")


def test_reminders_go_out_seven_days_and_one_day_before(alice, meeting, django_capture_on_commit_callbacks):
    services.meeting_announce(actor=alice, meeting=meeting)
    start_day = timezone.localtime(meeting.starts_at).date()
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders(start_day - timedelta(days=7)) == 1
        assert meeting_reminders(start_day - timedelta(days=7)) == 0
        assert meeting_reminders(start_day - timedelta(days=1)) == 1
        assert meeting_reminders(start_day - timedelta(days=3)) == 0
    subjects = [message.subject for message in mail.outbox]
    assert any("7일" in subject or "7 days" in subject for subject in subjects)
    reminders = [
        message for message in mail.outbox if "7일" in message.subject or "7 days" in message.subject
    ]
    # Invitees who have not answered can still answer from the reminder.
    assert reminders and all("/meetings/answer/" in message.body for message in reminders)


def test_declined_invitees_get_no_reminder(alice, bob, meeting, daerim, django_capture_on_commit_callbacks):
    services.meeting_announce(actor=alice, meeting=meeting)
    services.invitation_respond(
        actor=bob, invitation=meeting.invitations.get(institution=daerim), response="declined"
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders(timezone.localtime(meeting.starts_at).date() - timedelta(days=1))
    assert all("bob@example.org" not in message.to[0] for message in mail.outbox)


def test_action_reminders_before_due_and_when_overdue(
    alice, bob, meeting, daerim, django_capture_on_commit_callbacks
):
    meeting = hold(alice, meeting)
    today = timezone.localdate()
    due = services.action_create(
        actor=alice, meeting=meeting, title="곧 마감", assignee=daerim, due_on=today + timedelta(days=3)
    )
    late = services.action_create(
        actor=alice, meeting=meeting, title="늦음", assignee=daerim, due_on=today - timedelta(days=1)
    )
    ActionItem.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders(today) == 2
        assert action_reminders(today) == 0
    late_mail = [message for message in mail.outbox if "늦음" in message.subject]
    assert {message.to[0].split("<")[-1].rstrip(">") for message in late_mail} == {
        "bob@example.org",
        "alice@example.org",
    }
    assert any(due.title in message.subject for message in mail.outbox)


def test_overdue_actions_of_a_working_group_reach_the_parent_secretariat(
    alice, bob, anyang, daerim, django_capture_on_commit_callbacks
):
    group = CouncilFactory(parent=anyang, name="실무협의회")
    ActionItemFactory(
        meeting=MeetingFactory(council=group),
        assignee=daerim,
        due_on=timezone.localdate() - timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders(timezone.localdate()) == 1
    assert {message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox} == {
        "bob@example.org",
        "alice@example.org",
    }


def test_contacts_of_a_deactivated_institution_hear_nothing(
    alice, bob, meeting, daerim, django_capture_on_commit_callbacks
):
    daerim.is_active = False
    daerim.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    assert mail.outbox and all("bob@example.org" not in message.to[0] for message in mail.outbox)


def test_guests_are_invited_once_per_address(alice, meeting):
    services.invitation_add_guest(actor=alice, meeting=meeting, name="발표자", email="guest@example.org")
    with pytest.raises(ValidationError):
        services.invitation_add_guest(actor=alice, meeting=meeting, name="또", email="guest@example.org")
    assert Invitation.objects.filter(email="guest@example.org").count() == 1


def test_person_seats_get_their_own_address(alice, anyang, meeting):
    expert = PersonFactory(institution=None, email="expert@example.org")
    MembershipFactory(council=anyang, institution=None, person=expert)
    services.invitations_add_members(actor=alice, meeting=meeting)
    assert meeting.invitations.get(person=expert).email == "expert@example.org"
    InstitutionFactory()


def test_a_removed_documents_file_goes_only_when_the_removal_commits(
    alice, meeting, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    item = services.agenda_item_add(actor=alice, meeting=meeting, title="자료")
    document = services.agenda_document_add(
        actor=alice, item=item, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7 x")
    )
    storage, name = document.file.storage, document.file.name

    def remove_then_fail() -> None:
        with transaction.atomic():
            services.agenda_document_delete(actor=alice, document=document)
            raise RuntimeError("the request failed after the removal")

    with pytest.raises(RuntimeError):
        remove_then_fail()
    assert item.documents.exists() and storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_document_delete(actor=alice, document=item.documents.get())
    assert not item.documents.exists() and not storage.exists(name)


def test_removing_an_agenda_item_removes_its_stored_files(alice, meeting, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = services.agenda_item_add(actor=alice, meeting=meeting, title="자료")
    document = services.agenda_document_add(
        actor=alice, item=item, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7 x")
    )
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_delete(actor=alice, item=item)
    assert not AgendaItem.objects.filter(pk=item.pk).exists() and not storage.exists(name)


def test_an_unknown_field_changes_nothing_on_the_meeting_or_item(alice, meeting):
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="원래 안건")
    with pytest.raises(TypeError):
        services.agenda_item_update(actor=alice, item=item, title="바뀐 안건", order=9)
    assert item.title == "원래 안건"
    with pytest.raises(TypeError):
        services.meeting_update(actor=alice, meeting=meeting, title="바뀐 회의", status="held")
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("시험 회의", Meeting.Status.PLANNED)


def test_inviting_part_of_the_council_does_not_lower_the_quorum(alice, anyang, daerim, yeonsung):
    for number in range(3):
        MembershipFactory(council=anyang, institution=InstitutionFactory(name=f"기업 {number}", kind="firm"))
    MembershipFactory(council=anyang, institution=InstitutionFactory(name="참관 기관"), role="observer")
    start = timezone.now() + timedelta(days=10)
    meeting = services.meeting_create(
        actor=alice, council=anyang, starts_at=start, ends_at=start + timedelta(hours=1), venue="A"
    )
    services.invitations_add_members(actor=alice, meeting=meeting, institution_kinds=["university"])
    quorum = meeting_quorum(meeting=meeting)
    assert meeting.invitations.filter(counts_for_quorum=True).count() == 2, "two voting seats invited"
    assert (quorum.members, quorum.required) == (5, 3), "five voting seats, observers left out"
