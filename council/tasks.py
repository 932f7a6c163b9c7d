"""Celery tasks of the outbox, the daily reminders and spreadsheet imports. Ids in, one service call each."""

import uuid
from collections.abc import Sequence

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext

from council.files import documents, imports
from council.notices import outbox, reminders


@shared_task(name="council.tasks.expand_dispatch")
def expand_dispatch(dispatch_id: int) -> int:
    batches = outbox.dispatch_expand(dispatch_id=dispatch_id)
    for batch in batches:
        deliver_notices.delay(batch)
    return len(batches)


@shared_task(name="council.tasks.deliver_notices", bind=True, max_retries=30)
def deliver_notices(
    self: Task, notice_ids: Sequence[int], token: str | None = None, sent_before: Sequence[int] = ()
) -> int:
    """Deliver a batch; after a database error, try the same batch again within seconds, keeping
    its reservation and what it already sent (the sweep would only find it after the lease)."""
    try:
        return outbox.notices_deliver(
            notice_ids=notice_ids, token=uuid.UUID(token) if token else None, sent_before=sent_before
        )
    except outbox.DeliveryInterrupted as interrupted:
        raise self.retry(
            args=(list(notice_ids),),
            kwargs={"token": str(interrupted.token), "sent_before": interrupted.sent},
            countdown=min(2**self.request.retries, 30),
            exc=interrupted,
        ) from interrupted


@shared_task(name="council.tasks.sweep_notices")
def sweep_notices() -> int:
    return outbox.outbox_sweep()


@shared_task(name="council.tasks.run_reminders")
def run_reminders() -> int:
    return reminders.reminders_run()


@shared_task(name="council.tasks.run_import", acks_late=False)
def run_import(job_id: int) -> None:
    # Acknowledged on receipt: an import killed with its worker is not run again behind the
    # owner's back (its transaction was rolled back; the sweep marks it failed, they upload again).
    imports.import_job_run(job_id=job_id)


@shared_task(name="council.tasks.sweep_imports")
def sweep_imports() -> int:
    return imports.import_jobs_sweep()


@shared_task(name="council.tasks.read_document_text", soft_time_limit=60, time_limit=90, acks_late=False)
def read_document_text(label: str, pk: int) -> str:
    # Not retried: a file whose text cannot be read in a minute is recorded as such, not tried forever.
    try:
        return documents.document_text_read(label=label, pk=pk)
    except SoftTimeLimitExceeded:
        reason = gettext("Reading the text took too long; the file stays downloadable.")
        return documents.document_text_unreadable(label=label, pk=pk, reason=reason)
