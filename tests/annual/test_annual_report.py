"""The annual report of a small council, checked against figures counted by hand, at two data sizes
with the same number of queries; its downloads; and who reads which parts."""

import io
from datetime import date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from annual.selectors import annual_report
from meetings.hwpx import hwpx_text, hwpx_validate
from meetings.models import ActionItem, AgendaItem, Meeting
from members.models import Difficulty
from plans.models import BudgetLine
from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import (
    AgreementFactory,
    BestPracticeFactory,
    DifficultyFactory,
)
from tests.plans.factories import (
    BudgetLineFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    StrategyFactory,
)
from tests.support.hwpx import cell_alignments

YEAR = 2024


def _at(month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(YEAR, month, day, 14))


def _meeting(council, number: int, month: int, present: list[bool]) -> Meeting:
    meeting = MeetingFactory(
        council=council,
        number=number,
        starts_at=_at(month, 3),
        ends_at=_at(month, 3) + timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    for attended in present:
        InvitationFactory(meeting=meeting, attended=attended)
    return meeting


def _year(anyang, daerim, extra_meetings: int = 0):
    first = _meeting(anyang, 1, 3, [True, False])  # 1 of 2
    second = _meeting(anyang, 2, 9, [True, True])  # 2 of 2
    for number in range(extra_meetings):
        _meeting(anyang, 10 + number, 11, [True, True, False])
    MeetingFactory(council=anyang, number=99, starts_at=_at(12, 1), status=Meeting.Status.CANCELLED)
    practice = BestPracticeFactory(council=anyang, institution=daerim, published=True, published_at=_at(4, 1))
    AgendaItemFactory(meeting=first, decision=AgendaItem.Decision.APPROVED, best_practice=practice)
    AgendaItemFactory(meeting=second, decision=AgendaItem.Decision.APPROVED)
    AgendaItemFactory(meeting=second, decision=AgendaItem.Decision.NOTED)
    ActionItemFactory(meeting=first, status="done")
    ActionItemFactory(meeting=second)
    answered = DifficultyFactory(council=anyang, institution=daerim, status=Difficulty.Status.RESOLVED)
    Difficulty.objects.filter(pk=answered.pk).update(
        created_at=_at(5, 1), first_answered_at=_at(5, 3), closed_at=_at(5, 5)
    )
    waiting = DifficultyFactory(council=anyang, institution=daerim)
    Difficulty.objects.filter(pk=waiting.pk).update(created_at=_at(6, 1))
    AgreementFactory(
        council=anyang,
        signed_on=date(YEAR, 5, 22),
        valid_from=date(YEAR, 6, 1),
        valid_until=date(YEAR + 1, 5, 31),
    )
    AgreementFactory(
        council=anyang,
        signed_on=date(YEAR - 2, 1, 10),
        valid_from=date(YEAR - 2, 1, 10),
        valid_until=date(YEAR, 8, 31),
    )


def test_the_figures_equal_those_counted_by_hand(anyang, daerim):
    _year(anyang, daerim)
    report = annual_report(council=anyang, year=YEAR, full=True)
    assert [(row.meeting.number, row.attended, row.invited) for row in report.meetings] == [
        (1, 1, 2),
        (2, 2, 2),
    ]
    assert str(report.attendance_rate) == "0.75"
    decided = {str(AgendaItem.Decision.APPROVED.label): 2, str(AgendaItem.Decision.NOTED.label): 1}
    assert dict(report.decisions) == decided
    assert dict(report.actions)[str(ActionItem.Status.DONE.label)] == 1
    assert sum(count for _label, count in report.actions) == 2
    assert (report.practices_published, report.practices_presented) == (1, 1)
    assert report.difficulties.total == 2
    assert (report.difficulties.median_days_to_answer, report.difficulties.median_days_to_resolve) == (
        2.0,
        4.0,
    )
    assert report.agreements == {"signed": 1, "in_force": 1, "expiring": 1}
    assert sum(row.invited for row in report.institutions) == 4


def test_the_same_queries_at_two_sizes(login, alice, anyang, daerim):
    _year(anyang, daerim)
    url = reverse("annual-report", args=[anyang.slug, YEAR])
    client = login(alice)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for number in range(20, 26):
        _meeting(anyang, number, 10, [True, False, True])
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert len(large) == len(small)
    assert page.count('href="/meetings/') >= 8


def test_downloads_hold_the_same_figures(login, alice, anyang, daerim):
    _year(anyang, daerim)
    client = login(alice)
    hwpx = client.get(reverse("annual-report-hwpx", args=[anyang.slug, YEAR])).content
    assert hwpx_validate(hwpx) == []
    text = hwpx_text(hwpx)
    assert (
        f"{YEAR}년 연간 운영 실적" in text and "출석률" in text and "75.0%" not in text
    )  # per meeting: 50%, 100%
    assert "50.0%" in text and "100.0%" in text
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("annual-report-xlsx", args=[anyang.slug, YEAR])).content)
    )
    meetings = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(row[3], row[4]) for row in meetings] == [(1, 2), (2, 2)]
    pdf = client.get(reverse("annual-report-pdf", args=[anyang.slug, YEAR]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_officials_read_it_all_and_others_the_published_parts(
    login, client, alice, carol, bob, dave, anyang, daerim
):
    _year(anyang, daerim)
    url = reverse("annual-report", args=[anyang.slug, YEAR])
    for user in (alice, carol):
        assert 'data-testid="annual-difficulties"' in login(user).get(url).content.decode()
    for reader in (login(bob), client):
        page = reader.get(url).content.decode()
        assert 'data-testid="annual-meetings"' in page and 'data-testid="annual-difficulties"' not in page
        assert 'data-testid="annual-institutions"' not in page
    council_page = login(alice).get(reverse("council-detail", args=[anyang.slug])).content.decode()
    assert url in council_page


def _plan_year(anyang):
    """Two strategies of different sizes, and a KPI with a target for the year."""
    plan = PlanFactory(council=anyang, approved=True, start_year=YEAR - 1, end_year=YEAR + 2)
    for code, planned, executed in (("1", 13_042_000_000, 12_437_490_000), ("2", 987_000_000, 0)):
        project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan, code=code)))
        line = BudgetLineFactory(project=project, year=YEAR, planned=planned)
        BudgetLine.objects.filter(pk=line.pk).update(executed=executed)
    IndicatorTargetFactory(indicator=IndicatorFactory(project=project), year=YEAR)
    return plan


def _pdf_columns(data: bytes, texts: set[str]) -> dict[str, int]:
    """Where each of the texts starts on its line of the PDF laid out as plain text (by position)."""
    columns: dict[str, int] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            for text in texts:
                if f" {text} " in f" {line} ":
                    columns[text] = f" {line} ".index(f" {text} ")
    return columns


def test_documents_print_counts_and_won_grouped_and_right_aligned(login, alice, anyang, daerim):
    _year(anyang, daerim)
    _plan_year(anyang)
    client = login(alice)

    pdf = client.get(reverse("annual-report-pdf", args=[anyang.slug, YEAR])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "13,042,000,000" in text and "13042000000" not in text
    # Right-aligned in one column: the longer amount starts further left (left-aligned, both start alike).
    columns = _pdf_columns(pdf, {"13,042,000,000", "987,000,000"})
    assert columns["13,042,000,000"] < columns["987,000,000"] - 2
    assert "성과지표 (2024년)" in text and "2.0일" in text

    cells = cell_alignments(client.get(reverse("annual-report-hwpx", args=[anyang.slug, YEAR])).content)
    assert cells["13,042,000,000"] == cells["12,437,490,000"] == cells["95.4%"] == "RIGHT"
    assert cells["계획액(원)"] == "RIGHT" and cells["추진전략"] != "RIGHT"
    assert cells["2.0일"] == "RIGHT"

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("annual-report-xlsx", args=[anyang.slug, YEAR])).content)
    )
    budget = next(sheet for sheet in workbook.worksheets if sheet["A1"].value == "추진전략")
    planned, executed, rate = budget[2][1:4]
    assert (planned.value, planned.number_format) == (13_042_000_000, "#,##0")
    assert budget.column_dimensions["B"].width > len("13,042,000,000")  # wide enough to show it, not ####
    assert executed.value == 12_437_490_000
    assert round(float(rate.value), 3) == 0.954 and rate.number_format == "0.0%"
    kpis = workbook.worksheets[-1]
    assert [cell.value for cell in kpis[1]] == ["목표가 있는 성과지표", "목표를 달성한 성과지표", "달성률"]
    assert [cell.value for cell in kpis[2]][:2] == [1, 0]
