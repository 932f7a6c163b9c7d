"""Pieces both demo plans use: accounts, reporting rounds and reports with their executed amounts."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from council.models import User
from plans.models import Plan, ProgressReport, Project, ReportExecution, ReportingRound
from plans.services import period_dates

SEOUL = ZoneInfo("Asia/Seoul")


def demo_user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def demo_round(plan: Plan, year: int, period: int, due: date) -> ReportingRound:
    starts, ends = period_dates(cadence=plan.cadence, year=year, period=period)
    round_, _created = ReportingRound.objects.get_or_create(
        plan=plan,
        year=year,
        period=period,
        defaults={"cadence": plan.cadence, "starts_on": starts, "ends_on": ends, "due_on": due},
    )
    return round_


def demo_report(
    round_: ReportingRound,
    project: Project,
    *,
    status: str,
    percent: int | None,
    narrative: str,
    share: int,
    submitted_by: User | None,
    reviewed_by: User | None,
    comment: str = "",
) -> ProgressReport:
    """A report with its executed amounts (share % of each line of the round's year)."""
    report, created = ProgressReport.objects.get_or_create(round=round_, project=project)
    if not created:
        return report
    submitted = status != ProgressReport.Status.DRAFT
    due = datetime.combine(round_.due_on, time(10), tzinfo=SEOUL)
    report.status = status
    report.percent_done = percent
    report.narrative = narrative
    report.submissions = 1 if submitted else 0
    report.submitted_at = due if submitted else None
    report.submitted_by = submitted_by if submitted else None
    if status in {ProgressReport.Status.ACCEPTED, ProgressReport.Status.RETURNED}:
        report.reviewed_at = datetime.combine(round_.due_on.replace(day=28), time(14), tzinfo=SEOUL)
        report.reviewed_by = reviewed_by
        report.review_comment = comment
    report.save()
    if submitted or percent is not None:
        ReportExecution.objects.bulk_create(
            [
                ReportExecution(report=report, budget_line=line, amount=line.planned * share // 100)
                for line in project.budget_lines.filter(year=round_.year)
            ]
        )
    return report
