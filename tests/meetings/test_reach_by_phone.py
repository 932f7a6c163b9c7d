"""Nobody left unnotified: whom no mail reached is listed with a phone number until staff call them."""

import smtplib
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from council.models import Dispatch, Notice
from meetings import services
from meetings.notices import action_reminders
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory
from tests.support.meetings import hold


def _silent_member(anyang, name="전화로만기관", phone="031-123-4567"):
    """A member institution with no portal contact, whose representative has no e-mail address."""
    institution = InstitutionFactory(name=name, phone="031-000-0000")
    person = PersonFactory(name="홍길동", institution=institution, email="", phone=phone)
    MembershipFactory(council=anyang, institution=institution, person=person)
    return institution


def _announce(alice, meeting, django_capture_on_commit_callbacks) -> Dispatch:
    services.invitations_add_members(actor=alice, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    return Dispatch.objects.get(kind="meeting.announced", subject_key=f"meetings.meeting:{meeting.pk}")


def test_the_delivery_panel_lists_each_invitee_without_an_address_with_their_phone(
    login, alice, anyang, meeting, django_capture_on_commit_callbacks
):
    _silent_member(anyang)
    _silent_member(anyang, name="두번째기관", phone="02-987-6543")
    dispatch = _announce(alice, meeting, django_capture_on_commit_callbacks)
    to_call = dispatch.notices.filter(status=Notice.Status.SKIPPED)
    assert sorted(to_call.values_list("phone", flat=True)) == ["02-987-6543", "031-123-4567"]
    client = login(alice)
    page = client.get(reverse("dispatch-detail", args=[dispatch.pk])).content.decode()
    assert "전화로 연락할 사람" in page
    assert "031-123-4567" in page and "02-987-6543" in page and page.count("홍길동") >= 2
    meeting_page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "전화 연락 2명" in meeting_page


def test_staff_home_lists_whom_to_call_until_marked_reached(
    login, alice, anyang, meeting, django_capture_on_commit_callbacks
):
    _silent_member(anyang)
    dispatch = _announce(alice, meeting, django_capture_on_commit_callbacks)
    notice = dispatch.notices.get(status=Notice.Status.SKIPPED)
    client = login(alice)
    home = client.get(reverse("home")).content.decode()
    assert 'id="panel-to-reach"' in home and "031-123-4567" in home and "홍길동" in home
    response = client.post(reverse("notice-reached", args=[notice.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "연락함" in response.content.decode()
    notice.refresh_from_db()
    assert notice.reached_by == alice and notice.reached_at is not None
    assert 'id="panel-to-reach"' not in client.get(reverse("home")).content.decode()
    page = client.get(reverse("dispatch-detail", args=[dispatch.pk])).content.decode()
    assert "전화로 연락할 사람" not in page
    # Marking twice keeps the first record.
    first = notice.reached_at
    client.post(reverse("notice-reached", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.reached_at == first


def test_only_the_councils_staff_mark_someone_reached(
    login, alice, bob, carol, dave, anyang, meeting, django_capture_on_commit_callbacks
):
    _silent_member(anyang)
    notice = _announce(alice, meeting, django_capture_on_commit_callbacks).notices.get(
        status=Notice.Status.SKIPPED
    )
    for user in (bob, carol, dave):
        assert login(user).post(reverse("notice-reached", args=[notice.pk])).status_code == 403
    notice.refresh_from_db()
    assert notice.reached_at is None


def test_a_refused_mail_is_to_call_too(
    login, alice, anyang, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    services.invitations_add_members(actor=alice, meeting=meeting)
    with monkeypatch.context() as patched:
        patched.setattr(
            EmailBackend,
            "send_messages",
            lambda self, messages: (_ for _ in ()).throw(smtplib.SMTPDataError(554, b"no such user")),
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_announce(actor=alice, meeting=meeting)
    failed = Notice.objects.filter(status=Notice.Status.FAILED)
    assert failed.count() == 2
    home = login(alice).get(reverse("home")).content.decode()
    assert all(notice.name in home for notice in failed)


def test_action_reminders_to_an_institution_without_contacts_are_to_call(
    login, alice, anyang, meeting, django_capture_on_commit_callbacks
):
    silent = _silent_member(anyang)
    meeting = hold(alice, meeting)
    services.action_create(
        actor=alice,
        meeting=meeting,
        title="늦은 후속 조치",
        assignee=silent,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders(timezone.localdate()) == 1
    notice = Notice.objects.get(dispatch__kind="action.overdue", status=Notice.Status.SKIPPED)
    assert (notice.name, notice.phone) == ("전화로만기관", "031-000-0000")
    home = login(alice).get(reverse("home")).content.decode()
    assert "031-000-0000" in home
