"""Daily reminders of report deadlines, derived from the database (see council/notices/reminders.py).

For every report not yet submitted (a draft, or returned for changes): within REMIND_DAYS of its
round's deadline the lead institution is reminded once, and once more when the deadline has passed.
The secretariat gets one digest per round for each of the two. Dispatches are unique per deadline
(the revision is the due date), so running the job again, or on later days, sends nothing twice;
a moved deadline is announced again.
"""

from datetime import date, timedelta

from council.notices.outbox import dispatch_create
from plans.models import ProgressReport, ReportingRound
from plans.notices import ReportDueSoon, ReportOverdue, RoundDueSoon, RoundOverdue

REMIND_DAYS = 7


def report_deadline_reminders(today: date) -> int:
    """Create the deadline notices due today; return how many were new."""
    created = 0
    pending = ProgressReport.objects.filter(
        status__in=ProgressReport.PENDING_STATUSES, round__due_on__lte=today + timedelta(days=REMIND_DAYS)
    )
    rounds: dict[int, tuple[ReportingRound, bool]] = {}
    for report in pending.select_related("round__plan__council").order_by("id"):
        round_ = report.round
        overdue = round_.due_on < today
        kind = ReportOverdue.key if overdue else ReportDueSoon.key
        _dispatch, was_created = dispatch_create(
            kind=kind,
            subject_key=f"plans.report:{report.pk}",
            revision=round_.due_on.toordinal(),
            council=round_.plan.council,
        )
        created += was_created
        rounds[round_.pk] = (round_, overdue)
    for round_, overdue in rounds.values():
        _dispatch, was_created = dispatch_create(
            kind=RoundOverdue.key if overdue else RoundDueSoon.key,
            subject_key=f"plans.round:{round_.pk}",
            revision=round_.due_on.toordinal(),
            council=round_.plan.council,
        )
        created += was_created
    return created
