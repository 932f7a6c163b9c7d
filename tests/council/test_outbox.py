"""The notice outbox: one mail per recipient per notice, whatever is retried or fails on the way."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from council.models import CouncilRole, Dispatch, Notice
from council.notices import outbox
from council.tasks import deliver_notices
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
    assert notice.retry_at > timezone.now()
    assert outbox.outbox_sweep() == 0  # backing off
    with time_machine.travel(notice.retry_at + timedelta(seconds=1)):
        assert outbox.outbox_sweep() == 1
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert notice.attempts == 2 and notice.was_retried and notice.retry_at is None
    assert len(mail.outbox) == 1


def test_temporary_refusals_back_off_exponentially_for_hours(
    ending_seat, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """A 451 (try again later) that lasts hours delays the notice; it is not used up in minutes."""
    from django.core.mail.backends.locmem import EmailBackend

    def greylist(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (451, b"4.7.1 try again later")})

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", greylist)
        with django_capture_on_commit_callbacks(execute=True):
            dispatch = _announce(ending_seat)
        notice = dispatch.notices.get()
        waits, clock = [], timezone.now()
        while notice.status == Notice.Status.PENDING:
            waits.append(notice.retry_at - clock)
            clock = notice.retry_at + timedelta(seconds=1)
            with time_machine.travel(clock, tick=False):
                outbox.outbox_sweep()
                notice.refresh_from_db()
    minutes = [round(wait.total_seconds() / 60) for wait in waits]
    assert minutes[:7] == [1, 2, 4, 8, 16, 32, 60]
    assert notice.status == Notice.Status.FAILED and notice.attempts == settings.NOTICE_MAX_ATTEMPTS
    assert sum(waits, timedelta()) > timedelta(hours=5)
    assert "451" in notice.last_error
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"alice@example.org": (550, b"5.1.1 no such user")}),
        smtplib.SMTPDataError(554, b"5.7.1 message refused"),
        smtplib.SMTPSenderRefused(553, b"5.7.1 sender not allowed", "portal@example.org"),
    ],
)
def test_a_permanent_refusal_fails_at_once_with_its_reason(
    error, ending_seat, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(error))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = _announce(ending_seat)
    notice = dispatch.notices.get()
    assert notice.status == Notice.Status.FAILED and notice.attempts == 1
    assert str(error.smtp_code if hasattr(error, "smtp_code") else 550) in notice.last_error


def test_a_refused_recipient_fails_alone_and_is_marked_failed_after_the_last_attempt(
    ending_seat, anyang, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    CouncilRoleFactory(user=UserFactory(username="zed"), council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    original = EmailBackend.send_messages

    def refuse_alice(self, messages):
        if "alice@example.org" in messages[0].to[0]:
            raise smtplib.SMTPRecipientsRefused({"alice@example.org": (452, b"mailbox full")})
        return original(self, messages)

    settings.NOTICE_MAX_ATTEMPTS = 2
    monkeypatch.setattr(EmailBackend, "send_messages", refuse_alice)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = _announce(ending_seat)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
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
        outbox.notices_retry(notices=Notice.objects.filter(pk=notice.pk))
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


def test_a_database_error_mid_batch_retries_it_at_once_without_sending_twice(
    ending_seat, anyang, monkeypatch
):
    """The worker retries the batch within seconds, keeps its reservation and records what went out."""
    from django.db import OperationalError

    for name in ("zed", "yan"):
        CouncilRoleFactory(user=UserFactory(username=name), council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    original = outbox._mark_sent
    calls = []

    def flaky(notice_ids, token):
        calls.append(list(notice_ids))
        if len(calls) == 2:  # the second mail went out, then the database went away
            raise OperationalError("server closed the connection unexpectedly")
        return original(notice_ids, token)

    monkeypatch.setattr(outbox, "_mark_sent", flaky)
    dispatch = _announce(ending_seat)
    [batch] = outbox.dispatch_expand(dispatch_id=dispatch.pk)
    result = deliver_notices.apply(args=[batch], throw=False)  # as a worker runs it, retries included
    assert result.result == 1  # the retry sent the third mail; the first two went out before
    assert len(mail.outbox) == 3
    addresses = [message.message()["To"].addresses[0].addr_spec for message in mail.outbox]
    assert sorted(addresses) == sorted(dispatch.notices.values_list("email", flat=True))
    assert set(dispatch.notices.values_list("status", flat=True)) == {Notice.Status.SENT}
    assert calls[2] == calls[1]  # the retry first records the mail that went out


def test_staff_retry_every_failed_notice_of_a_dispatch_at_once(
    ending_seat, anyang, client, alice, bob, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    CouncilRoleFactory(user=UserFactory(username="zed"), council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    with monkeypatch.context() as patched:
        patched.setattr(
            EmailBackend,
            "send_messages",
            lambda self, messages: (_ for _ in ()).throw(smtplib.SMTPDataError(554, b"policy")),
        )
        with django_capture_on_commit_callbacks(execute=True):
            dispatch = _announce(ending_seat)
    assert dispatch.notices.filter(status=Notice.Status.FAILED).count() == 2
    url = f"/deliveries/{dispatch.pk}/"
    client.force_login(bob)
    assert client.post(f"{url}retry/").status_code == 403
    assert dispatch.notices.filter(status=Notice.Status.FAILED).count() == 2
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "실패한 알림 2건 모두 다시 보내기" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}retry/", follow=True)
    assert "2건" in response.content.decode()
    assert set(dispatch.notices.values_list("status", flat=True)) == {Notice.Status.SENT}
    assert len(mail.outbox) == 2
