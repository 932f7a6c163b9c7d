"""Progress of projects and its roll-up to tasks, strategies and the plan, computed in SQL.

A project's progress is the % done of its latest accepted report (as of the chosen year, if any);
with no accepted report it is unknown, never 0 %. A task's, strategy's or plan's progress is the
average of its projects' known progress weighted by each project's planned budget (all years);
projects with unknown progress are left out, and `coverage` says what share of the planned budget
the figure rests on. If no project with a planned budget has a known progress, the result is unknown.

A project is late when its end date has passed and it is not completed. It is stalled when it is
planned or in progress, was due to report in one of the plan's last two rounds whose deadline has
passed, and has no accepted report in either of them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from plans.models import (
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    ProgressReport,
    Project,
    ReportingRound,
)
from plans.selectors.budgets import lines_sum, ratio
from plans.selectors.scope import Scope

ACCEPTED = ProgressReport.Status.ACCEPTED
BUCKETS = (
    ("unknown", None, None),
    ("0-24", 0, 24),
    ("25-49", 25, 49),
    ("50-74", 50, 74),
    ("75-99", 75, 99),
    ("100", 100, 100),
)


@dataclass(frozen=True, slots=True)
class Progress:
    """Budget-weighted progress of a group of projects (see the module's docstring); for a whole
    scope also how many projects fall in each band of % done ("unknown": no accepted report)."""

    projects: int = 0
    known: int = 0
    weight: int = 0
    known_weight: int = 0
    weighted: int = 0
    late: int = 0
    stalled: int = 0
    distribution: list[tuple[str, int]] = field(default_factory=list)

    @property
    def value(self) -> Decimal | None:
        """Weighted % done as a ratio (0.42 for 42 %), or None when unknown."""
        if not self.known_weight:
            return None
        return Decimal(self.weighted) / Decimal(self.known_weight) / 100

    @property
    def coverage(self) -> Decimal | None:
        """Share of the planned budget whose progress is known."""
        return ratio(self.known_weight, self.weight)


def latest_percent(*, year: int | None = None) -> Subquery:
    """A project's % done in its latest accepted report (up to the year, if given), else NULL."""
    reports = ProgressReport.objects.filter(project=OuterRef("pk"), status=ACCEPTED)
    if year:
        reports = reports.filter(round__year__lte=year)
    return Subquery(
        reports.order_by("-round__ends_on", "-id").values("percent_done")[:1],
        output_field=models.IntegerField(),
    )


def planned_weight() -> Coalesce:
    """A project's planned budget over all years: its weight in the roll-up."""
    return lines_sum("planned", of="project")


def last_due_rounds(*, scope: Scope, today: date | None = None) -> list[int]:
    """The plan's last two rounds whose deadline has passed (one query)."""
    today = today or timezone.localdate()
    return list(
        ReportingRound.objects.filter(plan=scope.plan, due_on__lt=today)
        .order_by("-due_on", "-id")
        .values_list("id", flat=True)[:2]
    )


def late_rule(today: date | None = None) -> Q:
    return Q(end_on__lt=today or timezone.localdate()) & ~Q(status=Project.Status.COMPLETED)


def annotate_progress(
    projects: QuerySet[Project],
    *,
    scope: Scope,
    rounds: list[int],
    today: date | None = None,
    flags: bool = True,
) -> QuerySet[Project]:
    """Add each project's known progress, weight, and (with `flags`) late and stalled flags."""
    in_rounds = ProgressReport.objects.filter(project=OuterRef("pk"), round_id__in=rounds)
    annotated = projects.annotate(
        percent=latest_percent(year=scope.year),
        weight=planned_weight(),
        was_due=Exists(in_rounds),
        had_accepted=Exists(in_rounds.filter(status=ACCEPTED)),
    )
    if not flags:
        return annotated
    return annotated.annotate(
        is_late_flag=models.ExpressionWrapper(late_rule(today), output_field=models.BooleanField()),
        is_stalled_flag=models.ExpressionWrapper(
            Q(status__in=Project.RUNNING_STATUSES, was_due=True, had_accepted=False),
            output_field=models.BooleanField(),
        ),
    )


def _progress_aggregates(today: date | None) -> dict[str, Any]:
    known = Q(percent__isnull=False)
    return {
        "projects": Count("id"),
        "known": Count("id", filter=known),
        "weight_sum": Coalesce(Sum("weight"), Value(0), output_field=models.BigIntegerField()),
        "known_weight": Coalesce(
            Sum("weight", filter=known), Value(0), output_field=models.BigIntegerField()
        ),
        "weighted": Coalesce(
            Sum(F("percent") * F("weight"), filter=known), Value(0), output_field=models.BigIntegerField()
        ),
        "late": Count("id", filter=late_rule(today)),
        "stalled": Count(
            "id", filter=Q(status__in=Project.RUNNING_STATUSES, was_due=True, had_accepted=False)
        ),
    }


def _progress(row: dict[str, Any]) -> Progress:
    return Progress(
        projects=int(row["projects"]),
        known=int(row["known"]),
        weight=int(row["weight_sum"]),
        known_weight=int(row["known_weight"]),
        weighted=int(row["weighted"]),
        late=int(row["late"]),
        stalled=int(row["stalled"]),
    )


def scoped_projects(
    *, scope: Scope, rounds: list[int], today: date | None = None, flags: bool = True
) -> QuerySet[Project]:
    return annotate_progress(
        Project.objects.filter(scope.projects()), scope=scope, rounds=rounds, today=today, flags=flags
    )


def _distribution_aggregates() -> dict[str, Any]:
    aggregates = {}
    for key, low, high in BUCKETS:
        rule = Q(percent__isnull=True) if low is None else Q(percent__gte=low, percent__lte=high)
        aggregates[f"band_{key}"] = Count("id", filter=rule)
    return aggregates


def scope_progress(*, scope: Scope, rounds: list[int], today: date | None = None) -> Progress:
    """The roll-up of every project in scope, with how many fall in each band of % done."""
    projects = scoped_projects(scope=scope, rounds=rounds, today=today, flags=False)
    row = projects.aggregate(**_progress_aggregates(today), **_distribution_aggregates())
    progress = _progress(row)
    progress.distribution.extend((key, int(row[f"band_{key}"])) for key, _low, _high in BUCKETS)
    return progress


def grouped_progress(
    *, scope: Scope, field: str, rounds: list[int], today: date | None = None
) -> dict[Any, Progress]:
    """Roll-up per group (e.g. "task__strategy_id", "task_id") in one grouped query."""
    projects = scoped_projects(scope=scope, rounds=rounds, today=today, flags=False)
    rows = projects.values(field).annotate(**_progress_aggregates(today)).order_by()
    return {row[field]: _progress(row) for row in rows}


def attention_projects(
    *, scope: Scope, rounds: list[int], today: date | None = None, limit: int = 20
) -> list[Project]:
    """Late or stalled projects in scope, the longest overdue first."""
    projects = scoped_projects(scope=scope, rounds=rounds, today=today)
    return list(
        projects.filter(Q(is_late_flag=True) | Q(is_stalled_flag=True))
        .select_related("task__strategy", "lead_institution")
        .order_by("end_on", "code")[:limit]
    )


# KPIs


@dataclass(frozen=True, slots=True)
class KpiSummary:
    year: int
    with_target: int = 0
    reported: int = 0
    achieved: int = 0
    verified: int = 0

    @property
    def achievement_rate(self) -> Decimal | None:
        """Share of the indicators with a target this year whose accepted actual reaches it."""
        return ratio(self.achieved, self.with_target)

    @property
    def not_reported(self) -> int:
        return self.with_target - self.reported

    @property
    def below(self) -> int:
        return self.reported - self.achieved


def indicators_for_year(*, scope: Scope, year: int) -> QuerySet[Indicator]:
    """Indicators of projects in scope with the year's target and latest accepted actual."""
    latest = IndicatorActual.objects.filter(
        indicator=OuterRef("pk"), report__status=ACCEPTED, report__round__year=year
    ).order_by("-report__round__ends_on", "-id")
    decimal = models.DecimalField(max_digits=14, decimal_places=2)
    return Indicator.objects.filter(scope.projects("project__")).annotate(
        target=Subquery(
            IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year)
            .order_by()
            .values("value")[:1],
            output_field=decimal,
        ),
        actual=Subquery(latest.values("value")[:1], output_field=decimal),
        verified_at=Subquery(latest.values("verified_at")[:1], output_field=models.DateTimeField()),
    )


def kpi_summary(*, scope: Scope, today: date | None = None) -> KpiSummary:
    year = scope.kpi_year(today)
    counts = (
        indicators_for_year(scope=scope, year=year)
        .filter(target__isnull=False)  # type: ignore[misc]
        .aggregate(
            with_target=Count("id"),
            reported=Count("id", filter=Q(actual__isnull=False)),
            achieved=Count("id", filter=Q(actual__gte=F("target"))),
            verified=Count("id", filter=Q(verified_at__isnull=False)),
        )
    )
    return KpiSummary(year=year, **{key: int(value) for key, value in counts.items()})


def kpis_below_target(*, scope: Scope, today: date | None = None, limit: int = 15) -> list[Indicator]:
    """Indicators whose accepted actual is below the year's target, or not reported yet."""
    year = scope.kpi_year(today)
    return list(
        indicators_for_year(scope=scope, year=year)
        .filter(target__isnull=False)  # type: ignore[misc]
        .filter(Q(actual__isnull=True) | Q(actual__lt=F("target")))
        .select_related("project")
        .order_by("project__code", "order", "id")[:limit]
    )
