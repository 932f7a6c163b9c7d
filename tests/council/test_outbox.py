"""The notice outbox: one mail per recipient per notice, whatever is retried or fails on the way."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from council.models import CouncilRole, Dispatch, Notice
from council.notices import outbox
from members.directory.notices import term_ending_reminders
from members.models import Membership
from tests.council.factories import CouncilRoleFactory, UserFactory
from tests.members.factories import MembershipFactory


@pytest.fixture
def ending_seat(anyang, alice):
    return MembershipFactory(council=anyang, term_end=timezone.localdate() + timedelta(days=30))


def _announce(seat: Membership) -> Dispatch:
    dispatch, _created = outbox.dispatch_create(
        kind="membership.term_ending",
        subject_key=f"members.membership:{seat.pk}",
        revision=seat.term_end.toordinal(),
        council=seat.council,
    )
    return dispatch


def test_a_dispatch_reaches_each_recipient_once_after_commit(
    ending_seat, anyang, django_capture_on_commit_callbacks
):
    for number in range(3):
        CouncilRoleFactory(
            user=UserFactory(username=f"staff{number}"), council=anyang, kind=CouncilRole.Kind.SECRETARIAT
        )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dispatch = _announce(ending_seat)
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 4
    assert sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox) == sorted(
        ["alice@example.org", "staff0@example.org", "staff1@example.org", "staff2@example.org"]
    )
    assert set(dispatch.notices.values_list("status", flat=True)) == {Notice.Status.SENT}


def test_creating_the_same_dispatch_twice_announces_once(ending_seat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _announce(ending_seat)
        second = _announce(ending_seat)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_expanding_and_delivering_twice_sends_nothing_more(ending_seat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = _announce(ending_seat)
    ids = list(dispatch.notices.values_list("id", flat=True))
    assert outbox.dispatch_expand(dispatch_id=dispatch.pk) == []
    assert outbox.notices_deliver(notice_ids=ids) == 0
    assert len(mail.outbox) == 1
    assert dispatch.notices.count() == 1


def test_a_notice_claimed_by_a_live_worker_is_not_sent_by_another(
    ending_seat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        dispatch = _announce(ending_seat)
    outbox.dispatch_expand(dispatch_id=dispatch.pk)
    notice = dispatch.notices.get()
    Notice.objects.filter(pk=notice.pk).update(
        status=Notice.Status.SENDING, claimed_until=timezone.now() + timedelta(minutes=5)
    )
    assert outbox.notices_deliver(notice_ids=[notice.pk]) == 0
    assert mail.outbox == []
    # Once the lease expires (the worker died), the sweep hands it to another worker.
    Notice.objects.filter(pk=notice.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert outbox.outbox_sweep() == 1
    assert len(mail.outbox) == 1


def test_smtp_outage_leaves_notices_pending_for_the_sweep(
    ending_seat, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            dispatch = _announce(ending_seat)
    notice = dispatch.notices.get()
    assert notice.status == Notice.Status.PENDING
    assert "connection unexpectedly closed" in notice.last_error
    assert outbox.outbox_sweep() == 1
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert notice.attempts == 2 and notice.was_retried
    assert len(mail.outbox) == 1


def test_a_refused_recipient_fails_alone_and_is_marked_failed_after_the_last_attempt(
    ending_seat, anyang, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    CouncilRoleFactory(user=UserFactory(username="zed"), council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    original = EmailBackend.send_messages

    def refuse_alice(self, messages):
        if "alice@example.org" in messages[0].to[0]:
            raise smtplib.SMTPRecipientsRefused({"alice@example.org": (550, b"no such user")})
        return original(self, messages)

    settings.NOTICE_MAX_ATTEMPTS = 2
    monkeypatch.setattr(EmailBackend, "send_messages", refuse_alice)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = _announce(ending_seat)
    outbox.outbox_sweep()
    statuses = dict(dispatch.notices.values_list("email", "status"))
    assert statuses == {"alice@example.org": Notice.Status.FAILED, "zed@example.org": Notice.Status.SENT}
    assert len(mail.outbox) == 1
    assert outbox.outbox_sweep() == 0  # failed notices wait for a person to retry them


def test_a_failed_notice_can_be_retried_by_staff(
    ending_seat, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    settings.NOTICE_MAX_ATTEMPTS = 1
    with monkeypatch.context() as patched:
        patched.setattr(
            EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(OSError("down"))
        )
        with django_capture_on_commit_callbacks(execute=True):
            dispatch = _announce(ending_seat)
    notice = dispatch.notices.get()
    assert notice.status == Notice.Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        outbox.notice_retry(notice=notice)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert len(mail.outbox) == 1


def test_broker_outage_does_not_fail_the_change(ending_seat, monkeypatch, django_capture_on_commit_callbacks):
    """With a real broker configured, an unreachable Redis is logged; the sweep sends the notice later."""
    from council.celery import app

    app.conf.task_always_eager = False
    task = app.tasks["council.tasks.expand_dispatch"]
    monkeypatch.setattr(task, "delay", lambda *args: (_ for _ in ()).throw(ConnectionError("redis is down")))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dispatch = _announce(ending_seat)
    assert Dispatch.objects.filter(pk=dispatch.pk, expanded_at__isnull=True).exists()
    app.conf.task_always_eager = True
    monkeypatch.undo()
    _age(Dispatch.objects.filter(pk=dispatch.pk))
    outbox.outbox_sweep()
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_fresh_work_to_the_tasks_queued_for_it(
    ending_seat, django_capture_on_commit_callbacks
):
    """During a large announcement the queue holds tasks for every fresh row: the sweep must not add more."""
    with django_capture_on_commit_callbacks(execute=False):
        dispatch = _announce(ending_seat)
    assert outbox.outbox_sweep() == 0
    assert Dispatch.objects.filter(pk=dispatch.pk, expanded_at__isnull=True).exists()
    outbox.dispatch_expand(dispatch_id=dispatch.pk)
    assert outbox.outbox_sweep() == 0
    assert mail.outbox == []
    # A lease later, nothing has taken them: the tasks were lost, and the sweep delivers.
    _age(dispatch.notices.all())
    assert outbox.outbox_sweep() == 1
    assert len(mail.outbox) == 1


def _age(rows: QuerySet) -> None:
    """Make rows older than the sweep's grace: whatever was queued for them has had its time."""
    from django.conf import settings

    rows.update(created_at=timezone.now() - timedelta(seconds=settings.NOTICE_LEASE_SECONDS + 1))


def test_unknown_kinds_are_refused(db):
    with pytest.raises(ValueError, match="unknown notice kind"):
        outbox.dispatch_create(kind="no.such.kind", subject_key="x:1")


def test_term_reminders_announce_each_ending_term_once(
    ending_seat, anyang, django_capture_on_commit_callbacks
):
    far = MembershipFactory(council=anyang, term_end=timezone.localdate() + timedelta(days=200))
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert term_ending_reminders(today) == 1
        assert term_ending_reminders(today + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert "임기" in mail.outbox[0].subject or "Term" in mail.outbox[0].subject
    # Extending the term and letting it come close again warns again.
    ending_seat.term_end = today + timedelta(days=50)
    ending_seat.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert term_ending_reminders(today) == 1
    assert not Dispatch.objects.filter(subject_key=f"members.membership:{far.pk}").exists()


def test_notices_render_in_the_recipients_language(ending_seat, alice, django_capture_on_commit_callbacks):
    alice.language = "en"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        _announce(ending_seat)
    message = mail.outbox[0]
    assert message.subject.startswith("Term ends on")
    html = message.alternatives[0].content
    assert '<html lang="en">' in html


def test_long_korean_subjects_keep_their_spaces():
    """Some Python releases drop the space between folded encoded words; the portal must not run on them."""
    from email import message_from_bytes
    from email import policy as email_policy

    from django.core.mail import EmailMessage

    subject = "[개최 안내] 안양시 산학관 협력 협의회 2026년 제1차 회의 안건 안내"
    raw = EmailMessage(subject=subject, body="본문", to=["a@example.org"]).message().as_bytes()
    assert message_from_bytes(raw, policy=email_policy.default)["Subject"] == subject
