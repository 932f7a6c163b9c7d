"""The daily reminders cost a fixed number of queries whatever is due, and announce each item once.

Each kind of reminder is seeded at two sizes; the job runs the same queries for 3 and for 30 items
of each (bench/reminders.py times it at national scale). Deadlines more than a month past are not
reminded of again.
"""

from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.models import Dispatch
from council.notices.reminders import reminders_run
from meetings.models import Meeting
from plans.models import ProgressReport
from tests.council.factories import CouncilFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory
from tests.members.factories import AgreementFactory, DifficultyFactory, MembershipFactory
from tests.plans.factories import PlanFactory, ProjectFactory, ReportFactory, RoundFactory


def _seed(size: int) -> None:
    """One council with `size` items of each kind due (one reporting round)."""
    today = timezone.localdate()
    council = CouncilFactory()
    week_ahead = timezone.make_aware(datetime.combine(today + timedelta(days=7), time(15)))
    for _number in range(size):
        MeetingFactory(council=council, status=Meeting.Status.ANNOUNCED, starts_at=week_ahead)
    held = MeetingFactory(council=council, status=Meeting.Status.HELD)
    for due_on in (today + timedelta(days=3), today - timedelta(days=2), today - timedelta(days=90)):
        ActionItemFactory.create_batch(size, meeting=held, due_on=due_on)
    plan = PlanFactory(council=council, approved=True)
    due = RoundFactory(plan=plan, due_on=today + timedelta(days=3))
    for _number in range(size):
        ReportFactory(round=due, project=ProjectFactory(plan=plan), status=ProgressReport.Status.DRAFT)
    MembershipFactory.create_batch(size, council=council, term_end=today + timedelta(days=30))
    DifficultyFactory.create_batch(size, council=council, answer_due=today - timedelta(days=2))
    AgreementFactory.create_batch(size, council=council, valid_until=today + timedelta(days=30))


def _run_counted(total: int, new: int) -> int:
    """Run the job; `total` items of each kind are due, `new` of them not announced before."""
    with CaptureQueriesContext(connection) as queries:
        created = reminders_run()
    kinds = Dispatch.objects.values_list("kind", flat=True).distinct()
    per_kind = {kind: Dispatch.objects.filter(kind=kind).count() for kind in kinds}
    assert per_kind == {
        "meeting.reminder": total,
        "action.due": total,
        "action.overdue": total,  # not those 90 days overdue: they were reminded of when they fell due
        "plans.report_due_soon": total,
        "plans.round_due_soon": total // 3,
        "membership.term_ending": total,
        "difficulty.overdue": total,
        "agreement.renewal_due": total,
    }, per_kind
    assert created == 7 * new + new // 3
    assert reminders_run() == 0  # the next run, or a second worker, announces nothing again
    return len(queries)


def test_reminders_cost_the_same_queries_at_any_size_and_announce_each_item_once(db):
    _seed(3)
    small = _run_counted(total=3, new=3)
    for _council in range(9):
        _seed(3)
    large = _run_counted(total=30, new=27)
    assert small == large, (small, large)
