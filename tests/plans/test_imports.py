"""Import of a whole plan from one table: all rows or none, every bad row listed; export to XLSX."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from plans import services
from plans.imports import EXAMPLE_ROWS
from plans.models import BudgetLine, PlanTask, Project, Strategy
from tests.plans.factories import PlanFactory, ProjectFactory

HEADER = [
    "전략 코드",
    "추진전략",
    "과제 코드",
    "추진과제",
    "사업 코드",
    "핵심사업",
    "주관기관",
    "시작일",
    "종료일",
    "연도",
    "재원",
    "계획액(원)",
]


def xlsx(rows: list[list[object]], name: str = "plan.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def good_rows(lead: str) -> list[list[object]]:
    return [
        [
            "1",
            "지산학협력 지원체계 구축",
            "1-1",
            "지산학협력센터 허브 기능 강화",
            "1-1-01",
            "지산학협력센터 기능·인력 확대",
            lead,
            "2023-01",
            "2027-12",
            2023,
            "시비",
            600_000_000_000,
        ],
        ["1", "", "1-1", "", "1-1-01", "", "", "", "", 2024, "국비", 499_300_000_000],
        [
            "2",
            "기업 역량을 강화하는 기술혁신 지원",
            "2-1",
            "기술수요 발굴",
            "2-1-01",
            "산학협력 기술수요 발굴",
            lead,
            "2023-03-01",
            "2025-12-31",
            "",
            "",
            "",
        ],
    ]


def test_a_valid_file_builds_the_plan(login, dave, busan, pusan_univ, import_file):
    plan = PlanFactory(council=busan)
    response = import_file(
        login(dave), reverse("plan-import", args=[plan.pk]), xlsx([HEADER, *good_rows(pusan_univ.name)])
    )
    assert response.context["job"].status == "done", response.context["errors"]
    assert list(plan.strategies.values_list("code", flat=True)) == ["1", "2"]
    assert plan.tasks.count() == 2 and plan.projects.count() == 2
    project = Project.objects.get(plan=plan, code="1-1-01")
    assert (project.start_on.isoformat(), project.end_on.isoformat()) == ("2023-01-01", "2027-12-31")
    assert (
        sum(BudgetLine.objects.filter(project__plan=plan).values_list("planned", flat=True))
        == 1_099_300_000_000
    )
    assert project.budget_lines.first().history.count() == 1  # audited


def test_bad_rows_are_all_listed_and_nothing_is_saved(login, dave, busan, pusan_univ, import_file):
    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    existing = Project.objects.create(
        plan=plan,
        task=PlanTask.objects.create(
            plan=plan,
            strategy=Strategy.objects.create(plan=plan, code="9", title="기존 전략"),
            code="9-1",
            title="기존",
        ),
        code="9-1-01",
        title="기존 사업",
        lead_institution=pusan_univ,
        start_on="2023-01-01",
        end_on="2027-12-31",
    )
    lead = pusan_univ.name
    rows = [
        HEADER,
        [
            "1",
            "지원체계 구축",
            "1-1",
            "허브",
            "1-1-01",
            "센터 확대",
            lead,
            "2023-01",
            "2027-12",
            2023,
            "시비",
            100,
        ],  # 2: fine
        [
            "7",
            "",
            "7-1",
            "유령 과제",
            "7-1-01",
            "전략 없음",
            lead,
            "2023-01",
            "2027-12",
            2023,
            "시비",
            100,
        ],  # 3
        ["1", "", "1-1", "", "1-1-01", "", "", "", "", 2024, "국비", -5],  # 4: negative
        ["1", "", "1-1", "", "1-1-01", "", "", "", "", 2031, "국비", 5],  # 5: outside the plan
        [
            "1",
            "",
            "1-1",
            "",
            existing.code,
            "중복",
            lead,
            "2023-01",
            "2027-12",
            2023,
            "시비",
            5,
        ],  # 6: duplicate
        ["1", "", "1-1", "", "1-1-01", "", "", "", "", 2025, "로또", 5],  # 7: bad source
        ["1", "", "1-1", "", "1-1-01", "", "", "", "", 2023, "시비", 7],  # 8: same line as row 2
        [
            "1",
            "",
            "1-2",
            "두 번째 과제",
            "1-2-01",
            "없는 기관 사업",
            "없는기관",
            "2023-01",
            "2027-12",
            "",
            "",
            "",
        ],  # 9
        ["1", "", "1-2", "", "1-1-01", "", "", "", "", 2026, "시비", 5],  # 10: 1-1-01 is a 1-1 project
    ]
    response = import_file(login(dave), reverse("plan-import", args=[plan.pk]), xlsx(rows))
    assert response.status_code == 200
    errors = response.context["errors"]
    assert {error.row for error in errors} == {3, 4, 5, 6, 7, 8, 9, 10}
    page = response.content.decode()
    for text in ("알 수 없는 추진전략 7", "음수", "2031", "중복", "로또", "없는기관"):
        assert text in page, text
    assert plan.strategies.count() == 1 and plan.projects.count() == 1  # only what was there
    assert not BudgetLine.objects.filter(project__plan=plan).exists()


def test_csv_files_import_too(login, dave, busan, pusan_univ, import_file):
    plan = PlanFactory(council=busan)
    content = (
        ",".join(HEADER)
        + "\n"
        + f'1,지원체계,1-1,허브,1-1-01,센터,{pusan_univ.name},2023-01,2027-12,2023,city,"1,000,000"\n'
    )
    upload = SimpleUploadedFile("plan.csv", content.encode("utf-8-sig"))
    assert (
        import_file(login(dave), reverse("plan-import", args=[plan.pk]), upload).context["job"].status
        == "done"
    )
    assert BudgetLine.objects.get(project__plan=plan).planned == 1_000_000


def test_the_template_has_a_guide_and_round_trips(login, dave, busan, pusan_univ, import_file):
    from members.models import Institution

    # In Busan's directory: imports name leads among the institutions the importer may choose.
    Institution.objects.create(
        name="부산테크노파크", kind="support_agency", sector="research", registered_by=busan
    )
    client = login(dave)
    template = client.get(reverse("plan-template")).content
    workbook = load_workbook(io.BytesIO(template))
    assert workbook.sheetnames[1] == "작성 안내"
    assert workbook.worksheets[0].cell(row=1, column=1).value.startswith("전략 코드")
    header, *rows = workbook.worksheets[0].iter_rows(values_only=True)
    assert [label.rstrip("*") for label in header] == HEADER
    assert [[value or "" for value in row] for row in rows] == [list(example) for example in EXAMPLE_ROWS]
    plan = PlanFactory(council=busan)
    response = import_file(
        client, reverse("plan-import", args=[plan.pk]), SimpleUploadedFile("t.xlsx", template)
    )
    assert response.context["job"].status == "done"
    assert BudgetLine.objects.filter(project__plan=plan).count() == 3


def test_the_export_has_the_plan_its_budgets_and_its_progress(login, dave, busan_plan):
    response = login(dave).get(reverse("plan-export", args=[busan_plan.plan.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 7
    summary = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert 1_099_300_000_000 in summary.values()
    structure = workbook.worksheets[1]
    assert structure.max_row == 4  # header and the three lines
    assert [cell.value for cell in workbook.worksheets[2][2]][7] == 1_000_000_000


def test_a_project_without_budget_lines_keeps_its_row_in_the_export(login, dave, busan_plan):
    bare = ProjectFactory(task=busan_plan.led.task, code="1-1-09", title="예산 미정 사업")
    response = login(dave).get(reverse("plan-export", args=[busan_plan.plan.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[1].iter_rows(values_only=True))
    assert len(rows) == 5
    assert rows[-1][4:6] == (bare.code, "예산 미정 사업") and rows[-1][9:] == (None, None, None)


def test_the_exported_structure_imports_into_another_plan(login, dave, busan, busan_plan, import_file):
    client = login(dave)
    exported = load_workbook(
        io.BytesIO(client.get(reverse("plan-export", args=[busan_plan.plan.pk])).content)
    )
    structure = Workbook()
    sheet = structure.active
    for row in exported.worksheets[1].iter_rows(values_only=True):
        sheet.append(list(row))
    buffer = io.BytesIO()
    structure.save(buffer)
    copy = PlanFactory(council=busan)
    response = import_file(
        client, reverse("plan-import", args=[copy.pk]), SimpleUploadedFile("s.xlsx", buffer.getvalue())
    )
    assert response.context["job"].status == "done"
    assert copy.projects.count() == 3 and BudgetLine.objects.filter(project__plan=copy).count() == 3


def test_import_is_for_the_secretariat(login, fay, erin, busan_plan):
    assert login(fay).get(reverse("plan-import", args=[busan_plan.plan.pk])).status_code == 403
    assert login(erin).get(reverse("plan-import", args=[busan_plan.plan.pk])).status_code == 403


def test_the_export_as_downloaded_reimports_into_a_new_plan_with_identical_totals(
    login, dave, busan, busan_plan, import_file
):
    from plans.selectors.budgets import plan_totals, totals_by_year

    client = login(dave)
    exported = client.get(reverse("plan-export", args=[busan_plan.plan.pk])).content
    copy = PlanFactory(
        council=busan, start_year=busan_plan.plan.start_year, end_year=busan_plan.plan.end_year
    )
    response = import_file(
        client, reverse("plan-import", args=[copy.pk]), SimpleUploadedFile("p.xlsx", exported)
    )
    assert response.context["job"].status == "done", response.context["job"].errors
    assert plan_totals(plan=copy).planned == plan_totals(plan=busan_plan.plan).planned
    from plans.selectors.scope import Scope

    def by_year(plan):
        return {year: totals.planned for year, totals in totals_by_year(scope=Scope(plan=plan))}

    assert by_year(copy) == by_year(busan_plan.plan)


def test_a_revision_imports_new_budget_lines_for_the_plans_own_projects(
    factory_history, login, dave, busan_plan, import_file
):
    plan = busan_plan.plan
    led = busan_plan.led
    rows = [
        ["1", "", led.task.code, "", led.code, "", "", "", "", "2023", "시비", "1,500,000,000"],
        ["1", "", led.task.code, "", led.code, "", "", "", "", "2024", "국비", "700000000"],
    ]
    client = login(dave)
    url = reverse("plan-import", args=[plan.pk])
    refused = import_file(client, url, xlsx([HEADER, *rows]))
    assert refused.context["job"].status == "rejected"  # adopted: no revision open
    assert "개정을 시작" in refused.content.decode()
    assert not BudgetLine.objects.filter(project=led, year=2024).exists()
    services.plan_revision_open(actor=dave, plan=plan)
    done = import_file(client, url, xlsx([HEADER, *rows]))
    assert done.context["job"].status == "done", done.context["job"].errors
    lines = {(line.year, line.source): line.planned for line in BudgetLine.objects.filter(project=led)}
    assert lines == {(2023, "city"): 1_500_000_000, (2024, "national"): 700_000_000}
    history = client.get(reverse("plan-history", args=[plan.pk])).content.decode()
    assert "1,000,000,000원 → 1,500,000,000원" in history


def _project_rows(lead: str, count: int) -> list[list[object]]:
    """`count` projects of one task, each planned for three years."""
    rows: list[list[object]] = [HEADER]
    for number in range(count):
        for year in (2023, 2024, 2025):
            first = year == 2023
            rows.append(
                [
                    "1",
                    "지원체계" if number == 0 and first else "",
                    "1-1",
                    "허브" if number == 0 and first else "",
                    f"1-1-{number:02d}",
                    f"사업 {number}" if first else "",
                    lead if first else "",
                    "2023-01" if first else "",
                    "2025-12" if first else "",
                    year,
                    "국비",
                    1_000_000 * (number + 1),
                ]
            )
    return rows


def test_every_imported_project_and_line_has_its_creation_in_the_history(
    login, dave, busan, pusan_univ, import_file
):
    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    response = import_file(
        login(dave), reverse("plan-import", args=[plan.pk]), xlsx(_project_rows(pusan_univ.name, 4))
    )
    assert response.context["job"].status == "done", response.context["errors"]
    lines = BudgetLine.objects.filter(project__plan=plan)
    assert lines.count() == 12
    assert lines.aggregate(total=Sum("planned"))["total"] == 3 * (1 + 2 + 3 + 4) * 1_000_000
    for model, ids in (
        (Project, set(plan.projects.values_list("id", flat=True))),
        (BudgetLine, set(lines.values_list("id", flat=True))),
    ):
        records = model.history.filter(id__in=ids)
        assert set(records.values_list("id", flat=True)) == ids
        assert set(records.values_list("history_type", "history_user")) == {("+", dave.pk)}
    project = plan.projects.get(code="1-1-02")
    assert sorted(project.budget_lines.values_list("year", "planned")) == [
        (2023, 3_000_000),
        (2024, 3_000_000),
        (2025, 3_000_000),
    ]
    # Ids drawn for the import leave the table's own sequence right for the next project.
    assert services.project_create(
        actor=dave,
        plan=plan,
        task=project.task,
        code="1-1-99",
        title="다음 사업",
        lead_institution=pusan_univ,
        start_on=date(2023, 1, 1),
        end_on=date(2023, 12, 31),
    ).pk > max(plan.projects.exclude(code="1-1-99").values_list("id", flat=True))


def test_the_import_costs_the_same_queries_for_a_few_projects_or_many(dave, busan, pusan_univ):
    from plans.imports import plan_import

    counts = []
    for size in (1, 2, 40):  # the first import also reads what stays cached (the roles of the actor)
        plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
        upload = xlsx(_project_rows(pusan_univ.name, size))
        with CaptureQueriesContext(connection) as queries:
            report = plan_import(actor=dave, plan=plan, upload=upload)
        assert report.projects == size and report.lines == 3 * size
        counts.append(len(queries))
    assert counts[1] == counts[2], counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_a_large_import_leaves_the_planner_knowing_how_many_rows_there_are(dave, busan, pusan_univ):
    """Sampled while empty, the tables would be planned as holding a row each until autovacuum came."""
    from plans.imports import plan_import

    def estimated(model) -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE plans_budgetline, plans_historicalbudgetline")
    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    report = plan_import(actor=dave, plan=plan, upload=xlsx(_project_rows(pusan_univ.name, 340)))
    assert report.lines == 1020
    assert estimated(BudgetLine) >= 1020
    assert estimated(BudgetLine.history.model) >= 1020


def test_a_field_too_long_is_named_with_its_row_and_column_and_nothing_is_saved(
    login, dave, busan, pusan_univ, import_file
):
    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    rows = _project_rows(pusan_univ.name, 3)
    rows[4][5] = "긴 이름" * 100  # project 1-1-01's first row
    response = import_file(login(dave), reverse("plan-import", args=[plan.pk]), xlsx(rows))
    errors = response.context["errors"]
    assert [(error.row, error.column) for error in errors] == [(5, "핵심사업")], errors
    assert not plan.strategies.exists() and not plan.projects.exists()
    assert not Project.history.filter(plan_id=plan.pk).exists()


def test_a_plan_file_may_hold_more_rows_than_other_imports(
    login, dave, busan, pusan_univ, import_file, monkeypatch
):
    from council.files import spreadsheets
    from plans import imports

    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 6)  # what other imports take
    done = import_file(
        login(dave), reverse("plan-import", args=[plan.pk]), xlsx(_project_rows(pusan_univ.name, 3))
    )
    assert done.context["job"].status == "done", done.context["errors"]
    monkeypatch.setattr(imports, "MAX_ROWS", 6)
    refused = import_file(
        login(dave), reverse("plan-import", args=[plan.pk]), xlsx(_project_rows(pusan_univ.name, 3))
    )
    assert "최대 6행" in refused.content.decode()


def test_the_bulk_write_refuses_a_lead_outside_the_directory_and_writes_nothing(dave, busan, daerim):
    """The import checks names against the directory; the service keeps the rule for any caller."""
    plan = PlanFactory(council=busan, start_year=2023, end_year=2027)
    strategy = Strategy(plan=plan, code="1", title="전략")
    task = PlanTask(plan=plan, strategy=strategy, code="1-1", title="과제")
    project = Project(
        plan=plan,
        task=task,
        code="1-1-01",
        title="사업",
        lead_institution=daerim,  # an Anyang member, not in Busan's directory
        start_on=date(2023, 1, 1),
        end_on=date(2023, 12, 31),
    )
    line = BudgetLine(project=project, year=2024, source="city", planned=5)  # outside the project's years
    with pytest.raises(services.StructureRejected) as refused:
        services.plan_structure_add(
            actor=dave, plan=plan, strategies=[strategy], tasks=[task], projects=[project], lines=[line]
        )
    assert [(obj, list(error.message_dict)) for obj, error in refused.value.problems] == [
        (project, ["lead_institution"]),
        (line, ["year"]),
    ]
    assert not plan.strategies.exists() and not plan.projects.exists()
