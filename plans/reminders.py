"""Daily reminders of report deadlines, derived from the database (see council/notices/reminders.py).

For every report not yet submitted (a draft, or returned for changes): within REMIND_DAYS of its
round's deadline the lead institution is reminded once, and once more when the deadline has passed.
The secretariat gets one digest per round for each of the two. Deadlines more than a month past are
left alone (they were reminded of when they passed). Dispatches are unique per deadline
(the revision is the due date), so running the job again, or on later days, sends nothing twice;
a moved deadline is announced again.
"""

from datetime import date, timedelta

from council.notices.outbox import dispatches_create
from council.notices.reminders import OVERDUE_WINDOW_DAYS
from plans.models import ProgressReport
from plans.notices import ReportDueSoon, ReportOverdue, RoundDueSoon, RoundOverdue

REMIND_DAYS = 7


def report_deadline_reminders(today: date) -> int:
    """Create the deadline notices due today; return how many were new."""
    pending = ProgressReport.objects.filter(
        status__in=ProgressReport.PENDING_STATUSES,
        round__due_on__lte=today + timedelta(days=REMIND_DAYS),
        round__due_on__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS),
    ).values_list("pk", "round_id", "round__due_on", "round__plan__council_id")
    reports: dict[str, list[tuple[str, int, int | None]]] = {ReportOverdue.key: [], ReportDueSoon.key: []}
    rounds: dict[str, dict[int, tuple[int, int | None]]] = {RoundOverdue.key: {}, RoundDueSoon.key: {}}
    for report_id, round_id, due_on, council_id in pending.order_by("id"):
        overdue = due_on < today
        reports[ReportOverdue.key if overdue else ReportDueSoon.key].append(
            (f"plans.report:{report_id}", due_on.toordinal(), council_id)
        )
        rounds[RoundOverdue.key if overdue else RoundDueSoon.key][round_id] = (due_on.toordinal(), council_id)
    created = sum(dispatches_create(kind=kind, due=due) for kind, due in reports.items())
    for kind, of_kind in rounds.items():
        due = [(f"plans.round:{pk}", revision, council) for pk, (revision, council) in of_kind.items()]
        created += dispatches_create(kind=kind, due=due)
    return created
