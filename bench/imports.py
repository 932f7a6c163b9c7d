"""Benchmark: a plan import at a council's size and at a nation's, on PostgreSQL.

    python -m bench.imports [--projects 25000]   # or DATABASE_URL=postgres://... to use your server

Into a fresh council_bench database: a council, its secretariat and 200 member institutions. Two
files go through the import as staff upload them (read, every row checked, all saved in one
transaction with the history of every project and budget line):

- Busan's size, as an XLSX workbook: 4 strategies, 20 tasks, 97 projects, 15 budget lines each
  (five years × three funding sources), 1,455 rows;
- a national file, as CSV: PROJECTS projects (25,000 unless told) with 15 budget lines each.

Each goes into a new, empty plan. Printed: the rows, what was saved (projects, budget lines and
their history rows, counted afterwards), the seconds and the goal next to them.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database  # noqa: E402 - the project root must be importable first

FIRST_YEAR = 2023
YEARS = 5
INSTITUTIONS = 200
SOURCES = ("national", "city", "private")  # as in bench/load.py


def plan_rows(*, strategies: int, tasks: int, projects: int) -> list[list[str]]:
    """Rows in the import's columns: `tasks` per strategy, projects spread over the tasks, and each
    project's planned amount for every year and funding source; titles only on first rows."""
    from plans.models import FundingSource

    sources = [str(FundingSource(code).label) for code in SOURCES]
    task_codes = [(s, f"{s}-{t}") for s in range(1, strategies + 1) for t in range(1, tasks + 1)]
    rows = []
    named_strategies: set[int] = set()
    named_tasks: set[str] = set()
    for number in range(projects):
        strategy, task = task_codes[number % len(task_codes)]
        first = True
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            for source in sources:
                rows.append(
                    [
                        str(strategy),
                        f"추진전략 {strategy}" if strategy not in named_strategies else "",
                        task,
                        f"추진과제 {task}" if task not in named_tasks else "",
                        f"{task}-{number:05d}",
                        f"핵심사업 {number}" if first else "",
                        f"벤치 기관 {number % INSTITUTIONS}" if first else "",
                        f"{FIRST_YEAR}-01" if first else "",
                        f"{FIRST_YEAR + YEARS - 1}-12" if first else "",
                        str(year),
                        source,
                        str((number % 97 + 1) * 10_000_000),
                    ]
                )
                named_strategies.add(strategy)
                named_tasks.add(task)
                first = False
    return rows


def measure(projects: int) -> list[tuple[object, ...]]:
    """Runs inside Django: set up the council, import both files, count what was saved."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from council.files.spreadsheets import write_csv, write_xlsx
    from council.models import Council, CouncilRole, User
    from members.models import Institution, Membership
    from plans.imports import COLUMNS, plan_import
    from plans.models import BudgetLine, Plan, Project

    council = Council.objects.create(name="벤치 협의회", short_name="벤치", slug="bench")
    staff = User.objects.create(username="bench-staff", name="벤치 사무국", email="staff@bench.example")
    CouncilRole.objects.create(user=staff, council=council, kind=CouncilRole.Kind.SECRETARIAT)
    institutions = Institution.objects.bulk_create(
        [
            Institution(name=f"벤치 기관 {n}", kind="university", sector="academia")
            for n in range(INSTITUTIONS)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(council=council, institution=institution, route="recommendation")
            for institution in institutions
        ]
    )
    files = (
        ("Busan-size plan (XLSX)", "busan.xlsx", plan_rows(strategies=4, tasks=5, projects=97), 1.0),
        ("national file (CSV)", "national.csv", plan_rows(strategies=10, tasks=10, projects=projects), 60.0),
    )
    results: list[tuple[object, ...]] = []
    for number, (name, file_name, rows, goal) in enumerate(files):
        with translation.override("ko"):
            if file_name.endswith(".xlsx"):
                data = write_xlsx(columns=COLUMNS, rows=rows, title="Plan")
            else:
                data = write_csv(columns=COLUMNS, rows=rows)
        plan = Plan.objects.create(
            council=council,
            title=f"종합계획 {number}",
            start_year=FIRST_YEAR,
            end_year=FIRST_YEAR + YEARS - 1,
            stated_total=0,
        )
        upload = SimpleUploadedFile(file_name, data)
        started = time.perf_counter()
        with translation.override("ko"):
            plan_import(actor=staff, plan=plan, upload=upload)
        seconds = time.perf_counter() - started
        saved_projects = Project.objects.filter(plan=plan)
        saved_lines = BudgetLine.objects.filter(project__plan=plan)
        history = (
            Project.history.filter(plan_id=plan.pk).count()
            + BudgetLine.history.filter(project__plan=plan).count()
        )
        results.append(
            (
                name,
                len(rows),
                saved_projects.count(),
                saved_lines.count(),
                history,
                f"{seconds:.2f}",
                f"< {goal:g}",
            )
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=25_000, help="projects in the national file")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        import django

        django.setup()
        for row in measure(args.projects):
            print("\t".join(str(value) for value in row))
        return
    with bench_database() as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "council.settings",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        done = subprocess.run(
            [sys.executable, "-m", "bench.imports", "--inside", "--projects", str(args.projects)],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
    print()
    print(f"A plan import on PostgreSQL ({os.cpu_count()} CPUs): read, checked, saved with history")
    header = ("", "rows", "projects", "lines", "history", "seconds", "goal s")
    widths = (24, 9, 10, 9, 9, 9, 8)
    print(
        "".join(
            f"{title:>{width}}" if n else f"{title:<{width}}"
            for n, (title, width) in enumerate(zip(header, widths, strict=True))
        )
    )
    for line in done.stdout.strip().splitlines():
        values = line.split("\t")
        print(
            "".join(
                f"{value:>{width}}" if n else f"{value:<{width}}"
                for n, (value, width) in enumerate(zip(values, widths, strict=True))
            )
        )


if __name__ == "__main__":
    main()
