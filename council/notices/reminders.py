"""Daily reminders, derived from the database rather than scheduled one message per event.

Each app registers a function that looks at what is due on a given day and creates dispatches for
it. Dispatches are unique per kind, subject and revision, so running the job twice on one day, or
on two days that see the same due item, announces it once.
"""

import logging
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

ReminderSource = Callable[[date], int]

# Deadlines that passed longer ago than this are not reminded of again: they were when they passed.
# It keeps the daily job's cost to what is due around today, not to every overdue record there is.
OVERDUE_WINDOW_DAYS = 30
_sources: list[ReminderSource] = []


def register_reminders(source: ReminderSource) -> ReminderSource:
    """Decorator: `source(today)` creates the dispatches due today and returns how many it created."""
    _sources.append(source)
    return source


def reminders_run(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    created = 0
    for source in _sources:
        with transaction.atomic():
            created += source(today)
    logger.info("reminders for %s: %d dispatches", today, created)
    return created
