"""Celery tasks of the shared outbox and the daily reminders. Ids in, one service call each."""

from collections.abc import Sequence

from celery import shared_task

from council.notices import outbox, reminders


@shared_task(name="council.tasks.expand_dispatch")
def expand_dispatch(dispatch_id: int) -> int:
    batches = outbox.dispatch_expand(dispatch_id=dispatch_id)
    for batch in batches:
        deliver_notices.delay(batch)
    return len(batches)


@shared_task(name="council.tasks.deliver_notices")
def deliver_notices(notice_ids: Sequence[int]) -> int:
    return outbox.notices_deliver(notice_ids=notice_ids)


@shared_task(name="council.tasks.sweep_notices")
def sweep_notices() -> int:
    return outbox.outbox_sweep()


@shared_task(name="council.tasks.run_reminders")
def run_reminders() -> int:
    return reminders.reminders_run()
