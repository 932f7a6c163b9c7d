"""Pieces both demo plans use: accounts, reporting rounds and reports with their executed amounts."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from council.models import User
from plans.models import BudgetLine, Plan, ProgressReport, Project, ReportExecution, ReportingRound
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


@dataclass(frozen=True)
class DemoReport:
    """A report as its round left it, and the share (%) of each of its year's budget lines it executed."""

    round: ReportingRound
    project: Project
    status: str
    percent: int | None
    narrative: str
    share: int
    submitted_by: User | None
    reviewed_by: User | None
    comment: str = ""

    def build(self) -> ProgressReport:
        round_ = self.round
        submitted = self.status != ProgressReport.Status.DRAFT
        reviewed = self.status in {ProgressReport.Status.ACCEPTED, ProgressReport.Status.RETURNED}
        return ProgressReport(
            round=round_,
            project=self.project,
            status=self.status,
            percent_done=self.percent,
            narrative=self.narrative,
            submissions=1 if submitted else 0,
            submitted_at=datetime.combine(round_.due_on, time(10), tzinfo=SEOUL) if submitted else None,
            submitted_by=self.submitted_by if submitted else None,
            reviewed_at=datetime.combine(round_.due_on.replace(day=28), time(14), tzinfo=SEOUL)
            if reviewed
            else None,
            reviewed_by=self.reviewed_by if reviewed else None,
            review_comment=self.comment if reviewed else "",
        )


def demo_reports_save(specs: list[DemoReport]) -> list[ProgressReport]:
    """Save the reports not saved yet, with their executed amounts, in a few queries whatever their number."""
    existing = set(
        ProgressReport.objects.filter(round__in={spec.round for spec in specs}).values_list(
            "round_id", "project_id"
        )
    )
    new = [spec for spec in specs if (spec.round.pk, spec.project.pk) not in existing]
    reports = ProgressReport.objects.bulk_create([spec.build() for spec in new])
    lines: dict[tuple[int, int], list[BudgetLine]] = {}
    for line in BudgetLine.objects.filter(project__in={spec.project for spec in new}):
        lines.setdefault((line.project_id, line.year), []).append(line)
    ReportExecution.objects.bulk_create(
        [
            ReportExecution(report=report, budget_line=line, amount=line.planned * spec.share // 100)
            for spec, report in zip(new, reports, strict=True)
            if spec.share and spec.status != ProgressReport.Status.DRAFT
            for line in lines.get((spec.project.pk, spec.round.year), [])
        ]
    )
    return reports
