"""The figures of a council's annual report (연간 운영 실적), each counted in the database.

One query per section whatever the council's size: meetings with their attendance, attendance by
institution, decisions and the state of their follow-up actions, best practices, difficulties and
suggestions (with the median days to a first answer and to resolution, from one row per item),
agreements, and the plan's budget by strategy and KPI achievement for the year. The page, the PDF,
the HWPX and the XLSX all read `annual_report`.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Count, Q, QuerySet

from council.models import Council
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting
from members.models import Agreement, BestPractice, Difficulty
from plans.models import Plan
from plans.selectors.budgets import Totals, grouped_totals, ratio
from plans.selectors.progress import KpiSummary, kpi_summary
from plans.selectors.scope import Scope


@dataclass(frozen=True, slots=True)
class Attendance:
    """Voting members invited and present: of one meeting (with the meeting), or of one institution
    over the year's meetings."""

    name: str
    invited: int
    attended: int
    meeting: Meeting | None = None

    @property
    def attendance_rate(self) -> Decimal | None:
        return ratio(self.attended, self.invited)


@dataclass(frozen=True, slots=True)
class DifficultyFigures:
    by_status: list[tuple[str, int]]
    total: int
    median_days_to_answer: float | None
    median_days_to_resolve: float | None


@dataclass(frozen=True, slots=True)
class StrategyRow:
    code: str
    title: str
    totals: Totals


@dataclass(slots=True)
class AnnualReport:
    council: Council
    year: int
    full: bool  # staff and officials; the public reads the published parts
    meetings: list[Attendance] = field(default_factory=list)
    institutions: list[Attendance] = field(default_factory=list)
    decisions: list[tuple[str, int]] = field(default_factory=list)
    actions: list[tuple[str, int]] = field(default_factory=list)
    practices_published: int = 0
    practices_presented: int = 0
    difficulties: DifficultyFigures | None = None
    agreements: dict[str, int] = field(default_factory=dict)
    plan: Plan | None = None
    strategies: list[StrategyRow] = field(default_factory=list)
    kpis: KpiSummary | None = None

    @property
    def attendance_rate(self) -> Decimal | None:
        return ratio(sum(row.attended for row in self.meetings), sum(row.invited for row in self.meetings))


def _voting(prefix: str = "") -> Q:
    return Q(**{f"{prefix}counts_for_quorum": True})


def held_meetings(*, council: Council, year: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(council=council, year=year, status__in=Meeting.HELD_STATUSES)


def _meetings(council: Council, year: int) -> list[Attendance]:
    rows = (
        held_meetings(council=council, year=year)
        .annotate(
            invited=Count("invitations", filter=_voting("invitations__")),
            present=Count("invitations", filter=_voting("invitations__") & Q(invitations__attended=True)),
        )
        .order_by("starts_at")
    )
    return [Attendance(meeting.label, meeting.invited, meeting.present, meeting) for meeting in rows]


def _institutions(council: Council, year: int) -> list[Attendance]:
    rows = (
        Invitation.objects.filter(_voting(), meeting__in=held_meetings(council=council, year=year))
        .exclude(institution=None)
        .values("institution__name")
        .annotate(invited=Count("id"), present=Count("id", filter=Q(attended=True)))
        .order_by("institution__name")
    )
    return [Attendance(row["institution__name"], row["invited"], row["present"]) for row in rows]


def _counted(rows: QuerySet[Any], key: str, choices: list[tuple[str, Any]]) -> list[tuple[str, int]]:
    counts = {row[key]: row["count"] for row in rows}
    return [(str(label), counts[value]) for value, label in choices if counts.get(value)]


def _decisions(council: Council, year: int) -> list[tuple[str, int]]:
    rows = (
        AgendaItem.objects.shared()
        .filter(meeting__in=held_meetings(council=council, year=year))
        .exclude(decision="")
        .values("decision")
        .annotate(count=Count("id"))
        .order_by()
    )
    return _counted(rows, "decision", AgendaItem.Decision.choices)


def _actions(council: Council, year: int) -> list[tuple[str, int]]:
    rows = (
        ActionItem.objects.filter(meeting__in=held_meetings(council=council, year=year))
        .values("status")
        .annotate(count=Count("id"))
        .order_by()
    )
    return _counted(rows, "status", ActionItem.Status.choices)


def _difficulties(council: Council, year: int) -> DifficultyFigures:
    items = list(
        Difficulty.objects.filter(council=council, created_at__year=year).values_list(
            "status", "created_at", "first_answered_at", "closed_at"
        )
    )
    counts: dict[str, int] = {}
    for status, *_times in items:
        counts[status] = counts.get(status, 0) + 1

    def days(start: Any, end: Any) -> float:
        return (end - start).total_seconds() / 86400

    answered = [days(created, answered) for _status, created, answered, _closed in items if answered]
    resolved = [
        days(created, closed)
        for status, created, _answered, closed in items
        if closed and status == Difficulty.Status.RESOLVED
    ]
    return DifficultyFigures(
        by_status=[
            (str(label), counts[value]) for value, label in Difficulty.Status.choices if counts.get(value)
        ],
        total=len(items),
        median_days_to_answer=round(median(answered), 1) if answered else None,
        median_days_to_resolve=round(median(resolved), 1) if resolved else None,
    )


def _agreements(council: Council, year: int) -> dict[str, int]:
    year_end, year_start = date(year, 12, 31), date(year, 1, 1)
    in_force = Q(valid_from__lte=year_end) | Q(valid_from__isnull=True, signed_on__lte=year_end)
    return Agreement.objects.filter(council=council).aggregate(
        signed=Count("id", filter=Q(signed_on__year=year)),
        in_force=Count("id", filter=in_force & (Q(valid_until__isnull=True) | Q(valid_until__gte=year_end))),
        expiring=Count("id", filter=Q(valid_until__gte=year_start, valid_until__lte=year_end)),
    )


def _plan(council: Council, year: int, full: bool) -> Plan | None:
    plans = Plan.objects.filter(council=council, start_year__lte=year, end_year__gte=year)
    if not full:
        plans = plans.filter(status__in=Plan.APPROVED_STATUSES)
    return plans.order_by("-start_year").first()


def _strategies(plan: Plan, year: int) -> list[StrategyRow]:
    totals = grouped_totals(scope=Scope(plan=plan, year=year), field="project__task__strategy_id")
    return [
        StrategyRow(strategy.code, strategy.title, totals.get(strategy.pk, Totals(0, 0)))
        for strategy in plan.strategies.order_by("order", "code")
    ]


def annual_report(*, council: Council, year: int, full: bool) -> AnnualReport:
    """Every figure of the council's year; `full` adds what only staff and officials read
    (attendance by institution, difficulties and suggestions)."""
    report = AnnualReport(council=council, year=year, full=full)
    report.meetings = _meetings(council, year)
    report.decisions = _decisions(council, year)
    report.actions = _actions(council, year)
    report.practices_published = BestPractice.objects.filter(
        council=council, status=BestPractice.Status.PUBLISHED, published_at__year=year
    ).count()
    report.practices_presented = (
        AgendaItem.objects.filter(
            meeting__in=held_meetings(council=council, year=year), best_practice__isnull=False
        )
        .values("best_practice")
        .distinct()
        .count()
    )
    report.agreements = _agreements(council, year)
    if full:
        report.institutions = _institutions(council, year)
        report.difficulties = _difficulties(council, year)
    report.plan = _plan(council, year, full)
    if report.plan is not None:
        report.strategies = _strategies(report.plan, year)
        report.kpis = kpi_summary(scope=Scope(plan=report.plan, year=year))
    return report


def report_years(*, council: Council) -> list[int]:
    """The years the council held meetings in, newest first: the reports there are to read."""
    held = Meeting.objects.filter(council=council, status__in=Meeting.HELD_STATUSES)
    return list(held.values_list("year", flat=True).distinct().order_by("-year"))
