"""A national-scale data set: PLANS plans × PROJECTS projects × YEARS years × 3 funding sources,
with reporting rounds, progress reports and KPIs. Small tables go through bulk_create; the large
ones through PostgreSQL COPY, so the whole set loads in well under a minute."""

import random
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from django.db import connection, transaction

from council.models import Council, CouncilRole, User
from members.models import Institution, Membership
from plans.models import (
    BudgetLine,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    ReportingRound,
    Strategy,
)

PLANS = 250
PROJECTS = 100  # per plan
YEARS = 5
SOURCES = ("national", "city", "private")
COUNCILS = 50
STRATEGIES = 4
TASKS = 5  # per strategy
FIRST_YEAR = 2023
ROUNDS = ((2023, 1), (2023, 2), (2024, 1), (2024, 2))
NOW = datetime(2025, 1, 1, tzinfo=UTC)
PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway database


def _copy(model: type, rows: Iterable[dict[str, object]]) -> int:
    """COPY rows given by column name; a column a row leaves out takes the model field's default, so
    a field added later loads with its default instead of shifting the others."""
    fields = model._meta.concrete_fields  # type: ignore[attr-defined]
    columns = [field.column for field in fields]
    defaults = {field.column: field.get_default() for field in fields}
    table = model._meta.db_table  # type: ignore[attr-defined]
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        quoted = ", ".join(f'"{column}"' for column in columns)
        with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                unknown = set(row) - defaults.keys()
                if unknown:
                    raise ValueError(f"{table} has no columns {sorted(unknown)}")
                copy.write_row([row.get(column, defaults[column]) for column in columns])
                count += 1
    return count


def _reset_sequences(models: Sequence[type]) -> None:
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table  # type: ignore[attr-defined]
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"  # noqa: S608
            )


@transaction.atomic
def load(*, plans: int = PLANS, projects: int = PROJECTS, seed: int = 2023) -> dict[str, int]:
    """Fill an empty database; return row counts. The official `bench-official` sees council 1."""
    rng = random.Random(seed)
    started = time.monotonic()
    councils = Council.objects.bulk_create(
        [
            Council(name=f"벤치 협의회 {n}", short_name=f"벤치{n}", slug=f"bench-{n}", is_public=True)
            for n in range(COUNCILS)
        ]
    )
    institutions = Institution.objects.bulk_create(
        [Institution(name=f"벤치 기관 {n}", kind="university", sector="academia") for n in range(200)]
    )
    Membership.objects.bulk_create(
        [
            Membership(council=councils[n % COUNCILS], institution=institution, route="recommendation")
            for n, institution in enumerate(institutions)
        ]
    )
    official = User(username="bench-official", name="벤치 공무원", email="official@bench.example")
    official.set_password(PASSWORD)
    official.save()
    CouncilRole.objects.create(user=official, council=councils[0], kind=CouncilRole.Kind.OFFICIAL)

    plan_rows = Plan.objects.bulk_create(
        [
            Plan(
                council=councils[n % COUNCILS],
                title=f"종합계획 {n}",
                vision="지역과 대학이 함께 여는 미래",
                start_year=FIRST_YEAR,
                end_year=FIRST_YEAR + YEARS - 1,
                stated_total=1_099_300_000_000,
                status=Plan.Status.APPROVED,
                version=1,
            )
            for n in range(plans)
        ]
    )
    strategies = Strategy.objects.bulk_create(
        [
            Strategy(plan=plan, code=str(s + 1), title=f"추진전략 {s + 1}", order=s)
            for plan in plan_rows
            for s in range(STRATEGIES)
        ],
        batch_size=5000,
    )
    tasks = PlanTask.objects.bulk_create(
        [
            PlanTask(
                plan_id=strategy.plan_id,
                strategy=strategy,
                code=f"{strategy.code}-{t + 1}",
                title=f"과제 {t}",
                order=t,
            )
            for strategy in strategies
            for t in range(TASKS)
        ],
        batch_size=5000,
    )
    tasks_by_plan: dict[int, list[PlanTask]] = {}
    for task in tasks:
        tasks_by_plan.setdefault(task.plan_id, []).append(task)
    rounds = ReportingRound.objects.bulk_create(
        [
            ReportingRound(
                plan=plan,
                cadence="half_year",
                year=year,
                period=period,
                starts_on=date(year, 1 if period == 1 else 7, 1),
                ends_on=date(year, 6, 30) if period == 1 else date(year, 12, 31),
                due_on=date(year, 7, 15) if period == 1 else date(year + 1, 1, 15),
            )
            for plan in plan_rows
            for year, period in ROUNDS
        ],
        batch_size=5000,
    )
    rounds_by_plan: dict[int, list[ReportingRound]] = {}
    for round_ in rounds:
        rounds_by_plan.setdefault(round_.plan_id, []).append(round_)

    project_rows: list[dict[str, object]] = []
    for plan in plan_rows:
        plan_tasks = tasks_by_plan[plan.pk]
        for p in range(projects):
            ends = date(2024, 12, 31) if p % 9 == 0 else date(FIRST_YEAR + YEARS - 1, 12, 31)
            project_rows.append(
                {
                    "id": len(project_rows) + 1,
                    "plan_id": plan.pk,
                    "task_id": plan_tasks[p % len(plan_tasks)].pk,
                    "code": f"P{p:03d}",
                    "title": f"핵심사업 {p}",
                    "lead_institution_id": institutions[rng.randrange(len(institutions))].pk,
                    "start_on": date(FIRST_YEAR, 1, 1),
                    "end_on": ends,
                    "status": "in_progress",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
    counts = {"projects": _copy(Project, project_rows)}

    def lines() -> Iterable[dict[str, object]]:
        line_id = 0
        for project in project_rows:
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                for source in SOURCES:
                    line_id += 1
                    planned = rng.randrange(100, 5000) * 10_000_000
                    executed = planned * rng.randrange(60, 100) // 100 if year < 2025 else 0
                    yield {
                        "id": line_id,
                        "project_id": project["id"],
                        "year": year,
                        "source": source,
                        "planned": planned,
                        "executed": executed,
                    }

    counts["budget_lines"] = _copy(BudgetLine, lines())

    accepted_reports: dict[object, int] = {}

    def reports() -> Iterable[dict[str, object]]:
        report_id = 0
        for project in project_rows:
            for index, round_ in enumerate(rounds_by_plan[int(str(project["plan_id"]))]):
                report_id += 1
                roll = rng.random()
                status = "accepted" if roll < 0.8 else "submitted" if roll < 0.9 else "draft"
                if status == "accepted":
                    accepted_reports[project["id"]] = report_id
                submitted = status != "draft"
                yield {
                    "id": report_id,
                    "round_id": round_.pk,
                    "project_id": project["id"],
                    "status": status,
                    "narrative": "실적 보고",
                    "percent_done": min(100, 10 + index * 20 + rng.randrange(0, 10)) if submitted else None,
                    "submissions": 1 if submitted else 0,
                    "submitted_at": NOW if submitted else None,
                    "reviewed_at": NOW if status == "accepted" else None,
                    "created_at": NOW,
                    "updated_at": NOW,
                }

    counts["reports"] = _copy(ProgressReport, reports())
    counts["indicators"] = _copy(
        Indicator,
        (
            {"id": row["id"], "project_id": row["id"], "name": "교육 수료 인원", "unit": "명"}
            for row in project_rows
        ),
    )
    counts["targets"] = _copy(
        IndicatorTarget,
        (
            {
                "id": (int(str(row["id"])) - 1) * YEARS + offset + 1,
                "indicator_id": row["id"],
                "year": FIRST_YEAR + offset,
                "value": 100 + offset * 20,
            }
            for row in project_rows
            for offset in range(YEARS)
        ),
    )
    counts["actuals"] = _copy(
        IndicatorActual,
        (
            {"id": n + 1, "report_id": report_id, "indicator_id": project_id, "value": rng.randrange(60, 160)}
            for n, (project_id, report_id) in enumerate(sorted(accepted_reports.items()))
        ),
    )
    _reset_sequences([Project, BudgetLine, ProgressReport, Indicator, IndicatorTarget, IndicatorActual])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts["seconds"] = round(time.monotonic() - started)
    return counts
