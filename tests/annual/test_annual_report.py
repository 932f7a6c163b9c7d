"""The annual report of a small council, checked against figures counted by hand, at two data sizes
with the same number of queries; its downloads; and who reads which parts."""

import io
from datetime import date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from annual.selectors import annual_report
from meetings.hwpx import hwpx_text, hwpx_validate
from meetings.models import ActionItem, AgendaItem, Meeting
from members.models import Difficulty
from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import (
    AgreementFactory,
    BestPracticeFactory,
    DifficultyFactory,
)

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
