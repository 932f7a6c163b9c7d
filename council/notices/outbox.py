"""The notice outbox: announcements written with the change they announce, delivered after commit.

A service calls `dispatch_create` inside its transaction. After commit a task expands the dispatch
into one Notice per recipient (`dispatch_expand`) and delivers them in batches over one SMTP connection
(`notices_deliver`). Every step is safe to run twice: expansion inserts under a unique constraint,
and delivery claims rows with a conditional UPDATE before sending, so only one worker sends a notice.
`outbox_sweep` redoes whatever an outage left behind, so a Redis or SMTP outage delays notices but
loses none.
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.headerregistry import Address
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from council.celery import enqueue
from council.models import Council, Dispatch, Notice, User
from council.models.notices import to_reach
from council.notices.compose import Composer, render_subject
from council.notices.kinds import is_registered, kind_for
from council.notices.mail import Failure, OutgoingMail, mail_batch_send
from council.web.languages import LANGUAGE_CODES

logger = logging.getLogger(__name__)


def dispatch_create(
    *,
    kind: str,
    subject_key: str,
    revision: int = 1,
    council: Council | None = None,
    payload: dict[str, Any] | None = None,
) -> tuple[Dispatch, bool]:
    """Record an announcement in the current transaction; it is expanded and sent after commit.

    Creating the same kind, subject and revision twice returns the first one (and False), so a
    retried request or a reminder job that runs twice announces once.
    """
    if not is_registered(kind):
        raise ValueError(f"unknown notice kind {kind!r}")
    dispatch, created = Dispatch.objects.get_or_create(
        kind=kind,
        subject_key=subject_key,
        revision=revision,
        defaults={"council": council, "payload": payload or {}},
    )
    if created:
        transaction.on_commit(lambda: enqueue("council.tasks.expand_dispatch", dispatch.pk))
    return dispatch, created


def dispatches_create(*, kind: str, due: Iterable[tuple[str, int, int | None]]) -> int:
    """Record many announcements of one kind at once, each (subject key, revision, council id)
    once, as `dispatch_create` does one by one; return how many are new. For the daily reminders:
    one INSERT per 5,000 rows (those already announced are skipped by the unique constraint) and
    one query for the new ones, whose expansion is queued after commit."""
    if not is_registered(kind):
        raise ValueError(f"unknown notice kind {kind!r}")
    rows = [
        Dispatch(kind=kind, subject_key=subject_key, revision=revision, council_id=council_id)
        for subject_key, revision, council_id in due
    ]
    if not rows:
        return 0
    started = timezone.now()
    Dispatch.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
    new = list(
        Dispatch.objects.filter(kind=kind, created_at__gte=started, expanded_at__isnull=True).values_list(
            "id", flat=True
        )
    )

    def enqueue_all() -> None:
        for dispatch_id in new:
            enqueue("council.tasks.expand_dispatch", dispatch_id)

    transaction.on_commit(enqueue_all)
    return len(new)


def dispatch_expand(*, dispatch_id: int) -> list[list[int]]:
    """Create one notice per recipient (idempotent) and return the pending ids in delivery batches."""
    dispatch = Dispatch.objects.select_related("council").get(pk=dispatch_id)
    kind = kind_for(dispatch.kind)
    if dispatch.expanded_at is None:
        context = kind.context(dispatch, ())
        link = kind.link(dispatch, context)
        titles: dict[str, str] = {}
        rows = []
        seen: set[str] = set()
        for recipient in kind.recipients(dispatch):
            if recipient.key in seen:
                continue
            seen.add(recipient.key)
            language = recipient.language if recipient.language in LANGUAGE_CODES else "ko"
            if language not in titles:
                titles[language] = render_subject(kind, dispatch, context, language)
            rows.append(
                Notice(
                    dispatch=dispatch,
                    recipient_id=recipient.user_id,
                    recipient_key=recipient.key,
                    reference=recipient.reference,
                    email=recipient.email,
                    name=recipient.name,
                    phone=recipient.phone,
                    language=language,
                    title=titles[language],
                    url=link,
                    status=Notice.Status.PENDING if recipient.email else Notice.Status.SKIPPED,
                )
            )
        with transaction.atomic():
            Notice.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
            unread_recount(user_ids={row.recipient_id for row in rows if row.recipient_id is not None})
            Dispatch.objects.filter(pk=dispatch.pk, expanded_at__isnull=True).update(
                expanded_at=timezone.now()
            )
    pending = list(
        Notice.objects.filter(dispatch_id=dispatch.pk, status=Notice.Status.PENDING)
        .order_by("id")
        .values_list("id", flat=True)
    )
    size = settings.NOTICE_BATCH_SIZE
    return [pending[i : i + size] for i in range(0, len(pending), size)]


def _claim(notice_ids: Sequence[int], token: uuid.UUID) -> None:
    """Reserve the given notices that nobody is sending for `token` for a lease's time. Notices
    already reserved for the same token (a batch retried after a database error) are taken back."""
    now = timezone.now()
    Notice.objects.filter(
        Q(status=Notice.Status.PENDING)
        | Q(status=Notice.Status.SENDING, claimed_until__lt=now)
        | Q(status=Notice.Status.SENDING, claim_token=token),
        id__in=list(notice_ids),
    ).update(
        status=Notice.Status.SENDING,
        claim_token=token,
        claimed_until=now + timedelta(seconds=settings.NOTICE_LEASE_SECONDS),
        attempts=F("attempts") + 1,
    )


def _mark_sent(notice_ids: Sequence[int], token: uuid.UUID) -> None:
    Notice.objects.filter(pk__in=list(notice_ids), claim_token=token).update(
        status=Notice.Status.SENT,
        sent_at=timezone.now(),
        claim_token=None,
        claimed_until=None,
        retry_at=None,
        last_error="",
    )


class DeliveryInterrupted(Exception):
    """The database failed in the middle of a batch. Retry the batch with the same token (its
    reservation is taken back at once instead of after the lease) and first record `sent`, the
    mails that went out but could not be marked, so that none of them goes out twice."""

    def __init__(self, token: uuid.UUID, sent: list[int]) -> None:
        super().__init__(f"database error while delivering; {len(sent)} sent mails to record")
        self.token = token
        self.sent = sent


def notices_deliver(
    *, notice_ids: Sequence[int], token: uuid.UUID | None = None, sent_before: Sequence[int] = ()
) -> int:
    """Send the given notices that nobody else is sending, over one connection; return how many went out.

    Raises DeliveryInterrupted when the database fails on the way (see there).
    """
    token = token or uuid.uuid4()
    unrecorded: list[int] = []
    try:
        if sent_before:
            _mark_sent(sent_before, token)
        _claim(notice_ids, token)
        claimed = list(
            Notice.objects.filter(claim_token=token, status=Notice.Status.SENDING)
            .select_related("dispatch", "dispatch__council")
            .order_by("dispatch_id", "id")
        )
        if not claimed:
            return 0
        by_dispatch: dict[int, list[Notice]] = {}
        for notice in claimed:
            by_dispatch.setdefault(notice.dispatch_id, []).append(notice)
        composers = {
            dispatch_id: Composer(
                notices[0].dispatch, kind_for(notices[0].dispatch.kind).context(notices[0].dispatch, notices)
            )
            for dispatch_id, notices in by_dispatch.items()
        }
        mails = []
        for notice in claimed:
            rendered = composers[notice.dispatch_id].render(notice)
            mails.append(OutgoingMail(key=notice.pk, to=_address(notice), rendered=rendered))

        def sent(notice_id: int) -> None:
            try:
                _mark_sent([notice_id], token)
            except DatabaseError:
                unrecorded.append(notice_id)
                raise

        def failed(notice_id: int, failure: Failure) -> None:
            _release(notice_id, token, failure)

        return mail_batch_send(mails=mails, on_sent=sent, on_failed=failed)
    except DatabaseError as error:
        logger.warning("database error while delivering notices %s: %s", list(notice_ids)[:5], error)
        raise DeliveryInterrupted(token, [*sent_before, *unrecorded]) from error


def _address(notice: Notice) -> str:
    """'Name <address>', quoted where the name needs it; the mail header encodes it."""
    return str(Address(display_name=notice.name, addr_spec=notice.email)) if notice.name else notice.email


def retry_delay(attempts: int) -> timedelta:
    """How long a notice waits after its `attempts`-th temporary failure: doubling from
    NOTICE_RETRY_SECONDS up to NOTICE_RETRY_MAX_SECONDS, so an SMTP server refusing for hours
    (greylisting, rate limits, maintenance) delays notices without using them up."""
    seconds = settings.NOTICE_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.NOTICE_RETRY_MAX_SECONDS))


def _release(notice_id: int, token: uuid.UUID, failure: Failure) -> None:
    """Give a notice back for a later attempt, or mark it failed: at once when the refusal is
    permanent, else once it has used its attempts."""
    notice = Notice.objects.filter(pk=notice_id, claim_token=token).only("attempts").first()
    if notice is None:
        return
    final = failure.permanent or notice.attempts >= settings.NOTICE_MAX_ATTEMPTS
    Notice.objects.filter(pk=notice_id, claim_token=token).update(
        status=Notice.Status.FAILED if final else Notice.Status.PENDING,
        claim_token=None,
        claimed_until=None,
        retry_at=None if final else timezone.now() + retry_delay(notice.attempts),
        last_error=failure.reason[:2000],
    )


def outbox_sweep() -> int:
    """Expand dispatches and deliver notices that an outage left behind; return the batches enqueued.

    A dispatch or notice that was never tried is left alone for a lease's time, as a task queued
    for it is probably still waiting its turn: otherwise, during a large announcement, every sweep
    would queue the whole backlog again. A notice given back after a temporary failure is picked up
    once its back-off has passed (`retry_delay`), one reserved by a worker whose lease ran out at once.
    """
    now = timezone.now()
    fresh = now - timedelta(seconds=settings.NOTICE_LEASE_SECONDS)
    unexpanded = Dispatch.objects.filter(expanded_at__isnull=True, created_at__lt=fresh)
    left_behind = list(unexpanded.values_list("id", flat=True)[:100])
    batches = [batch for dispatch_id in left_behind for batch in dispatch_expand(dispatch_id=dispatch_id)]
    due = list(
        Notice.objects.filter(
            Q(status=Notice.Status.PENDING, attempts__gt=0, retry_at__lte=now)
            | Q(status=Notice.Status.PENDING, attempts=0, created_at__lt=fresh)
            | Q(status=Notice.Status.SENDING, claimed_until__lt=now),
            attempts__lt=settings.NOTICE_MAX_ATTEMPTS,
        )
        .exclude(dispatch_id__in=left_behind)
        .order_by("id")
        .values_list("id", flat=True)[:5000]
    )
    size = settings.NOTICE_BATCH_SIZE
    batches += [due[i : i + size] for i in range(0, len(due), size)]
    for batch in batches:
        enqueue("council.tasks.deliver_notices", batch)
    return len(batches)


def notices_retry(*, notices: QuerySet[Notice]) -> int:
    """Staff asked to try failed notices again (one, or all of a dispatch): they start afresh."""
    ids = list(notices.filter(status=Notice.Status.FAILED).values_list("id", flat=True))
    Notice.objects.filter(id__in=ids, status=Notice.Status.FAILED).update(
        status=Notice.Status.PENDING, attempts=0, retry_at=None, last_error=""
    )
    size = settings.NOTICE_BATCH_SIZE
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]

    def enqueue_all() -> None:
        for batch in batches:
            enqueue("council.tasks.deliver_notices", batch)

    transaction.on_commit(enqueue_all)
    return len(ids)


def notices_mark_reached(*, notices: QuerySet[Notice], user: User) -> int:
    """Staff called the recipients no mail reached: record who did and when (once)."""
    return notices.filter(to_reach()).update(reached_at=timezone.now(), reached_by=user)


@transaction.atomic
def notices_mark_read(*, user_id: int, notice_ids: Sequence[int] | None = None) -> int:
    notices = Notice.objects.filter(recipient_id=user_id, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(id__in=list(notice_ids))
    marked = notices.update(read_at=timezone.now())
    if marked:
        unread_recount(user_ids={user_id})
    return marked


def unread_recount(*, user_ids: Iterable[int] | None = None) -> int:
    """Set the users' `unread_notices` to the count of their unread notices (every user's when
    `user_ids` is None, as `manage.py recount_unread` does); call it in the transaction that wrote
    their notices. The users' rows are locked first, in id order, so that the count, a statement of
    its own, sees what any concurrent writer of their notices committed before it."""
    users = User.objects.all() if user_ids is None else User.objects.filter(pk__in=sorted(user_ids))
    with transaction.atomic():
        locked = list(users.select_for_update().order_by("pk").values_list("pk", flat=True))
        if not locked:
            return 0
        unread = (
            Notice.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient_id")
            .annotate(count=Count("id"))
            .values("count")
        )
        return User.objects.filter(pk__in=locked).update(unread_notices=Coalesce(Subquery(unread), 0))


@dataclass(frozen=True, slots=True)
class Backlog:
    """What the outbox still owes: for whoever runs the portal, in /healthz."""

    pending: int  # waiting for a worker, or for their next attempt
    oldest_pending_seconds: int  # how long the oldest of them has waited since it was written
    failed_last_day: int


def outbox_backlog() -> Backlog:
    now = timezone.now()
    waiting = Q(status__in=[Notice.Status.PENDING, Notice.Status.SENDING])
    totals = Notice.objects.filter(
        waiting | Q(status=Notice.Status.FAILED, created_at__gte=now - timedelta(days=1))
    ).aggregate(
        pending=Count("id", filter=waiting),
        oldest=Min("created_at", filter=waiting),
        failed=Count("id", filter=Q(status=Notice.Status.FAILED)),
    )
    oldest = totals["oldest"]
    return Backlog(
        pending=totals["pending"],
        oldest_pending_seconds=int((now - oldest).total_seconds()) if oldest else 0,
        failed_last_day=totals["failed"],
    )
