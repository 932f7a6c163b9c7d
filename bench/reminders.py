"""Benchmark: the daily reminder job at national scale, and at a tenth of it.

    python -m bench.reminders        # or DATABASE_URL=postgres://... to use your server (council_bench)

Each size is loaded into a fresh council_bench database: the plans of bench/load.py (100 projects
each, four reporting rounds of reports, 10 % of them still drafts), 20 meetings per plan spread
over a year around the day of the run with a follow-up action each. The job runs on the day three
days before the last round's deadline, so that round's pending reports, the meetings a week and a
day ahead and the actions due or recently overdue are reminded of. Printed: what was due, the
dispatches created, the seconds and queries of the first run, and of a second run that finds
everything announced already.
"""

import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database  # noqa: E402 - the project root must be importable first

SIZES = (25, 250)
MEETINGS_PER_PLAN = 20
TODAY = date(2025, 1, 12)  # the last round of bench/load.py is due on 2025-01-15


def main() -> None:
    rows = []
    server = os.environ.get("DATABASE_URL", "")
    for plans in SIZES:
        with bench_database() as url:
            rows.append(_measure(url, plans))
        os.environ["DATABASE_URL"] = server  # the next size recreates council_bench on the same server
    print()
    print("The daily reminder job (PostgreSQL), first run and a second run the same day")
    header = ("plans", "meetings", "reports", "dispatches", "first s", "queries", "again s", "queries")
    print("".join(f"{title:>11}" for title in header))
    for row in rows:
        print("".join(f"{value:>11}" for value in row))


def _measure(url: str, plans: int) -> tuple[object, ...]:
    import subprocess

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    from bench.load import load
    from council.notices.reminders import reminders_run
    from meetings.models import ActionItem, Meeting
    from plans.models import ProgressReport

    connections.close_all()
    print(f"Loading {plans} plans …", flush=True)
    load(plans=plans, projects=100)
    _meetings(plans, Meeting, ActionItem)
    counts = (plans, Meeting.objects.count(), ProgressReport.objects.count())
    results: list[object] = []
    for _run in range(2):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            created = reminders_run(today=TODAY)
            elapsed = time.perf_counter() - begin
        if not results:
            results.append(created)
        results += [f"{elapsed:.2f}", len(queries)]
    connections.close_all()
    return (*counts, *results)


def _meetings(plans: int, meeting_model: type, action_model: type) -> None:
    """MEETINGS_PER_PLAN meetings per plan's council-year, one every few days around TODAY."""
    from django.utils import timezone

    from council.models import Council
    from members.models import Institution

    assignee = Institution.objects.order_by("id").values_list("id", flat=True).first()
    councils = list(Council.objects.order_by("id").values_list("id", flat=True))
    count = plans * MEETINGS_PER_PLAN
    meetings = []
    for index in range(count):
        council = councils[index % len(councils)]
        day = TODAY + timedelta(days=(index * 7) % 360 - 180)
        starts = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=15))
        meetings.append(
            meeting_model(
                council_id=council,
                year=day.year,
                number=index // len(councils) + 1,
                status="announced" if day >= TODAY else "held",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue="회의실",
            )
        )
    meeting_model.objects.bulk_create(meetings, batch_size=5000)
    action_model.objects.bulk_create(
        [
            action_model(
                meeting=meeting,
                council_id=meeting.council_id,
                assignee_id=assignee,
                title="후속조치",
                due_on=timezone.localdate(meeting.starts_at) + timedelta(days=30),
            )
            for meeting in meetings
        ],
        batch_size=5000,
    )


if __name__ == "__main__":
    main()
