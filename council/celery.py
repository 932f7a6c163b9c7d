"""Celery application; configuration comes from Django settings (CELERY_* names)."""

import logging
import os
from typing import Any

from celery import Celery

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

app = Celery("council")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task_name: str, *args: Any) -> None:
    """Hand work to a worker by task name; if the broker is unreachable, log it and go on.

    The outbox and the import jobs keep their state in the database and a periodic sweep queues
    again what was never queued, so an unreachable Redis delays the work instead of failing the
    change that asked for it. With tasks run in-process (no broker), errors are raised as they are.
    """
    try:
        app.tasks[task_name].delay(*args)
    except Exception:
        if app.conf.task_always_eager:
            raise
        logger.warning("could not queue %s%r; the sweep will queue it again", task_name, args, exc_info=True)
